"""Public forms of the campaign: every field length-limited, validated on the server.

Submitted text is stored as plain text and escaped wherever it is shown; the
public never sends rich text. Images are checked by their content (Pillow), not
by their name or the browser's word, and re-encoded without their metadata
(EXIF, GPS position, XMP, comments) before anything is stored.
"""

import warnings
from datetime import date

from PIL import Image

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from pledges.images import ImageTooLarge, reencode
from pledges.models import (
    SDG,
    ActionSubmission,
    Endorsement,
    GCMObjective,
    GCMPrinciple,
    GCRArea,
    GCRObjective,
    PopulationGroup,
    Theme,
)

MAX_IMAGES = 5
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
MAX_LINKS = 5


class HoneypotForm(forms.Form):
    """A field people never see (hidden by CSS with the class "honeypot"); bots fill it in."""

    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._describe_fields()

    def full_clean(self):
        super().full_clean()
        self._describe_fields()

    def _describe_fields(self):
        """Tie each input to its help text and errors for screen readers."""
        errors = self._errors or {}
        for name, field in self.fields.items():
            field_id = self.auto_id % self.add_prefix(name)
            described = []
            if field.help_text:
                described.append(f"{field_id}-help")
            if name in errors:
                described.append(f"{field_id}-errors")
                field.widget.attrs["aria-invalid"] = "true"
            else:
                field.widget.attrs.pop("aria-invalid", None)
            if described and not isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs["aria-describedby"] = " ".join(described)
            else:
                field.widget.attrs.pop("aria-describedby", None)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("homepage"):
            # Said plainly at the top: the field itself is hidden from people.
            raise ValidationError(
                _("This form looks as if a program filled it in. Please try again."),
                code="honeypot",
            )
        return cleaned_data


class TaxonomyChoiceField(forms.ModelMultipleChoiceField):
    """English taxonomy rows, labelled in the visitor's language."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, model, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(queryset=model.objects.default_locale(), **kwargs)
        self.model = model

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError:  # a number too large for the database's integers (SQLite)
            raise ValidationError(
                self.error_messages["invalid_pk_value"],
                code="invalid_pk_value",
                params={"pk": max(value, key=lambda item: len(str(item)))},
            ) from None

    def label_from_instance(self, obj):
        labels = getattr(self, "_labels", None)
        if labels is None:
            labels = self._labels = self.model.labels()
        title = labels.get(obj.translation_key, obj.title)
        key = obj.key
        if self.model is Theme or self.model is PopulationGroup:
            return title
        if self.model is GCMPrinciple:
            return f"({key}) {title}"
        return f"{key}. {title}" if self.model is not GCRArea else f"{key} {title}"


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def check_image(upload):
    """Open an upload with Pillow: a real image of an allowed type and size, or an error.

    The pixel count is read from the header before anything is decoded, so a
    decompression bomb is refused without being expanded.
    """
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("“%(name)s” is %(size)s; images may be at most %(max)s."),
            params={
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "max": filesizeformat(MAX_IMAGE_BYTES),
            },
            code="file_size",
        )
    bomb = _("“%(name)s” has too many pixels to be processed safely (at most %(max)s megapixels).")
    params = {"name": upload.name, "max": MAX_IMAGE_PIXELS // 1_000_000}
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ValidationError(bomb, params=params, code="pixels")
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(bomb, params=params, code="pixels") from None
    except ValidationError:
        raise
    except Exception:  # Pillow raises many kinds of errors for what is not an image.
        raise ValidationError(
            _("“%(name)s” is not an image we can read (use JPEG, PNG, GIF or WebP)."),
            params={"name": upload.name},
            code="invalid_image",
        ) from None
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(
            _("“%(name)s” is not a JPEG, PNG, GIF or WebP image."),
            params={"name": upload.name},
            code="image_type",
        )
    upload.seek(0)
    try:
        data, image_format, width, height = reencode(upload.read(), max_pixels=MAX_IMAGE_PIXELS)
    except ImageTooLarge:
        raise ValidationError(bomb, params=params, code="pixels") from None
    except Exception:  # verify() passed, yet the pixels cannot be decoded
        raise ValidationError(
            _("“%(name)s” is not an image we can read (use JPEG, PNG, GIF or WebP)."),
            params={"name": upload.name},
            code="invalid_image",
        ) from None
    extension = IMAGE_FORMATS[image_format]
    return {
        "file": ContentFile(data, name=f"image.{extension}"),
        "extension": extension,
        "width": width,
        "height": height,
    }


class ImagesField(forms.FileField):
    """Up to five images, each checked by ``check_image``."""

    widget = MultipleImageInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/gif,image/webp")

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_IMAGES:
            raise ValidationError(
                ngettext("Send at most %(max)d image.", "Send at most %(max)d images.", MAX_IMAGES),
                params={"max": MAX_IMAGES},
                code="too_many",
            )
        checked, errors = [], []
        for upload in files:
            upload = super().clean(upload, initial)
            try:
                checked.append(check_image(upload))
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return checked


class RequiredFieldsMixin:
    """Fields the model leaves blank only after the retention purge: the public must fill them."""

    required_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.required_fields:
            self.fields[name].required = True


class EndorsementForm(RequiredFieldsMixin, HoneypotForm, forms.ModelForm):
    """The Marrakech Mayors Declaration, endorsed by a government's signatory."""

    required_fields = ("signatory_name", "email")

    class Meta:
        model = Endorsement
        fields = [
            "government_name",
            "government_kind",
            "country",
            "signatory_name",
            "signatory_title",
            "email",
            "message",
            "consent_to_list",
        ]
        labels = {
            "government_name": _("Name of your local or regional government"),
            "consent_to_list": _("List our government publicly in the register of endorsers"),
            "message": _("Message (optional)"),
        }
        help_texts = {
            "signatory_title": _("For example: Mayor, Governor, President of the association."),
            "email": _(
                "We email a link to this address: the endorsement reaches our moderators "
                "once you open it."
            ),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}

    field_order = [*Meta.fields, "homepage"]


