"""Endorsing the Marrakech Mayors Declaration: form, moderation, public register."""

from datetime import timedelta

import pytest

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pledges.models import Endorsement, LocalGovernment
from tests.pledges.conftest import confirm_by_email, confirmation_path
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


def test_form_has_honeypot_and_labels_and_no_per_visitor_token(client, call_page):
    response = client.get(URL)
    html = response.content.decode()
    # The page can be cached and shared: no CSRF token, no cookie (posts are origin-checked).
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies
    assert 'class="honeypot"' in html
    assert '<label for="id_government_name">' in html
    assert 'maxlength="200"' in html


def test_endorsement_waits_unseen_until_the_emailed_link_is_confirmed(
    client, admin_client, call_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, VALID)
    assert response.status_code == 302
    assert response["Location"] == URL + "?sent=1"
    endorsement = Endorsement.objects.get()
    assert endorsement.status == Endorsement.PENDING
    assert endorsement.email_confirmed_at is None
    assert endorsement.region == "europe"

    # The visitor is told what is true: a link is on its way to the address they typed.
    html = client.get(response["Location"]).content.decode()
    assert "Check your inbox" in html
    assert "We are sending a link to <strong>mayor@ghent.example.org</strong>" in html

    # One email, to the address typed, with a link and nothing else the visitor typed.
    [message] = mail.outbox
    assert message.to == ["mayor@ghent.example.org"]
    assert "Someone used this address on" in message.body
    assert "to endorse the Marrakech Mayors Declaration" in message.body
    assert "If it was not you, ignore this email" in message.body
    for typed in ("Ghent", "Mathias", "De Clercq", "Proud to join"):
        assert typed not in message.body and typed not in message.subject
    assert "/en/call-to-local-action/endorse/confirm/" in message.body

    # Moderators see nothing yet: not in the listing, the dashboard or a bulk action.
    listing = admin_client.get(reverse("wagtailsnippets_pledges_endorsement:list"))
    assert "Ghent" not in listing.content.decode()
    assert "endorsement to review" not in admin_client.get("/admin/").content.decode()
    approve = reverse("wagtail_bulk_action", args=("pledges", "endorsement", "approve"))
    admin_client.post(f"{approve}?id={endorsement.pk}", {"next": "/admin/"})
    endorsement.refresh_from_db()
    assert endorsement.status == Endorsement.PENDING

    # Opening the link confirms nothing (mail scanners open links); the button does.
    path = confirmation_path(message)
    page = client.get(path)
    assert page.status_code == 200
    assert "Confirm my endorsement" in page.content.decode()
    assert "Ghent" not in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    endorsement.refresh_from_db()
    assert endorsement.email_confirmed_at is None
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path)
    assert response.status_code == 302
    endorsement.refresh_from_db()
    assert endorsement.email_confirmed_at is not None
    assert "your address is confirmed" in client.get(path).content.decode()

    # Only now: the receipt, the moderators' note, the listing.
    recipients = sorted(m.to[0] for m in mail.outbox[1:])
    assert recipients == ["mayor@ghent.example.org", "moderators@localactionhub.example"]
    receipt = next(m for m in mail.outbox[1:] if m.to == ["mayor@ghent.example.org"])
    assert "Ghent" in receipt.body
    listing = admin_client.get(reverse("wagtailsnippets_pledges_endorsement:list"))
    assert "Ghent" in listing.content.decode()
    assert "1 endorsement to review" in admin_client.get("/admin/").content.decode()

    # Confirming again sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path)
    assert len(mail.outbox) == 3


def test_an_expired_or_unknown_link_confirms_nothing(
    client, call_page, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, VALID)
    path = confirmation_path(mail.outbox[0])
    too_old = timezone.now() - timedelta(hours=settings.EMAIL_CONFIRMATION_HOURS, minutes=1)
    Endorsement.objects.update(created_at=too_old)

    response = client.get(path)
    assert response.status_code == 404
    assert "This link does not work any more" in response.content.decode()
    assert client.post(path).status_code == 404
    assert Endorsement.objects.get().email_confirmed_at is None
    assert len(mail.outbox) == 1

    unknown = path.replace("/confirm/", "/confirm/x").rstrip("/") + "/"
    assert client.get(unknown).status_code == 404


