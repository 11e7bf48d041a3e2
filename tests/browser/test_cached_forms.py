"""The public forms work from pages served out of the full-page cache.

Each page is first requested by someone else (so the cache holds it), then the
browser gets the cached copy — the same HTML every visitor gets, without a
per-visitor token — and submits the form from it.
"""

import re
import urllib.request

from playwright.sync_api import expect

from tests.browser.test_campaign import _confirmation_link

WEBINAR = "/en/events/webinar-access-to-services-peer-exchange/"


def warm(live_site, path):
    """Another visitor's request: the page is now in the cache."""
    with urllib.request.urlopen(live_site(path), timeout=10) as response:  # noqa: S310
        assert response.status == 200


def goto_cached(page, live_site, path):
    warm(live_site, path)
    response = page.goto(live_site(path))
    assert response.headers.get("x-page-cache") == "hit", path
    assert "public" in response.headers["cache-control"]
    assert "set-cookie" not in response.headers
    return response


def test_register_for_an_event_from_the_cached_event_page(page, live_site):
    email = "cached.visitor@example.org"
    goto_cached(page, live_site, WEBINAR)
    page.get_by_label("Full name").fill("Cached Visitor")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Organisation").fill("City of Quito")
    page.get_by_label("Role or position").fill("Inclusion officer")
    page.get_by_label("Country").select_option("EC")
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Register").click()
    expect(page.locator(".messages")).to_contain_text("Check your inbox")
    (message,) = live_site.wait_for_email(email)
    assert "Please confirm your registration" in message["Subject"]


def test_endorse_from_the_cached_form_page(page, live_site):
    email = "mayor@cachetown.example.org"
    goto_cached(page, live_site, "/en/call-to-local-action/endorse/")
    page.fill("#id_government_name", "Cachetown")
    page.select_option("#id_country", "FR")
    page.fill("#id_signatory_name", "Cached Mayor")
    page.fill("#id_signatory_title", "Mayor")
    page.fill("#id_email", email)
    page.click("form.campaign-form button[type=submit]")
    page.wait_for_url(re.compile(r"\?sent=1$"))
    assert "Check your inbox" in page.locator(".confirmation").inner_text()
    (message,) = live_site.wait_for_email(email)
    page.goto(_confirmation_link(message))
    page.get_by_role("button", name="Confirm my endorsement").click()
    page.get_by_role("heading", name=re.compile("your address is confirmed")).wait_for()


def test_submit_an_action_from_the_cached_form_page(page, live_site):
    email = "team@cachetown.example.org"
    goto_cached(page, live_site, "/en/call-to-local-action/submit-action/")
    page.fill("#id_government_name", "Cachetown")
    page.select_option("#id_country", "FR")
    page.fill("#id_contact_name", "Cached Contact")
    page.fill("#id_contact_email", email)
    page.fill("#id_title", "A local action sent from a cached page")
    page.fill("#id_summary", "Residents welcome newcomers.")
    page.fill("#id_challenge", "Newcomers did not know where to turn.")
    page.fill("#id_action", "The city trained volunteers.")
    page.get_by_label("Access to services", exact=True).check()
    page.fill("#id_start_year", "2023")
    page.click("form.campaign-form button[type=submit]")
    page.wait_for_url(re.compile(r"\?sent=1$"))
    assert "We are sending a link to" in page.locator(".confirmation").inner_text()
    (message,) = live_site.wait_for_email(email)
    page.goto(_confirmation_link(message))
    page.get_by_role("button", name="Confirm my local action").click()
    page.get_by_role("heading", name=re.compile("your address is confirmed")).wait_for()
