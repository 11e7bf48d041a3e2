"""Forms of the knowledge hub's public pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from learning.models import Topic


class NewsFilterForm(forms.Form):
    """The news index's filters; unknown values are dropped and reported, never an error page."""

    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=[("", _("All topics")), *Topic.choices]
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, data=None, *, years=()):
        super().__init__(data)
        self.fields["year"].choices = [("", _("All years")), *[(y, str(y)) for y in years]]
        for name, field in self.fields.items():
            field.widget.attrs["id"] = f"news-filter-{name}"

    def filters(self):
        """The valid filter values (an empty dict when nothing valid was asked)."""
        self.is_valid()
        return {
            name: self.cleaned_data[name]
            for name in self.fields
            if name not in self.errors and self.cleaned_data.get(name)
        }

    @property
    def ignored(self):
        """The names of the filters whose values were not understood."""
        self.is_valid()
        return [str(self.fields[name].label) for name in self.errors]
