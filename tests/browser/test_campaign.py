"""The campaign in a real browser: an endorsement and a submitted local action are confirmed
from the emailed link, and the action becomes a published case study."""

import re

import pytest
from PIL import Image

from django.utils.text import slugify

from tests.browser.conftest import assert_no_axe_violations, login

TITLE = "Welcome ambassadors tested in a browser"
GOVERNMENT = "Browserville"
CONTACT = "ambassadors@browserville.example.org"
SIGNATORY = "mayor@browserton.example.org"


def _confirmation_link(message):
    return re.search(r"https?://\S+/confirm/[\w-]+/", message.get_body().get_content()).group(0)


def test_an_endorsement_is_confirmed_from_the_emailed_link(page, live_site):
    page.goto(live_site("/en/call-to-local-action/endorse/"))
    page.fill("#id_government_name", "Browserton")
    page.select_option("#id_country", "BE")
    page.fill("#id_signatory_name", "Browser Mayor")
    page.fill("#id_signatory_title", "Mayor")
    page.fill("#id_email", SIGNATORY)
    page.check("#id_consent_to_list")
    page.click("form.campaign-form button[type=submit]")
    page.wait_for_url(re.compile(r"\?sent=1$"))
    status = page.locator(".confirmation").inner_text()
    assert "Check your inbox" in status and SIGNATORY in status

    (message,) = live_site.wait_for_email(SIGNATORY)
    body = message.get_body().get_content()
    assert "Someone used this address" in body
    assert "Browserton" not in body and "Browser Mayor" not in body

    # Opening the link shows a button; the button confirms.
    page.goto(_confirmation_link(message))
    assert page.locator("h1").inner_text() == "Confirm your endorsement"
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Confirm my endorsement").click()
    page.get_by_role("heading", name=re.compile("your address is confirmed")).wait_for()
    _, receipt = live_site.wait_for_email(SIGNATORY, count=2)
    assert "Browserton" in receipt.get_body().get_content()


def _images(tmp_path):
    paths = []
    for i, color in enumerate([(11, 79, 108), (184, 66, 15)]):
        path = tmp_path / f"photo-{i}.png"
        Image.new("RGB", (320, 200), color).save(path)
        paths.append(str(path))
    return paths


