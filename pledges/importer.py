"""Bulk import of practices (case studies) from a spreadsheet with the open-data columns.

A file exported from ``/open-data/practices.csv`` (or the template the admin
offers) comes back in as draft case studies: one ``LocalActionPage`` per row,
under the practice library of the row's language, submitted to the
moderators' workflow by whoever imports it. Nothing is published from the
admin; only ``manage.py import_practices --publish`` publishes, to load a
dataset into a fresh site.

``check_rows`` is the dry run: it reads the whole file and reports, row by
row, what is wrong (missing values, unknown codes, countries, languages), how
the government is found (an existing LRG matched by name and country, or a new
one created on import) and whether the row is a duplicate — of a practice on
the site (same ``id``, which is the practice's ``translation_key``, or same
government and title) or of an earlier row of the file. It writes nothing.
``import_rows`` runs the same checks, then creates the rows that are ready;
rows with errors or duplicates are skipped, so importing a file twice creates
nothing the second time, and a corrected file only adds the rows fixed.

The columns are those of ``practices.csv`` (``pledges.opendata.columns``).
``title_<language>`` (a title in another language) creates a translation of
the new page with that title (wagtail-localize; its other texts stay in the
original language until translated in the admin). Columns the site derives
are read but not imported: ``m49_region`` and ``m49_subregion`` come from the
country, ``country_iso3`` is only checked against ``country_iso2``,
``registries`` is kept by the registry records (Prepare for registries), and
``url`` only gives the page its slug (its last part) when that slug is free.
"""

import csv
import io
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pycountry
from openpyxl import Workbook, load_workbook

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import Locale

from hub.localization import translate
from pledges.models import LocalActionPage, LocalGovernment
from pledges.opendata.columns import PRACTICES, SEPARATOR, TITLE_LANGUAGES
from pledges.opendata.export import RELATIONS
from pledges.regions import country_choices
from pledges.services import practice_library, unique_government_slug

# The columns are those of practices.csv (``pledges.opendata.columns``); the coded
# ones map to the case study's relations as the export reads them.
COLUMNS = tuple(PRACTICES.header)
CODED = {column: relation for column, (relation, _key, _model) in RELATIONS.items()}
TRANSLATED_TITLES = {f"title_{code}": code for code in TITLE_LANGUAGES}
REQUIRED = ("title", "lrg", "country_iso2", "summary")
MAX_ROWS = 5000
MAX_BYTES = 2 * 1024 * 1024
TITLE_LENGTH = 255
PARTNERS_LENGTH = LocalActionPage._meta.get_field("partners").max_length
YEARS = (1950, 2100)

# What the template's example row says (real codes, an invented action).
EXAMPLE = {
    "id": "",
    "title": "Example City: One-stop welcome centre for newcomers",
    "language": "en",
    "url": "",
    "lrg": "Example City",
    "lrg_type": "city",
    "country_iso2": "MA",
    "country_iso3": "MAR",
    "m49_region": "",
    "m49_subregion": "",
    "status": "ongoing",
    "start_year": "2021",
    "themes": "access-to-services;inclusive-governance",
    "gcm_objectives": "3;15;16",
    "gcm_objectives_primary": "15",
    "gcm_principles": "a;j",
    "gcr_objectives": "2",
    "gcr_areas": "2.3",
    "sdg_goals": "10;11",
    "population_groups": "migrants;refugees",
    "partners": "IOM, a local migrants' association",
    "summary": "The city opened a welcome centre where newcomers find the services they ask "
    "for most under one roof, in their languages.",
    "registries": "",
}


class ImportFileError(Exception):
    """The file cannot be read as a table of practices (the message says why)."""


# --- Reading files ---------------------------------------------------------------------


