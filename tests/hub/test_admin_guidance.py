"""What an officer sees in the admin's forms: help on every field, the right blocks per page
type, lists that start empty, images with alternative text, the admin's languages and no
outside avatars."""

import pytest

from django.conf import settings
from django.urls import reverse

from wagtail.admin.panels import FieldPanel, InlinePanel, PanelGroup
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

from events.models import EventPage
from hub.models import HomePage, StandardPage
from learning.models import NewsPage, ReportPage
from pledges.models import LocalActionPage

pytestmark = pytest.mark.django_db

# Fields Wagtail itself defines and explains (title, slug, dates of publication …).
WAGTAIL_FIELDS = {
    "title",
    "slug",
    "seo_title",
    "search_description",
    "show_in_menus",
    "go_live_at",
    "expire_at",
    "comment_notifications",
    "locale",
    "privacy",
}
# Snippets the site's editors do not fill in the admin (records of the public's forms and
# the machinery's own tables are other people's work).
PROJECT_APPS = {"hub", "pledges", "events", "learning", "search"}


def _field_panels(panel, model):
    """``(model, field name, help text)`` of every field an officer fills under ``panel``."""
    if isinstance(panel, InlinePanel):
        related = panel.db_field.related_model
        for child in related.panels:
            yield from _field_panels(child.bind_to_model(related), related)
        return
    if isinstance(panel, FieldPanel):
        db_field = getattr(panel, "db_field", None)
        help_text = panel.help_text or (db_field.help_text if db_field is not None else "")
        yield model, panel.field_name, str(help_text or "")
        return
    if isinstance(panel, PanelGroup):
        for child in panel.children:
            yield from _field_panels(child, model)


def _missing_help(model, edit_handler):
    # A form may define a field itself, with its own help (the event's time zone).
    form_fields = edit_handler.get_form_class().base_fields
    return [
        f"{owner.__name__}.{name}"
        for owner, name, help_text in _field_panels(edit_handler, model)
        if name not in WAGTAIL_FIELDS
        and not help_text.strip()
        and not (owner is model and name in form_fields and form_fields[name].help_text)
    ]


# The open-data page and the live report are checked with their own features.
CHECKED_ELSEWHERE = {"OpenDataPage", "LiveReportPage"}


@pytest.mark.parametrize(
    "model",
    [
        m
        for m in get_page_models()
        if m is not Page
        and m._meta.app_label in PROJECT_APPS
        and m.__name__ not in CHECKED_ELSEWHERE
    ],
    ids=lambda m: m.__name__,
)
def test_every_field_of_every_page_type_explains_itself(model):
    assert _missing_help(model, model.get_edit_handler()) == []


@pytest.mark.parametrize(
    "model",
    [
        m
        for m in get_snippet_models()
        if m._meta.app_label == "hub" and m.__name__ in {"NavigationMenu", "FooterText", "Partner"}
    ],
    ids=lambda m: m.__name__,
)
def test_every_field_of_the_site_snippets_explains_itself(model):
    assert _missing_help(model, model.snippet_viewset.get_edit_handler()) == []


def test_the_site_settings_explain_every_field():
    from wagtail.admin.panels import get_edit_handler

    from hub.models import SiteSettings

    assert _missing_help(SiteSettings, get_edit_handler(SiteSettings)) == []


def _block_names(model, field_name):
    return set(model._meta.get_field(field_name).stream_block.child_blocks)


def test_the_home_page_body_offers_no_key_figures_block():
    # The home page shows the live figures itself.
    assert "key_figures" not in _block_names(HomePage, "body")
    assert {"paragraph", "image", "heading"} <= _block_names(HomePage, "body")
    assert "key_figures" in _block_names(StandardPage, "body")


def test_an_event_description_offers_no_figures_documents_or_buttons():
    names = _block_names(EventPage, "body")
    assert not names & {"key_figures", "documents", "call_to_action"}
    assert {"paragraph", "image", "heading", "quote"} <= names


@pytest.mark.parametrize(
    ("model", "field_name", "blank_value"),
    [
        (EventPage, "speakers", {"name": "", "role": "", "organisation": ""}),
        (EventPage, "agenda", {"time": "", "title": "", "description": ""}),
        (LocalActionPage, "gallery", {"image": None, "alt_text": "", "caption": ""}),
        (NewsPage, "body", {"text": "", "level": "h2"}),
    ],
    ids=["speakers", "agenda", "gallery", "body heading"],
)
def test_a_block_added_with_plus_and_left_blank_is_dropped_not_refused(
    model, field_name, blank_value
):
    block = model._meta.get_field(field_name).stream_block
    block_type = next(iter(block.child_blocks)) if field_name != "body" else "heading"
    value = block.to_python([{"type": block_type, "value": blank_value}])
    assert len(block.clean(value)) == 0


