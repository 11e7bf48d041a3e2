"""The open-data rows: practices (as the library lists them), link tables, labels, endorsers.

Only live, public content (``hub.visibility``) and no personal data: no
contact, no signatory, no email. Every function costs a fixed number of
queries whatever the amount of content (the practices: the library's
version and one query per relation; nothing per row).

A practice is the group of pages sharing a ``translation_key`` (its ``id``);
its row is its original page (the library's rule, ``search.indexing``), with
the titles of its live, public translations in ``title_<language>``.
"""

import csv
import io
import json
from collections import defaultdict
from functools import cache

import pycountry

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from hub.visibility import public_pages
from pledges.models import (
    SDG,
    Endorsement,
    GCMObjective,
    GCMPrinciple,
    GCRArea,
    GCRObjective,
    LocalActionPage,
    LocalGovernment,
    PopulationGroup,
    Theme,
)
from pledges.opendata.columns import (
    ENDORSERS,
    LINK_FILES,
    LINKS,
    PRACTICES,
    SEPARATOR,
    TAXONOMIES,
    TITLE_LANGUAGES,
)
from pledges.regions import DATA_FILE, REGION_CHOICES, SUBREGION_CHOICES

REGISTRY_LABELS = {
    "mnh": _("Migration Network Hub"),
    "unhcr": _("UNHCR Global Compact on Refugees Digital Platform"),
    "gfmd": _("GFMD Platform for Partnerships"),
}

# practices.csv column -> (relation on LocalActionPage, the taxonomy's key field, model)
RELATIONS = {
    "themes": ("themes", "slug", Theme),
    "gcm_objectives": ("gcm_objectives", "number", GCMObjective),
    "gcm_objectives_primary": ("gcm_objectives_primary", "number", GCMObjective),
    "gcm_principles": ("gcm_principles", "code", GCMPrinciple),
    "gcr_objectives": ("gcr_objectives", "number", GCRObjective),
    "gcr_areas": ("gcr_areas", "code", GCRArea),
    "sdg_goals": ("sdgs", "number", SDG),
    "population_groups": ("population_groups", "slug", PopulationGroup),
}
# taxonomies.csv name -> model
TAXONOMY_MODELS = {
    "theme": Theme,
    "gcm_objective": GCMObjective,
    "gcm_principle": GCMPrinciple,
    "gcr_objective": GCRObjective,
    "gcr_area": GCRArea,
    "sdg_goal": SDG,
    "population_group": PopulationGroup,
}


# --- Countries and regions ----------------------------------------------------------


@cache
def m49_codes():
    """ISO alpha-2 -> (M49 region code, sub-region code), three digits with leading zeros."""
    with DATA_FILE.open(encoding="utf-8") as handle:
        return {
            row["iso2"]: (row["region_code"].zfill(3), row["subregion_code"].zfill(3))
            for row in csv.DictReader(handle)
        }


@cache
def m49_names():
    """{code: region or sub-region slug} of every M49 code the site uses."""
    names = {}
    with DATA_FILE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names[("m49_region", row["region_code"].zfill(3))] = slugify(row["region"])
            names[("m49_subregion", row["subregion_code"].zfill(3))] = slugify(row["subregion"])
    return names


@cache
def alpha3(iso2):
    country = pycountry.countries.get(alpha_2=iso2) if iso2 else None
    return country.alpha_3 if country else ""


def country_columns(iso2):
    """The country and M49 columns of a government in ``iso2``."""
    iso2 = (iso2 or "").upper()
    region, subregion = m49_codes().get(iso2, ("", ""))
    return {
        "country_iso2": iso2,
        "country_iso3": alpha3(iso2),
        "m49_region": region,
        "m49_subregion": subregion,
    }


# --- Which practices -----------------------------------------------------------------


def library_filter(query):
    """The library's filter for a query string (``request.GET``), and what it ignored.

    The same parsing as the practice library and its JSON endpoint: unknown
    values are dropped and reported, never an error.
    """
    from search.forms import PracticeQueryForm
    from search.services import library_vocabulary

    vocabulary = library_vocabulary(settings.LANGUAGE_CODE)
    form = PracticeQueryForm(query, vocabulary=vocabulary)
    return form.cleaned_filter, form.ignored, vocabulary


def matching_keys(filters, vocabulary):
    """The translation keys of the practices the library lists for ``filters`` (all pages)."""
    from search.engines.database import DatabaseEngine

    ids = set(DatabaseEngine().matching_ids(filters, version=vocabulary.version))
    return ids


