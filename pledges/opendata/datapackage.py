"""The Frictionless Data Package (https://specs.frictionlessdata.io/) describing every file.

Built from ``pledges.opendata.columns``: each resource's schema lists the
file's columns in the file's order, so the description and the header
cannot drift apart (a test reads both).
"""

from urllib.parse import urlencode

from django.utils.translation import gettext as _

from pledges.opendata.columns import (
    DATAPACKAGE_PATH,
    JSON_PATH,
    PRACTICES,
    TABULAR_FILES,
)

# The licences editors can choose for the data (hub.SiteSettings.open_data_licence):
# SPDX identifier -> (title, address).
LICENCES = {
    "CC-BY-4.0": (
        "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "CC-BY-SA-4.0": (
        "Creative Commons Attribution Share-Alike 4.0 International",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "CC0-1.0": (
        "Creative Commons CC0 1.0 Universal (public domain dedication)",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    "ODC-By-1.0": (
        "Open Data Commons Attribution License 1.0",
        "https://opendatacommons.org/licenses/by/1-0/",
    ),
    "ODbL-1.0": (
        "Open Data Commons Open Database License 1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
}
DEFAULT_LICENCE = "CC-BY-4.0"

SOURCES = [
    {
        "title": "Call to Local Action for Migrants and Refugees (GFMD Mayors Mechanism, "
        "Mayors Migration Council, UCLG, IOM, UNHCR)",
    },
    {
        "title": "Global Compact for Safe, Orderly and Regular Migration (A/RES/73/195): "
        "objectives and guiding principles",
        "path": "https://undocs.org/A/RES/73/195",
    },
    {
        "title": "Global Compact on Refugees (A/73/12 Part II): objectives and areas in need "
        "of support",
        "path": "https://www.unhcr.org/the-global-compact-on-refugees.html",
    },
    {
        "title": "UN M49 standard country or area codes for statistical use",
        "path": "https://unstats.un.org/unsd/methodology/m49/",
    },
    {
        "title": "ISO 3166-1 country codes (pycountry)",
        "path": "https://pypi.org/project/pycountry/",
    },
]


def licence(code):
    """The Data Package's ``licenses`` entry of a licence code (the default if unknown)."""
    code = code if code in LICENCES else DEFAULT_LICENCE
    title, path = LICENCES[code]
    return {"name": code, "title": title, "path": path}


def _schema(data_file):
    schema = {"fields": [column.schema() for column in data_file.columns]}
    if data_file.primary_key:
        schema["primaryKey"] = list(data_file.primary_key)
    if data_file.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": column, "reference": {"resource": resource, "fields": target}}
            for column, resource, target in data_file.foreign_keys
        ]
    return schema


def _path(name, query):
    return f"{name}?{urlencode(query)}" if query else name


def descriptor(*, licence_code, organisation, homepage="", query=()):
    """The datapackage.json of the files; ``query`` is the library filter they were made with."""
    query = list(query)
    resources = []
    for data_file in TABULAR_FILES:
        resources.append(
            {
                "name": data_file.name,
                "path": _path(data_file.path, query if data_file.filtered else ()),
                "title": str(data_file.title),
                "description": str(data_file.description),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _schema(data_file),
            }
        )
    resources.insert(
        1,
        {
            "name": "practices_json",
            "path": _path(JSON_PATH, query),
            "title": _("Practices (JSON)"),
            "description": _("The rows of practices.csv as a JSON array of objects."),
            "profile": "tabular-data-resource",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            "schema": _schema(PRACTICES),
        },
    )
    data = {
        "profile": "tabular-data-package",
        "name": "local-action-hub-practices",
        "title": _("%(organisation)s: local actions for migrants and refugees")
        % {"organisation": organisation},
        "description": _(
            "Local and regional governments' actions for migrants and refugees, coded against "
            "the Global Compact for Migration, the Global Compact on Refugees and the "
            "Sustainable Development Goals, with the governments that endorsed the Marrakech "
            "Mayors Declaration. Only published, public content; no personal data."
        ),
        "keywords": ["migration", "refugees", "local government", "GCM", "GCR", "SDG"],
        "licenses": [licence(licence_code)],
        "sources": SOURCES,
        "resources": resources,
    }
    if homepage:
        data["homepage"] = homepage
    if query:
        data["description"] += " " + _("Filtered as the practice library: %(query)s") % {
            "query": urlencode(query)
        }
    return data


__all__ = ["DATAPACKAGE_PATH", "DEFAULT_LICENCE", "LICENCES", "descriptor", "licence"]
