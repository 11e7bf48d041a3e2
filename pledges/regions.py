"""UN M49 regions and sub-regions of a country, from a maintained dataset.

``pledges/data/un_m49.csv`` is extracted from OCHA's *Countries & Territories
Taxonomy* (shipped, MIT-licensed, with hdx-python-country 4.2.5), whose region
and sub-region columns are the UN Statistics Division's M49 standard
(https://unstats.un.org/unsd/methodology/m49/). The file is read once; to
update it, regenerate it from a newer release of that taxonomy.
"""

import csv
import gettext
import unicodedata
from functools import cache
from pathlib import Path

import pycountry

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from hub.i18n import base_language

DATA_FILE = Path(__file__).resolve().parent / "data" / "un_m49.csv"

REGION_CHOICES = [
    ("africa", _("Africa")),
    ("americas", _("Americas")),
    ("asia", _("Asia")),
    ("europe", _("Europe")),
    ("oceania", _("Oceania")),
]

SUBREGION_CHOICES = [
    ("northern-africa", _("Northern Africa")),
    ("sub-saharan-africa", _("Sub-Saharan Africa")),
    ("latin-america-and-the-caribbean", _("Latin America and the Caribbean")),
    ("northern-america", _("Northern America")),
    ("central-asia", _("Central Asia")),
    ("eastern-asia", _("Eastern Asia")),
    ("south-eastern-asia", _("South-eastern Asia")),
    ("southern-asia", _("Southern Asia")),
    ("western-asia", _("Western Asia")),
    ("eastern-europe", _("Eastern Europe")),
    ("northern-europe", _("Northern Europe")),
    ("southern-europe", _("Southern Europe")),
    ("western-europe", _("Western Europe")),
    ("australia-and-new-zealand", _("Australia and New Zealand")),
    ("melanesia", _("Melanesia")),
    ("micronesia", _("Micronesia")),
    ("polynesia", _("Polynesia")),
]


@cache
def m49_table():
    """ISO 3166 alpha-2 code -> (region slug, sub-region slug)."""
    with DATA_FILE.open(encoding="utf-8") as handle:
        return {
            row["iso2"]: (slugify(row["region"]), slugify(row["subregion"]))
            for row in csv.DictReader(handle)
        }


def regions_for_country(country_code):
    """The (region, sub-region) slugs of a country, or ("", "") if unknown."""
    return m49_table().get((country_code or "").upper(), ("", ""))


def country_choices():
    """Every ISO 3166-1 country (pycountry) that has an M49 region, named and sorted in the
    active language: the admin's for an editor, the page's for a visitor."""
    return _country_choices(base_language())


def _sort_key(name):
    """ "Égypte" among the E's: accents ignored, then case."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


@cache
def _country_choices(language_code):
    table = m49_table()
    if language_code == "en":
        translate = str
    else:
        translate = gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[language_code], fallback=True
        ).gettext
    return sorted(
        ((c.alpha_2, translate(c.name)) for c in pycountry.countries if c.alpha_2 in table),
        key=lambda item: _sort_key(item[1]),
    )


def country_name(code):
    """The English short name of a country (pycountry), or the code itself."""
    country = pycountry.countries.get(alpha_2=code or "")
    return getattr(country, "common_name", None) or (country.name if country else code)
