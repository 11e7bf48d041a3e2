"""Endorsing the Marrakech Mayors Declaration: form, moderation, public register."""

import logging

import pytest

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pledges.models import Endorsement, LocalGovernment
from tests.pledges.factories import EndorsementFactory, LocalGovernmentFactory

URL = "/en/call-to-local-action/endorse/"
REGISTER = "/en/call-to-local-action/endorsers/"

VALID = {
    "government_name": "Ghent",
    "government_kind": "city",
    "country": "BE",
    "signatory_name": "Mathias De Clercq",
    "signatory_title": "Mayor",
    "email": "mayor@ghent.example.org",
    "message": "Proud to join.",
    "consent_to_list": "on",
    "homepage": "",
}


def counter(html):
    return int(html.split('class="lead endorsers-counter" role="status">', 1)[1].split()[0])


def test_form_has_csrf_honeypot_and_labels(client, call_page):
    html = client.get(URL).content.decode()
    assert "csrfmiddlewaretoken" in html
    assert 'class="honeypot"' in html
    assert '<label for="id_government_name">' in html
    assert 'maxlength="200"' in html


def test_endorsement_is_stored_pending_and_emails_sent_after_commit(
    client, call_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, VALID)
    assert response.status_code == 302
    assert response["Location"] == URL + "?sent=1"
    endorsement = Endorsement.objects.get()
    assert endorsement.status == Endorsement.PENDING
    assert endorsement.region == "europe"
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["mayor@ghent.example.org", "moderators@localactionhub.example"]
    assert "Ghent" in mail.outbox[0].body
    assert "Thank you" in client.get(response["Location"]).content.decode()


def test_confirmation_email_is_in_the_signatory_language(
    client, call_page, translated_home, django_capture_on_commit_callbacks
):
    from hub.localization import translate

    translate(call_page, "fr", {})
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/fr/call-to-local-action/endorse/", VALID)
    assert Endorsement.objects.count() == 1
    signatory = next(m for m in mail.outbox if m.to == ["mayor@ghent.example.org"])
    assert signatory.subject  # rendered under translation.override("fr")


def test_approved_endorsement_appears_in_the_register_with_the_counter_increased(
    client, admin_client, call_page
):
    EndorsementFactory(government_name="Rabat", country="MA")
    before = counter(client.get(REGISTER).content.decode())
    client.post(URL, VALID)
    endorsement = Endorsement.objects.get(government_name="Ghent")
    assert "Ghent" not in client.get(REGISTER).content.decode()  # pending: not public

    # A moderator approves it with the bulk action of the admin listing.
    url = (
        reverse("wagtail_bulk_action", args=("pledges", "endorsement", "approve"))
        + f"?id={endorsement.pk}"
    )
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"next": "/admin/"})
    assert response.status_code == 302
    endorsement.refresh_from_db()
    assert endorsement.status == Endorsement.APPROVED
    assert endorsement.local_government.name == "Ghent"  # the LRG was created

    html = client.get(REGISTER).content.decode()
    assert "Ghent" in html
    assert counter(html) == before + 1
    assert client.get(endorsement.local_government.get_absolute_url()).status_code == 200


def test_a_second_endorsement_for_the_same_government_gets_a_clear_message(client, call_page):
    client.post(URL, VALID)
    again = {**VALID, "government_name": "  ghent ", "email": "deputy@ghent.example.org"}
    response = client.post(URL, again)
    assert response.status_code == 400
    html = response.content.decode()
    assert "already received and is being reviewed" in html
    assert 'value="deputy@ghent.example.org"' in html  # input kept
    assert Endorsement.objects.count() == 1

    Endorsement.objects.update(status=Endorsement.APPROVED)
    html = client.post(URL, again).content.decode()
    assert "has already endorsed the Marrakech Mayors Declaration" in html
    assert Endorsement.objects.count() == 1


def test_a_rejected_endorsement_may_be_sent_again(client, call_page):
    client.post(URL, VALID)
    Endorsement.objects.update(status=Endorsement.REJECTED)
    assert client.post(URL, VALID).status_code == 302
    assert Endorsement.objects.count() == 2


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"government_name": ""}, "government_name", "This field is required."),
        ({"signatory_name": ""}, "signatory_name", "This field is required."),
        ({"signatory_title": ""}, "signatory_title", "This field is required."),
        ({"email": ""}, "email", "This field is required."),
        ({"country": ""}, "country", "This field is required."),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"country": "XX"}, "country", "Select a valid choice."),
        ({"government_kind": "empire"}, "government_kind", "Select a valid choice."),
        ({"government_name": "x" * 201}, "government_name", "at most 200 characters"),
        ({"message": "x" * 2001}, "message", "at most 2000 characters"),
        ({"homepage": "http://spam.example"}, None, "looks as if a program filled it"),
    ],
)
def test_bad_input_is_refused_with_a_message_next_to_the_field(
    client, call_page, change, field, message
):
    response = client.post(URL, {**VALID, **change})
    assert response.status_code == 400
    html = response.content.decode()
    if field:
        assert f'id="id_{field}-errors"' in html
    assert message in html
    assert Endorsement.objects.count() == 0
    if field != "signatory_name":
        assert 'value="Mathias De Clercq"' in html  # what the visitor typed is kept


