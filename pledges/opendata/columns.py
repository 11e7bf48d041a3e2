"""The single definition of every open-data file and its columns.

Everything that writes or reads these files goes through this module: the
export (``pledges.opendata.export``), the Frictionless Data Package
(``datapackage``), the open-data page's column lists and the bulk import.
A column's ``name`` is its CSV header, in this order; ``type`` is a
Frictionless Table Schema type; ``multiple`` columns hold several codes
separated by ``SEPARATOR`` (in ``practices.csv``) and have a link table with
one row per code; ``codes`` names the vocabulary (``taxonomies.csv``), and
``pattern`` / ``enum`` are the constraints the Data Package declares.

Conventions (../shared/data/registries.md, "Open-data conventions"): codes,
not labels (GCM objectives 1-23, guiding principles a-j, GCR objectives 1-4,
GCR areas as "2.1", SDGs 1-17, ISO 3166-1 alpha-2 and alpha-3 countries, UN
M49 regions as three digits with leading zeros); labels per language in
``taxonomies.csv``; ``id`` is the practice's ``translation_key``: a UUID that
is the same for all its translations and never changes when it is edited.
"""

from dataclasses import dataclass, field

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

SEPARATOR = ";"
# The languages translated titles are given in (``title_<code>``): the site's.
TITLE_LANGUAGES = ("en", "fr", "es", "ar")
UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


def _codes_pattern(code):
    """A pattern for ``code`` repeated with the separator (an empty cell is allowed)."""
    return f"^({code}({SEPARATOR}{code})*)?$"


GCM_CODE = "([1-9]|1[0-9]|2[0-3])"
SDG_CODE = "([1-9]|1[0-7])"
PRINCIPLE_CODE = "[a-j]"
GCR_OBJECTIVE_CODE = "[1-4]"
GCR_AREA_CODE = "[0-9]+\\.[0-9]+"
SLUG_CODE = "[a-z0-9]+(-[a-z0-9]+)*"
REGISTRY_CODE = "(mnh|unhcr|gfmd)"


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    description: str
    type: str = "string"
    multiple: bool = False
    codes: str = ""  # the taxonomy in taxonomies.csv
    pattern: str = ""
    enum: tuple = ()
    required: bool = False
    unique: bool = False
    link_column: str = ""  # the column's name in its link table (one code per row)
    # False for what the site derives and an import ignores (addresses, other
    # languages' titles, where the practice is published).
    importable: bool = True

    def schema(self):
        """The Frictionless Table Schema field."""
        data = {
            "name": self.name,
            "title": str(self.title),
            "description": str(self.description),
            "type": self.type,
        }
        if self.type == "string" and self.name in ("url",):
            data["format"] = "uri"
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.pattern:
            constraints["pattern"] = self.pattern
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            data["constraints"] = constraints
        return data


@dataclass(frozen=True)
class DataFile:
    """One downloadable file: its name, what it holds and its columns in order."""

    name: str  # the resource name in the Data Package
    path: str  # the file name at /open-data/
    title: str
    description: str
    columns: tuple = field(default_factory=tuple)
    primary_key: tuple = ()
    foreign_keys: tuple = ()  # ((column, resource, resource column), ...)
    filtered: bool = True  # takes the library's filter parameters

    @property
    def header(self):
        return [column.name for column in self.columns]

    def column(self, name):
        return next(column for column in self.columns if column.name == name)


ID = Column(
    "id",
    _("Practice id"),
    _(
        "The practice's stable identifier (a UUID): the same for all its translations, "
        "never changed by an edit."
    ),
    pattern=UUID_PATTERN,
    required=True,
    unique=True,
)

