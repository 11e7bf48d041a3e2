"""Registering, confirming the address, the waiting list and cancelling through the public pages."""

from datetime import timedelta

import pytest

from django.core.cache import cache
from django.utils import timezone

from events.models import EventRegistration
from tests.events.conftest import (
    confirm_url,
    link_in,
    manage_url,
    register_and_confirm,
    register_url,
)
from tests.events.factories import EventPageFactory, EventRegistrationFactory

Status = EventRegistration.Status
CHECK_INBOX = "Check your inbox: we are sending a link to confirm your registration to"


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def _register(client, event, data, **extra):
    return client.post(register_url(event), data, **extra)


def _messages(client, response):
    """The text of the page a redirect leads to (where the flash messages are shown)."""
    return client.get(response["Location"]).content.decode()


def test_visitor_registers_confirms_by_email_and_lands_on_their_registration(
    client, event, registration_data, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _register(client, event, registration_data)
    registration = EventRegistration.objects.get()
    # Nothing is booked yet, and the visitor does not get the private link on the page.
    assert registration.status == Status.UNCONFIRMED
    assert response.status_code == 302
    assert response["Location"] == event.url
    page = _messages(client, response)
    assert f"{CHECK_INBOX} amina.benali@example.org" in page
    assert registration.token not in page
    assert "20 seats left" in page
    (first,) = mailoutbox
    assert first.subject == "Please confirm your registration: Access to services"
    assert first.attachments == []

    # Opening the link shows a button and changes nothing (mail scanners fetch links).
    link = link_in(first, "/confirm/")
    assert link == confirm_url(registration)
    shown = client.get(link)
    assert shown.status_code == 200
    assert shown["Cache-Control"] == "private, no-store"
    assert "Confirm my registration" in shown.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.UNCONFIRMED

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(link)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert confirmed.status_code == 302
    assert confirmed["Location"] == manage_url(registration)
    own_page = client.get(confirmed["Location"])
    content = own_page.content.decode()
    assert "You are registered" in content
    assert "We will email the details and the calendar file to amina.benali@example.org" in (
        content
    )
    assert "https://meet.example.org/secret-room-42" in content
    assert own_page["Cache-Control"] == "private, no-store"
    assert [m.subject for m in mailoutbox][1:] == ["You are registered: Access to services"]
    assert "19 seats left" in client.get(event.url).content.decode()


def test_the_first_email_carries_nothing_the_visitor_typed(
    client, event, registration_data, django_capture_on_commit_callbacks, mailoutbox
):
    data = {
        **registration_data,
        "name": "Account suspended see evil.example",
        "organisation": "Call +1 555 0100 now",
        "role": "Visit phish.example",
        "needs": "Your password expired",
    }
    with django_capture_on_commit_callbacks(execute=True):
        _register(client, event, data)
    (message,) = mailoutbox
    text = message.subject + message.body
    for typed in ("Account suspended", "evil.example", "555 0100", "phish.example", "password"):
        assert typed not in text
    assert "Someone asked to register this email address" in message.body
    assert "If it was not you, ignore this email" in message.body
    assert "within 24 hours" in message.body


def test_an_unconfirmed_registration_holds_no_seat(client, events_index, registration_data):
    small = EventPageFactory(parent=events_index, capacity=1, title="Small")
    _register(client, small, registration_data)
    _register(client, small, {**registration_data, "email": "second@example.org"})
    assert small.registrations.filter(status=Status.UNCONFIRMED).count() == 2
    page = client.get(small.url).content.decode()
    assert "1 seat left" in page
    # Whoever confirms first gets the seat; the other joins the waiting list.
    second = small.registrations.get(email="second@example.org")
    client.post(confirm_url(second))
    first = small.registrations.get(email=registration_data["email"])
    client.post(confirm_url(first))
    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.status, first.status) == (Status.CONFIRMED, Status.WAITLISTED)


