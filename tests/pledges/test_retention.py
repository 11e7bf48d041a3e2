"""Personal data of endorsements and submissions is deleted when it is no longer needed;
what the public site shows stays."""

from datetime import timedelta
from pathlib import Path

import pytest

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from pledges import services
from pledges.models import ActionSubmission, Endorsement, SubmissionImage
from tests.pledges.conftest import image_bytes
from tests.pledges.factories import (
    ActionSubmissionFactory,
    EndorsementFactory,
    LocalGovernmentFactory,
)

REGISTER = "/en/call-to-local-action/endorsers/"


def days_ago(days, **extra):
    return timezone.now() - timedelta(days=days, **extra)


def with_image(submission):
    image = SubmissionImage.objects.create(
        submission=submission,
        file=SimpleUploadedFile("photo.png", image_bytes()),
        extension="png",
        width=64,
        height=48,
    )
    path = Path(settings.MEDIA_ROOT) / image.file.name
    assert path.is_file()  # a real file in the test MEDIA_ROOT
    return path


def age(model, obj, **fields):
    """Set auto-managed dates (created_at) and decision dates in the past."""
    model.objects.filter(pk=obj.pk).update(**fields)
    obj.refresh_from_db()
    return obj


def test_endorsements_lose_their_personal_data_after_the_decision(
    client, call_page, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    settings.PLEDGE_RETENTION_DAYS = 365
    settings.REJECTED_PLEDGE_RETENTION_DAYS = 30
    government = LocalGovernmentFactory(name="Ghent", slug="ghent", country="BE")
    old_approved = EndorsementFactory(
        government_name="Ghent",
        country="BE",
        local_government=government,
        signatory_name="Mathias De Clercq",
        email="mayor@ghent.example.org",
        message="Proud to join.",
        reviewed_at=days_ago(366),
    )
    recent_approved = EndorsementFactory(signatory_name="Recent Mayor", reviewed_at=days_ago(10))
    old_rejected = EndorsementFactory(
        status=Endorsement.REJECTED, signatory_name="Rejected Long Ago", reviewed_at=days_ago(31)
    )
    recent_rejected = EndorsementFactory(
        status=Endorsement.REJECTED, signatory_name="Rejected Lately", reviewed_at=days_ago(29)
    )
    waiting = EndorsementFactory(
        status=Endorsement.PENDING, reviewed_at=None, signatory_name="Still Waiting"
    )
    age(Endorsement, waiting, created_at=days_ago(400))

    assert "Mathias De Clercq" in client.get(REGISTER).content.decode()  # now in the page cache

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_pledge_data")

    for endorsement in (old_approved, old_rejected):
        endorsement.refresh_from_db()
        assert (endorsement.signatory_name, endorsement.email, endorsement.message) == ("", "", "")
        assert endorsement.personal_data_deleted_at is not None
    for endorsement in (recent_approved, recent_rejected, waiting):
        endorsement.refresh_from_db()
        assert endorsement.signatory_name and endorsement.email
        assert endorsement.personal_data_deleted_at is None

    # The register and the LRG's profile still show the endorsement, without the name.
    html = client.get(REGISTER).content.decode()
    assert "Ghent" in html and "Mathias" not in html
    assert "<td>Mayor</td>" in html
    profile = client.get(government.get_absolute_url()).content.decode()
    assert "signed by the Mayor" in profile and "Mathias" not in profile


def test_unconfirmed_rows_are_deleted_after_the_confirmation_window(db, settings):
    settings.EMAIL_CONFIRMATION_HOURS = 24
    stale_endorsement = age(
        Endorsement,
        EndorsementFactory(status=Endorsement.PENDING, email_confirmed_at=None),
        created_at=days_ago(1, minutes=1),
    )
    fresh_endorsement = age(
        Endorsement,
        EndorsementFactory(status=Endorsement.PENDING, email_confirmed_at=None),
        created_at=days_ago(0, hours=23),
    )
    stale_submission = ActionSubmissionFactory(email_confirmed_at=None)
    stale_file = with_image(stale_submission)
    age(ActionSubmission, stale_submission, created_at=days_ago(2))
    fresh_submission = ActionSubmissionFactory(email_confirmed_at=None)
    fresh_file = with_image(fresh_submission)

    call_command("purge_pledge_data")

    assert not Endorsement.objects.filter(pk=stale_endorsement.pk).exists()
    assert Endorsement.objects.filter(pk=fresh_endorsement.pk).exists()
    assert not ActionSubmission.objects.filter(pk=stale_submission.pk).exists()
    assert not stale_file.exists()
    assert ActionSubmission.objects.filter(pk=fresh_submission.pk).exists()
    assert fresh_file.is_file()


def test_submissions_lose_contacts_and_images_after_the_decision_and_the_case_study_stays(
    client, library, admin_user, settings
):
    settings.PLEDGE_RETENTION_DAYS = 365
    settings.REJECTED_PLEDGE_RETENTION_DAYS = 30
    now = timezone.now()
    drafted = ActionSubmissionFactory(
        title="Welcome ambassadors",
        contact_role="Head of inclusion",
        publish_contact=True,
        contact_consent_at=now,
        contact_consent_by="sofia@example.org",
    )
    drafted_file = with_image(drafted)
    page = services.create_case_study(drafted, user=admin_user)
    page.save_revision().publish()
    age(ActionSubmission, drafted, reviewed_at=days_ago(366))

    declined = ActionSubmissionFactory(
        status=ActionSubmission.DECLINED,
        contact_name="Declined Person",
        contact_email="declined@example.org",
        publish_contact=True,
        contact_consent_at=now,
        contact_consent_by="declined@example.org",
    )
    declined_file = with_image(declined)
    assert declined.reviewed_at is not None  # the decision started the clock
    age(ActionSubmission, declined, reviewed_at=days_ago(31))

    recent = ActionSubmissionFactory(status=ActionSubmission.DECLINED)
    recent_file = with_image(recent)

    call_command("purge_pledge_data")

    drafted.refresh_from_db()
    assert (drafted.contact_name, drafted.contact_role, drafted.contact_email) == ("", "", "")
    assert drafted.personal_data_deleted_at is not None
    assert not drafted_file.exists()
    assert not drafted.images.exists()
    # The record of the consent behind the contact the case study shows is kept.
    assert drafted.contact_consent_by == "sofia@example.org"

    declined.refresh_from_db()
    assert (declined.contact_name, declined.contact_email, declined.contact_consent_by) == (
        "",
        "",
        "",
    )
    assert not declined_file.exists()

    recent.refresh_from_db()
    assert recent.contact_email == "sofia@example.org" and recent_file.is_file()

    # The published case study is untouched: its text, its gallery, its contact.
    html = client.get(page.url).content.decode()
    assert "Welcome ambassadors" in html
    assert "sofia@example.org" in html
    assert (
        page.gallery[0].value["image"].file.storage.exists(page.gallery[0].value["image"].file.name)
    )


@pytest.mark.django_db
def test_the_worker_runs_the_purge(settings):
    assert ("purge_pledge_data", 24 * 3600) in [tuple(job[:2]) for job in settings.WORKER_JOBS]
    stale = age(
        Endorsement,
        EndorsementFactory(status=Endorsement.PENDING, email_confirmed_at=None),
        created_at=days_ago(3),
    )
    call_command("run_worker", once=True)
    assert not Endorsement.objects.filter(pk=stale.pk).exists()
