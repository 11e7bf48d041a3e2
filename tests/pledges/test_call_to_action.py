"""The call-to-action page: steps, benefits, live figures, fixed query counts."""

import pytest

from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from hub.pagecache import invalidate_site
from pledges.models import CallToActionPage, LocalActionPage, Theme
from search.indexing import index_practices
from tests.pledges.factories import (
    LocalActionPageFactory,
    LocalGovernmentFactory,
    bulk_local_actions,
    english,
)


def figures_from_database():
    """The figures counted independently of the service, straight from the tables."""
    live = LocalActionPage.objects.filter(live=True)
    return {
        "actions": live.values("translation_key").distinct().count(),
        "governments": live.values("local_government").distinct().count(),
        "countries": live.values("local_government__country").distinct().count(),
        "themes": {
            t.slug: t.n
            for t in Theme.objects.filter(locale__language_code="en").annotate(
                n=Count("local_actions", filter=Q(local_actions__live=True))
            )
        },
    }


def shown_figure(html, name):
    marker = f'data-figure="{name}">'
    return int(html.split(marker, 1)[1].split("<", 1)[0])


def shown_theme(html, slug):
    part = html.split(f'data-theme="{slug}">', 1)[1]
    return int(part.split('theme-figures__value">', 1)[1].split("<", 1)[0])


@pytest.fixture
def some_actions(library):
    """Three live case studies, in the library as publishing puts them (the figures are the
    library's counts, ``learning.report.figures``)."""
    access = english(Theme, slug="access-to-services")
    climate = english(Theme, slug="climate")
    rabat = LocalGovernmentFactory(name="Rabat", slug="rabat", country="MA")
    quito = LocalGovernmentFactory(name="Quito", slug="quito", country="EC")
    pages = [
        LocalActionPageFactory(parent=library, local_government=rabat, themes=[access]),
        LocalActionPageFactory(parent=library, local_government=rabat, themes=[access, climate]),
        LocalActionPageFactory(parent=library, local_government=quito, themes=[climate]),
    ]
    index_practices(pages)
    return pages


def test_page_shows_steps_benefits_and_figures(client, call_page, some_actions):
    response = client.get("/en/call-to-local-action/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Endorse",
        "Submit",
        "Engage",
        "Get recognition",
        "Gain knowledge",
        "Gain access and visibility",
        "Influence others",
    ):
        assert text in html
    assert 'href="/en/call-to-local-action/endorse/"' in html
    assert 'href="/en/call-to-local-action/submit-action/"' in html
    expected = figures_from_database()
    assert shown_figure(html, "actions") == expected["actions"] == 3
    assert shown_figure(html, "governments") == expected["governments"] == 2
    assert shown_figure(html, "countries") == expected["countries"] == 2
    assert shown_theme(html, "access-to-services") == expected["themes"]["access-to-services"]
    assert shown_theme(html, "climate") == expected["themes"]["climate"] == 2


def test_figures_change_when_a_case_study_is_unpublished_or_published(
    client, call_page, some_actions, library, django_capture_on_commit_callbacks
):
    some_actions[2].unpublish()
    html = client.get("/en/call-to-local-action/").content.decode()
    assert shown_figure(html, "actions") == 2
    assert shown_figure(html, "countries") == 1
    assert shown_theme(html, "climate") == 1
    assert figures_from_database()["actions"] == 2

    lima = LocalGovernmentFactory(name="Lima", slug="lima", country="PE")
    with django_capture_on_commit_callbacks(execute=True):  # publishing commits
        page = LocalActionPageFactory(
            parent=library, local_government=lima, themes=[english(Theme, slug="climate")]
        )
        page.save_revision().publish()
    html = client.get("/en/call-to-local-action/").content.decode()
    assert shown_figure(html, "actions") == 3
    assert shown_figure(html, "governments") == 2
    assert shown_figure(html, "countries") == 2
    assert shown_theme(html, "climate") == 2


def test_a_restricted_case_study_is_not_counted(client, call_page, some_actions):
    """The figures count what anyone can read, as the library does."""
    from wagtail.models import Page, PageViewRestriction

    PageViewRestriction.objects.create(
        page=Page.objects.get(pk=some_actions[2].pk),
        restriction_type=PageViewRestriction.PASSWORD,
        password="partners-only",
    )
    html = client.get("/en/call-to-local-action/").content.decode()
    assert shown_figure(html, "actions") == 2
    assert shown_figure(html, "countries") == 1
    assert shown_theme(html, "climate") == 1


def test_a_translation_is_not_counted_twice(client, call_page, some_actions, translated_home):
    from hub.localization import translate

    library_fr = translate(some_actions[0].get_parent().specific, "fr", {})
    assert library_fr.locale.language_code == "fr"
    translate(some_actions[0], "fr", {some_actions[0].title: "Action locale"})
    html = client.get("/en/call-to-local-action/").content.decode()
    assert shown_figure(html, "actions") == 3


def test_call_page_query_count_is_the_same_with_70_and_700_actions(
    client, call_page, library, django_capture_on_commit_callbacks
):
    government = LocalGovernmentFactory()
    themes = list(Theme.objects.filter(locale__language_code="en")[:2])
    with django_capture_on_commit_callbacks(execute=True):
        index_practices(bulk_local_actions(library, 70, government=government, themes=themes))
        invalidate_site("published")  # what publishing does; the bulk insert bypasses it
    client.get("/en/call-to-local-action/")  # warm caches (site root paths, figures)
    with CaptureQueriesContext(connection) as at_70:
        response = client.get("/en/call-to-local-action/")
    assert shown_figure(response.content.decode(), "actions") == 70

    with django_capture_on_commit_callbacks(execute=True):
        added = bulk_local_actions(library, 630, government=government, themes=themes, start=70)
        index_practices(added)
        invalidate_site("published")  # what publishing does; the bulk insert bypasses it
    client.get("/en/call-to-local-action/")  # the new generation's figures
    with CaptureQueriesContext(connection) as at_700:
        response = client.get("/en/call-to-local-action/")
    assert len(at_700.captured_queries) == len(at_70.captured_queries)
    assert shown_figure(response.content.decode(), "actions") == 700


def test_admin_can_create_a_call_to_action_page(admin_client, home_page):
    url = reverse("wagtailadmin_pages:add", args=("pledges", "calltoactionpage", home_page.id))
    data = nested_form_data(
        {
            "title": "Call to Local Action",
            "slug": "call-to-local-action",
            "summary": "Join the call.",
            "intro": rich_text("<p>Local governments lead.</p>"),
            "steps": streamfield(
                [
                    (
                        "step",
                        {
                            "verb": "Endorse",
                            "text": "the Declaration",
                            "target": "endorse",
                            "page": "",
                            "button_label": "Endorse",
                        },
                    )
                ]
            ),
            "benefits_title": "Benefits",
            "benefits": streamfield([("benefit", {"title": "Get recognition", "text": "Listed."})]),
            "body": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = CallToActionPage.objects.get(slug="call-to-local-action")
    assert page.live
    assert admin_client.get("/en/call-to-local-action/endorse/").status_code == 200
