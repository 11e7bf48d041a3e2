"""Registering, the waiting list and cancelling through the public pages."""

from datetime import timedelta

import pytest

from django.core.cache import cache
from django.utils import timezone

from events.models import EventRegistration
from tests.events.conftest import manage_url, register_url
from tests.events.factories import EventPageFactory, EventRegistrationFactory

Status = EventRegistration.Status


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def _register(client, event, data, **extra):
    return client.post(register_url(event), data, **extra)


def test_visitor_registers_and_lands_on_their_confirmation(
    client, event, registration_data, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _register(client, event, registration_data)
    registration = EventRegistration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == manage_url(registration)
    assert registration.status == Status.CONFIRMED
    assert registration.event_id == event.pk
    assert registration.language == "en"
    page = client.get(response["Location"])
    content = page.content.decode()
    assert "You are registered" in content
    assert "We sent a confirmation to amina.benali@example.org" in content
    # The private page shows the link to join; caches and search engines keep out.
    assert "https://meet.example.org/secret-room-42" in content
    assert page["Cache-Control"] == "private, no-store"
    assert len(mailoutbox) == 1


def test_event_page_shows_seats_left_and_never_the_online_link(client, event):
    EventRegistrationFactory.create_batch(3, event=event)
    content = client.get(event.url).content.decode()
    assert "17 seats left" in content
    assert "secret-room-42" not in content
    assert 'name="csrfmiddlewaretoken"' in content
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


def test_same_email_twice_is_refused_with_a_message(client, event, registration_data):
    _register(client, event, registration_data)
    response = _register(client, event, {**registration_data, "email": "AMINA.Benali@example.org "})
    assert response.status_code == 400
    assert response.context["form"].errors["email"] == [
        "This email address is already registered for this event."
    ]
    assert EventRegistration.objects.count() == 1


def test_a_cancelled_person_may_register_again(client, event, registration_data):
    EventRegistrationFactory(event=event, email=registration_data["email"], status=Status.CANCELLED)
    response = _register(client, event, registration_data)
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
    response = _register(client, full, registration_data)
    registration = full.registrations.get(email=registration_data["email"])
    assert registration.status == Status.WAITLISTED
    content = client.get(response["Location"]).content.decode()
    assert "You are number 1 on the waiting list" in content
    assert "secret-room-42" not in content


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


def test_post_without_csrf_token_is_rejected(event, registration_data):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(register_url(event), registration_data)
    assert response.status_code == 403
    assert EventRegistration.objects.count() == 0


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
    page = client.get(manage_url(seated)).content.decode()
    assert "Cancel my registration" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(manage_url(seated))
    assert response.status_code == 302
    seated.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert seated.status == Status.CANCELLED
    assert seated.cancelled_by == "registrant"
    assert first.status == Status.CONFIRMED
    assert second.status == Status.WAITLISTED
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
    client, event, registration_data, translated_home
):
    from hub.localization import translate

    translate(event.get_parent(), "fr", {})
    french = translate(event, "fr", {"Access to services": "Accès aux services"})
    EventRegistrationFactory.create_batch(19, event=event)
    response = client.post(french.url + "register/", registration_data)
    assert response.status_code == 302
    registration = EventRegistration.objects.get(email=registration_data["email"])
    assert registration.event_id == event.pk
    assert registration.language == "fr"
    assert registration.status == Status.CONFIRMED
    # The twenty-first person, on the English page, waits.
    client.post(register_url(event), {**registration_data, "email": "late@example.org"})
    assert EventRegistration.objects.get(email="late@example.org").status == Status.WAITLISTED
