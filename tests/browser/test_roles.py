"""Each role's tasks walked through in the admin, as the demo's logins (issue 15, acceptance 1).

Every form is filled once and must pass on the first attempt: no validation error, a
confirmation after each action.
"""

import csv
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.browser.conftest import login

ERRORS = ".w-field__errors .error-message, .help-critical, .messages .error"


def api_id(page, live_site, query):
    page.goto(live_site("/robots.txt"))
    return page.evaluate(
        f"fetch('/api/v2/pages/?{query}').then(r => r.json()).then(d => d.items[0].id)"
    )


def assert_no_errors(page):
    assert page.locator(ERRORS).count() == 0, page.locator(ERRORS).all_inner_texts()


def success_message(page):
    message = page.locator(".messages .success").first
    message.wait_for()
    return message.inner_text()


def publish(page):
    """The editor's "Publish" (in the footer's "More actions"), waiting for the answer."""
    page.get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        page.locator("button[name='action-publish']").click()
    assert_no_errors(page)


def switch_user(page, live_site, username):
    page.context.clear_cookies()
    login(page, live_site, username)


def test_editor_publishes_the_home_page_an_article_in_two_languages_and_a_menu(page, live_site):
    login(page, live_site, "editor")

    # The home page: edited and published directly (no moderation on it).
    home_id = api_id(page, live_site, "type=hub.HomePage&locale=en")
    page.goto(live_site(f"/admin/pages/{home_id}/edit/"))
    assert page.locator("button[name='action-submit']").count() == 0
    page.locator("#id_hero_text").fill("Cities and regions welcome newcomers, together.")
    publish(page)
    assert "published" in success_message(page)
    page.goto(live_site("/en/"))
    expect(page.get_by_text("Cities and regions welcome newcomers, together.")).to_be_visible()

    # A news article with an image, published, then translated into French.
    index_id = api_id(page, live_site, "type=learning.NewsIndexPage&locale=en")
    page.goto(live_site(f"/admin/pages/add/learning/newspage/{index_id}/"))
    page.locator("#id_title").fill("Mayors open a welcome week")
    page.locator("#id_date").fill("2026-11-30")
    page.locator("#id_summary").fill("Forty cities open their town halls to newcomers.")
    page.locator("[data-chooser-action-choose]").first.click()
    page.locator(".modal a[data-chooser-modal-choice]").first.click()
    expect(page.locator(".modal")).to_be_hidden()
    publish(page)
    assert "published" in success_message(page)
    article_id = api_id(
        page, live_site, "type=learning.NewsPage&locale=en&slug=mayors-open-a-welcome-week"
    )
    response = page.goto(live_site("/en/news/mayors-open-a-welcome-week/"))
    assert response.status == 200
    assert page.locator("main img").count() >= 1

    page.goto(live_site(f"/admin/localize/submit/page/{article_id}/"))
    page.get_by_label("French").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Submit").click()
    segment = page.locator("li", has_text="Forty cities open their town halls").last
    segment.get_by_role("button", name=re.compile("^(Translate|Edit)$")).click()
    segment.locator("textarea").fill("Quarante villes ouvrent leurs mairies aux nouveaux venus.")
    segment.get_by_role("button", name="Save").click()
    page.get_by_text("Translated manually").first.wait_for()
    page.get_by_role("button", name="Publish in French").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".messages .error").count() == 0
    response = page.goto(live_site("/fr/news/mayors-open-a-welcome-week/"))
    assert response.status == 200
    assert "Quarante villes ouvrent leurs mairies aux nouveaux venus." in page.content()

    # A menu edited; the translation report lists it with its languages.
    page.goto(live_site("/admin/snippets/hub/navigationmenu/?locale=en"))
    page.locator("a", has_text="Main navigation").first.click()
    label = page.locator("input[id$='-label']").first
    label.fill("Campaign news")
    with page.expect_navigation():
        page.locator("button[type=submit]", has_text="Save").first.click()
    assert_no_errors(page)
    assert "updated" in success_message(page) or "saved" in success_message(page)
    page.goto(live_site("/admin/translation-status/"))
    page.get_by_label("Type").select_option(label="Navigation menus")
    page.get_by_role("button", name="Filter").click()
    row = page.locator("tr[data-snippet-type]", has_text="Main navigation")
    expect(row).to_have_count(1)
    assert row.locator("td[data-locale='en']").get_attribute("data-state") == "source"
    assert row.locator("td[data-locale='fr']").get_attribute("data-state") in {
        "current",
        "separate",
    }


