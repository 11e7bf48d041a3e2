"""The image library's form (``WAGTAILIMAGES_IMAGE_FORM_BASE``): what the description and
the focal point are for, in the editor's language."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    """Wagtail's image form with guidance on alternative text and crops."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            self.fields["description"].label = _("Alternative text (description)")
            self.fields["description"].help_text = _(
                "What the image shows, for people who cannot see it. Used wherever a page "
                "gives no text of its own (a news article's hero image, for example); "
                "images in a page's body get their own text. Leave empty only for a purely "
                "decorative image."
            )
        if "file" in self.fields:
            # After Wagtail's own help (formats and maximum size).
            self.fields["file"].help_text = format_lazy(
                "{} {}", self.fields["file"].help_text, CROP_HELP
            )


CROP_HELP = _(
    "The site crops images to its slots (cards 480×270, article heroes 1200×500, "
    "sharing 1200×630) around the image's focal point: after uploading, set it "
    "on the image's page so faces and text stay in view."
)
