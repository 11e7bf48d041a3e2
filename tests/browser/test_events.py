"""Events in a real browser: register, get the calendar file by email, cancel; accessibility."""

import re

import icalendar
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations, login

WEBINAR = "/en/events/webinar-access-to-services-peer-exchange/"
BRIEFING = "/en/events/briefing-session-on-the-imrf/"


def _seats_left(page):
    return int(re.search(r"(\d+) seats? left", page.locator(".event__seats").inner_text()).group(1))


def _link(message, pattern):
    return re.search(pattern, message.get_body().get_content()).group(0)


def test_visitor_registers_confirms_by_email_receives_the_ics_and_cancels(page, live_site):
    email = "browser.visitor@example.org"
    page.goto(live_site("/en/events/"))
    page.get_by_role(
        "link", name="Access to services for all: a peer exchange between cities"
    ).click()
    page.wait_for_url(live_site(WEBINAR))
    seats_before = _seats_left(page)

    page.get_by_label("Full name").fill("Browser Visitor")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Organisation").fill("City of Montevideo")
    page.get_by_label("Role or position").fill("Migration officer")
    page.get_by_label("Country").select_option("UY")
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Register").click()

    # Back on the event page: nothing is booked until the address is confirmed.
    expect(page.locator(".messages")).to_contain_text(
        f"Check your inbox: we are sending a link to confirm your registration to {email}"
    )
    assert page.url == live_site(WEBINAR)
    assert _seats_left(page) == seats_before

    (first,) = live_site.wait_for_email(email)
    assert first["Subject"] == (
        "Please confirm your registration: "
        "Access to services for all: a peer exchange between cities"
    )
    assert "Browser Visitor" not in first.get_body().get_content()
    assert not list(first.iter_attachments())
    page.goto(_link(first, r"http://\S+/registration/\S+/confirm/"))
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Confirm my registration").click()

    expect(page.get_by_role("heading", name="You are registered")).to_be_visible()
    expect(page.locator(".messages")).to_contain_text(
        f"We will email the details and the calendar file to {email}"
    )

    _, message = live_site.wait_for_email(email, count=2)
    assert message["Subject"] == (
        "You are registered: Access to services for all: a peer exchange between cities"
    )
    attachment = next(
        part for part in message.iter_attachments() if part.get_filename() == "event.ics"
    )
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    vevent = calendar.events[0]
    assert vevent["DTSTART"].params["TZID"] == "America/Bogota"
    assert vevent.start.hour == 9
    assert str(vevent["URL"]) == live_site(WEBINAR)
    assert "https://meet.example.org/access-to-services" in str(vevent["DESCRIPTION"])

    page.goto(live_site(WEBINAR))
    assert _seats_left(page) == seats_before - 1

    page.goto(_link(message, r"http://\S+/registration/\S+/"))
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_role("heading", name="This registration is cancelled")).to_be_visible()
    expect(page.locator(".messages")).to_contain_text("Your seat is freed")
    page.goto(live_site(WEBINAR))
    assert _seats_left(page) == seats_before
    assert [m["Subject"] for m in live_site.emails(email)][-1].startswith("Registration cancelled")


def test_a_tampered_cancel_link_is_not_found(page, live_site):
    response = page.goto(live_site(WEBINAR + "registration/not-a-real-token/"))
    assert response.status == 404


def test_briefing_shows_its_zone_and_the_visitors_own_time(browser, live_site):
    context = browser.new_context(timezone_id="Asia/Tokyo", locale="en-GB")
    page = context.new_page()
    page.goto(live_site(BRIEFING))
    when = page.locator(".event-when").inner_text()
    assert "Wednesday 13 April 2022" in when
    assert "15:00–16:00" in when
    assert "CEST (Europe/Brussels)" in when
    visitor = page.locator(".event-when__visitor")
    expect(visitor).to_be_visible()
    # 13:00 UTC is 22:00 in Tokyo (24-hour clock, like the rest of the page).
    assert "22:00" in visitor.inner_text() and "23:00" in visitor.inner_text()
    assert "Asia/Tokyo" in visitor.inner_text()
    context.close()


@pytest.mark.parametrize("path", ["/en/events/", WEBINAR, BRIEFING, "/ar/events/"])
def test_events_pages_have_no_accessibility_violations(page, live_site, path):
    page.goto(live_site(path))
    assert_no_axe_violations(page)


def test_registration_form_with_errors_is_accessible_and_keeps_input(page, live_site):
    page.goto(live_site(WEBINAR))
    page.get_by_label("Full name").fill("Someone")
    page.get_by_label("Email address").fill("not-an-email")
    page.get_by_role("button", name="Register").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    assert "Enter a valid email address." in summary.inner_text()
    assert page.get_by_label("Full name").input_value() == "Someone"
    assert page.get_by_label("Email address").get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(page)


def test_only_event_managers_reach_registrations(page, live_site):
    login(page, live_site, "editor")
    response = page.goto(live_site("/admin/eventregistration/"))
    assert response.status == 403
    page.context.clear_cookies()
    login(page, live_site, "eventmanager")
    page.goto(live_site("/admin/"))
    expect(page.get_by_text("Upcoming events and registrations")).to_be_visible()
    page.goto(live_site("/admin/eventregistration/"))
    expect(page.get_by_text("Confirmed:").first).to_be_visible()