def test_moderators_approve_an_endorsement_and_a_case_study_submitted_by_another(page, live_site):
    login(page, live_site, "moderator")

    # An endorsement, approved from its own page.
    page.goto(live_site("/admin/snippets/pledges/endorsement/?status=pending"))
    link = page.locator("tbody tr a[href*='/edit/']").first
    government = link.inner_text().strip()
    link.click()
    page.get_by_role("link", name="Approve").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Approve endorsement").click()
    assert f"Endorsement of {government} approved" in success_message(page)
    expect(page.get_by_role("link", name="Approve")).to_have_count(0)

    # A submission becomes a draft case study, submitted to the moderators' workflow.
    title = "Immigrant council of the city"
    page.goto(live_site("/admin/snippets/pledges/actionsubmission/?status=new"))
    href = (
        page.locator("tr", has_text=title)
        .locator("a[href*='create-case-study']")
        .first.get_attribute("href")
    )
    page.goto(live_site(href))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    edit_url = page.url
    assert re.search(r"/admin/pages/\d+/edit/$", edit_url)
    assert page.locator("button[name='action-publish']").count() == 0  # one path: moderation
    with page.expect_navigation():
        page.evaluate("document.querySelector(\"button[name='action-submit']\").click()")
    assert_no_errors(page)
    assert "submitted" in success_message(page)
    page.goto(live_site("/admin/snippets/pledges/actionsubmission/?status=case_study"))
    expect(
        page.locator("tr", has_text=title).get_by_role("link", name="In moderation")
    ).to_be_visible()

    # The moderator who submitted it is offered no approval ...
    page.goto(edit_url)
    assert page.locator("[data-workflow-action-name='approve']").count() == 0

    # ... another moderator approves it, and it is live.
    switch_user(page, live_site, "moderator2")
    page.goto(edit_url)
    page.wait_for_selector("[data-workflow-action-name='approve']", state="attached")
    with page.expect_navigation():
        page.evaluate("document.querySelector(\"[data-workflow-action-name='approve']\").click()")
    success_message(page)
    assert f"“{title}” approved and published." in page.locator(".messages").inner_text()
    page.goto(live_site("/admin/snippets/pledges/actionsubmission/?status=case_study"))
    submission_row = page.locator("tr", has_text=title)
    expect(submission_row.get_by_role("link", name="Live")).to_be_visible()
    public = submission_row.get_by_role("link", name=re.compile("^view"))
    response = page.goto(live_site(public.get_attribute("href")))
    assert response.status == 200
    assert page.locator("h1").inner_text() == title


def test_event_manager_creates_an_event_and_works_its_registrations(page, live_site):
    login(page, live_site, "eventmanager")

    # An event, published directly.
    index_id = api_id(page, live_site, "type=events.EventIndexPage&locale=en")
    page.goto(live_site(f"/admin/pages/add/events/eventpage/{index_id}/"))
    page.locator("#id_title").fill("Peer exchange on housing")
    page.locator("#id_event_type").select_option(index=1)
    page.locator("#id_start").fill("2027-03-10 14:00")
    page.locator("#id_end").fill("2027-03-10 15:30")
    page.locator("#id_online_link").fill("https://meet.example.org/housing")
    publish(page)
    assert "published" in success_message(page)
    assert page.goto(live_site("/en/events/peer-exchange-on-housing/")).status == 200

    # Registrations open on the next event; filtered to confirmed, the counts stay true.
    page.goto(live_site("/admin/eventregistration/"))
    event_id = parse_qs(urlsplit(page.url).query)["event"][0]
    counts = page.locator(".registration-counts").inner_text()
    page.goto(live_site(f"/admin/eventregistration/?event={event_id}&status=confirmed"))
    assert page.locator(".registration-counts").inner_text() == counts

    # The export: codes and the words beside them.
    with page.expect_download() as download:
        page.evaluate(
            "url => { const a = document.createElement('a'); a.href = url; a.click(); }",
            live_site(f"/admin/eventregistration/?event={event_id}&status=confirmed&export=csv"),
        )
    text = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert {"Country code", "Country", "Status code", "Status"} <= set(rows[0])
    assert all(row[rows[0].index("Status")] == "Confirmed" for row in rows[1:])

    # Cancel one: back on the same filtered listing, with a confirmation.
    row = page.locator("tbody tr").first
    row.get_by_role("button", name=re.compile("More options")).click()
    with page.expect_navigation():
        row.get_by_role("link", name="Cancel registration").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Yes, cancel it").click()
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"event": [event_id], "status": ["confirmed"]}
    assert "cancelled" in success_message(page)
