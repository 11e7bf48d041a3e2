"""After seed_demo: the 2022 report's figures, every case study and profile answers 200."""

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Count, Q
from django.utils.html import escape

from wagtail.images.models import Image

from hub.seeding import load
from pledges.models import ActionSubmission, Endorsement, LocalActionPage, LocalGovernment, Theme
from pledges.services import campaign_figures

REPORT_THEMES = {
    "access-to-services": 40,
    "inclusive-governance": 37,
    "employment-entrepreneurship": 29,
    "crisis-assistance": 24,
    "children-youth": 19,
    "climate": 16,
}


def test_seed_demo_matches_the_2022_report_and_every_page_answers(
    db, client, tmp_path, monkeypatch
):
    from hub import demo

    monkeypatch.setattr(demo, "CREDENTIALS_FILE", tmp_path / "credentials.json")
    call_command("seed_demo", "--skip-index", verbosity=0)

    english = LocalActionPage.objects.live().filter(locale__language_code="en")
    assert english.count() == 70
    assert english.values("local_government").distinct().count() == 47
    assert english.values("local_government__country").distinct().count() == 33
    counts = dict(
        Theme.objects.filter(locale__language_code="en")
        .annotate(
            n=Count(
                "local_actions",
                filter=Q(local_actions__live=True, local_actions__locale__language_code="en"),
            )
        )
        .values_list("slug", "n")
    )
    assert counts == REPORT_THEMES
    figures = campaign_figures()
    assert (figures["actions"], figures["governments"], figures["countries"]) == (70, 47, 33)
    assert {t.slug: t.action_count for t in figures["themes"]} == REPORT_THEMES
    assert all(page.gcm_objectives.exists() and page.sdgs.exists() for page in english[:10])

    assert Endorsement.objects.filter(status="approved").count() == 30
    assert Endorsement.objects.filter(status="pending").exists()
    assert ActionSubmission.objects.filter(status="new").exists()
    moderators = Group.objects.get(name="Moderators")
    assert moderators.user_set.filter(username="moderator").exists()

    for page in english:
        assert client.get(page.url).status_code == 200, page.url
    for government in LocalGovernment.objects.filter(locale__language_code="en"):
        url = government.get_absolute_url()
        assert client.get(url).status_code == 200, url
    french = LocalActionPage.objects.live().filter(locale__language_code="fr")
    assert french.count() >= 5
    for page in french:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert 'lang="fr"' in response.content.decode()
    assert LocalActionPage.objects.live().filter(locale__language_code="es").exists()

    # Every case study is illustrated: a listing image, and the picture with its alt text
    # at the top of the story, in the page's language.
    illustrations = load("pledges", "illustrations")
    titles = [spec["title"] for spec in illustrations.values()]
    assert Image.objects.filter(title__in=titles).count() == len(illustrations)
    assert not english.filter(listing_image__isnull=True).exists()
    welcome = english.get(slug="marrakech-one-stop-welcome-centre-for-newcomers")
    html = client.get(welcome.url).content.decode()
    assert escape(illustrations["doorway"]["alt"]) in html
    assert 'src="/media/images/demo-doorway' in html
    assert 'property="og:image"' in html
    french_html = client.get(welcome.get_translation(french.first().locale).url).content.decode()
    assert escape(illustrations["doorway"]["translations"]["fr"]) in french_html
    assert "Guichet unique" in french_html
    assert client.get("/en/call-to-local-action/").status_code == 200
    french_call = client.get("/fr/call-to-local-action/")
    assert french_call.status_code == 200
    assert "Adhérer" in french_call.content.decode()

    # Idempotent: a second run changes nothing.
    call_command("seed_demo", "--skip-index", verbosity=0)
    assert LocalActionPage.objects.filter(locale__language_code="en").count() == 70
    assert LocalGovernment.objects.count() == 47
    assert Endorsement.objects.count() == 33
    assert Image.objects.filter(title__in=titles).count() == len(illustrations)
