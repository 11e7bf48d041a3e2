"""Local-action submissions: the public form, its guards, and the draft case study."""

import struct
import zlib

import pytest

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Workflow, WorkflowPage

from pledges import services
from pledges.models import (
    SDG,
    ActionSubmission,
    GCMObjective,
    LocalActionPage,
    SubmissionImage,
    Theme,
)
from tests.pledges.conftest import confirm_by_email, image_bytes
from tests.pledges.factories import ActionSubmissionFactory, english

URL = "/en/call-to-local-action/submit-action/"


def valid_data():
    return {
        "government_name": "Lisbon",
        "government_kind": "city",
        "country": "PT",
        "contact_name": "Sofía García",
        "contact_role": "Head of inclusion",
        "contact_email": "sofia@lisbon.example.org",
        "share_contact": "on",
        "title": "Neighbourhood welcome ambassadors",
        "summary": "Residents who arrived as refugees welcome newcomers.",
        "challenge": "Newcomers did not know where to turn.\n\nMany felt alone.",
        "action": "The city trained volunteers <b>and</b> opened desks.",
        "results": "500 families welcomed.",
        "how_to_replicate": "Recruit volunteers who went through it.",
        "themes": [str(english(Theme, slug="access-to-services").pk)],
        "gcm_objectives": [str(english(GCMObjective, number=16).pk)],
        "gcr_areas": [],
        "sdgs": [str(english(SDG, number=10).pk)],
        "population_groups": [],
        "action_status": "ongoing",
        "start_year": "2021",
        "partners": "IOM",
        "links": "https://lisbon.example.org/welcome",
        "homepage": "",
    }


def upload(name="photo.png", content=None, content_type="image/png"):
    return SimpleUploadedFile(name, content or image_bytes(), content_type=content_type)