def test_an_expired_link_frees_nothing_and_offers_to_register_again(
    client, events_index, registration_data, settings
):
    settings.EMAIL_CONFIRMATION_HOURS = 24
    small = EventPageFactory(parent=events_index, capacity=1, title="Small")
    _register(client, small, registration_data)
    late = small.registrations.get()
    EventRegistration.objects.filter(pk=late.pk).update(
        created_at=timezone.now() - timedelta(hours=25)
    )
    seated = EventRegistrationFactory(event=small)

    for response in (client.get(confirm_url(late)), client.post(confirm_url(late))):
        assert response.status_code == 410
        content = response.content.decode()
        assert "This confirmation link has expired" in content
        assert "it never held a seat and nothing was freed" in content
        assert f'href="{small.url}#register"' in content
    late.refresh_from_db()
    seated.refresh_from_db()
    assert late.status == Status.UNCONFIRMED
    assert seated.status == Status.CONFIRMED
    assert small.registrations.filter(status=Status.CONFIRMED).count() == 1

    # Registering again works, with a new link.
    response = _register(client, small, registration_data)
    assert response.status_code == 302
    fresh = small.registrations.filter(status=Status.UNCONFIRMED).latest("id")
    assert fresh.token != late.token


def test_a_lost_link_does_not_block_registering_again(
    client, event, registration_data, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        _register(client, event, registration_data)
        _register(client, event, registration_data)
    assert event.registrations.filter(status=Status.UNCONFIRMED).count() == 2
    assert [m.subject for m in mailoutbox] == [
        "Please confirm your registration: Access to services"
    ] * 2
    # The second link is used: one registration stands, the other request is gone.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link_in(mailoutbox[1], "/confirm/"))
    assert list(event.registrations.values_list("status", flat=True)) == [Status.CONFIRMED]
    # The first link now leads nowhere, and books nothing.
    response = client.post(link_in(mailoutbox[0], "/confirm/"))
    assert response.status_code == 404
    assert "This confirmation link is not valid" in response.content.decode()
    assert event.registrations.count() == 1


def test_confirming_twice_changes_nothing(client, event, registration_data):
    first = register_and_confirm(client, event, registration_data)
    registration = EventRegistration.objects.get()
    again = client.post(confirm_url(registration))
    assert again.status_code == 302
    assert again["Location"] == first["Location"] == manage_url(registration)
    assert EventRegistration.objects.get().status == Status.CONFIRMED


def test_a_confirmation_link_only_works_on_its_own_event(client, events_index, registration_data):
    event = EventPageFactory(parent=events_index)
    other = EventPageFactory(parent=events_index)
    _register(client, event, registration_data)
    registration = EventRegistration.objects.get()
    response = client.post(other.url + f"registration/{registration.token}/confirm/")
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == Status.UNCONFIRMED


def test_the_registration_page_of_an_unconfirmed_request_leads_to_the_button(
    client, event, registration_data
):
    _register(client, event, registration_data)
    registration = EventRegistration.objects.get()
    response = client.post(manage_url(registration))  # the cancel button's address
    assert response.status_code == 302
    assert response["Location"] == confirm_url(registration)
    registration.refresh_from_db()
    assert registration.status == Status.UNCONFIRMED


def test_confirming_after_registration_closed_is_refused(client, event, registration_data):
    _register(client, event, registration_data)
    registration = EventRegistration.objects.get()
    event.registration_open = False
    event.save_revision().publish()
    shown = client.get(confirm_url(registration)).content.decode()
    assert "Registration for this event is closed." in shown
    assert "Confirm my registration</button>" not in shown
    response = client.post(confirm_url(registration))
    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.status == Status.UNCONFIRMED


def test_a_full_event_without_waiting_list_refuses_at_confirmation(
    client, events_index, registration_data
):
    full = EventPageFactory(parent=events_index, capacity=1, waiting_list_enabled=False)
    _register(client, full, registration_data)
    EventRegistrationFactory(event=full)  # someone else took the last seat meanwhile
    response = client.post(confirm_url(full.registrations.get(status=Status.UNCONFIRMED)))
    assert response.status_code == 400
    assert "Sorry, this event is full." in response.content.decode()
    assert full.registrations.filter(status=Status.CONFIRMED).count() == 1


def test_event_page_shows_seats_left_and_never_the_online_link(client, event):
    EventRegistrationFactory.create_batch(3, event=event)
    EventRegistrationFactory(event=event, status=Status.UNCONFIRMED)
    content = client.get(event.url).content.decode()
    assert "17 seats left" in content
    assert "secret-room-42" not in content
    assert 'name="csrfmiddlewaretoken"' not in content  # the page can be cached
    assert 'class="honeypot"' in content


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("email", "", "This field is required."),
        ("email", "not-an-email", "Enter a valid email address."),
        ("organisation", "", "This field is required."),
        ("country", "XX", "Select a valid choice."),
        ("consent", "", "Please agree so that we can register you."),
        ("name", "x" * 201, "Ensure this value has at most 200 characters"),
        ("needs", "x" * 1001, "Ensure this value has at most 1000 characters"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_kept(
    client, event, registration_data, field, value, message
):
    data = {**registration_data, field: value}
    response = _register(client, event, data)
    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    content = response.content.decode()
    assert 'class="error-summary"' in content
    assert f'href="#id_{field}"' in content
    # What the visitor typed is still there.
    assert 'value="Migration officer"' in content
    assert EventRegistration.objects.count() == 0


def test_an_address_already_registered_gets_the_same_answer_and_an_email(
    client, event, registration_data, django_capture_on_commit_callbacks, mailoutbox
):
    existing = EventRegistrationFactory(event=event, email=registration_data["email"])
    newcomer = {**registration_data, "email": "newcomer@example.org"}
    with django_capture_on_commit_callbacks(execute=True):
        fresh = _register(client, event, newcomer)
        again = _register(
            client, event, {**registration_data, "email": "AMINA.Benali@example.org "}
        )
    # The page cannot tell the two apart.
    assert fresh.status_code == again.status_code == 302
    assert fresh["Location"] == again["Location"] == event.url
    page = _messages(client, again)
    assert f"{CHECK_INBOX} newcomer@example.org" in page
    assert f"{CHECK_INBOX} amina.benali@example.org" in page
    assert "already" not in page
    # Nothing new is stored for the registered address; its owner hears about it.
    assert event.registrations.filter(email=existing.email).count() == 1
    reminder = next(m for m in mailoutbox if m.to == [existing.email])
    assert reminder.subject == "You are already registered: Access to services"
    assert link_in(reminder, f"registration/{existing.token}/") == manage_url(existing)
    assert registration_data["name"] not in reminder.body
    assert existing.name not in reminder.body


def test_a_cancelled_person_may_register_again(client, event, registration_data):
    EventRegistrationFactory(event=event, email=registration_data["email"], status=Status.CANCELLED)
    response = register_and_confirm(client, event, registration_data)
    assert response.status_code == 302
    assert EventRegistration.objects.filter(status=Status.CONFIRMED).count() == 1


def test_registration_after_the_deadline_is_refused(client, event, registration_data):
    event.registration_deadline = timezone.now() - timedelta(minutes=1)
    event.save_revision().publish()
    response = _register(client, event, registration_data)
    assert response.status_code == 400
    assert "The registration deadline has passed." in response.content.decode()
    assert EventRegistration.objects.count() == 0


def test_post_to_a_closed_event_is_refused(client, event, registration_data):
    event.registration_open = False
    event.save_revision().publish()
    page = client.get(event.url).content.decode()
    assert "Registration for this event is closed." in page
    assert 'action="/en/events/access/register/"' not in page
    response = _register(client, event, registration_data)
    assert response.status_code == 400
    assert "Registration for this event is closed." in response.content.decode()
    assert EventRegistration.objects.count() == 0


def test_registration_closes_when_the_event_starts(client, events_index, registration_data):
    started = EventPageFactory(
        parent=events_index,
        start=timezone.now() - timedelta(minutes=5),
        end=timezone.now() + timedelta(minutes=55),
    )
    response = _register(client, started, registration_data)
    assert response.status_code == 400
    assert "Registration closed when the event started." in response.content.decode()
    assert EventRegistration.objects.count() == 0


def test_full_event_without_waiting_list_says_so(client, events_index, registration_data):
    full = EventPageFactory(parent=events_index, capacity=2, waiting_list_enabled=False)
    EventRegistrationFactory.create_batch(2, event=full)
    assert "Sorry, this event is full." in client.get(full.url).content.decode()
    response = _register(client, full, registration_data)
    assert response.status_code == 400
    assert "Sorry, this event is full." in response.content.decode()
    assert full.registrations.count() == 2


def test_full_event_with_waiting_list_puts_people_in_line(client, events_index, registration_data):
    full = EventPageFactory(parent=events_index, capacity=1)
    EventRegistrationFactory(event=full)
    assert "Join the waiting list" in client.get(full.url).content.decode()
    response = register_and_confirm(client, full, registration_data)
    registration = full.registrations.get(email=registration_data["email"])
    assert registration.status == Status.WAITLISTED
    content = client.get(response["Location"]).content.decode()
    assert "you are on the waiting list, and we will email amina.benali@example.org" in content
    assert "You are number 1 on the waiting list" in content
    assert "secret-room-42" not in content


def test_the_waiting_line_follows_the_order_of_confirmation(
    client, events_index, registration_data
):
    full = EventPageFactory(parent=events_index, capacity=1)
    EventRegistrationFactory(event=full)
    _register(client, full, {**registration_data, "email": "early@example.org"})
    register_and_confirm(client, full, {**registration_data, "email": "quick@example.org"})
    client.post(confirm_url(full.registrations.get(email="early@example.org")))
    quick = full.registrations.get(email="quick@example.org")
    early = full.registrations.get(email="early@example.org")
    assert "You are number 1" in client.get(manage_url(quick)).content.decode()
    assert "You are number 2" in client.get(manage_url(early)).content.decode()


# --- Events that ask for no confirmation (invitation-only) ------------------------
@pytest.fixture
def invitation_only(events_index):
    return EventPageFactory(
        parent=events_index, title="Mayors' roundtable", slug="roundtable", confirm_email=False
    )


def test_without_confirmation_registration_allocates_at_once(
    client, invitation_only, registration_data, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _register(client, invitation_only, registration_data)
    registration = EventRegistration.objects.get()
    assert registration.status == Status.CONFIRMED
    assert response["Location"] == manage_url(registration)
    content = client.get(response["Location"]).content.decode()
    assert "You are registered. We will email your confirmation to amina.benali@example.org" in (
        content
    )
    assert [m.subject for m in mailoutbox] == ["You are registered: Mayors' roundtable"]


def test_without_confirmation_a_duplicate_is_told_by_email(
    client, invitation_only, registration_data, django_capture_on_commit_callbacks, mailoutbox
):
    EventRegistrationFactory(event=invitation_only, email=registration_data["email"])
    with django_capture_on_commit_callbacks(execute=True):
        response = _register(client, invitation_only, registration_data)
    assert response.status_code == 302
    assert response["Location"] == invitation_only.url
    page = _messages(client, response)
    assert "Check your inbox: we are sending the details of your registration to" in page
    assert "already" not in page
    assert [m.subject for m in mailoutbox] == ["You are already registered: Mayors' roundtable"]
    assert invitation_only.registrations.count() == 1


def test_editors_turn_confirmation_off_in_the_registration_tab(admin_client, invitation_only):
    form = admin_client.get(f"/admin/pages/{invitation_only.pk}/edit/").content.decode()
    assert 'name="confirm_email"' in form
    assert "Turn this off only for invitation-only events" in form


# --- Limits, spam, tokens ---------------------------------------------------------
def test_honeypot_drops_the_request_silently(client, event, registration_data):
    response = _register(client, event, {**registration_data, "website": "http://spam.example"})
    assert response.status_code == 302
    assert EventRegistration.objects.count() == 0


def test_rate_limit_per_client(client, event, registration_data):
    for i in range(10):
        _register(client, event, {**registration_data, "email": f"p{i}@example.org"})
    response = _register(client, event, {**registration_data, "email": "p11@example.org"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert EventRegistration.objects.count() == 10
    # Another client is not affected.
    other = _register(
        client, event, {**registration_data, "email": "p12@example.org"}, REMOTE_ADDR="10.9.9.9"
    )
    assert other.status_code == 302


def test_rate_limit_per_address_whoever_posts(
    client, event, registration_data, settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.RECIPIENT_RATE_LIMIT = (3, 3600)
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(3):
            response = _register(client, event, registration_data, REMOTE_ADDR=f"10.1.0.{i + 1}")
            assert response.status_code == 302
        refused = _register(client, event, registration_data, REMOTE_ADDR="10.1.0.9")
    assert refused.status_code == 429
    assert len(mailoutbox) == 3  # a stranger's inbox is not flooded from many addresses
    other = _register(client, event, {**registration_data, "email": "x@example.org"})
    assert other.status_code == 302


def test_a_registration_posted_from_another_site_is_refused(event, registration_data):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        register_url(event), registration_data, HTTP_SEC_FETCH_SITE="cross-site"
    )
    assert response.status_code == 403
    assert EventRegistration.objects.count() == 0


def test_a_registration_from_the_event_page_itself_needs_no_token(event, registration_data):
    """The event page is cached and shared, so its form carries no per-visitor token."""
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        register_url(event), registration_data, HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 302
    assert EventRegistration.objects.count() == 1


def test_get_on_the_register_address_leads_to_the_event(client, event):
    response = client.get(register_url(event))
    assert response.status_code == 302
    assert response["Location"] == event.url


def test_cancel_link_frees_the_seat_and_promotes_the_first_waiting(
    client, events_index, django_capture_on_commit_callbacks, mailoutbox
):
    small = EventPageFactory(parent=events_index, capacity=1, title="Small workshop")
    seated = EventRegistrationFactory(event=small)
    first = EventRegistrationFactory(event=small, status=Status.WAITLISTED, email="first@x.org")
    second = EventRegistrationFactory(event=small, status=Status.WAITLISTED, email="second@x.org")
    unconfirmed = EventRegistrationFactory(
        event=small, status=Status.UNCONFIRMED, email="unconfirmed@x.org"
    )
    page = client.get(manage_url(seated)).content.decode()
    assert "Cancel my registration" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(manage_url(seated))
    assert response.status_code == 302
    for registration in (seated, first, second, unconfirmed):
        registration.refresh_from_db()
    assert seated.status == Status.CANCELLED
    assert seated.cancelled_by == "registrant"
    assert first.status == Status.CONFIRMED
    assert second.status == Status.WAITLISTED
    assert unconfirmed.status == Status.UNCONFIRMED  # never in line
    subjects = sorted((m.to[0], m.subject) for m in mailoutbox)
    assert subjects == [
        ("first@x.org", "A seat is now yours: Small workshop"),
        (seated.email, "Registration cancelled: Small workshop"),
    ]
    after = client.get(manage_url(seated)).content.decode()
    assert "This registration is cancelled" in after
    assert "Cancel my registration" not in after


def test_cancelling_twice_changes_nothing(client, event):
    registration = EventRegistrationFactory(event=event)
    client.post(manage_url(registration))
    client.post(manage_url(registration))
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


@pytest.mark.parametrize("kind", ["tampered", "other_event", "expired", "too_long"])
def test_bad_or_expired_cancel_token_gives_404_and_changes_nothing(client, events_index, kind):
    event = EventPageFactory(parent=events_index)
    registration = EventRegistrationFactory(event=event)
    url = manage_url(registration)
    if kind == "tampered":
        url = url.replace(registration.token, registration.token[:-2] + "xx")
    elif kind == "other_event":
        other = EventPageFactory(parent=events_index)
        url = other.url + f"registration/{registration.token}/"
    elif kind == "expired":
        event.start = timezone.now() - timedelta(days=2)
        event.end = timezone.now() - timedelta(days=2) + timedelta(hours=1)
        event.save_revision().publish()
    elif kind == "too_long":
        url = event.url + f"registration/{'a' * 300}/"
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_token_is_long_random_and_not_the_id(event):
    registrations = EventRegistrationFactory.create_batch(3, event=event)
    tokens = {r.token for r in registrations}
    assert len(tokens) == 3
    for registration in registrations:
        assert len(registration.token) >= 40
        assert str(registration.pk) != registration.token


def test_french_page_registrations_share_the_original_seats(
    client,
    event,
    registration_data,
    translated_home,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    from hub.localization import translate

    translate(event.get_parent(), "fr", {})
    french = translate(event, "fr", {"Access to services": "Accès aux services"})
    EventRegistrationFactory.create_batch(19, event=event)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(french.url + "register/", registration_data)
    assert response.status_code == 302
    assert response["Location"] == french.url
    # The link in the email leads to the French page.
    link = link_in(mailoutbox[0], "/confirm/")
    assert link.startswith("/fr/events/access/registration/")
    confirmed = client.post(link)
    registration = EventRegistration.objects.get(email=registration_data["email"])
    assert confirmed["Location"] == french.url + f"registration/{registration.token}/"
    assert registration.event_id == event.pk
    assert registration.language == "fr"
    assert registration.status == Status.CONFIRMED
    # The twenty-first person, on the English page, waits.
    register_and_confirm(client, event, {**registration_data, "email": "late@example.org"})
    assert EventRegistration.objects.get(email="late@example.org").status == Status.WAITLISTED