PRACTICE_COLUMNS = (
    ID,
    Column(
        "title",
        _("Title"),
        _("The title in the practice's original language."),
        required=True,
    ),
    Column(
        "language",
        _("Language"),
        _("The original language of the practice (ISO 639-1)."),
        enum=TITLE_LANGUAGES,
        required=True,
    ),
    *(
        Column(
            f"title_{code}",
            format_lazy(_("Title ({language})"), language=code),
            _("The title in this language where the practice is written in or translated into it."),
            importable=False,
        )
        for code in TITLE_LANGUAGES
    ),
    Column(
        "url",
        _("Address"),
        _("The case study's address on this site, in its original language."),
        importable=False,
    ),
    Column("lrg", _("Local or regional government"), _("The government behind the action.")),
    Column(
        "lrg_type",
        _("Type of government"),
        _("city, region (region or province) or association (of LRGs)."),
        codes="lrg_type",
        enum=("city", "region", "association"),
    ),
    Column(
        "country_iso2",
        _("Country (ISO alpha-2)"),
        _("The government's country, ISO 3166-1 alpha-2."),
        pattern="^[A-Z]{2}$",
    ),
    Column(
        "country_iso3",
        _("Country (ISO alpha-3)"),
        _("The government's country, ISO 3166-1 alpha-3."),
        pattern="^[A-Z]{3}$",
        importable=False,
    ),
    Column(
        "m49_region",
        _("UN M49 region"),
        _("Three digits: 002 Africa, 019 Americas, 142 Asia, 150 Europe, 009 Oceania."),
        codes="m49_region",
        pattern="^[0-9]{3}$",
        importable=False,
    ),
    Column(
        "m49_subregion",
        _("UN M49 sub-region"),
        _("Three digits, e.g. 015 Northern Africa, 419 Latin America and the Caribbean."),
        codes="m49_subregion",
        pattern="^[0-9]{3}$",
        importable=False,
    ),
    Column(
        "status",
        _("Status"),
        _("planned, ongoing or completed."),
        codes="status",
        enum=("planned", "ongoing", "completed"),
    ),
    Column("start_year", _("Start year"), _("The year the action started."), type="integer"),
    Column(
        "themes",
        _("Themes"),
        _("The themes of the 2022 report, by slug."),
        multiple=True,
        codes="theme",
        pattern=_codes_pattern(SLUG_CODE),
        link_column="theme",
    ),
    Column(
        "gcm_objectives",
        _("GCM objectives"),
        _("Objectives of the Global Compact for Migration (1-23), primary and secondary."),
        multiple=True,
        codes="gcm_objective",
        pattern=_codes_pattern(GCM_CODE),
        link_column="gcm_objective",
    ),
    Column(
        "gcm_objectives_primary",
        _("Primary GCM objectives"),
        _("The GCM objectives the action mainly serves (some of gcm_objectives)."),
        multiple=True,
        codes="gcm_objective",
        pattern=_codes_pattern(GCM_CODE),
    ),
    Column(
        "gcm_principles",
        _("GCM guiding principles"),
        _("Guiding principles of the Global Compact for Migration (a-j, A/RES/73/195 para 15)."),
        multiple=True,
        codes="gcm_principle",
        pattern=_codes_pattern(PRINCIPLE_CODE),
        link_column="gcm_principle",
    ),
    Column(
        "gcr_objectives",
        _("GCR objectives"),
        _("Objectives of the Global Compact on Refugees (1-4)."),
        multiple=True,
        codes="gcr_objective",
        pattern=_codes_pattern(GCR_OBJECTIVE_CODE),
        link_column="gcr_objective",
    ),
    Column(
        "gcr_areas",
        _("GCR areas in need of support"),
        _("Areas in need of support of the Global Compact on Refugees, e.g. 2.1."),
        multiple=True,
        codes="gcr_area",
        pattern=_codes_pattern(GCR_AREA_CODE),
        link_column="gcr_area",
    ),
    Column(
        "sdg_goals",
        _("Sustainable Development Goals"),
        _("Sustainable Development Goals (1-17)."),
        multiple=True,
        codes="sdg_goal",
        pattern=_codes_pattern(SDG_CODE),
        link_column="sdg_goal",
    ),
    Column(
        "population_groups",
        _("Population groups served"),
        _("The groups of people the action serves, by slug."),
        multiple=True,
        codes="population_group",
        pattern=_codes_pattern(SLUG_CODE),
        link_column="population_group",
    ),
    Column(
        "partners",
        _("Partners"),
        _("Organisations the government worked with, separated by semicolons."),
    ),
    Column("summary", _("Summary"), _("One or two sentences, in the original language.")),
    Column(
        "registries",
        _("Registries"),
        _(
            "The global registries the practice is published on: mnh (Migration Network Hub), "
            "unhcr (UNHCR Global Compact on Refugees Digital Platform), gfmd (GFMD Platform "
            "for Partnerships); addresses in practice_registries.csv."
        ),
        multiple=True,
        codes="registry",
        pattern=_codes_pattern(REGISTRY_CODE),
        importable=False,
    ),
)
PRACTICE_COLUMNS_BY_NAME = {column.name: column for column in PRACTICE_COLUMNS}

PRACTICES = DataFile(
    "practices",
    "practices.csv",
    _("Practices"),
    _(
        "One row per live, public practice of the library, in its original language, with "
        "its titles in the other languages where translated. The same rows as JSON: "
        "practices.json."
    ),
    columns=PRACTICE_COLUMNS,
    primary_key=("id",),
)