def huge_png(width=20000, height=20000):
    """A valid 20000×20000 PNG of a few kilobytes: a decompression bomb."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + b"\x00" * (width // 8)
    raw = zlib.compress(row * height, 9)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def test_submission_with_two_images_is_stored_and_reaches_moderators_once_confirmed(
    client, admin_client, call_page, django_capture_on_commit_callbacks
):
    data = {**valid_data(), "images": [upload("a.png"), upload("b.jpg", image_bytes("JPEG"))]}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    submission = ActionSubmission.objects.get()
    assert submission.title == "Neighbourhood welcome ambassadors"
    assert submission.status == ActionSubmission.NEW
    assert submission.email_confirmed_at is None
    assert [t.slug for t in submission.themes.all()] == ["access-to-services"]
    assert submission.region == "europe"
    images = list(submission.images.all())
    assert [(i.extension, i.width, i.height) for i in images] == [("png", 64, 48), ("jpg", 64, 48)]
    assert all(str(submission.reference) in i.file.name for i in images)
    html = client.get(response["Location"]).content.decode()
    assert "We are sending a link to <strong>sofia@lisbon.example.org</strong>" in html

    # The first email: a link, no text the visitor typed.
    [message] = mail.outbox
    assert message.to == ["sofia@lisbon.example.org"]
    assert "Someone used this address on" in message.body
    assert "to submit a local action" in message.body
    for typed in ("Neighbourhood", "Lisbon", "Sofía", "García", "volunteers", "IOM"):
        assert typed not in message.body and typed not in message.subject
    listing = admin_client.get(reverse("wagtailsnippets_pledges_actionsubmission:list"))
    assert "Neighbourhood welcome ambassadors" not in listing.content.decode()
    assert "submission to review" not in admin_client.get("/admin/").content.decode()
    with pytest.raises(services.CaseStudyError):
        services.create_case_study(submission)

    confirm_by_email(client, message, django_capture_on_commit_callbacks)
    submission.refresh_from_db()
    assert submission.email_confirmed_at is not None
    recipients = sorted(m.to[0] for m in mail.outbox[1:])
    assert recipients == ["moderators@localactionhub.example", "sofia@lisbon.example.org"]
    receipt = next(m for m in mail.outbox[1:] if m.to == ["sofia@lisbon.example.org"])
    assert str(submission.reference) in receipt.body
    listing = admin_client.get(reverse("wagtailsnippets_pledges_actionsubmission:list"))
    assert "Neighbourhood welcome ambassadors" in listing.content.decode()
    assert "1 local-action submission to review" in admin_client.get("/admin/").content.decode()


def test_form_shows_taxonomies_as_labelled_checkboxes(client, call_page):
    html = client.get(URL).content.decode()
    assert "<legend>Themes" in html
    assert "16. Empower migrants and societies" in html
    assert 'type="file"' in html and 'enctype="multipart/form-data"' in html


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"themes": []}, "themes", "This field is required."),
        ({"title": "x" * 201}, "title", "at most 200 characters"),
        ({"challenge": "x" * 4001}, "challenge", "at most 4000 characters"),
        ({"contact_email": "sofia@"}, "contact_email", "Enter a valid email address."),
        ({"themes": ["999999"]}, "themes", "Select a valid choice. 999999 is not one"),
        ({"themes": ["access"]}, "themes", "is not a valid value"),
        ({"start_year": "1800"}, "start_year", "greater than or equal to 1950"),
        ({"links": "javascript:alert(1)"}, "links", "is not a web address"),
        ({"images": [upload("notes.png", b"just text", "image/png")]}, "images", "not an image"),
        (
            {"images": [upload("bomb.png", huge_png())]},
            "images",
            "too many pixels to be processed safely",
        ),
        (
            {"images": [upload("big.png", image_bytes(size=(9000, 5000)))]},
            "images",
            "too many pixels",
        ),
        ({"images": [upload(f"{i}.png") for i in range(6)]}, "images", "at most 5 images"),
        (
            {"images": [upload("fake.bmp", image_bytes("BMP"), "image/bmp")]},
            "images",
            "is not a JPEG, PNG, GIF or WebP image",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message_next_to_the_field(
    client, call_page, change, field, message
):
    response = client.post(URL, {**valid_data(), **change})
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_{field}-errors"' in html
    assert message in html
    assert ActionSubmission.objects.count() == 0
    assert SubmissionImage.objects.count() == 0
    if field != "title":
        assert 'value="Neighbourhood welcome ambassadors"' in html  # input kept


def test_too_large_file_is_refused(client, call_page, monkeypatch):
    big = upload("big.png", image_bytes() + b"\0" * (5 * 1024 * 1024 + 1))
    response = client.post(URL, {**valid_data(), "images": [big]})
    assert response.status_code == 400
    assert "images may be at most 5.0" in response.content.decode()
    assert ActionSubmission.objects.count() == 0


def test_every_required_field_missing(client, call_page):
    response = client.post(URL, {})
    assert response.status_code == 400
    html = response.content.decode()
    for field in (
        "government_name",
        "country",
        "contact_name",
        "contact_email",
        "title",
        "summary",
        "challenge",
        "action",
        "themes",
    ):
        assert f'id="id_{field}-errors"' in html, field
    assert ActionSubmission.objects.count() == 0


def test_honeypot_creates_nothing(client, call_page):
    response = client.post(URL, {**valid_data(), "homepage": "http://spam.example"})
    assert response.status_code == 400
    assert "looks as if a program filled it" in response.content.decode()
    assert ActionSubmission.objects.count() == 0


def test_thirty_posts_in_a_minute_get_429(client, call_page):
    statuses = [client.post(URL, {"title": "spam"}).status_code for _ in range(30)]
    assert statuses[0] == 400 and statuses[-1] == 429
    assert client.post(URL, valid_data()).status_code == 429
    assert ActionSubmission.objects.count() == 0


def test_moderator_creates_draft_case_study_from_submission(admin_client, library, call_page):
    submission = ActionSubmissionFactory(
        challenge="<script>alert('x')</script> was the problem",
        links="https://lisbon.example.org/welcome",
    )
    submission.gcm_objectives.set([english(GCMObjective, number=16)])
    SubmissionImage.objects.create(
        submission=submission,
        file=upload("a.png"),
        extension="png",
        width=64,
        height=48,
    )
    listing = admin_client.get(reverse("wagtailsnippets_pledges_actionsubmission:list"))
    action_url = reverse(
        "wagtailsnippets_pledges_actionsubmission:create_case_study", args=[submission.pk]
    )
    assert action_url in listing.content.decode()
    assert admin_client.get(action_url).status_code == 200
    response = admin_client.post(action_url)
    submission.refresh_from_db()
    page = submission.case_study.specific
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live and page.get_parent().pk == library.pk
    assert page.title == submission.title
    assert [t.slug for t in page.themes.all()] == ["access-to-services"]
    assert [o.number for o in page.gcm_objectives.all()] == [16]
    assert page.local_government.name == "Lisbon" and page.local_government.region == "europe"
    challenge = page.body[0]
    assert challenge.block_type == "challenge"
    assert "&lt;script&gt;" in challenge.value.source  # escaped, never markup
    assert len(page.gallery) == 1
    assert 'href="https://lisbon.example.org/welcome"' in page.body[-1].value.source
    assert submission.status == ActionSubmission.CASE_STUDY

    # A second click does not make a second page.
    with pytest.raises(services.CaseStudyError):
        services.create_case_study(submission)
    assert LocalActionPage.objects.count() == 1


def test_case_study_goes_through_the_moderators_workflow(admin_user, library, call_page, client):
    workflow = Workflow.objects.get(name="Moderators approval")
    WorkflowPage.objects.update_or_create(page=library, defaults={"workflow": workflow})
    submission = ActionSubmissionFactory()
    page = services.create_case_study(submission, user=admin_user)
    assert page.get_workflow().name == "Moderators approval"
    assert client.get("/en/practices/" + page.slug + "/").status_code == 404

    workflow.start(page, admin_user)
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    assert task_state.task.name == "Moderators approval"
    task_state.task.specific.on_action(task_state, admin_user, "approve")
    page.refresh_from_db()
    assert page.live
    html = client.get(page.url).content.decode()
    assert submission.title in html
    assert "Access to services" in html


def test_dashboard_panel_shows_what_waits(admin_client, call_page):
    ActionSubmissionFactory()
    from tests.pledges.factories import EndorsementFactory

    EndorsementFactory(status="pending")
    EndorsementFactory(status="pending")
    html = admin_client.get("/admin/").content.decode()
    assert "Waiting for moderators" in html
    assert "2 endorsements to review" in html
    assert "1 local-action submission to review" in html