def test_confirmation_link_is_in_the_signatory_language(
    client, call_page, translated_home, django_capture_on_commit_callbacks
):
    from hub.localization import translate

    translate(call_page, "fr", {})
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/fr/call-to-local-action/endorse/", VALID)
    assert Endorsement.objects.count() == 1
    [message] = mail.outbox
    assert message.to == ["mayor@ghent.example.org"]
    path = confirmation_path(message)
    assert path.startswith("/fr/")
    confirm_by_email(client, message, django_capture_on_commit_callbacks)
    receipt = next(m for m in mail.outbox[1:] if m.to == ["mayor@ghent.example.org"])
    assert receipt.subject  # rendered under translation.override("fr")


def test_approved_endorsement_appears_in_the_register_with_the_counter_increased(
    client, admin_client, call_page, django_capture_on_commit_callbacks
):
    EndorsementFactory(government_name="Rabat", country="MA")
    before = counter(client.get(REGISTER).content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, VALID)
    confirm_by_email(client, mail.outbox[0], django_capture_on_commit_callbacks)
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


def test_the_answer_is_the_same_whether_or_not_the_government_already_endorsed(
    client, admin_client, call_page, django_capture_on_commit_callbacks
):
    """A second endorsement for a government gets exactly the first one's answer and email;
    once confirmed it reaches the moderators, told there is another, and only one can be
    approved."""
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(URL, VALID)
    confirm_by_email(client, mail.outbox[0], django_capture_on_commit_callbacks)
    Endorsement.objects.update(status=Endorsement.APPROVED)

    again = {**VALID, "government_name": "  ghent ", "email": "deputy@ghent.example.org"}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(URL, again, REMOTE_ADDR="10.0.0.9")
    assert (first.status_code, first["Location"]) == (second.status_code, second["Location"])
    html = client.get(second["Location"]).content.decode()
    assert "already" not in html and "Ghent" not in html
    assert "We are sending a link to <strong>deputy@ghent.example.org</strong>" in html
    [message] = mail.outbox
    assert message.to == ["deputy@ghent.example.org"]
    assert "Someone used this address" in message.body and "already" not in message.body

    confirm_by_email(client, message, django_capture_on_commit_callbacks)
    note = next(m for m in mail.outbox if m.to == ["moderators@localactionhub.example"])
    assert "This government already has 1 other endorsement" in note.body
    second_endorsement = Endorsement.objects.get(email="deputy@ghent.example.org")
    url = (
        reverse("wagtail_bulk_action", args=("pledges", "endorsement", "approve"))
        + f"?id={second_endorsement.pk}"
    )
    response = admin_client.post(url, {"next": "/admin/"}, follow=True)
    assert "1 not approved: its government already has an approved endorsement." in (
        response.content.decode()
    )
    second_endorsement.refresh_from_db()
    assert second_endorsement.status == Endorsement.PENDING
    assert Endorsement.objects.filter(status=Endorsement.APPROVED).count() == 1


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


def test_the_same_address_is_limited_whoever_sends_it(client, call_page):
    """Nobody can flood a stranger's inbox with confirmation links from many addresses."""
    statuses = [
        client.post(URL, {**VALID, "government_name": f"Town {i}"}, REMOTE_ADDR=f"10.0.1.{i}")
        for i in range(5)
    ]
    assert [r.status_code for r in statuses] == [302, 302, 302, 429, 429]
    assert Endorsement.objects.count() == 3


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
    first_count = len(first.captured_queries)  # now: the log of queries is a bounded window
    for _ in range(20):
        EndorsementFactory(local_government=LocalGovernmentFactory())
    client.get(REGISTER)  # the new content generation's caches filled
    with django_assert_num_queries(first_count):
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


def test_an_endorsement_posted_from_another_site_is_refused(client, call_page):
    from pledges.models import Endorsement

    response = client.post(URL, VALID, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert not Endorsement.objects.exists()