def _natural(value):
    return tuple(int(part) if part.isdigit() else part for part in str(value).split("."))


def _relation_codes(column, page_ids_query):
    """{page id: sorted codes} of one relation for the pages of a subquery: one query."""
    relation, key_field, _model = RELATIONS[column]
    field = LocalActionPage._meta.get_field(relation)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    rows = through.objects.filter(**{f"{source}__in": page_ids_query}).values_list(
        f"{source}_id", f"{target}__{key_field}"
    )
    codes = defaultdict(list)
    for page_id, code in rows:
        codes[page_id].append(code)
    return {page_id: sorted(values, key=_natural) for page_id, values in codes.items()}


def _translation_targets():
    """{translation key: languages wagtail-localize translated the practice into}: one query."""
    from wagtail_localize.models import Translation

    content_type = ContentType.objects.get_for_model(LocalActionPage)
    targets = defaultdict(set)
    rows = Translation.objects.filter(source__specific_content_type=content_type).values_list(
        "source__object_id", "target_locale__language_code"
    )
    for key, language in rows:
        targets[str(key)].add(language)
    return targets


def _registry_links():
    """{translation key: [(registry, url)]} of the published registry records: one query."""
    try:
        model = apps.get_model("pledges", "RegistryPublication")
    except LookupError:  # not installed yet: the column stays empty
        return {}
    links = defaultdict(list)
    rows = (
        model.objects.filter(status="published")
        .exclude(url="")
        .values_list("translation_key", "registry", "url")
    )
    order = list(REGISTRY_LABELS)
    for key, registry, url in rows:
        links[str(key)].append((registry, url))
    return {
        key: sorted(found, key=lambda item: order.index(item[0]) if item[0] in order else 99)
        for key, found in links.items()
    }


def _partners(text):
    parts = [part.strip() for part in (text or "").replace(";", ",").split(",")]
    return [part for part in parts if part]


def practice_records(request, filters=None, vocabulary=None):
    """One record per practice the library lists for ``filters`` (every practice if None).

    A record maps each column of ``practices.csv`` to a value: text, an
    integer or None, or a list of codes for the multi-valued columns. Sorted
    by ``id``, so a download is the same file until the content changes.
    """
    from search.indexing import original_of

    if filters is not None:
        shown_ids = matching_keys(filters, vocabulary)
    pages_query = public_pages(LocalActionPage.objects).filter(alias_of__isnull=True)
    pages = list(
        pages_query.select_related("local_government", "locale").defer(
            "body", "gallery", "documents"
        )
    )
    groups = defaultdict(list)
    for page in pages:
        groups[str(page.translation_key)].append(page)
    if filters is not None:
        groups = {
            key: members
            for key, members in groups.items()
            if any(page.pk in shown_ids for page in members)
        }
    ids_query = pages_query.values("pk")
    codes = {column: _relation_codes(column, ids_query) for column in RELATIONS}
    targets = _translation_targets()
    registries = _registry_links()
    records = []
    for key in sorted(groups):
        members = groups[key]
        original = original_of(members, targets.get(key, ()))
        in_language = {}
        for page in sorted(members, key=lambda page: page.pk):
            in_language.setdefault(page.locale.language_code, page)
        government = original.local_government
        url = original.get_url(request)
        record = {
            "id": key,
            "title": original.title,
            "language": original.locale.language_code,
            **{
                f"title_{code}": in_language[code].title if code in in_language else ""
                for code in TITLE_LANGUAGES
            },
            "url": request.build_absolute_uri(url) if url and request is not None else url or "",
            "lrg": government.name if government else "",
            "lrg_type": government.kind if government else "",
            **country_columns(government.country if government else ""),
            "status": original.status or "",
            "start_year": original.start_year,
            **{column: codes[column].get(original.pk, []) for column in RELATIONS},
            "partners": _partners(original.partners),
            "summary": original.summary or "",
            "registries": [registry for registry, _url in registries.get(key, [])],
            "_registry_links": registries.get(key, []),
        }
        records.append(record)
    return records


# --- Files ---------------------------------------------------------------------------


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return SEPARATOR.join(str(item) for item in value)
    return str(value)


def practice_rows(records):
    """The rows of practices.csv: each column's value as text (codes joined by ``;``)."""
    return [[_cell(record[name]) for name in PRACTICES.header] for record in records]


