"""The twelve facets of the practice library and their vocabulary in one language.

A facet value is a stable, language-independent key (a theme slug, a GCM
objective number, an ISO country code ...), so a filtered address can be
shared across languages; its label comes from the taxonomy row translated
into the page's language, English where no translation exists.
"""

import gettext
from dataclasses import dataclass
from functools import cache

import pycountry

from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from hub.i18n import base_language

YEAR_MIN = 1900
YEAR_MAX = 2100


@dataclass(frozen=True)
class Facet:
    """One facet: its query parameter, its heading, and where its values come from."""

    name: str
    label: str
    taxonomy: str = ""  # pledges model name for taxonomy facets


FACETS = (
    Facet("theme", _("Theme"), "Theme"),
    Facet("gcm", _("GCM objective"), "GCMObjective"),
    Facet("principle", _("GCM guiding principle"), "GCMPrinciple"),
    Facet("gcr", _("GCR area in need of support"), "GCRArea"),
    Facet("gcr_objective", _("GCR objective"), "GCRObjective"),
    Facet("sdg", _("Sustainable Development Goal"), "SDG"),
    Facet("region", _("Region")),
    Facet("country", _("Country")),
    Facet("lrg_type", _("Type of government")),
    Facet("group", _("Population served"), "PopulationGroup"),
    Facet("status", _("Status")),
    Facet("year", _("Start year")),
)
FACET_NAMES = tuple(facet.name for facet in FACETS)
TAXONOMY_FACETS = {facet.name: facet.taxonomy for facet in FACETS if facet.taxonomy}
# Facets whose values are the taxonomy's number, printed before the title.
NUMBERED_FACETS = {"gcm", "gcr_objective", "sdg"}


@cache
def country_labels(language_code):
    """ISO alpha-2 code -> country name in a language (pycountry's iso3166-1 catalogues)."""
    try:
        catalogue = gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[language_code]
        )
        translate = catalogue.gettext
    except OSError:
        translate = str
    labels = {}
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        labels[country.alpha_2] = translate(country.name) if language_code != "en" else name
    return labels


def _natural_key(value):
    """ "2.10" after "2.9", "16" after "9"; letters (the GCM principles a-j) in order."""
    return tuple(
        (int(part), "") if part.isascii() and part.isdigit() else (0, part)
        for part in value.split(".")
    )


def _choices(app_label, model_name, field_name):
    model = apps.get_model(app_label, model_name)
    return list(model._meta.get_field(field_name).choices)


def _taxonomy_labels(model_name, language_code):
    """[(key, label)] in the taxonomy's order, labels in the language: one query."""
    model = apps.get_model("pledges", model_name)
    key_field = model.key_field
    codes = {settings.LANGUAGE_CODE, language_code}
    rows = model.objects.filter(locale__language_code__in=codes).values_list(
        "translation_key", "locale__language_code", key_field, "title"
    )
    keys, titles = {}, {}
    for translation_key, code, key, title in rows:
        if code == settings.LANGUAGE_CODE:
            keys[translation_key] = str(key)
        if code == language_code or translation_key not in titles:
            titles[translation_key] = title
    return keys, titles


@dataclass
class Vocabulary:
    """Every value each facet accepts in one language, with its label, in display order."""

    language: str
    labels: dict  # facet name -> {value: label}
    version: str = ""  # the index version it was loaded for

    def label(self, facet, value):
        return self.labels.get(facet, {}).get(value, value)

    def accepts(self, facet, value):
        if facet == "year":
            return value.isascii() and value.isdigit() and YEAR_MIN <= int(value) <= YEAR_MAX
        return value in self.labels.get(facet, {})

    def size(self, facet):
        """How many distinct values the facet can have (Elasticsearch aggregation size)."""
        if facet == "year":
            return YEAR_MAX - YEAR_MIN + 1
        return max(len(self.labels.get(facet, {})), 1)


def load_vocabulary(language_code):
    """The vocabulary of every facet in a language: one query per taxonomy (seven)."""
    language_code = base_language(language_code)
    labels = {}
    with translation.override(language_code):
        for facet_name, model_name in TAXONOMY_FACETS.items():
            keys, titles = _taxonomy_labels(model_name, language_code)
            ordered = keys.items()
            if facet_name not in ("theme", "group"):  # these keep the editors' order
                ordered = sorted(ordered, key=lambda item: _natural_key(item[1]))
            values = {}
            for translation_key, key in ordered:
                title = titles.get(translation_key, key)
                if facet_name in NUMBERED_FACETS:
                    title = f"{key}. {title}"
                elif facet_name == "gcr":
                    title = f"{key} {title}"
                elif facet_name == "principle":
                    title = f"({key}) {title}"
                values[key] = title
            labels[facet_name] = values
        from pledges.regions import REGION_CHOICES

        labels["region"] = {value: str(label) for value, label in REGION_CHOICES}
        labels["country"] = dict(country_labels(language_code))
        labels["lrg_type"] = {
            value: str(label) for value, label in _choices("pledges", "LocalGovernment", "kind")
        }
        labels["status"] = {
            value: str(label) for value, label in _choices("pledges", "LocalActionPage", "status")
        }
        labels["year"] = {}
    return Vocabulary(language=language_code, labels=labels)
