"""Moderators in the admin: approve endorsements in bulk, draft a case study, see what waits."""

from wagtail.models import ModelLogEntry

from pledges.models import ActionSubmission, Endorsement, LocalActionPage
from tests.pledges.factories import ActionSubmissionFactory, EndorsementFactory


def test_moderator_approves_and_rejects_endorsements_in_bulk(admin_client, home_page):
    ghent = EndorsementFactory(government_name="Ghent", country="BE", status=Endorsement.PENDING)
    quito = EndorsementFactory(government_name="Quito", country="EC", status=Endorsement.PENDING)
    rabat = EndorsementFactory(government_name="Rabat", country="MA", status=Endorsement.PENDING)
    url = "/admin/bulk/pledges/endorsement/{}/?id={}&id={}"

    confirm = admin_client.get(url.format("approve", ghent.pk, quito.pk))
    assert confirm.status_code == 200
    assert "Ghent" in confirm.content.decode()
    response = admin_client.post(url.format("approve", ghent.pk, quito.pk), follow=True)
    assert "2 endorsements approved." in response.content.decode()
    response = admin_client.post(url.format("reject", rabat.pk, rabat.pk), follow=True)
    assert "1 endorsement rejected." in response.content.decode()

    statuses = dict(Endorsement.objects.values_list("government_name", "status"))
    assert statuses == {
        "Ghent": Endorsement.APPROVED,
        "Quito": Endorsement.APPROVED,
        "Rabat": Endorsement.REJECTED,
    }


def test_moderator_drafts_a_case_study_from_a_submission(admin_client, library):
    submission = ActionSubmissionFactory(title="Night shelters in Gdańsk")
    listing = admin_client.get("/admin/snippets/pledges/actionsubmission/").content.decode()
    url = f"/admin/snippets/pledges/actionsubmission/create-case-study/{submission.pk}/"
    assert url in listing

    assert "Night shelters in Gdańsk" in admin_client.get(url).content.decode()
    response = admin_client.post(url)
    page = LocalActionPage.objects.get(title="Night shelters in Gdańsk")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert not page.live
    submission.refresh_from_db()
    assert submission.case_study_id == page.pk
    assert ActionSubmission.objects.count() == 1


def test_dashboard_shows_what_waits_for_moderators(admin_client, home_page):
    EndorsementFactory(status=Endorsement.PENDING)
    ActionSubmissionFactory()
    dashboard = admin_client.get("/admin/").content.decode()
    assert "/admin/snippets/pledges/endorsement/?status=pending" in dashboard
    assert "/admin/snippets/pledges/actionsubmission/?status=new" in dashboard


def test_admin_log_entries_name_the_government_or_action_never_the_person(admin_client, home_page):
    endorsement = EndorsementFactory(
        government_name="Ghent",
        country="BE",
        status=Endorsement.PENDING,
        signatory_name="Mathias De Clercq",
        email="mayor@ghent.example.org",
    )
    url = f"/admin/snippets/pledges/endorsement/edit/{endorsement.pk}/"
    data = {
        "government_name": "Ghent",
        "government_kind": "city",
        "country": "BE",
        "local_government": "",
        "signatory_name": "Mathias De Clercq",
        "signatory_title": "Mayor",
        "email": "mayor@ghent.example.org",
        "consent_to_list": "on",
        "message": "",
        "status": Endorsement.REJECTED,
    }
    assert admin_client.post(url, data).status_code == 302
    endorsement.refresh_from_db()
    assert endorsement.status == Endorsement.REJECTED
    assert endorsement.reviewed_at is not None  # decided in the form: the retention clock runs

    submission = ActionSubmissionFactory(contact_name="Sofía García", title="Night shelters")
    ModelLogEntry.objects.log_action(submission, "wagtail.edit", user=None)
    labels = list(ModelLogEntry.objects.values_list("label", flat=True))
    assert f"Ghent (BE) #{endorsement.pk}" in labels
    assert f"Night shelters #{submission.pk}" in labels
    history = admin_client.get(f"/admin/snippets/pledges/endorsement/history/{endorsement.pk}/")
    for text in [*labels, history.content.decode()]:
        assert "Mathias" not in text and "ghent.example.org" not in text and "Sofía" not in text
