"""A practice as a record for each of the three global registries the campaign promises.

The Call to Local Action tells governments their actions "will be elevated" to
the Migration Network Hub (UN Network on Migration), UNHCR's Global Compact on
Refugees Digital Platform and the GFMD Platform for Partnerships. None of them
publishes an API or a complete form schema, so a record here is what an editor
copies into each platform's form: per registry, a list of fields (the label as
the registry shows it, our value, copy-ready text) and a checklist of what the
registry asks for that the case study lacks. What the registries ask for is
summarised in the project's notes on them (labels seen on published entries
and in their guidance); where a registry's list or limit is not published, the
field says so in its note.

Registry labels stay in English, as the registries' forms show them; our notes
and checklist are translated. The record is built from the practice's English
case study when there is one (the registries work in English), else from the
page given.
"""

import csv
import io
import json
import re
from dataclasses import dataclass, field
from html import unescape

import pycountry

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from pledges.models import ActionSubmission, LocalActionPage
from pledges.models.registries import RegistryPublication
from pledges.regions import REGION_CHOICES, SUBREGION_CHOICES

# --- Reference data ---------------------------------------------------------------

# The short titles the Migration Network Hub shows for the 23 GCM objectives.
HUB_GCM_SHORT_TITLES = {
    1: "Data",
    2: "Minimize adverse drivers",
    3: "Information provision",
    4: "Legal identity and documentation",
    5: "Regular pathways",
    6: "Recruitment and decent work",
    7: "Reduce vulnerabilities",
    8: "Save lives",
    9: "Counter smuggling",
    10: "Eradicate trafficking",
    11: "Manage borders",
    12: "Screening and referral",
    13: "Alternatives to detention",
    14: "Consular protection",
    15: "Access to basic services",
    16: "Inclusion and social cohesion",
    17: "Eliminate discrimination",
    18: "Skills development and recognition",
    19: "Migrant and diaspora contributions",
    20: "Remittances",
    21: "Dignified return and reintegration",
    22: "Social protection",
    23: "International cooperation",
}

# Country names as the World Bank writes them (the Hub's country list), where they
# differ from pycountry's short names. From the World Bank's country list (WDI);
# every other country falls back to pycountry.
WORLD_BANK_COUNTRY_NAMES = {
    "BO": "Bolivia",
    "BS": "Bahamas, The",
    "CD": "Congo, Dem. Rep.",
    "CG": "Congo, Rep.",
    "CI": "Cote d'Ivoire",
    "CW": "Curacao",
    "EG": "Egypt, Arab Rep.",
    "FM": "Micronesia, Fed. Sts.",
    "GM": "Gambia, The",
    "HK": "Hong Kong SAR, China",
    "IR": "Iran, Islamic Rep.",
    "KG": "Kyrgyz Republic",
    "KN": "St. Kitts and Nevis",
    "KP": "Korea, Dem. People's Rep.",
    "KR": "Korea, Rep.",
    "LA": "Lao PDR",
    "LC": "St. Lucia",
    "MD": "Moldova",
    "MF": "St. Martin (French part)",
    "MO": "Macao SAR, China",
    "NL": "Netherlands",
    "PS": "West Bank and Gaza",
    "SK": "Slovak Republic",
    "SY": "Syrian Arab Republic",
    "TR": "Turkiye",
    "TZ": "Tanzania",
    "VC": "St. Vincent and the Grenadines",
    "VE": "Venezuela, RB",
    "VG": "British Virgin Islands",
    "VI": "Virgin Islands (U.S.)",
    "VN": "Viet Nam",
    "YE": "Yemen, Rep.",
}

# Population groups (slugs) that make a practice relevant to the Global Compact on Refugees.
REFUGEE_GROUPS = {"refugees", "asylum-seekers", "stateless-people", "host-communities"}

# The GFMD's contributor type for our practices, as the PfP groups its entries.
PFP_CONTRIBUTOR_TYPE = "Mayors, local and regional governments"
SOURCE_IN_GFMD_CONTEXT = "Call to Local Action for Migrants and Refugees"
# The PfP's contribution form gives no length for the summary (its help text asks
# only for who promotes the practice, what it is and where). 1,000 characters is our
# own bound, about 150 words: a summary, not the story.
PFP_SUMMARY_LIMIT = 1000
# The PfP's form: "one file, 2 MB at most, gif, jpg or png".
PFP_IMAGE_MAX_BYTES = 2 * 1024 * 1024
PFP_IMAGE_FORMATS = {"gif", "jpg", "jpeg", "png"}
# The Hub's criteria: "ideally implemented after December 2018" (the GCM's adoption).
HUB_EARLIEST_YEAR = 2019