def practice_json(records):
    """practices.json: the rows of practices.csv as objects (``start_year`` a number)."""
    items = []
    for record in records:
        item = {}
        for column in PRACTICES.columns:
            value = record[column.name]
            item[column.name] = value if column.type == "integer" else _cell(value)
        items.append(item)
    return items


def link_rows(records):
    """{link file name: rows}: one row per practice and code."""
    rows = {data_file.name: [] for data_file in LINK_FILES}
    for record in records:
        for column, file_name in LINKS.items():
            if column == "registries":
                for registry, url in record["_registry_links"]:
                    rows[file_name].append([record["id"], registry, url])
            elif column == "gcm_objectives":
                primary = set(record["gcm_objectives_primary"])
                for code in record[column]:
                    rows[file_name].append([record["id"], str(code), _cell(code in primary)])
            else:
                for code in record[column]:
                    rows[file_name].append([record["id"], str(code)])
    return rows


def _taxonomy_rows(name, model):
    key_field = model.key_field
    found = model.objects.values_list(
        "translation_key", "locale__language_code", key_field, "title"
    )
    keys, titles = {}, defaultdict(dict)
    for translation_key, language, key, title in found:
        if language == settings.LANGUAGE_CODE:
            keys[translation_key] = str(key)
        titles[translation_key][language] = title
    rows = []
    for translation_key, key in sorted(keys.items(), key=lambda item: _natural(item[1])):
        for language in TITLE_LANGUAGES:
            label = titles[translation_key].get(language) or titles[translation_key].get(
                settings.LANGUAGE_CODE, key
            )
            rows.append([name, key, language, label])
    return rows


def taxonomy_rows():
    """The rows of taxonomies.csv: every code of every vocabulary, in every language."""
    rows = []
    for name, model in TAXONOMY_MODELS.items():
        rows += _taxonomy_rows(name, model)
    choices = {
        "status": LocalActionPage.STATUS_CHOICES,
        "lrg_type": LocalGovernment.KIND_CHOICES,
        "registry": list(REGISTRY_LABELS.items()),
    }
    region_labels = dict(REGION_CHOICES) | dict(SUBREGION_CHOICES)
    m49 = sorted(m49_names().items())
    for name, values in choices.items():
        for code, label in values:
            for language in TITLE_LANGUAGES:
                with translation.override(language):
                    rows.append([name, code, language, str(label)])
    for (name, code), slug in m49:
        for language in TITLE_LANGUAGES:
            with translation.override(language):
                rows.append([name, code, language, str(region_labels.get(slug, slug))])
    return rows


def endorser_rows():
    """The rows of endorsers.csv: approved endorsements listed publicly; one query.

    Only the government's name, kind, country and the date: never the
    signatory's name, title, email or message.
    """
    endorsements = (
        Endorsement.objects.filter(
            status=Endorsement.APPROVED,
            consent_to_list=True,
            email_confirmed_at__isnull=False,
        )
        .filter(~Q(government_name=""))
        .order_by("government_name", "country", "pk")
        .values_list("government_name", "government_kind", "country", "reviewed_at", "created_at")
    )
    rows = []
    for name, kind, country, reviewed_at, created_at in endorsements:
        columns = country_columns(country)
        endorsed = reviewed_at or created_at
        rows.append(
            [
                name,
                kind,
                columns["country_iso2"],
                columns["country_iso3"],
                columns["m49_region"],
                columns["m49_subregion"],
                endorsed.date().isoformat() if endorsed else "",
            ]
        )
    return rows


def csv_text(header, rows):
    """A CSV file (RFC 4180, UTF-8, CRLF line ends) with this header and rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def all_files(request, filters=None, vocabulary=None):
    """{file name: text} of every data file for ``filters`` (datapackage.json apart)."""
    records = practice_records(request, filters, vocabulary)
    files = {PRACTICES.path: csv_text(PRACTICES.header, practice_rows(records))}
    links = link_rows(records)
    for data_file in LINK_FILES:
        files[data_file.path] = csv_text(data_file.header, links[data_file.name])
    files[TAXONOMIES.path] = csv_text(TAXONOMIES.header, taxonomy_rows())
    files[ENDORSERS.path] = csv_text(ENDORSERS.header, endorser_rows())
    files["practices.json"] = json.dumps(practice_json(records), ensure_ascii=False, indent=1)
    return files
