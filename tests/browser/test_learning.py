"""The knowledge hub in a real browser: the translation workflow, accessibility, languages."""

import re
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import assert_no_axe_violations, login

ARTICLE = "france-and-senegal-to-co-chair-gfmd"


def _api(page, query):
    return page.evaluate(
        "(q) => fetch('/api/v2/pages/?' + q).then(r => r.json()).then(d => d.items)", query
    )


def _french_state(page, page_id):
    cell = page.locator(f'tr[data-page-id="{page_id}"] td[data-locale="fr"]')
    return cell.get_attribute("data-state"), cell


def test_editor_brings_an_out_of_date_french_translation_up_to_date(page, live_site):
    """Acceptance 2, as the demo's Communications editor."""
    login(page, live_site, "editor")
    [english] = _api(page, f"type=learning.NewsPage&locale=en&slug={ARTICLE}")

    # Edit the English source and publish it.
    page.goto(live_site(f"/admin/pages/{english['id']}/edit/"))
    summary = page.locator("#id_summary")
    summary.fill(summary.input_value() + " The co-chairs will host the 2023 Summit.")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))

    # The translation status view shows the French version out of date.
    page.goto(live_site("/admin/translation-status/"))
    page.get_by_label("Title contains").fill("France and Senegal")
    page.get_by_role("button", name="Filter").click()
    state, cell = _french_state(page, english["id"])
    assert state == "outdated"
    assert cell.inner_text().lower().startswith("out of date")
    _es_state = page.locator(f'tr[data-page-id="{english["id"]}"] td[data-locale="es"]')
    assert _es_state.get_attribute("data-state") == "outdated"  # Spanish too

    # Update the translations with wagtail-localize's own view, publishing them.
    cell.get_by_role("link", name="Update translations").click()
    page.get_by_label("Publish immediately").check()
    page.get_by_role("button", name="Submit").click()

    # Back on the report: the French translation is current again.
    page.wait_for_url(re.compile(r"/admin/translation-status/"))
    state, cell = _french_state(page, english["id"])
    assert state == "current"
    assert "up to date" in cell.inner_text().lower()
    # The new English sentence is flagged as waiting for its French translation.
    assert "1 text still in the original language" in cell.inner_text()

    # The French article still answers, in French.
    page.goto(live_site("/fr/news/france-senegal-copresidence-fmmd/"))
    assert "Sénégal" in page.locator("h1").inner_text()


def test_english_only_article_in_french_shows_the_french_note(page, live_site):
    response = page.goto(live_site("/fr/news/launch-of-it-takes-a-community/"))
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "fr"
    note = page.locator(".fallback-note")
    assert "pas encore traduit en français" in note.inner_text()
    title = page.locator("h1")
    assert (title.get_attribute("lang"), title.get_attribute("dir")) == ("en", "ltr")
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert canonical == live_site("/en/news/launch-of-it-takes-a-community/")


def test_every_demo_page_answers_in_each_of_its_languages(page, live_site):
    """Acceptance 5: news, reports and resources; lang and hreflang right."""
    page.goto(live_site("/en/"))
    checked = 0
    for page_type in ("learning.NewsPage", "learning.ReportPage", "learning.ResourcePage"):
        for language in ("en", "fr", "es", "ar"):
            for item in _api(page, f"type={page_type}&locale={language}&limit=20"):
                url = live_site(urlparse(item["meta"]["html_url"]).path)
                response = page.request.get(url)
                assert response.status == 200, url
                html = response.text()
                assert f'<html lang="{language}"' in html, url
                assert f'hreflang="{language}" href="{url}"' in html, url
                checked += 1
    # 6 news items + 4 fr + 4 es + 1 ar; the report in en, fr, es; two resources.
    assert checked == 20


@pytest.mark.parametrize(
    "path",
    [
        f"/en/news/{ARTICLE}/",
        "/ar/news/imrf-updates/",
        "/en/learning/localizing-the-global-compacts-2022/",
        "/en/news/",
        "/fr/news/launch-of-it-takes-a-community/",
    ],
)
def test_knowledge_hub_pages_have_no_accessibility_violations(page, live_site, path):
    response = page.goto(live_site(path))
    assert response.status == 200
    assert_no_axe_violations(page)


def test_arabic_article_is_right_to_left(page, live_site):
    page.goto(live_site("/ar/news/imrf-updates/"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "منتدى استعراض الهجرة الدولية" in page.locator("h1").inner_text()


def test_language_switcher_lands_on_the_same_article(page, live_site):
    page.goto(live_site(f"/en/news/{ARTICLE}/"))
    page.click(".language-switcher a[hreflang=es]")
    page.wait_for_url(live_site("/es/news/francia-senegal-copresidencia-fmmd/"))
    assert "Senegal" in page.locator("h1").inner_text()


def test_report_table_of_contents_leads_to_its_sections(page, live_site):
    page.goto(live_site("/fr/learning/localiser-les-pactes-mondiaux-2022/"))
    assert page.locator(".key-figures__value").first.inner_text() == "70"
    page.get_by_role("link", name="Et ensuite").click()
    assert page.url.endswith("#et-ensuite")
