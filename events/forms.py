"""The public registration form: every field bounded, validated on the server."""

import gettext
from functools import cache

import pycountry

from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hub.i18n import base_language


@cache
def country_choices(language_code):
    """ISO 3166 countries with names in the visitor's language, sorted by that name."""
    names = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language_code], fallback=True
    )
    choices = [(c.alpha_2, names.gettext(c.name)) for c in pycountry.countries]
    return sorted(choices, key=lambda choice: choice[1].casefold())


class CountrySelect(forms.Select):
    """A select of some 250 countries, rendered once per language and attributes.

    Django renders every option through its own template (~70 ms for the
    whole list); an empty select (an unbound form) is the same for every
    visitor, so its HTML is kept here, keyed by ``choices_key`` (the language
    the form built its choices in), the name, the attributes and the renderer.
    A select with a value (a form redisplayed with errors) renders as usual.
    """

    choices_key = None
    _rendered: dict = {}
    _MAX = 256

    def render(self, name, value, attrs=None, renderer=None):
        if self.choices_key is None or value not in (None, ""):
            return super().render(name, value, attrs, renderer)
        final_attrs = self.build_attrs(self.attrs, attrs)
        key = (
            self.choices_key,
            name,
            tuple(sorted((k, str(v)) for k, v in final_attrs.items())),
            type(renderer).__qualname__,
        )
        html = self._rendered.get(key)
        if html is None:
            html = str(super().render(name, value, attrs, renderer))
            if len(self._rendered) >= self._MAX:
                self._rendered.clear()
            self._rendered[key] = html
        return mark_safe(html)


class RegistrationForm(forms.Form):
    """Name, email, organisation, role, country, needs and consent; plus a honeypot."""

    name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We send your confirmation and calendar file here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = forms.CharField(
        label=_("Role or position"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    country = forms.ChoiceField(label=_("Country"), widget=CountrySelect)
    needs = forms.CharField(
        label=_("Accessibility or interpretation needs (optional)"),
        max_length=1000,
        required=False,
        help_text=_("For example sign language, captions, or interpretation into French."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the organisers keep my details to manage my registration and delete "
            "them after the event."
        ),
        error_messages={"required": _("Please agree so that we can register you.")},
    )
    # Hidden from people, filled by bots; a filled one means the request is dropped.
    website = forms.CharField(label=_("Leave this field empty"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = base_language()
        self.fields["country"].choices = [("", _("Choose a country")), *country_choices(language)]
        # The placeholder is translated in the active language, the names in its base.
        self.fields["country"].widget.choices_key = (language, get_language())
        self.fields["country"].widget.attrs["autocomplete"] = "country"
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    @property
    def is_spam(self):
        return bool(self.data.get("website"))