def test_every_required_field_missing_gives_every_message(client, call_page):
    response = client.post(URL, {})
    assert response.status_code == 400
    html = response.content.decode()
    for field in ("government_name", "country", "signatory_name", "signatory_title", "email"):
        assert f'id="id_{field}-errors"' in html
    assert 'class="error-summary"' in html
    assert Endorsement.objects.count() == 0


def test_thirty_posts_in_a_minute_are_refused_with_429(client, call_page):
    statuses = [client.post(URL, {**VALID, "email": "bad"}).status_code for _ in range(30)]
    assert statuses[0] == 400
    assert statuses[-1] == 429
    assert statuses.count(429) >= 20
    response = client.post(URL, VALID)  # even a valid one, while over the limit
    assert response.status_code == 429
    assert "too many times" in response.content.decode()
    assert Endorsement.objects.count() == 0
    # Another client is not affected.
    assert client.post(URL, VALID, REMOTE_ADDR="10.0.0.2").status_code == 302


def test_a_failing_mail_server_loses_nothing_and_is_logged(
    client, call_page, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # nothing listens there: the connection is refused
    settings.EMAIL_TIMEOUT = 2
    with (
        caplog.at_level(logging.ERROR, logger="hub.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(URL, VALID)
    assert response.status_code == 302
    assert Endorsement.objects.filter(government_name="Ghent").exists()
    assert "could not send endorsement_received" in caplog.text


def test_register_filters_by_region_and_kind(client, call_page):
    EndorsementFactory(government_name="Rabat", country="MA")
    EndorsementFactory(government_name="Catalonia", country="ES", government_kind="region")
    EndorsementFactory(government_name="Quito", country="EC")
    EndorsementFactory(government_name="Hidden", country="FR", consent_to_list=False)
    EndorsementFactory(government_name="Waiting", country="FR", status=Endorsement.PENDING)

    html = client.get(REGISTER).content.decode()
    assert counter(html) == 3
    assert "Hidden" not in html and "Waiting" not in html

    html = client.get(REGISTER + "?region=africa").content.decode()
    assert "Rabat" in html and "Quito" not in html and "Catalonia" not in html

    html = client.get(REGISTER + "?kind=region").content.decode()
    assert "Catalonia" in html and "Rabat" not in html

    response = client.get(REGISTER + "?region=atlantis&kind=<script>")
    assert response.status_code == 200
    html = response.content.decode()
    assert "were not recognised" in html and "<script>" not in html
    assert "Rabat" in html and "Quito" in html


def test_register_query_count_does_not_grow(client, call_page, django_assert_num_queries):
    for _ in range(5):
        EndorsementFactory(local_government=LocalGovernmentFactory())
    client.get(REGISTER)  # warm the per-site caches
    with CaptureQueriesContext(connection) as first:
        client.get(REGISTER)
    for _ in range(20):
        EndorsementFactory(local_government=LocalGovernmentFactory())
    with django_assert_num_queries(len(first.captured_queries)):
        html = client.get(REGISTER).content.decode()
    assert counter(html) == 25


def test_moderators_listing_filters_pending(admin_client, call_page):
    EndorsementFactory(government_name="Approved City")
    EndorsementFactory(government_name="Pending City", status=Endorsement.PENDING)
    url = reverse("wagtailsnippets_pledges_endorsement:list") + "?status=pending"
    html = admin_client.get(url).content.decode()
    assert "Pending City" in html and "Approved City" not in html


def test_reject_bulk_action(admin_client, call_page):
    endorsement = EndorsementFactory(status=Endorsement.PENDING)
    url = (
        reverse("wagtail_bulk_action", args=("pledges", "endorsement", "reject"))
        + f"?id={endorsement.pk}"
    )
    assert admin_client.post(url, {"next": "/admin/"}).status_code == 302
    endorsement.refresh_from_db()
    assert endorsement.status == Endorsement.REJECTED
    assert LocalGovernment.objects.count() == 0
