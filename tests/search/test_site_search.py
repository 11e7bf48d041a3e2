"""Site-wide search: grouped by type, in the visitor's language, with editors' promotions."""

import pytest

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Site

from hub.models import SiteSettings
from tests.factories import StandardPageFactory, UserFactory
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
@pytest.mark.parametrize("q", ["x" * 5000, "<script>alert(1)</script>", "a\x01b", '"', ""])
def test_bad_queries_never_fail(client, home_page, q):
    response = client.get("/en/search/", {"q": q})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


@pytest.mark.django_db
def test_a_nul_character_is_a_bad_request(client, home_page):
    # No address holds one; PostgreSQL cannot compare text with it (hub.input_guard).
    assert client.get("/en/search/", {"q": "a\x00b"}).status_code == 400


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


# --- search terms are stored only when an editor turns it on ---------------------------
@pytest.fixture
def promoted(library):
    about = StandardPageFactory(parent=library.get_parent(), title="About us", slug="about")
    SearchPromotion.objects.create(
        query=Query.get("marrakech"), page=about, description="The Declaration."
    )
    return about


@pytest.mark.django_db
def test_search_terms_are_not_stored_by_default(client, promoted):
    assert SiteSettings.for_site(Site.objects.get()).record_search_terms is False
    response = client.get("/en/search/", {"q": "Where do refugees register"})
    assert response.status_code == 200
    response = client.get("/en/search/", {"q": "Marrakech"})
    # Promotions still work; nothing the visitor typed is kept.
    assert [item["page"].title for item in response.context["found"].promoted] == ["About us"]
    assert list(Query.objects.values_list("query_string", flat=True)) == ["marrakech"]
    assert not QueryDailyHits.objects.exists()


@pytest.mark.django_db
def test_search_terms_are_stored_when_an_editor_turns_it_on(client, promoted):
    site_settings = SiteSettings.for_site(Site.objects.get())
    site_settings.record_search_terms = True
    site_settings.save()
    for q in ["Where do refugees register", "where do refugees  REGISTER", "Marrakech"]:
        response = client.get("/en/search/", {"q": q})
        assert response.status_code == 200
    assert [item["page"].title for item in response.context["found"].promoted] == ["About us"]
    hits = dict(QueryDailyHits.objects.values_list("query__query_string", "hits"))
    assert hits == {"where do refugees register": 2, "marrakech": 1}
    # The admin's search terms report lists them.
    admin = UserFactory(username="admin-reports", is_superuser=True)
    client.force_login(admin)
    report = client.get("/admin/searchpicks/reports/search-terms/")
    assert report.status_code == 200
    assert "where do refugees register" in report.content.decode()


@pytest.mark.django_db
def test_editors_find_the_setting_in_the_site_settings(admin_client, home_page):
    site = Site.objects.get()
    response = admin_client.get(f"/admin/settings/hub/sitesettings/{site.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="record_search_terms"' in html
    assert "nothing visitors type is stored" in html
