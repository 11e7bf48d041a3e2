"""The time zones editors choose from: real places, the common ones first.

``zoneinfo.available_timezones()`` also lists files of the system's zone
database that are no place at all ("localtime", "Factory", "posixrules") or
old aliases ("US/Eastern", "GB-Eire"); browsers reject some of them (the
admin's account page failed on "localtime"). Editors get the canonical
``Area/City`` names plus UTC, with the zones the campaign's events and
officers use most often listed first.

Kept free of Django models: the settings import it.
"""

import zoneinfo
from functools import cache

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

AREAS = (
    "Africa",
    "America",
    "Antarctica",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)

# Where the campaign's partners and most events are (Geneva, Brussels, New York,
# Marrakech …), then one zone per large region.
COMMON_TIME_ZONES = (
    "UTC",
    "Europe/Brussels",
    "Europe/Paris",
    "Europe/Madrid",
    "Europe/London",
    "Europe/Lisbon",
    "Europe/Berlin",
    "Europe/Rome",
    "Europe/Istanbul",
    "Africa/Casablanca",
    "Africa/Cairo",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Africa/Johannesburg",
    "Asia/Beirut",
    "Asia/Amman",
    "Asia/Dubai",
    "Asia/Karachi",
    "Asia/Kolkata",
    "Asia/Dhaka",
    "Asia/Bangkok",
    "Asia/Jakarta",
    "Asia/Manila",
    "Asia/Tokyo",
    "Australia/Sydney",
    "America/New_York",
    "America/Chicago",
    "America/Mexico_City",
    "America/Bogota",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "America/Los_Angeles",
)


@cache
def canonical_time_zones():
    """Every ``Area/City`` zone of the system's database plus UTC, sorted."""
    names = {
        name
        for name in zoneinfo.available_timezones()
        if name.split("/", 1)[0] in AREAS and "/" in name
    }
    return ["UTC", *sorted(names)]


@cache
def admin_time_zones():
    """The zones of the admin's account page: the common ones first, then the others."""
    known = set(canonical_time_zones())
    common = [name for name in COMMON_TIME_ZONES if name in known]
    return common + [name for name in canonical_time_zones() if name not in common]


def time_zone_label(name):
    """ "America/New_York" → "America / New York": how a person reads the zone's name."""
    return " / ".join(part.replace("_", " ") for part in name.split("/"))


def time_zone_choices():
    """Grouped choices for a select or a searchable list: common zones, then every zone."""
    known = set(canonical_time_zones())
    common = [(name, time_zone_label(name)) for name in COMMON_TIME_ZONES if name in known]
    others = [(name, time_zone_label(name)) for name in canonical_time_zones()]
    return [(_("Common time zones"), common), (_("All time zones"), others)]


def is_known_time_zone(name):
    return name in set(canonical_time_zones())


class TimeZoneInput(forms.TextInput):
    """A text box that suggests zones as the editor types ("Paris", "New York").

    The browser's own list (``<datalist>``) filters the suggestions: the common
    zones come first; the form field still accepts only a known zone.
    """

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id') or 'id_' + name}-choices"
        attrs = {**(attrs or {}), "list": list_id}
        field = super().render(name, value, attrs, renderer)
        names = list(dict.fromkeys(admin_time_zones()))
        options = format_html_join(
            "", '<option value="{}">{}</option>', ((n, time_zone_label(n)) for n in names)
        )
        return format_html('{}<datalist id="{}">{}</datalist>', field, list_id, options)


class TimeZoneField(forms.ChoiceField):
    """A known time zone, typed with suggestions (see ``TimeZoneInput``)."""

    widget = TimeZoneInput

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", time_zone_choices)
        kwargs.setdefault("label", _("Time zone"))
        super().__init__(**kwargs)
