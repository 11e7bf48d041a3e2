"""The outbox: emails are stored with what they announce, survive a broken mail server,
are retried with a growing wait, and leave exactly once; failed ones can be sent again."""

import socket
import threading
import time

import pytest
from post_office.models import STATUS, Email

from django.contrib.auth.models import Group, Permission
from django.core import mail as django_mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hub import mail
from tests.factories import UserFactory
from tests.mailserver import make_retries_due, smtp_back

pytestmark = pytest.mark.django_db


def a_message(to="someone@example.org", subject="Your registration"):
    return django_mail.EmailMessage(subject=subject, body="Hello", to=[to])


def test_an_email_exists_only_if_its_transaction_commits(django_capture_on_commit_callbacks):
    with pytest.raises(RuntimeError), transaction.atomic():
        mail.queue(a_message())
        raise RuntimeError("the registration failed")
    assert Email.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        mail.queue(a_message(), "a receipt")
    assert [m.subject for m in django_mail.outbox] == ["Your registration"]
    assert Email.objects.get().status == STATUS.sent


def test_attachments_keep_their_name_and_type(django_capture_on_commit_callbacks):
    message = a_message()
    message.attach("event.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    with django_capture_on_commit_callbacks(execute=True):
        mail.queue(message)
    [sent] = django_mail.outbox
    [(name, content, mimetype)] = sent.attachments
    assert (name, mimetype) == ("event.ics", "text/calendar")
    assert "BEGIN:VCALENDAR" in (content.decode() if isinstance(content, bytes) else content)


def test_with_smtp_down_the_email_waits_and_is_delivered_exactly_once(
    smtp_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mail.queue(a_message(), "a receipt")
    email = Email.objects.get()
    assert email.status == STATUS.requeued
    assert email.number_of_retries == 1
    assert email.logs.get().status == STATUS.failed  # the reason is kept for the admin
    assert django_mail.outbox == []

    # Still down at the next pass: still waiting, nothing lost.
    make_retries_due()
    mail.send_queued()
    assert Email.objects.get().status == STATUS.requeued

    smtp_back(smtp_down)
    make_retries_due()
    mail.send_queued()
    mail.send_queued()
    assert len(django_mail.outbox) == 1
    assert Email.objects.get().status == STATUS.sent


def test_each_retry_waits_twice_as_long_as_the_one_before(smtp_down):
    mail.queue(a_message())
    waits = []
    for _ in range(4):
        make_retries_due()
        mail.send_queued()
        email = Email.objects.get()
        waits.append((email.scheduled_time - email.last_updated).total_seconds())
    base = smtp_down.POST_OFFICE["RETRY_INTERVAL"].total_seconds()
    assert waits == pytest.approx([base, 2 * base, 4 * base, 8 * base], abs=2)


def test_after_the_last_retry_it_is_failed_and_can_be_sent_again(smtp_down):
    smtp_down.POST_OFFICE = {**smtp_down.POST_OFFICE, "MAX_RETRIES": 1}
    mail.queue(a_message())
    mail.send_queued()
    make_retries_due()
    mail.send_queued()
    assert Email.objects.get().status == STATUS.failed

    smtp_back(smtp_down)
    assert mail.resend(Email.objects.values_list("pk", flat=True)) == 1
    mail.send_queued()
    assert len(django_mail.outbox) == 1


def test_two_senders_never_send_the_same_email():
    """A request and the worker (or two workers) read the same queued row: one wins."""
    email = mail.queue(a_message())
    first, second = Email.objects.get(pk=email.pk), Email.objects.get(pk=email.pk)
    now = timezone.now()
    assert mail._claim([first], now) == [first]
    assert mail._claim([second], now) == []
    mail._deliver([first])
    assert len(django_mail.outbox) == 1


def test_the_worker_sends_what_is_queued(capsys):
    mail.queue(a_message(subject="Reminder: the IMRF side event starts tomorrow"))
    call_command("run_worker", "--once")
    assert [m.subject for m in django_mail.outbox] == [
        "Reminder: the IMRF side event starts tomorrow"
    ]


def test_a_request_never_waits_on_a_mail_server_that_does_not_answer(settings):
    """A server that accepts the connection and never speaks: the send happens outside."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    accepted = []

    def accept_and_hang():
        try:
            conn, _ = listener.accept()
            accepted.append(conn)
        except OSError:
            pass

    thread = threading.Thread(target=accept_and_hang, daemon=True)
    thread.start()
    settings.OUTBOX_SEND_AFTER_COMMIT = False  # the production default with EMAIL_HOST set
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"},
    }
    settings.EMAIL_HOST, settings.EMAIL_PORT = listener.getsockname()
    settings.EMAIL_USE_TLS = False
    try:
        started = time.monotonic()
        with transaction.atomic():
            mail.queue(a_message())
        assert time.monotonic() - started < 1
        assert Email.objects.get().status == STATUS.queued
    finally:
        listener.close()
        for conn in accepted:
            conn.close()


def test_only_permitted_users_see_the_outbox_and_nobody_edits_it(client, admin_client):
    email = mail.queue(a_message(to="registrant@example.org"))
    list_url = reverse("wagtailsnippets_post_office_email:list")

    response = admin_client.get(list_url)
    assert response.status_code == 200
    assert "registrant@example.org" in response.content.decode()
    edit_url = reverse("wagtailsnippets_post_office_email:edit", args=[email.pk])
    assert admin_client.get(edit_url).status_code in (302, 403)
    assert admin_client.post(edit_url, {"subject": "changed"}).status_code in (302, 403)
    assert Email.objects.get().subject == "Your registration"

    editors = Group.objects.create(name="Editors without outbox")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor = UserFactory(username="editor-outbox")
    editor.groups.add(editors)
    client.force_login(editor)
    response = client.get(list_url)
    assert response.status_code in (302, 403)


def test_failed_emails_show_on_the_dashboard_and_are_sent_again_in_bulk(admin_client, smtp_down):
    smtp_down.POST_OFFICE = {**smtp_down.POST_OFFICE, "MAX_RETRIES": 0}
    email = mail.queue(a_message())
    mail.send_queued()
    assert Email.objects.get().status == STATUS.failed

    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 email could not be sent" in dashboard

    smtp_back(smtp_down)
    url = (
        reverse(
            "wagtail_bulk_action",
            args=("post_office", "email", "resend"),
        )
        + f"?id={email.pk}"
    )
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url)
    assert response.status_code == 302
    mail.send_queued()
    assert len(django_mail.outbox) == 1
    assert (
        "could not be sent" not in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    )
