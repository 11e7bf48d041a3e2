"""After seed_demo: the 2022 report's figures, every case study and profile answers 200.

Beside the report's 70 English case studies, the demo has a few written in
French, Spanish or Arabic (some also in English) and English ones translated
into French, Spanish and Arabic: every combination of languages shows.
"""

from collections import Counter

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Count, Q
from django.utils.html import escape

from wagtail.images.models import Image
from wagtail.models import Locale

from hub.seeding import load
from pledges.demo import plan_originals
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

    # The report's 70 actions are the case studies written in English; the
    # originals written in French, Spanish or Arabic (originals.yaml) are extra,
    # by the same LRGs, and some of them are also published in English.
    originals = plan_originals()
    original_keys = LocalActionPage.objects.filter(
        slug__in=[original["slug"] for original in originals]
    ).exclude(locale__language_code="en")
    assert original_keys.count() == len(originals)
    original_keys = original_keys.values("translation_key")
    english = (
        LocalActionPage.objects.live()
        .filter(locale__language_code="en")
        .exclude(translation_key__in=original_keys)
    )
    assert english.count() == 70
    assert english.values("local_government").distinct().count() == 47
    assert english.values("local_government__country").distinct().count() == 33
    counts = dict(
        Theme.objects.filter(locale__language_code="en")
        .annotate(
            n=Count(
                "local_actions",
                filter=Q(local_actions__live=True, local_actions__locale__language_code="en")
                & ~Q(local_actions__translation_key__in=original_keys),
            )
        )
        .values_list("slug", "n")
    )
    assert counts == REPORT_THEMES
    # The live figures count every practice once, whatever its language.
    figures = campaign_figures()
    assert (figures["actions"], figures["governments"], figures["countries"]) == (
        70 + len(originals),
        47,
        33,
    )
    with_originals = Counter(REPORT_THEMES) + Counter(
        slug for original in originals for slug in original["themes"]
    )
    assert {t.slug: t.action_count for t in figures["themes"]} == with_originals
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

    # Every combination of languages: English translated into Arabic (right to left) ...
    arabic = LocalActionPage.objects.live().filter(locale__language_code="ar")
    translated_into_arabic = arabic.exclude(translation_key__in=original_keys)
    assert translated_into_arabic.count() >= 3
    tyre = translated_into_arabic.get(local_government__name="Union of Tyre Municipalities")
    html = client.get(tyre.url).content.decode()
    assert 'lang="ar" dir="rtl"' in html
    assert "اتحاد بلديات قضاء صور: دعم الأسر اللاجئة في فصل الشتاء" in html
    # ... originals in French, Spanish and Arabic, in their language's library ...
    for original in originals:
        page = LocalActionPage.objects.get(
            slug=original["slug"], locale__language_code=original["language"]
        )
        assert page.live and page.get_parent().specific_class.__name__ == "PracticeLibraryPage"
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert original["title"] in response.content.decode()
    # ... and originals also published in English.
    for original in originals:
        if "en" not in original["translations"]:
            continue
        source = LocalActionPage.objects.get(
            slug=original["slug"], locale__language_code=original["language"]
        )
        page = source.get_translation(Locale.objects.get(language_code="en"))
        assert page.live
        html = client.get(page.url).content.decode()
        assert escape(original["translations"]["en"]["summary"]) in html
    assert "Greater Amman Municipality: Neighbourhood community centres" in "".join(
        LocalActionPage.objects.filter(locale__language_code="en").values_list("title", flat=True)
    )

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
    pages_before = LocalActionPage.objects.count()
    call_command("seed_demo", "--skip-index", verbosity=0)
    assert LocalActionPage.objects.count() == pages_before
    assert LocalGovernment.objects.count() == 47
    assert Endorsement.objects.count() == 33
    assert Image.objects.filter(title__in=titles).count() == len(illustrations)