def test_submitted_action_goes_through_moderation_to_a_published_case_study(
    page, live_site, tmp_path
):
    # A visitor submits a local action with two images.
    page.goto(live_site("/en/call-to-local-action/submit-action/"))
    page.fill("#id_government_name", GOVERNMENT)
    page.select_option("#id_country", "PT")
    page.fill("#id_contact_name", "Rita Fonseca")
    page.fill("#id_contact_email", CONTACT)
    page.check("#id_share_contact")
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "Residents who arrived as refugees welcome newcomers.")
    page.fill("#id_challenge", "Newcomers did not know where to turn.")
    page.fill("#id_action", "The city trained volunteer ambassadors.")
    page.get_by_label("Access to services", exact=True).check()
    page.get_by_label("Children and youth", exact=True).check()
    page.get_by_label(re.compile(r"^16\. Empower migrants")).check()
    page.get_by_label(re.compile(r"^10\. Reduced inequalities")).check()
    page.fill("#id_start_year", "2022")
    page.set_input_files("#id_images", _images(tmp_path))
    page.click("form.campaign-form button[type=submit]")
    page.wait_for_url(re.compile(r"\?sent=1$"))
    assert f"We are sending a link to {CONTACT}" in page.locator(".confirmation").inner_text()
    (link,) = live_site.wait_for_email(CONTACT)
    assert TITLE not in link.get_body().get_content()

    # The contact confirms from the emailed link; then the receipt comes.
    page.goto(_confirmation_link(link))
    page.get_by_role("button", name="Confirm my local action").click()
    page.get_by_role("heading", name=re.compile("your address is confirmed")).wait_for()
    _, receipt = live_site.wait_for_email(CONTACT, count=2)
    assert TITLE in receipt["Subject"]

    # A moderator drafts the case study from it in the admin.
    login(page, live_site, "moderator")
    page.goto(live_site("/admin/snippets/pledges/actionsubmission/?status=new"))
    row = page.locator("tr", has_text=TITLE)
    href = row.locator("a[href*='create-case-study']").first.get_attribute("href")
    page.goto(live_site(href))
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    assert "Draft case study" in page.content()
    edit_url = page.url

    # Each submitted photo gets its description (alt text) before it goes to moderation.
    for alt_text in page.locator("input[name^='gallery-'][name$='-alt_text']").all():
        alt_text.fill("Volunteer ambassadors welcoming a family at a district desk")
    # It goes through the "Moderators approval" workflow.
    # Wait for the submission's own answer before leaving (a slow machine would abort it).
    with page.expect_navigation():
        page.evaluate("document.querySelector(\"button[name='action-submit']\").click()")
    assert "submitted" in page.locator(".messages").inner_text()
    # Approved by another moderator: nobody approves what they submitted.
    page.context.clear_cookies()
    login(page, live_site, "moderator2")
    page.goto(edit_url)
    page.wait_for_selector("[data-workflow-action-name='approve']", state="attached")
    page.evaluate("document.querySelector(\"[data-workflow-action-name='approve']\").click()")
    page.wait_for_load_state("networkidle")

    # The published page shows what was submitted.
    slug = slugify(f"{slugify(GOVERNMENT)}-{TITLE}")[:80]
    response = page.goto(live_site(f"/en/practices/{slug}/"))
    assert response.status == 200
    assert page.locator("h1").inner_text() == TITLE
    facts = page.locator(".facts").inner_text()
    assert "Access to services" in facts and "Children and youth" in facts
    assert "Empower migrants and societies to realize full inclusion" in facts
    assert "Reduced inequalities" in facts
    assert page.locator(".gallery img").count() == 2

    # No consent to publish the contact: a form relays a message, the address stays hidden.
    assert CONTACT not in page.content()
    section = page.locator(".replication-contact")
    assert "Contact the team behind this action" in section.inner_text()
    assert_no_axe_violations(page)
    page.fill("#contact_name", "Browser Visitor")
    page.fill("#contact_email", "visitor@elsewhere.example.org")
    page.fill("#contact_message", "How did you train the ambassadors?")
    section.get_by_role("button", name="Send the message").click()
    page.wait_for_url(re.compile(r"contacted=1"))
    assert "we are forwarding your message" in section.inner_text()
    relayed = live_site.wait_for_email(CONTACT, count=3)[-1]
    assert "How did you train the ambassadors?" in relayed.get_body().get_content()
    assert relayed["Reply-To"] == "visitor@elsewhere.example.org"


@pytest.mark.parametrize(
    "path",
    [
        "/en/call-to-local-action/",
        "/en/call-to-local-action/endorsers/",
        "/en/local-governments/marrakech/",
        "/ar/call-to-local-action/endorsers/",
    ],
)
def test_campaign_pages_have_no_accessibility_violations(page, live_site, path):
    response = page.goto(live_site(path))
    assert response.status == 200
    assert_no_axe_violations(page)


def test_a_case_study_has_no_accessibility_violations(page, live_site):
    page.goto(live_site("/en/local-governments/marrakech/"))
    page.locator("main .card a").first.click()
    page.wait_for_load_state()
    assert "/en/practices/" in page.url
    assert page.locator(".facts").is_visible()
    assert_no_axe_violations(page)


def test_endorsement_form_with_errors_has_no_accessibility_violations(page, live_site):
    page.goto(live_site("/en/call-to-local-action/endorse/"))
    page.fill("#id_email", "not-an-email")
    page.click("form.campaign-form button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert page.locator("#id_email-errors").inner_text().strip() == "Enter a valid email address."
    assert page.input_value("#id_email") == "not-an-email"
    assert_no_axe_violations(page)
