"""With the mail server down, endorsements and submissions are kept, the visitor is told
what is true, and every email waits in the outbox and leaves exactly once when it is back."""

from datetime import timedelta

from post_office.models import STATUS, Email

from django.core import mail as django_mail
from django.utils import timezone

from hub import mail
from pledges.models import ActionSubmission, Endorsement
from tests.mailserver import smtp_back
from tests.pledges.conftest import confirmation_path
from tests.pledges.test_endorsement import URL as ENDORSE_URL
from tests.pledges.test_endorsement import VALID as ENDORSEMENT
from tests.pledges.test_submission import URL as SUBMIT_URL
from tests.pledges.test_submission import valid_data


def deliver_twice():
    """Two worker passes once every retry is due: what was waiting leaves, once."""
    Email.objects.filter(status=STATUS.requeued).update(
        scheduled_time=timezone.now() - timedelta(seconds=1)
    )
    mail.send_queued()
    mail.send_queued()


def waiting():
    return sorted(
        (email.to[0], email.status)
        for email in Email.objects.exclude(status=STATUS.sent).order_by("pk")
    )


def test_an_endorsement_survives_a_mail_server_that_is_down(
    client, call_page, smtp_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ENDORSE_URL, ENDORSEMENT)
    assert response.status_code == 302
    assert Endorsement.objects.filter(government_name="Ghent").exists()
    html = client.get(response["Location"]).content.decode()
    assert "We are sending a link to <strong>mayor@ghent.example.org</strong>" in html
    assert "We sent" not in html
    assert waiting() == [("mayor@ghent.example.org", STATUS.requeued)]
    assert django_mail.outbox == []

    smtp_back(smtp_down)
    deliver_twice()
    [link] = django_mail.outbox
    assert link.to == ["mayor@ghent.example.org"]

    # Down again when the signatory confirms: the receipt and the note wait too.
    smtp_down.POST_OFFICE = {
        **smtp_down.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"},
    }
    path = confirmation_path(link)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(path).status_code == 302
    assert Endorsement.objects.get().email_confirmed_at is not None
    assert "your address is confirmed" in client.get(path).content.decode()
    assert waiting() == [
        ("mayor@ghent.example.org", STATUS.requeued),
        ("moderators@localactionhub.example", STATUS.requeued),
    ]

    smtp_back(smtp_down)
    deliver_twice()
    assert sorted(m.to[0] for m in django_mail.outbox) == [
        "mayor@ghent.example.org",
        "mayor@ghent.example.org",
        "moderators@localactionhub.example",
    ]
    assert waiting() == []


def test_a_submission_survives_a_mail_server_that_is_down(
    client, call_page, smtp_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SUBMIT_URL, valid_data())
    assert response.status_code == 302
    assert ActionSubmission.objects.filter(title="Neighbourhood welcome ambassadors").exists()
    html = client.get(response["Location"]).content.decode()
    assert "We are sending a link to <strong>sofia@lisbon.example.org</strong>" in html
    assert waiting() == [("sofia@lisbon.example.org", STATUS.requeued)]

    smtp_back(smtp_down)
    deliver_twice()
    [link] = django_mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirmation_path(link))
    deliver_twice()
    assert sorted(m.to[0] for m in django_mail.outbox) == [
        "moderators@localactionhub.example",
        "sofia@lisbon.example.org",
        "sofia@lisbon.example.org",
    ]
    assert waiting() == []
