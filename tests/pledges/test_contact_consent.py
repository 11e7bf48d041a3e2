"""A submission's contact appears on its case study only with recorded consent; otherwise
visitors write to the team through a form that relays their message and never shows the
address."""

import pytest
from post_office.models import Email

from django.core import mail
from django.core.cache import cache
from django.test import Client

from pledges import services
from pledges.models import ActionSubmission
from tests.pledges.conftest import confirm_by_email
from tests.pledges.factories import ActionSubmissionFactory, LocalActionPageFactory
from tests.pledges.test_submission import URL, valid_data

MESSAGE = {
    "name": "Jonas Weber",
    "email": "jonas@leipzig.example.org",
    "organisation": "City of Leipzig",
    "message": "How did you recruit the first ambassadors?",
    "homepage": "",
}


def submit_and_confirm(client, capture, **changes):
    data = {**valid_data(), **changes}
    with capture(execute=True):
        assert client.post(URL, data).status_code == 302
    confirm_by_email(client, mail.outbox[0], capture)
    return ActionSubmission.objects.get()


def published_case_study(submission, user):
    page = services.create_case_study(submission, user=user)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_consent_is_recorded_at_confirmation_and_the_contact_published(
    client, library, call_page, admin_user, django_capture_on_commit_callbacks
):
    form = client.get(URL).content.decode()
    assert "You may publish this contact on the case study" in form
    submission = submit_and_confirm(
        client, django_capture_on_commit_callbacks, publish_contact="on"
    )
    assert submission.publish_contact
    assert submission.contact_consent_by == "sofia@lisbon.example.org"
    assert submission.contact_consent_at == submission.email_confirmed_at
    note = next(m for m in mail.outbox if m.to == ["moderators@localactionhub.example"])
    assert "consent given by sofia@lisbon.example.org" in note.body

    page = published_case_study(submission, admin_user)
    assert (page.contact_name, page.contact_email, page.contact_is_public) == (
        "Sofía García",
        "sofia@lisbon.example.org",
        True,
    )
    html = client.get(page.url).content.decode()
    assert "Contact for replication" in html
    assert "sofia@lisbon.example.org" in html
    assert "Contact the team behind this action" not in html


def test_without_consent_the_case_study_relays_messages_and_hides_the_address(
    client, library, call_page, admin_user, django_capture_on_commit_callbacks
):
    submission = submit_and_confirm(client, django_capture_on_commit_callbacks)
    assert submission.share_contact and not submission.publish_contact
    assert submission.contact_consent_at is None
    page = published_case_study(submission, admin_user)
    assert (page.contact_name, page.contact_email, page.contact_is_public) == ("", "", False)

    html = client.get(page.url).content.decode()
    assert "Contact the team behind this action" in html
    assert "sofia@lisbon.example.org" not in html and "Sofía" not in html
    assert '<label for="contact_message">' in html
    assert 'class="honeypot"' in html
    # No per-visitor token: the case study's page can be cached and shared.
    assert "csrfmiddlewaretoken" not in html

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url + "contact/", MESSAGE)
    assert response.status_code == 302
    assert response["Location"] == page.url + "?contacted=1#contact-heading"
    [relayed] = mail.outbox
    assert relayed.to == ["sofia@lisbon.example.org"]
    assert relayed.extra_headers["Reply-To"] == "jonas@leipzig.example.org"
    assert "How did you recruit the first ambassadors?" in relayed.body
    assert "Jonas Weber" in relayed.body and page.title in relayed.subject
    assert Email.objects.filter(to="sofia@lisbon.example.org").exists()  # through the outbox
    thanks = client.get(response["Location"]).content.decode()
    assert "we are forwarding your message to the team" in thanks
    assert "sofia@lisbon.example.org" not in thanks

    # Mistakes are shown next to the fields, still without the address.
    response = client.post(page.url + "contact/", {**MESSAGE, "email": "jonas@"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="contact_email-errors"' in html and "sofia@lisbon.example.org" not in html


def test_the_contact_form_has_the_defences_of_every_public_form(
    client, library, call_page, admin_user, django_capture_on_commit_callbacks
):
    submission = submit_and_confirm(client, django_capture_on_commit_callbacks)
    page = published_case_study(submission, admin_user)
    url = page.url + "contact/"
    relayed = Email.objects.filter(subject__startswith="A question about")

    # A program that fills the hidden field sends nothing.
    response = client.post(url, {**MESSAGE, "homepage": "http://spam.example"})
    assert response.status_code == 400
    assert "looks as if a program filled it" in response.content.decode()

    # A browser posting from another site is refused (no token: the origin decides).
    forged = Client(enforce_csrf_checks=True).post(
        url, MESSAGE, HTTP_ORIGIN="https://evil.example", HTTP_SEC_FETCH_SITE="cross-site"
    )
    assert forged.status_code == 403
    assert not relayed.exists()

    cache.clear()  # the limits count every post, refused ones too: start a fresh hour
    # One sender cannot flood the team, from however many connections.
    statuses = [
        client.post(url, {**MESSAGE, "name": f"Sender {i}"}, REMOTE_ADDR=f"10.0.2.{i}").status_code
        for i in range(5)
    ]
    assert statuses == [302, 302, 302, 429, 429]
    # Nor can many senders flood one team.
    statuses = [
        client.post(
            url, {**MESSAGE, "email": f"sender{i}@example.org"}, REMOTE_ADDR=f"10.0.3.{i}"
        ).status_code
        for i in range(2)
    ]
    assert statuses == [429, 429]
    assert "too many times" in client.post(url, MESSAGE).content.decode()
    assert relayed.count() == 3
    assert {email.to[0] for email in relayed} == {"sofia@lisbon.example.org"}


@pytest.mark.parametrize("share_contact", [False, True])
def test_no_form_when_there_is_nobody_to_write_to(client, library, admin_user, share_contact):
    submission = ActionSubmissionFactory(share_contact=share_contact)
    page = published_case_study(submission, admin_user)
    html = client.get(page.url).content.decode()
    if share_contact:
        assert "Contact the team behind this action" in html
    else:
        assert "Contact the team behind this action" not in html
        assert client.post(page.url + "contact/", MESSAGE).status_code == 404
    assert "sofia@example.org" not in html
    assert client.get(page.url + "contact/").status_code == 302  # GET goes to the page


def test_an_editor_entered_contact_that_is_not_public_gets_the_form(client, library):
    page = LocalActionPageFactory(parent=library, contact_is_public=False)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Contact the team behind this action" in html
    assert "amina@example.org" not in html