def test_a_half_filled_speaker_is_still_refused_with_its_own_message():
    from django.core.exceptions import ValidationError

    block = EventPage._meta.get_field("speakers").stream_block
    value = block.to_python(
        [
            {"type": "speaker", "value": {"name": "", "role": "", "organisation": ""}},
            {"type": "speaker", "value": {"name": "", "role": "Mayor", "organisation": ""}},
        ]
    )
    with pytest.raises(ValidationError) as raised:
        block.clean(value)
    # The error points at the second block, the one the editor filled in part.
    assert list(raised.value.block_errors) == [1]


def test_report_figures_keep_only_the_figures_typed():
    block = ReportPage._meta.get_field("key_figures").stream_block
    value = block.to_python(
        [
            {
                "type": "key_figures",
                "value": {
                    "title": "2022",
                    "figures": [{"value": "70", "label": "actions"}, {"value": "", "label": ""}],
                },
            }
        ]
    )
    cleaned = block.clean(value)
    assert [figure["value"] for figure in cleaned[0].value["figures"]] == ["70"]


def test_a_content_image_needs_alternative_text_or_the_decorative_tick():
    from django.core.exceptions import ValidationError

    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Welcome desk", file=get_test_image_file())
    block = NewsPage._meta.get_field("body").stream_block.child_blocks["image"]
    with pytest.raises(ValidationError) as raised:
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))
    assert "alt_text" in raised.value.block_errors
    assert block.clean(
        block.to_python({"image": image.pk, "alt_text": "", "decorative": True, "caption": ""})
    )
    assert block.clean(
        block.to_python({"image": image.pk, "alt_text": "A welcome desk", "caption": ""})
    )
    # A draft can be saved without it (a case study drafted from a submission's photos).
    block.defer_required_validation()
    try:
        assert block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))
    finally:
        block.restore_deferred_validation()
    # A decorative image is rendered with an empty alternative text.
    html = block.render(
        block.to_python(
            {"image": image.pk, "alt_text": "ignored", "decorative": True, "caption": ""}
        )
    )
    assert 'alt=""' in html


def test_image_slots_say_which_size_they_are_shown_at():
    home_panels = {
        name: help_text
        for _m, name, help_text in _field_panels(HomePage.get_edit_handler(), HomePage)
    }
    news_panels = {
        name: help_text
        for _m, name, help_text in _field_panels(NewsPage.get_edit_handler(), NewsPage)
    }
    assert "1200×630" in home_panels["hero_image"]
    assert "1200×500" in news_panels["hero_image"]
    assert "focal point" in news_panels["hero_image"]
    assert "480×270" in news_panels["listing_image"]


def test_the_admin_speaks_only_the_sites_four_languages():
    from wagtail.admin.localization import get_available_admin_languages

    assert [code for code, _name in get_available_admin_languages()] == ["en", "fr", "es", "ar"]


def test_no_avatar_is_fetched_from_an_outside_service(admin_client):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "gravatar" not in html.lower()


def test_time_zones_are_real_places_with_the_common_ones_first(admin_client):
    zones = settings.WAGTAIL_USER_TIME_ZONES
    assert "localtime" not in zones and "Factory" not in zones and "posixrules" not in zones
    assert zones[:2] == ["UTC", "Europe/Brussels"]
    assert "America/New_York" in zones
    response = admin_client.get(reverse("wagtailadmin_account"))
    assert response.status_code == 200
    assert 'value="localtime"' not in response.content.decode()


def test_the_event_time_zone_is_typed_with_suggestions_common_zones_first():
    form_class = EventPage.get_edit_handler().get_form_class()
    field = form_class.base_fields["time_zone"]
    assert field.label == "Time zone"
    html = field.widget.render("time_zone", "Europe/Brussels", {"id": "id_time_zone"})
    assert 'list="id_time_zone-choices"' in html
    assert html.index("Europe / Brussels") < html.index("Africa / Abidjan")
    assert field.clean("Europe/Paris") == "Europe/Paris"
    with pytest.raises(Exception):  # noqa: B017, PT011 — Django's own "not one of the choices"
        field.clean("localtime")


def test_the_admin_page_search_finds_a_word_of_the_body_and_says_how_many_pages(
    admin_client, news_index
):
    import re

    from django.core.management import call_command

    from tests.factories import publish
    from tests.learning.factories import NewsPageFactory

    publish(
        NewsPageFactory(
            parent=news_index,
            title="Welcome desk",
            body=[("paragraph", "<p>Gdańsk opened a one-stop welcome desk.</p>")],
        )
    )
    call_command("update_index", verbosity=0)
    for query in ("Gdańsk", "one-stop"):
        html = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": query}).content
        html = html.decode()
        assert "Welcome desk" in html, query
        header = " ".join(re.search(r"1-1 of 1[^<]*", html).group(0).split())
        assert header == "1-1 of 1 page"  # not "1-1 of 1 None"


def test_the_image_form_explains_alternative_text_and_the_focal_point(admin_client):
    html = admin_client.get(reverse("wagtailimages:add")).content.decode()
    assert "Alternative text (description)" in html
    assert "focal point" in html
    assert "1200×500" in html
    # Wagtail's own help (formats, size) is kept before ours.
    assert "Supported formats" in html
