"""The practice library page type: admin creation, rendering, demo content."""

import io
import random

import pytest

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.test.utils.form_data import nested_form_data, rich_text

from search.models import PracticeLibraryPage


@pytest.mark.django_db
def test_editor_can_create_the_library_in_the_admin(admin_client, home_page):
    url = f"/admin/pages/add/search/practicelibrarypage/{home_page.pk}/"
    data = nested_form_data(
        {
            "title": "Practice library",
            "slug": "practices",
            "summary": "Local actions you can replicate.",
            "intro": rich_text("<p>Find local actions.</p>"),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    library = PracticeLibraryPage.objects.get(slug="practices")
    assert library.live
    assert "Find local actions." in library.intro


@pytest.mark.django_db
def test_only_case_studies_go_under_the_library():
    assert [model.__name__ for model in PracticeLibraryPage.allowed_subpage_models()] == [
        "LocalActionPage"
    ]


@pytest.mark.django_db
def test_empty_library_renders(client, library):
    response = client.get("/en/practices/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Practice library</h1>" in html
    assert "0 practices" in html
    assert "No practice matches this search" in html


@pytest.mark.django_db
def test_demo_is_idempotent(demo_site):
    from hub.management.commands.seed_demo import DemoContext
    from search import demo

    libraries = PracticeLibraryPage.objects.count()
    promotions = SearchPromotion.objects.count()
    assert libraries == 4  # English, French, Spanish, Arabic
    assert promotions >= 1
    ctx = DemoContext(random=random.Random(2022), stdout=io.StringIO(), home=demo_site.home)  # noqa: S311
    demo.seed(ctx)
    assert PracticeLibraryPage.objects.count() == libraries
    assert SearchPromotion.objects.count() == promotions
    assert ctx.stdout.getvalue() == ""