class ActionSubmissionForm(RequiredFieldsMixin, HoneypotForm, forms.ModelForm):
    """A local action with everything a case study needs, and up to five images."""

    required_fields = ("contact_name", "contact_email")

    themes = TaxonomyChoiceField(Theme, required=True, label=_("Themes"))
    gcm_objectives = TaxonomyChoiceField(GCMObjective, label=_("GCM objectives"))
    gcm_principles = TaxonomyChoiceField(
        GCMPrinciple,
        label=_("GCM guiding principles"),
        help_text=_("The principles of the Global Compact for Migration the action upholds."),
    )
    gcr_objectives = TaxonomyChoiceField(GCRObjective, label=_("GCR objectives"))
    gcr_areas = TaxonomyChoiceField(GCRArea, label=_("GCR areas in need of support"))
    sdgs = TaxonomyChoiceField(SDG, label=_("Sustainable Development Goals"))
    population_groups = TaxonomyChoiceField(PopulationGroup, label=_("Population groups served"))
    images = ImagesField(
        label=_("Images (optional)"),
        help_text=_("Up to 5 photos, JPEG, PNG, GIF or WebP, at most 5 MB each."),
    )

    class Meta:
        model = ActionSubmission
        fields = [
            "government_name",
            "government_kind",
            "country",
            "contact_name",
            "contact_role",
            "contact_email",
            "share_contact",
            "publish_contact",
            "title",
            "summary",
            "challenge",
            "action",
            "results",
            "how_to_replicate",
            "themes",
            "gcm_objectives",
            "gcm_principles",
            "gcr_objectives",
            "gcr_areas",
            "sdgs",
            "population_groups",
            "action_status",
            "start_year",
            "partners",
            "links",
        ]
        labels = {
            "government_name": _("Name of your local or regional government"),
            "share_contact": _(
                "Other governments may contact this person about replicating the action"
            ),
            "publish_contact": _("You may publish this contact on the case study"),
            "links": _("Links (optional)"),
        }
        help_texts = {
            "contact_email": _(
                "We email a link to this address: the action reaches our moderators once you "
                "open it."
            ),
            "share_contact": _(
                "Without the next box, they write through a form on the case study and never "
                "see the address."
            ),
            "publish_contact": _(
                "The name, role and email address above, shown on the published case study. "
                "Your consent is recorded with the date when you confirm your address."
            ),
            "summary": _("Two or three sentences; plain text."),
            "links": _("Web addresses about the action, one per line (at most 5)."),
            "partners": _("Organisations you worked with, separated by commas."),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "challenge": forms.Textarea(attrs={"rows": 5}),
            "action": forms.Textarea(attrs={"rows": 5}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "how_to_replicate": forms.Textarea(attrs={"rows": 4}),
            "links": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = [*Meta.fields, "images", "homepage"]

    def clean_start_year(self):
        year = self.cleaned_data.get("start_year")
        if year and year > date.today().year + 5:
            raise ValidationError(_("Enter a year no later than five years from now."))
        return year

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data.get("links", "").splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_LINKS:
            raise ValidationError(
                _("Give at most %(max)d links."), params={"max": MAX_LINKS}, code="too_many"
            )
        validate = URLValidator(schemes=["http", "https"])
        for line in lines:
            try:
                validate(line)
            except ValidationError:
                raise ValidationError(
                    _("“%(link)s” is not a web address (it must start with https://)."),
                    params={"link": line[:100]},
                    code="invalid_link",
                ) from None
        return "\n".join(lines)


class ContactTeamForm(HoneypotForm):
    """A visitor's message to the team behind a case study, relayed by email."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("The team answers you at this address."),
    )
    organisation = forms.CharField(
        label=_("Your organisation (optional)"), max_length=200, required=False
    )
    message = forms.CharField(
        label=_("Your message"), max_length=3000, widget=forms.Textarea(attrs={"rows": 6})
    )

    field_order = ["name", "email", "organisation", "message", "homepage"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "contact_%s")
        super().__init__(*args, **kwargs)