def _single_pattern(pattern):
    return f"^{pattern}$"


LINK_FILES = (
    DataFile(
        "practice_theme",
        "practice_theme.csv",
        _("Practices and themes"),
        _("One row per practice and theme (the column themes of practices.csv)."),
        columns=(
            Column("id", ID.title, ID.description, pattern=UUID_PATTERN, required=True),
            Column(
                "theme",
                _("Theme"),
                _("A theme, by slug."),
                codes="theme",
                pattern=_single_pattern(SLUG_CODE),
                required=True,
            ),
        ),
        primary_key=("id", "theme"),
        foreign_keys=(("id", "practices", "id"),),
    ),
    DataFile(
        "practice_gcm",
        "practice_gcm.csv",
        _("Practices and GCM objectives"),
        _(
            "One row per practice and GCM objective (the column gcm_objectives of "
            "practices.csv); primary is true for the objectives in gcm_objectives_primary."
        ),
        columns=(
            Column("id", ID.title, ID.description, pattern=UUID_PATTERN, required=True),
            Column(
                "gcm_objective",
                _("GCM objective"),
                _("An objective of the Global Compact for Migration (1-23)."),
                type="integer",
                codes="gcm_objective",
                required=True,
            ),
            Column(
                "primary",
                _("Primary"),
                _("Whether the objective is one the action mainly serves."),
                type="boolean",
                required=True,
            ),
        ),
        primary_key=("id", "gcm_objective"),
        foreign_keys=(("id", "practices", "id"),),
    ),
    DataFile(
        "practice_principle",
        "practice_principle.csv",
        _("Practices and GCM guiding principles"),
        _("One row per practice and GCM guiding principle (the column gcm_principles)."),
        columns=(
            Column("id", ID.title, ID.description, pattern=UUID_PATTERN, required=True),
            Column(
                "gcm_principle",
                _("GCM guiding principle"),
                _("A guiding principle of the Global Compact for Migration (a-j)."),
                codes="gcm_principle",
                pattern=_single_pattern(PRINCIPLE_CODE),
                required=True,
            ),
        ),
        primary_key=("id", "gcm_principle"),
        foreign_keys=(("id", "practices", "id"),),
    ),
    DataFile(
        "practice_gcr_objective",
        "practice_gcr_objective.csv",
        _("Practices and GCR objectives"),
        _("One row per practice and GCR objective (the column gcr_objectives)."),
        columns=(
            Column("id", ID.title, ID.description, pattern=UUID_PATTERN, required=True),
            Column(
                "gcr_objective",
                _("GCR objective"),
                _("An objective of the Global Compact on Refugees (1-4)."),
                type="integer",
                codes="gcr_objective",
                required=True,
            ),
        ),
        primary_key=("id", "gcr_objective"),
        foreign_keys=(("id", "practices", "id"),),
    ),
    DataFile(
        "practice_gcr_area",
        "practice_gcr_area.csv",
        _("Practices and GCR areas in need of support"),
        _("One row per practice and GCR area in need of support (the column gcr_areas)."),
        columns=(
            Column("id", ID.title, ID.description, pattern=UUID_PATTERN, required=True),
            Column(
                "gcr_area",
                _("GCR area in need of support"),
                _("An area in need of support of the Global Compact on Refugees, e.g. 2.1."),
                codes="gcr_area",
                pattern=_single_pattern(GCR_AREA_CODE),
                required=True,
            ),
        ),
        primary_key=("id", "gcr_area"),
        foreign_keys=(("id", "practices", "id"),),
    ),
    DataFile(
        "practice_sdg",
        "practice_sdg.csv",
        _("Practices and Sustainable Development Goals"),
        _("One row per practice and Sustainable Development Goal (the column sdg_goals)."),
        columns=(
            Column("id", ID.title, ID.description, pattern=UUID_PATTERN, required=True),
            Column(
                "sdg_goal",
                _("Sustainable Development Goal"),
                _("A Sustainable Development Goal (1-17)."),
                type="integer",
                codes="sdg_goal",
                required=True,
            ),
        ),
        primary_key=("id", "sdg_goal"),
        foreign_keys=(("id", "practices", "id"),),
    ),
    DataFile(
        "practice_population_group",
        "practice_population_group.csv",
        _("Practices and population groups"),
        _("One row per practice and population group served (the column population_groups)."),
        columns=(
            Column("id", ID.title, ID.description, pattern=UUID_PATTERN, required=True),
            Column(
                "population_group",
                _("Population group"),
                _("A group of people the action serves, by slug."),
                codes="population_group",
                pattern=_single_pattern(SLUG_CODE),
                required=True,
            ),
        ),
        primary_key=("id", "population_group"),
        foreign_keys=(("id", "practices", "id"),),
    ),
    DataFile(
        "practice_registries",
        "practice_registries.csv",
        _("Practices on the global registries"),
        _("One row per practice and registry it is published on, with its address there."),
        columns=(
            Column("id", ID.title, ID.description, pattern=UUID_PATTERN, required=True),
            Column(
                "registry",
                _("Registry"),
                _("mnh, unhcr or gfmd."),
                codes="registry",
                enum=("mnh", "unhcr", "gfmd"),
                required=True,
            ),
            Column(
                "url",
                _("Address"),
                _("The practice's public address on the registry."),
                required=True,
            ),
        ),
        primary_key=("id", "registry"),
        foreign_keys=(("id", "practices", "id"),),
    ),
)

