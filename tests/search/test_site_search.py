"""Site-wide search: grouped by type, in the visitor's language, with editors' promotions."""

import pytest

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests.factories import StandardPageFactory
from tests.search.conftest import publish_practice


@pytest.mark.django_db
def test_results_are_grouped_by_type(client, library):
    publish_practice(library, title="Refugee welcome desk")
    StandardPageFactory(parent=library.get_parent(), title="About refugee support", slug="about")
    response = client.get("/en/search/", {"q": "refugee"})
    assert response.status_code == 200
    groups = {
        group.label: [p.title for p in group.results] for group in response.context["found"].groups
    }
    assert groups["Practices"] == ["Refugee welcome desk"]
    assert groups["Pages"] == ["About refugee support"]
    html = response.content.decode()
    assert html.index("Practices") < html.index("About refugee support")


@pytest.mark.django_db
def test_promoted_pages_come_first(client, library):
    about = StandardPageFactory(parent=library.get_parent(), title="About us", slug="about")
    query = Query.get("marrakech")
    SearchPromotion.objects.create(query=query, page=about, description="The Declaration.")
    response = client.get("/en/search/", {"q": "Marrakech"})
    assert [item["page"].title for item in response.context["found"].promoted] == ["About us"]
    assert "The Declaration." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["x" * 5000, "<script>alert(1)</script>", "a\x00b", '"', ""])
def test_bad_queries_never_fail(client, home_page, q):
    response = client.get("/en/search/", {"q": q})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


@pytest.mark.django_db
def test_header_search_box_is_labelled_on_every_page(client, library):
    html = client.get("/en/practices/").content.decode()
    assert '<label for="site-search-q"' in html
    assert 'action="/en/search/"' in html


@pytest.mark.django_db
def test_editors_can_manage_promotions(client, home_page):
    from tests.factories import UserFactory

    editor = UserFactory(username="comms", is_superuser=False)
    from django.contrib.auth.models import Group

    editor.groups.add(Group.objects.get(name="Communications"))
    client.force_login(editor)
    response = client.get("/admin/searchpicks/")
    assert response.status_code == 200
    response = client.get("/admin/searchpicks/add/")
    assert response.status_code == 200