MISSING = "missing"  # the case study lacks it: an editor can add it here
MANUAL = "manual"  # we do not record it: write it on the registry's own form


def world_bank_country_name(code):
    """A country's name as the World Bank (and the Migration Network Hub) writes it."""
    code = (code or "").upper()
    if code in WORLD_BANK_COUNTRY_NAMES:
        return WORLD_BANK_COUNTRY_NAMES[code]
    country = pycountry.countries.get(alpha_2=code) if code else None
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def country_short_name(code):
    country = pycountry.countries.get(alpha_2=code) if code else None
    if country is None:
        return code or ""
    return getattr(country, "common_name", None) or country.name


def plain_text(html):
    """Rich text as plain paragraphs (what a registry's text box takes)."""
    text = re.sub(r"(?i)</(p|li|h\d)>|<br\s*/?>", "\n", str(html))
    text = unescape(strip_tags(text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line).strip()


# --- What a record is made of -----------------------------------------------------


@dataclass
class RecordField:
    """One field of a registry's form: its label there, our value, the text to paste."""

    key: str
    label: str
    value: object
    text: str
    note: str = ""
    private: bool = False

    @property
    def is_empty(self):
        return not self.text


@dataclass
class Check:
    """Something the registry asks for that the record lacks."""

    field: str
    message: str
    kind: str = MISSING


@dataclass
class Record:
    registry: "Registry"
    facts: "PracticeFacts"
    fields: list = field(default_factory=list)
    checklist: list = field(default_factory=list)

    def field(self, key):
        return next(item for item in self.fields if item.key == key)

    @property
    def publication(self):
        return self.facts.publications.get(self.registry.code)

    def as_json(self):
        """A JSON-ready dict: codes and texts, the checklist in the active language."""
        return {
            "registry": self.registry.code,
            "registry_name": str(self.registry.name),
            "id": str(self.facts.page.translation_key),
            "title": self.facts.page.title,
            "language": self.facts.language,
            "url": self.facts.url,
            "fields": [
                {
                    "key": item.key,
                    "label": item.label,
                    "value": item.value,
                    "text": item.text,
                    "private": item.private,
                }
                for item in self.fields
            ],
            "checklist": [
                {"field": check.field, "kind": check.kind, "message": str(check.message)}
                for check in self.checklist
            ],
        }

    def csv_row(self):
        row = {"id": str(self.facts.page.translation_key), "url": self.facts.url}
        row.update({item.label: item.text for item in self.fields})
        row["Checklist"] = "\n".join(str(check.message) for check in self.checklist)
        return row


@dataclass
class Registry:
    code: str
    name: str
    home_url: str
    build: object

    def record(self, facts):
        record = Record(registry=self, facts=facts)
        self.build(record, facts)
        return record

    def csv_header(self, records):
        if records:
            return list(records[0].csv_row())
        return ["id", "url", "Checklist"]


# --- The practice's facts, read once for all three records ----------------------


@dataclass
class Term:
    code: str
    title: str

    def __str__(self):
        return f"{self.code} {self.title}"


class PracticeFacts:
    """Everything the three records read from a case study, in English where translated."""

    def __init__(self, page, *, publications=None):
        self.page = self.source_page(page)
        page = self.page
        self.language = page.locale.language_code
        self.government = page.local_government
        self.url = page.full_url if page.live else ""
        self.themes = [Term(t.slug, t.title) for t in page.themes.all()]
        objectives = list(page.gcm_objectives.all())
        primary = _related(page, "gcm_objectives_primary")
        primary_numbers = {o.number for o in primary}
        self.gcm_primary = [Term(str(o.number), o.title) for o in primary]
        self.gcm_secondary = [
            Term(str(o.number), o.title) for o in objectives if o.number not in primary_numbers
        ]
        self.gcm_all = [Term(str(o.number), o.title) for o in objectives]
        self.principles = [Term(p.code, p.title) for p in _related(page, "gcm_principles")]
        self.gcr_objectives = [
            Term(str(o.number), o.title) for o in _related(page, "gcr_objectives")
        ]
        self.gcr_areas = [Term(a.code, a.title) for a in page.gcr_areas.all()]
        self.sdgs = [Term(str(s.number), s.title) for s in page.sdgs.all()]
        self.groups = [Term(g.slug, g.title) for g in page.population_groups.all()]
        self.partners = [p.strip() for p in re.split(r"[,;\n]", page.partners or "") if p.strip()]
        self.sections = {
            block.block_type: plain_text(block.value.source)
            for block in page.body
            if block.block_type in ("challenge", "action", "results", "how_to_replicate")
        }
        self.image = self._image(page)
        self.cohort_year = self._cohort_year(page)
        if publications is None:
            publications = {p.registry: p for p in RegistryPublication.objects.for_practice(page)}
        self.publications = publications

    @staticmethod
    def source_page(page):
        """The practice's English case study if there is one, else ``page`` itself."""
        page = page.specific
        if page.locale.language_code != settings.LANGUAGE_CODE:
            english = (
                LocalActionPage.objects.filter(
                    translation_key=page.translation_key,
                    locale__language_code=settings.LANGUAGE_CODE,
                )
                .select_related("locale", "local_government")
                .first()
            )
            if english is not None:
                return english
        return page

    @staticmethod
    def _image(page):
        if page.listing_image_id:
            return page.listing_image
        for item in page.gallery:
            if item.value.get("image"):
                return item.value["image"]
        if page.local_government_id and page.local_government.logo_id:
            return page.local_government.logo
        return None

    @staticmethod
    def _cohort_year(page):
        """The year the action joined the Call: its submission, else its first publication."""
        submission = (
            ActionSubmission.objects.filter(case_study__translation_key=page.translation_key)
            .order_by("created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        if submission:
            return submission.year
        if page.first_published_at:
            return page.first_published_at.year
        return None

    # --- shared texts ---
    @property
    def country_code(self):
        return self.government.country if self.government else ""

    @property
    def region_label(self):
        if not self.government:
            return ""
        return str(dict(REGION_CHOICES).get(self.government.region, ""))

    @property
    def subregion_label(self):
        if not self.government:
            return ""
        return str(dict(SUBREGION_CHOICES).get(self.government.subregion, ""))

    @property
    def contact_text(self):
        page = self.page
        parts = [page.contact_name, page.contact_role, page.contact_email]
        return ", ".join(part for part in parts if part)

    @property
    def image_url(self):
        if not self.image:
            return ""
        url = self.image.file.url
        return url if url.startswith("http") else settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def _related(page, name):
    """A taxonomy relation that may not exist yet on older databases (empty then)."""
    manager = getattr(page, name, None)
    return list(manager.all()) if manager is not None else []


def _codes(terms):
    return [term.code for term in terms]


def _lines(terms):
    return "; ".join(str(term) for term in terms)


def _add(record, key, label, value, text, *, missing=None, kind=MISSING, note="", private=False):
    """Add a field; when its text is empty, add ``missing`` to the checklist."""
    record.fields.append(
        RecordField(key=key, label=label, value=value, text=text, note=note, private=private)
    )
    if not text and missing is not None:
        record.checklist.append(Check(field=key, message=missing, kind=kind))


def _common_checks(record, facts):
    if facts.language != settings.LANGUAGE_CODE:
        record.checklist.append(
            Check(
                "title",
                _("No English version: the record is in the case study's own language."),
                MANUAL,
            )
        )
    if not facts.url:
        record.checklist.append(
            Check("url", _("Not published on this site yet: the record has no public link."))
        )


NO_SUMMARY = _("No summary")
NO_GOVERNMENT = _("No local or regional government")
NO_CONTACT = _("No contact person")
NO_PARTNER = _("No partner")
NO_GCM = _("No GCM objective selected")
NO_RESULTS = _("No results section")


# --- Migration Network Hub -------------------------------------------------------------


def _hub_term(term):
    return f"{term.code} {HUB_GCM_SHORT_TITLES.get(int(term.code), term.title)}"


def _hub_dates(facts):
    page = facts.page
    if not page.start_year:
        return ""
    if page.status == LocalActionPage.COMPLETED:
        return str(page.start_year)
    return f"{page.start_year} - Present"


def build_hub(record, facts):
    page, government = facts.page, facts.government
    _add(record, "title", "Title", page.title, page.title)
    _add(record, "summary", "Summary", page.summary, page.summary, missing=NO_SUMMARY)
    _add(
        record,
        "gcm_primary",
        "GCM Objectives — primary",
        [int(c) for c in _codes(facts.gcm_primary)],
        "; ".join(_hub_term(t) for t in facts.gcm_primary),
        missing=_("No primary GCM objective marked") if facts.gcm_all else NO_GCM,
    )
    _add(
        record,
        "gcm_secondary",
        "GCM Objectives — secondary",
        [int(c) for c in _codes(facts.gcm_secondary)],
        "; ".join(_hub_term(t) for t in facts.gcm_secondary),
        note=_("The GCM objectives not marked as primary."),
    )
    _add(
        record,
        "gcm_principles",
        "GCM Guiding Principles",
        _codes(facts.principles),
        _lines(facts.principles),
        missing=_("No GCM guiding principle selected"),
    )
    _add(
        record,
        "sdgs",
        "Sustainable Development Goals",
        [int(c) for c in _codes(facts.sdgs)],
        _lines(facts.sdgs),
        missing=_("No Sustainable Development Goal selected"),
    )
    _add(
        record,
        "dates",
        "Dates",
        {"start_year": page.start_year, "status": page.status},
        _hub_dates(facts),
        missing=_("No start year"),
    )
    if page.start_year and page.start_year < HUB_EARLIEST_YEAR:
        record.checklist.append(
            Check(
                "dates",
                format_lazy(
                    _(
                        "Not implemented after December 2018 (started in {year}): the Hub "
                        "prefers practices implemented since the GCM's adoption."
                    ),
                    year=page.start_year,
                ),
            )
        )
    if page.status == LocalActionPage.PLANNED:
        record.checklist.append(
            Check(
                "dates",
                _(
                    "Planned, not implemented yet: the Hub takes practices fully or mostly "
                    "completed."
                ),
            )
        )
    elif page.status == LocalActionPage.COMPLETED and page.start_year:
        record.checklist.append(
            Check(
                "dates",
                _("Completed, but the end year is not recorded here: add it on the Hub's form."),
                MANUAL,
            )
        )
    practice_type = "Partnership/Multistakeholder initiative" if facts.partners else ""
    _add(
        record,
        "type_of_practice",
        "Type of practice",
        practice_type,
        practice_type,
        missing=_("Type of practice: choose it on the Hub's form (its list is not published)."),
        kind=MANUAL,
        note=_("The only type seen on the Hub; its full list is not published."),
    )
    country = world_bank_country_name(facts.country_code) if government else ""
    _add(
        record,
        "country",
        "Country",
        facts.country_code,
        country,
        missing=NO_GOVERNMENT,
        note=_("World Bank style, as the Hub lists countries."),
    )
    _add(record, "region", "Regions", government.region if government else "", facts.region_label)
    _add(
        record,
        "subregion",
        "Sub Regions",
        government.subregion if government else "",
        facts.subregion_label,
    )
    _add(
        record,
        "main_implementer",
        "Collaborators: Main Implementer",
        government.name if government else "",
        government.name if government else "",
        missing=NO_GOVERNMENT,
    )
    _add(
        record,
        "partners",
        "Collaborators: Other Organizations / Partners",
        facts.partners,
        "; ".join(facts.partners),
        missing=NO_PARTNER,
    )
    results = facts.sections.get("results", "")
    _add(record, "benefit_and_impact", "Benefit and Impact", results, results, missing=NO_RESULTS)
    _add(
        record,
        "focal_point",
        "Focal point",
        facts.contact_text,
        facts.contact_text,
        missing=NO_CONTACT,
        private=True,
        note=_("Private: for the Hub's reviewers, never published by us."),
    )
    _common_checks(record, facts)


# --- UNHCR Global Compact on Refugees Digital Platform --------------------------------


def build_unhcr(record, facts):
    page, government = facts.page, facts.government
    _add(record, "title", "Title", page.title, page.title)
    description = "\n\n".join(
        part
        for part in (page.summary, facts.sections.get("challenge"), facts.sections.get("action"))
        if part
    )
    _add(
        record,
        "description",
        "Description",
        description,
        description,
        missing=NO_SUMMARY,
        note=_("The summary, the challenge and the action."),
    )
    submitter = government.name if government else ""
    _add(
        record,
        "submitter",
        "Submitter",
        submitter,
        f"{submitter} ({government.get_kind_display()})" if government else "",
        missing=NO_GOVERNMENT,
    )
    _add(
        record,
        "country",
        "Country",
        facts.country_code,
        country_short_name(facts.country_code),
        missing=NO_GOVERNMENT,
    )
    _add(
        record,
        "gcr_objectives",
        "GCR objective(s)",
        [int(c) for c in _codes(facts.gcr_objectives)],
        _lines(facts.gcr_objectives),
        missing=_("No GCR objective selected"),
    )
    _add(
        record,
        "area_of_focus",
        "Area of focus (GRF 2019)",
        "",
        "",
        missing=_(
            "Area of focus (Global Refugee Forum 2019): not recorded here; choose it on the "
            "platform."
        ),
        kind=MANUAL,
    )
    _add(
        record,
        "areas_in_need_of_support",
        "Areas in need of support",
        _codes(facts.gcr_areas),
        _lines(facts.gcr_areas),
        missing=_("No GCR area in need of support selected"),
    )
    _add(
        record,
        "people_served",
        "Refugees and host communities served",
        _codes(facts.groups),
        "; ".join(term.title for term in facts.groups),
        missing=_("No population group served"),
    )
    if facts.groups and not REFUGEE_GROUPS.intersection(_codes(facts.groups)):
        record.checklist.append(
            Check(
                "people_served",
                _(
                    "No refugees, asylum seekers, stateless people or host communities among "
                    "the people served."
                ),
            )
        )
    _add(
        record,
        "partners",
        "Partners",
        facts.partners,
        "; ".join(facts.partners),
        missing=NO_PARTNER,
    )
    results = facts.sections.get("results", "")
    _add(record, "results", "Results", results, results, missing=NO_RESULTS)
    _add(
        record,
        "agd",
        "Age, gender and diversity considerations",
        "",
        "",
        missing=_(
            "Age, gender and diversity considerations are not recorded here: write them on "
            "the platform."
        ),
        kind=MANUAL,
    )
    replication = facts.sections.get("how_to_replicate", "")
    _add(
        record,
        "replicability",
        "Replicability",
        replication,
        replication,
        missing=_("No “How to replicate” section"),
    )
    _add(
        record,
        "contact",
        "Contact",
        facts.contact_text,
        facts.contact_text,
        missing=NO_CONTACT,
        private=True,
        note=_("Private: for UNHCR, never published by us."),
    )
    _common_checks(record, facts)


# --- GFMD Platform for Partnerships ---------------------------------------------------


def pfp_summary(facts):
    """Who promotes the practice, what it is, where (the PfP's help text)."""
    page, government = facts.page, facts.government
    who = ""
    if government:
        country = country_short_name(government.country)
        who = f"{government.name} ({government.get_kind_display()}, {country})."
    parts = [who, page.summary, facts.sections.get("action", "")]
    return "\n\n".join(part for part in parts if part)


def build_gfmd(record, facts):
    page = facts.page
    _add(record, "title", "Title", page.title, page.title)
    image_url = facts.image_url
    _add(
        record,
        "image",
        "Image or logo",
        image_url,
        image_url,
        missing=_("No image"),
        note=_("The listing image, else the first photo, else the government's logo."),
    )
    if facts.image:
        extension = facts.image.file.name.rsplit(".", 1)[-1].lower()
        if extension not in PFP_IMAGE_FORMATS:
            record.checklist.append(
                Check(
                    "image",
                    format_lazy(
                        _("The image is {format}: the PfP takes GIF, JPEG or PNG."),
                        format=extension.upper(),
                    ),
                )
            )
        size = facts.image.file_size or 0
        if size > PFP_IMAGE_MAX_BYTES:
            record.checklist.append(
                Check("image", _("The image is over the 2 MB the PfP takes: send a smaller one."))
            )
    summary = pfp_summary(facts)
    _add(
        record,
        "summary",
        "Summary",
        summary,
        summary,
        missing=NO_SUMMARY,
        note=format_lazy(
            _(
                "Who, what and where: the government, the summary and the action. The PfP "
                "publishes no length limit; we keep it under {limit} characters."
            ),
            limit=PFP_SUMMARY_LIMIT,
        ),
    )
    if len(summary) > PFP_SUMMARY_LIMIT:
        record.checklist.append(
            Check(
                "summary",
                format_lazy(
                    _(
                        "The summary is {length} characters, over the {limit} we keep for the "
                        "PfP (which publishes no limit): shorten it on the form."
                    ),
                    length=len(summary),
                    limit=PFP_SUMMARY_LIMIT,
                ),
            )
        )
    where = ""
    if facts.government:
        where = country_short_name(facts.country_code)
        if facts.region_label:
            where += f" ({facts.region_label})"
    _add(
        record,
        "countries",
        "Country(ies)/continent(s)",
        facts.country_code,
        where,
        missing=NO_GOVERNMENT,
    )
    _add(
        record,
        "partners",
        "Partner(s)",
        facts.partners,
        "; ".join(facts.partners),
        missing=NO_PARTNER,
    )
    _add(
        record,
        "gcm_objectives",
        "GCM objectives",
        [int(c) for c in _codes(facts.gcm_all)],
        _lines(facts.gcm_all),
        missing=NO_GCM,
    )
    _add(
        record,
        "thematic_area",
        "Thematic area",
        _codes(facts.themes),
        "; ".join(term.title for term in facts.themes),
        missing=_("No theme selected"),
        note=_("Our themes; the PfP's list of thematic areas is not published."),
    )
    _add(record, "contributor_type", "Contributor type", PFP_CONTRIBUTOR_TYPE, PFP_CONTRIBUTOR_TYPE)
    source = SOURCE_IN_GFMD_CONTEXT
    if facts.cohort_year:
        source = f"{SOURCE_IN_GFMD_CONTEXT} {facts.cohort_year}"
    _add(
        record,
        "source",
        "Source in GFMD context",
        {"source": SOURCE_IN_GFMD_CONTEXT, "cohort_year": facts.cohort_year},
        source,
        note=_("The cohort year: when the action was submitted, else first published."),
    )
    _add(
        record,
        "contact",
        "Contact information",
        facts.contact_text,
        facts.contact_text,
        missing=NO_CONTACT,
        private=True,
        note=_("Private: for the GFMD, never published by us."),
    )
    _common_checks(record, facts)


REGISTRIES = [
    Registry(
        RegistryPublication.MNH,
        _("Migration Network Hub"),
        "https://migrationnetwork.un.org/hub/repository-of-practices",
        build_hub,
    ),
    Registry(
        RegistryPublication.UNHCR,
        _("UNHCR Global Compact on Refugees Digital Platform"),
        "https://globalcompactrefugees.org/good-practices",
        build_unhcr,
    ),
    Registry(
        RegistryPublication.GFMD,
        _("GFMD Platform for Partnerships"),
        "https://www.gfmd.org/pfp/ppd",
        build_gfmd,
    ),
]
BY_CODE = {registry.code: registry for registry in REGISTRIES}


def records_for(page):
    """The three records of one practice, from one reading of its facts."""
    facts = PracticeFacts(page)
    return [registry.record(facts) for registry in REGISTRIES]


def records_for_pages(pages, registry_code):
    """One registry's record for each practice (a bulk export)."""
    registry = BY_CODE[registry_code]
    return [registry.record(PracticeFacts(page)) for page in pages]


# --- Exports ------------------------------------------------------------------


def as_json(records):
    """Records as a JSON string (one object, or a list for several)."""
    if isinstance(records, Record):
        data = records.as_json()
    else:
        data = [record.as_json() for record in records]
    return json.dumps(data, ensure_ascii=False, indent=2)


def as_csv(records, registry=None):
    """Records of one registry as CSV text: a header row, then one row per practice."""
    if isinstance(records, Record):
        records = [records]
    registry = registry or (records[0].registry if records else REGISTRIES[0])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=registry.csv_header(records))
    writer.writeheader()
    for record in records:
        writer.writerow(record.csv_row())
    return buffer.getvalue()


def export_filename(registry_code, extension, page=None):
    stem = f"{registry_code}-{page.slug}" if page is not None else f"{registry_code}-practices"
    return f"{stem}.{extension}"