# Which link table holds which multi-valued column of practices.csv.
LINKS = {
    "themes": "practice_theme",
    "gcm_objectives": "practice_gcm",
    "gcm_principles": "practice_principle",
    "gcr_objectives": "practice_gcr_objective",
    "gcr_areas": "practice_gcr_area",
    "sdg_goals": "practice_sdg",
    "population_groups": "practice_population_group",
    "registries": "practice_registries",
}

TAXONOMY_NAMES = (
    "theme",
    "gcm_objective",
    "gcm_principle",
    "gcr_objective",
    "gcr_area",
    "sdg_goal",
    "population_group",
    "status",
    "lrg_type",
    "m49_region",
    "m49_subregion",
    "registry",
)

TAXONOMIES = DataFile(
    "taxonomies",
    "taxonomies.csv",
    _("Labels of the codes"),
    _(
        "The label of every code used in the other files, in every language of the site "
        "(English where a label is not translated)."
    ),
    columns=(
        Column(
            "taxonomy",
            _("Vocabulary"),
            _("Which vocabulary the code belongs to (the codes of a column of practices.csv)."),
            enum=TAXONOMY_NAMES,
            required=True,
        ),
        Column("code", _("Code"), _("The code as it appears in the other files."), required=True),
        Column(
            "language",
            _("Language"),
            _("The language of the label (ISO 639-1)."),
            enum=TITLE_LANGUAGES,
            required=True,
        ),
        Column("label", _("Label"), _("The code's label in that language."), required=True),
    ),
    primary_key=("taxonomy", "code", "language"),
    filtered=False,
)

ENDORSERS = DataFile(
    "endorsers",
    "endorsers.csv",
    _("Endorsers of the Marrakech Mayors Declaration"),
    _(
        "Governments whose endorsement was approved and that agreed to be listed publicly. "
        "No person's name, email or address."
    ),
    columns=(
        Column("government", _("Government"), _("The government's name."), required=True),
        Column(
            "kind",
            _("Type of government"),
            _("city, region or association."),
            codes="lrg_type",
            enum=("city", "region", "association"),
        ),
        Column(
            "country_iso2",
            _("Country (ISO alpha-2)"),
            _("ISO 3166-1 alpha-2."),
            pattern="^[A-Z]{2}$",
        ),
        Column(
            "country_iso3",
            _("Country (ISO alpha-3)"),
            _("ISO 3166-1 alpha-3."),
            pattern="^[A-Z]{3}$",
        ),
        Column(
            "m49_region",
            _("UN M49 region"),
            _("Three digits, e.g. 150 Europe."),
            codes="m49_region",
            pattern="^[0-9]{3}$",
        ),
        Column(
            "m49_subregion",
            _("UN M49 sub-region"),
            _("Three digits, e.g. 155 Western Europe."),
            codes="m49_subregion",
            pattern="^[0-9]{3}$",
        ),
        Column(
            "endorsed_on",
            _("Endorsed on"),
            _("The date the endorsement was approved, as the public register shows it."),
            type="date",
        ),
    ),
    filtered=False,
)

TABULAR_FILES = (PRACTICES, *LINK_FILES, TAXONOMIES, ENDORSERS)
FILES_BY_PATH = {data_file.path: data_file for data_file in TABULAR_FILES}
JSON_PATH = "practices.json"
DATAPACKAGE_PATH = "datapackage.json"
ZIP_PATH = "local-action-hub-open-data.zip"