def _text(value):
    """A cell as text: numbers without a trailing ``.0``, None as empty."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_table(data, filename):
    """``(header, rows)`` of a CSV or XLSX file given as bytes; rows are lists of texts.

    CSV: UTF-8 (with or without a byte-order mark), separated by commas,
    semicolons or tabs (whichever the header uses). XLSX: the first sheet.
    Raises ``ImportFileError``.
    """
    if len(data) > MAX_BYTES:
        raise ImportFileError(
            _("The file is larger than %(size)d MB: split it into smaller files.")
            % {"size": MAX_BYTES // (1024 * 1024)}
        )
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        table = _read_xlsx(data)
    elif name.endswith((".csv", ".txt")):
        table = _read_csv(data)
    else:
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    table = [row for row in table if any(cell for cell in row)]
    if not table:
        raise ImportFileError(_("The file is empty."))
    header = [cell.strip().lower() for cell in table[0]]
    rows = table[1:]
    if len(rows) > MAX_ROWS:
        raise ImportFileError(
            _("The file has more than %(count)d rows: split it into smaller files.")
            % {"count": MAX_ROWS}
        )
    return header, rows


def _read_csv(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("The CSV file is not in UTF-8: save it as “CSV UTF-8” and upload it again.")
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    try:
        return [
            [cell.strip() for cell in row]
            for row in csv.reader(io.StringIO(text), delimiter=delimiter)
        ]
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file cannot be read: %(error)s") % {"error": error}
        ) from error


def _read_xlsx(data):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise ImportFileError(_("The file is not a readable XLSX workbook.")) from error
    try:
        sheet = workbook.worksheets[0]
        return [[_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


# --- The template ------------------------------------------------------------------------


def template_csv():
    """The import template as CSV: the header and one example row (UTF-8 with BOM for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow([EXAMPLE.get(column, "") for column in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx():
    """The import template as an XLSX workbook: the header and one example row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "practices"
    sheet.append(list(COLUMNS))
    sheet.append([EXAMPLE.get(column, "") for column in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Checking rows ---------------------------------------------------------------------


@dataclass
class RowReport:
    """What the import found, or did, for one row of the file."""

    number: int  # the row's number in the spreadsheet (the header is row 1)
    title: str = ""
    language: str = ""
    government: str = ""
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    duplicate: str = ""
    page: LocalActionPage | None = None
    values: dict = field(default_factory=dict)

    @property
    def ready(self):
        return not self.errors and not self.duplicate

    @property
    def outcome(self):
        """``error``, ``duplicate``, ``ready`` (dry run), ``draft`` or ``published``."""
        if self.errors:
            return "error"
        if self.duplicate:
            return "duplicate"
        if self.page is None:
            return "ready"
        return "published" if self.page.live else "draft"

    @property
    def outcome_label(self):
        return {
            "error": gettext_lazy("Not imported: fix the errors"),
            "duplicate": gettext_lazy("Not imported: already there"),
            "ready": gettext_lazy("Ready to import"),
            "draft": gettext_lazy("Created as a draft, submitted to the moderators"),
            "published": gettext_lazy("Created and published"),
        }[self.outcome]


@dataclass
class ImportReport:
    """The outcome of a dry run or an import: file-level problems and one report per row."""

    dry_run: bool
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # the file cannot be imported at all
    ignored_columns: list = field(default_factory=list)

    def count(self, outcome):
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def counts(self):
        return {
            outcome: self.count(outcome)
            for outcome in ("ready", "draft", "published", "duplicate", "error")
        }

    @property
    def created(self):
        return [row.page for row in self.rows if row.page is not None]


class _Lookups:
    """Everything the checks compare a row with, read once per file."""

    def __init__(self):
        default = settings.LANGUAGE_CODE
        self.codes = {}
        for column, name in CODED.items():
            model = LocalActionPage._meta.get_field(name).related_model
            rows = model.objects.filter(locale__language_code=default)
            self.codes[column] = {str(getattr(row, model.key_field)).lower(): row for row in rows}
        self.countries = {code for code, _name in country_choices()}
        self.languages = [code for code, _name in settings.LANGUAGES]
        self.kinds = {kind for kind, _label in LocalGovernment.KIND_CHOICES}
        self.statuses = {status for status, _label in LocalActionPage.STATUS_CHOICES}
        self.libraries = {}
        self.new_governments = {}  # (name, country) -> the first row that creates it

    def library(self, language):
        if language not in self.libraries:
            locale = Locale.objects.filter(language_code=language).first()
            self.libraries[language] = practice_library(locale) if locale else None
        return self.libraries[language]


def _split(value):
    return [code.strip() for code in value.split(SEPARATOR) if code.strip()]


def find_government(name, country):
    """The LRG (default-language row) with this name, in any language, in this country."""
    slug = slugify(name)
    match = (
        LocalGovernment.objects.filter(country=country)
        .filter(Q(name__iexact=name) | Q(slug=slug) | Q(slug=slugify(f"{name}-{country}")))
        .order_by("pk")
        .first()
    )
    if match is None or match.locale.language_code == settings.LANGUAGE_CODE:
        return match
    return (
        LocalGovernment.objects.filter(
            translation_key=match.translation_key, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        or match
    )


def _check_row(number, cells, lookups):
    """The report of one row (its cleaned values in ``values``); reads, never writes."""

    def get(column):
        return (cells.get(column) or "").strip()

    report = RowReport(number=number, title=get("title"), government=get("lrg"))
    values = report.values

    for column in REQUIRED:
        if not get(column):
            report.errors.append(_("Missing required value: %(column)s") % {"column": column})
    if len(report.title) > TITLE_LENGTH:
        report.errors.append(_("title: longer than %(count)d characters") % {"count": TITLE_LENGTH})
    if len(get("partners")) > PARTNERS_LENGTH:
        report.errors.append(
            _("partners: longer than %(count)d characters") % {"count": PARTNERS_LENGTH}
        )

    # Identity: the id is the practice's translation_key, the same in every language.
    if get("id"):
        try:
            values["id"] = uuid.UUID(get("id"))
        except ValueError:
            report.errors.append(
                _("id: “%(value)s” is not a practice id (a UUID)") % {"value": get("id")}
            )

    language = get("language").lower() or settings.LANGUAGE_CODE
    report.language = language
    if language not in lookups.languages:
        report.errors.append(
            _("language: unknown language “%(value)s” (one of %(codes)s)")
            % {"value": get("language"), "codes": ", ".join(lookups.languages)}
        )
    elif lookups.library(language) is None:
        report.errors.append(
            _("There is no practice library in this language (%(code)s): translate it first.")
            % {"code": language}
        )
    values["language"] = language

    country = get("country_iso2").upper()
    if country and country not in lookups.countries:
        report.errors.append(_("Unknown country “%(value)s”") % {"value": get("country_iso2")})
    elif country and get("country_iso3"):
        known = pycountry.countries.get(alpha_2=country)
        if known is None or known.alpha_3 != get("country_iso3").upper():
            report.errors.append(
                _("country_iso3 “%(iso3)s” is not the code of %(iso2)s")
                % {"iso3": get("country_iso3"), "iso2": country}
            )
    values["country"] = country

    kind = get("lrg_type").lower()
    if kind and kind not in lookups.kinds:
        report.errors.append(
            _("lrg_type: unknown code “%(value)s” (one of %(codes)s)")
            % {"value": get("lrg_type"), "codes": ", ".join(sorted(lookups.kinds))}
        )
    values["kind"] = kind or LocalGovernment.CITY

    status = get("status").lower() or LocalActionPage.ONGOING
    if status not in lookups.statuses:
        report.errors.append(
            _("status: unknown code “%(value)s” (one of %(codes)s)")
            % {"value": get("status"), "codes": ", ".join(sorted(lookups.statuses))}
        )
    values["status"] = status

    year = get("start_year")
    values["start_year"] = None
    if year:
        try:
            values["start_year"] = int(year)
        except ValueError:
            values["start_year"] = 0
        if not YEARS[0] <= values["start_year"] <= YEARS[1]:
            report.errors.append(
                _("start_year: “%(value)s” is not a year between %(first)d and %(last)d")
                % {"value": year, "first": YEARS[0], "last": YEARS[1]}
            )

    for column in CODED:
        known = lookups.codes[column]
        terms = []
        for code in _split(get(column)):
            term = known.get(code.lower())
            if term is None:
                report.errors.append(
                    _("%(column)s: unknown code “%(code)s”") % {"column": column, "code": code}
                )
            elif term not in terms:
                terms.append(term)
        values[column] = terms
    primary_outside = [
        str(term.number)
        for term in values["gcm_objectives_primary"]
        if term not in values["gcm_objectives"]
    ]
    if primary_outside:
        report.errors.append(
            _("gcm_objectives_primary: %(codes)s not among gcm_objectives")
            % {"codes": ", ".join(primary_outside)}
        )

    # Titles in other languages become translations (wagtail-localize) of the new page.
    values["translations"] = {}
    for column, code in TRANSLATED_TITLES.items():
        text = get(column)
        if not text or code == language:
            continue
        if len(text) > TITLE_LENGTH:
            report.errors.append(
                _("%(column)s: longer than %(count)d characters")
                % {"column": column, "count": TITLE_LENGTH}
            )
        elif lookups.library(code) is None:
            report.errors.append(
                _("%(column)s: there is no practice library in this language: translate it first.")
                % {"column": column}
            )
        else:
            values["translations"][code] = text
    if values["translations"]:
        report.notes.append(
            _("Translated titles (a translation is created for each): %(languages)s")
            % {"languages": ", ".join(values["translations"])}
        )

    values["title"] = report.title
    values["summary"] = get("summary")
    # Partners are separated by semicolons in the open data, by commas on the page.
    values["partners"] = ", ".join(_split(get("partners")))
    values["slug"] = _slug_from_url(get("url"))
    values["government_name"] = report.government
    return report


def _slug_from_url(url):
    if not url:
        return ""
    last = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    return last if last and slugify(last) == last else ""


def _match_government(report, lookups):
    """Find the row's LRG or plan its creation; say which on the row."""
    values = report.values
    name, country = values["government_name"], values["country"]
    if not name or not country or country not in lookups.countries:
        return
    government = find_government(name, country)
    values["government"] = government
    if government is not None:
        report.notes.append(
            _("Government found on the site: %(name)s (%(country)s)")
            % {"name": government.name, "country": government.country}
        )
        return
    key = (name.lower(), country)
    first = lookups.new_governments.setdefault(key, report.number)
    if first == report.number:
        report.notes.append(
            _("New government, created on import: %(name)s (%(country)s)")
            % {"name": name, "country": country}
        )
    else:
        report.notes.append(
            _("New government, created on import by row %(row)d: %(name)s (%(country)s)")
            % {"row": first, "name": name, "country": country}
        )


def _find_duplicate(report, seen):
    """Name what the row duplicates on the site or earlier in the file, or return ""."""
    values = report.values
    practice_id = values.get("id")
    if practice_id is not None:
        existing = LocalActionPage.objects.filter(translation_key=practice_id).first()
        if existing is not None:
            return _("Already on the site with this id: “%(title)s”") % {"title": existing.title}
    government = values.get("government")
    if government is not None and values["title"]:
        existing = (
            LocalActionPage.objects.filter(
                local_government__translation_key=government.translation_key,
                title__iexact=values["title"],
            )
            .order_by("pk")
            .first()
        )
        if existing is not None:
            return _("Already on the site: “%(title)s” by the same government") % {
                "title": existing.title
            }
    keys = [
        ("title", values["government_name"].lower(), values["country"], values["title"].lower())
    ]
    if practice_id is not None:
        keys.append(("id", practice_id))
    for key in keys:
        if key in seen:
            return _("Same practice as row %(row)d of this file") % {"row": seen[key]}
    for key in keys:
        seen[key] = report.number
    return ""


def check_table(header, rows):
    """The dry run of a table read by ``read_table``: an ``ImportReport``; writes nothing."""
    report = ImportReport(dry_run=True)
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        report.errors.append(
            _("The file lacks required columns: %(columns)s. Start from the template.")
            % {"columns": ", ".join(missing)}
        )
        return report
    report.ignored_columns = [column for column in header if column and column not in COLUMNS]
    lookups = _Lookups()
    seen = {}
    for offset, cells in enumerate(rows):
        row = dict(zip(header, cells, strict=False))
        row_report = _check_row(offset + 2, row, lookups)
        _match_government(row_report, lookups)
        row_report.duplicate = _find_duplicate(row_report, seen)
        report.rows.append(row_report)
    return report


# --- Importing ------------------------------------------------------------------------------


def _unique_slug(library, slug):
    siblings = set(library.get_children().values_list("slug", flat=True))
    base, n = slug, 1
    while slug in siblings:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _government_for(values, created):
    government = values.get("government")
    if government is not None:
        return government
    key = (values["government_name"].lower(), values["country"])
    if key not in created:
        created[key] = LocalGovernment.objects.create(
            name=values["government_name"],
            kind=values["kind"],
            country=values["country"],
            slug=unique_government_slug(values["government_name"], values["country"]),
            locale=Locale.get_default(),
        )
    return created[key]


def _create_page(values, library, government, user, publish):
    """One case study from a checked row: a draft in the workflow, or published."""
    slug = values["slug"] or slugify(f"{government.slug}-{values['title']}")[:80] or "practice"
    page = LocalActionPage(
        title=values["title"],
        slug=_unique_slug(library, slug),
        summary=values["summary"],
        local_government=government,
        status=values["status"],
        start_year=values["start_year"],
        partners=values["partners"],
        live=False,
        owner=user,
        locale=library.locale,
        translation_key=values.get("id") or uuid.uuid4(),
    )
    for column, name in CODED.items():
        setattr(page, name, values[column])
    library.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
        page.refresh_from_db()
    else:
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, user)
    for code, title in values["translations"].items():
        # A draft beside a draft; published with --publish. Its other texts stay in
        # the original language until translated in the admin.
        translate(page, code, {page.title: title}, publish=publish, user=user)
    return page


def import_table(header, rows, *, user=None, publish=False):
    """Check the table, then create every row that is ready; an ``ImportReport``.

    Rows with errors or duplicates are skipped (and say why). Each created
    practice is a draft submitted to its library's workflow by ``user``
    (``publish`` publishes instead: the command's option for a fresh site).
    """
    report = check_table(header, rows)
    report.dry_run = False
    if report.errors:
        return report
    lookups = _Lookups()
    created_governments = {}
    for row in report.rows:
        if not row.ready:
            continue
        values = row.values
        library = lookups.library(values["language"]).specific
        known_governments = dict(created_governments)
        try:
            with transaction.atomic():
                government = _government_for(values, created_governments)
                row.page = _create_page(values, library, government, user, publish)
        except (ValidationError, IntegrityError) as error:
            # Rolled back, with the government this row may have created.
            created_governments.clear()
            created_governments.update(known_governments)
            row.errors.append(_("Could not be saved: %(error)s") % {"error": error})
            continue
        if values.get("government") is None:
            row.notes = [
                _("New government created: %(name)s (%(country)s)")
                % {"name": government.name, "country": government.country}
            ]
    return report


def check_file(data, filename):
    """The dry run of an uploaded file (bytes); raises ``ImportFileError``."""
    return check_table(*read_table(data, filename))


def import_file(data, filename, *, user=None, publish=False):
    """Import an uploaded file (bytes); raises ``ImportFileError``."""
    header, rows = read_table(data, filename)
    return import_table(header, rows, user=user, publish=publish)
