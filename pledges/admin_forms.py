"""Taxonomy choices in the admin: the default-language rows only, labelled in the editor's
language, as checkboxes, grouped where a list is long.

Taxonomies keep one row per language (``pledges.models.taxonomies``); records
point at the default-language rows. A plain model field would offer every
language's rows (24 themes for six); these fields offer the six, each labelled
with its translation into the language the admin is shown in.
"""

import django_filters

from django import forms
from django.conf import settings

from wagtail.admin.forms import WagtailAdminModelForm

from hub.i18n import base_language
from pledges.models import SDG, GCMObjective, GCMPrinciple, GCRArea, PopulationGroup, Theme
from pledges.models.taxonomies import NumberedTaxonomy


def taxonomy_label(model, obj, labels):
    """A term as an editor reads it: "3. Title" for numbered ones, "2.1 Title" for areas."""
    title = labels.get(obj.translation_key, obj.title)
    if issubclass(model, NumberedTaxonomy):
        return f"{obj.number}. {title}"
    if model is GCRArea:
        return f"{obj.code} {title}"
    if model is GCMPrinciple:
        return f"({obj.code}) {title}"
    return title


def taxonomy_choices(model, queryset=None):
    """Choices in the active language; GCR areas grouped under their (translated) group."""
    rows = list(queryset if queryset is not None else model.objects.default_locale())
    labels = model.labels()
    if model is not GCRArea:
        return [(obj.pk, taxonomy_label(model, obj, labels)) for obj in rows]
    groups = GCRArea.objects.filter(
        translation_key__in=[obj.translation_key for obj in rows]
    ).values_list("translation_key", "locale__language_code", "group")
    language = base_language()
    group_labels = {}
    for key, code, group in groups:
        if code == language or (code == settings.LANGUAGE_CODE and key not in group_labels):
            group_labels[key] = group
    grouped = {}
    for obj in rows:
        group = group_labels.get(obj.translation_key, obj.group)
        grouped.setdefault(group, []).append((obj.pk, taxonomy_label(model, obj, labels)))
    return list(grouped.items())


class TaxonomyMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Default-language terms as checkboxes, labelled (and grouped) in the admin's language."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, model=None, **kwargs):
        if model is None:
            model = kwargs["queryset"].model
        kwargs.setdefault("queryset", model.objects.default_locale())
        self.model = model
        super().__init__(**kwargs)

    def _get_choices(self):
        # Computed when rendered, so in the language of the request that renders it.
        return taxonomy_choices(self.model, self.queryset)

    choices = property(_get_choices, forms.ChoiceField.choices.fset)


SUBMISSION_TAXONOMIES = {
    "themes": Theme,
    "gcm_objectives": GCMObjective,
    "gcr_areas": GCRArea,
    "sdgs": SDG,
    "population_groups": PopulationGroup,
}


def use_taxonomy_fields(form, fields):
    """Replace a model form's taxonomy fields by ``TaxonomyMultipleChoiceField``s."""
    for name, model in fields.items():
        field = form.fields.get(name)
        if field is None:
            continue
        replacement = TaxonomyMultipleChoiceField(
            model,
            required=field.required,
            label=field.label,
            help_text=field.help_text,
        )
        replacement.disabled = field.disabled
        form.fields[name] = replacement


class ActionSubmissionAdminForm(WagtailAdminModelForm):
    """A submission in the admin: its taxonomies as the case-study form shows them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_taxonomy_fields(self, SUBMISSION_TAXONOMIES)


class TaxonomyFilter(django_filters.ModelMultipleChoiceFilter):
    """A listing filter on a taxonomy: checkboxes of the default-language terms."""

    field_class = TaxonomyMultipleChoiceField

    def __init__(self, model, **kwargs):
        super().__init__(queryset=model.objects.default_locale(), **kwargs)
