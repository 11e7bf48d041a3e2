"""One publish path per section, decided by someone else, said plainly: the moderators'
workflow on case studies only, taxonomies in the editor's language, endorsements decided
on their own page, and a submission that tells where its case study stands."""

import re

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from wagtail.models import Workflow, WorkflowPage, WorkflowState
from wagtail.users.models import UserProfile

from pledges.models import GCRArea, Theme
from pledges.moderation import case_study_state
from tests.pledges.factories import (
    ActionSubmissionFactory,
    EndorsementFactory,
    LocalActionPageFactory,
    english,
)


def member(group, username, **extra):
    user = get_user_model().objects.create_user(username=username, password="x", **extra)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def moderated_library(library):
    # What seed_demo does once the library exists.
    workflow = Workflow.objects.get(name="Moderators approval")
    WorkflowPage.objects.update_or_create(page=library, defaults={"workflow": workflow})
    return library


@pytest.fixture
def moderators(db):
    return member("Moderators", "mod_a"), member("Moderators", "mod_b")


def submit_for_moderation(page, user):
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


# --- One publish path per section -----------------------------------------------------------


def test_the_workflow_runs_on_the_practice_library_only(moderated_library, call_page):
    workflow = Workflow.objects.get(name="Moderators approval")
    assert list(WorkflowPage.objects.filter(workflow=workflow)) == [
        WorkflowPage.objects.get(page=moderated_library)
    ]
    assert call_page.get_workflow() is None
    assert call_page.get_parent().get_workflow() is None  # the home page
    case_study = LocalActionPageFactory(parent=moderated_library, live=False)
    assert case_study.get_workflow() == workflow
    assert type(workflow.tasks.get().specific).__name__ == "CaseStudyApprovalTask"


def test_communications_publishes_the_home_page_directly(client, call_page):
    editor = member("Communications", "comms")
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[call_page.pk])).content.decode()
    assert 'name="action-publish"' in html
    assert 'name="action-submit"' not in html  # no "Submit to Moderators approval"


def test_a_moderator_cannot_approve_what_they_submitted(client, moderated_library, moderators):
    mod_a, mod_b = moderators
    page = LocalActionPageFactory(parent=moderated_library, title="Welcome desks", live=False)
    submit_for_moderation(page, mod_a)
    task = page.current_workflow_task.specific
    assert task.get_actions(page, mod_a) == []
    assert [name for name, *_ in task.get_actions(page, mod_b)] == ["reject", "approve", "approve"]
    assert list(task.get_task_states_user_can_moderate(mod_a)) == []
    assert len(task.get_task_states_user_can_moderate(mod_b)) == 1

    # The submitter's edit page offers no approval and does not publish directly either.
    client.force_login(mod_a)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "workflow-action-name" not in html or 'data-workflow-action-name="approve"' not in html
    assert 'name="action-publish"' not in html
    # A forged approve from the submitter is refused.
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    client.post(url)
    page.refresh_from_db()
    assert not page.live


def bulk_publish(client, pages, **extra):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    query = "&".join(f"id={page.pk}" for page in pages)
    return client.post(f"{url}?{query}&next=/admin/pages/", extra, follow=True)


def test_the_explorers_bulk_publish_does_not_skip_the_moderators(
    client, moderated_library, moderators, call_page
):
    mod_a, _mod_b = moderators
    page = LocalActionPageFactory(parent=moderated_library, title="Welcome desks", live=False)
    submit_for_moderation(page, mod_a)
    client.force_login(mod_a)

    html = bulk_publish(client, [page]).content.decode()
    page.refresh_from_db()
    assert not page.live  # still waiting for another moderator's approval
    assert "“Welcome desks” is a case study, published by the moderators" in html

    # Publishing the library with its drafts would publish the case study too: refused.
    moderated_library.save_revision(user=mod_a)
    bulk_publish(client, [moderated_library], include_descendants="on")
    page.refresh_from_db()
    assert not page.live


def test_a_superuser_bulk_publishes_a_case_study(admin_client, moderated_library):
    page = LocalActionPageFactory(parent=moderated_library, title="Welcome desks", live=False)
    page.save_revision()
    bulk_publish(admin_client, [page])
    page.refresh_from_db()
    assert page.live


def test_another_moderator_approves_and_reads_that_it_is_live(
    client, moderated_library, moderators
):
    mod_a, mod_b = moderators
    page = LocalActionPageFactory(parent=moderated_library, title="Welcome desks", live=False)
    submit_for_moderation(page, mod_a)
    state = page.current_workflow_task_state
    client.force_login(mod_b)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])
    response = client.post(url, follow=True)
    page.refresh_from_db()
    assert page.live
    assert "“Welcome desks” approved and published." in response.content.decode()


def test_a_rejection_says_where_the_page_went(client, moderated_library, moderators):
    mod_a, mod_b = moderators
    page = LocalActionPageFactory(parent=moderated_library, title="Night buses", live=False)
    submit_for_moderation(page, mod_a)
    state = page.current_workflow_task_state
    client.force_login(mod_b)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", state.pk])
    response = client.post(url, {"comment": "Add the results."}, follow=True)
    assert "Changes requested on “Night buses”" in response.content.decode()
    page.refresh_from_db()
    assert not page.live


def test_workflow_and_task_names_in_the_admins_language(client, moderated_library, moderators):
    mod_a, _mod_b = moderators
    page = LocalActionPageFactory(parent=moderated_library, live=False)
    page.save_revision(user=mod_a)
    profile = UserProfile.get_for_user(mod_a)
    profile.preferred_language = "fr"
    profile.save()
    client.force_login(mod_a)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Moderators approval" not in html
    assert "Approbation des modérateurs" in html
    with translation.override("fr"):
        workflow = Workflow.objects.get(pk=Workflow.objects.get(name="Moderators approval").pk)
        assert workflow.name == "Approbation des modérateurs"
        workflow.save()  # saved back under its stored English name
    assert Workflow.objects.filter(name="Moderators approval").exists()


# --- Submissions -------------------------------------------------------------------------------


def test_submission_form_offers_the_six_themes_in_the_editors_language(admin_client, home_page):
    submission = ActionSubmissionFactory(government_name="Gdańsk", country="PL")
    url = reverse("wagtailsnippets_pledges_actionsubmission:edit", args=[submission.pk])
    html = admin_client.get(url).content.decode()
    themes = re.findall(r'name="themes" value="(\d+)"', html)
    assert len(themes) == Theme.objects.default_locale().count() == 6
    assert 'type="checkbox" name="population_groups"' in html
    assert html.count("Migrants</label>") <= 1
    # GCR areas grouped under their section, GCM objectives numbered.
    first_area = GCRArea.objects.default_locale().order_by("id").first()
    assert first_area.group in html
    assert re.search(r"1\. [A-Z]", html)

    with translation.override("fr"):
        french = Theme.labels("fr")
    profile = UserProfile.get_for_user(get_user_model().objects.get(username="admin"))
    profile.preferred_language = "fr"
    profile.save()
    html = admin_client.get(url).content.decode()
    theme = english(Theme, slug="access-to-services")
    assert french[theme.translation_key] in html
    assert len(re.findall(r'name="themes" value="(\d+)"', html)) == 6


def test_submission_filter_by_theme_is_six_checkboxes(admin_client, home_page):
    ActionSubmissionFactory(title="Bus passes", themes=[english(Theme, slug="climate")])
    ActionSubmissionFactory(title="Language cafés")
    url = reverse("wagtailsnippets_pledges_actionsubmission:list")
    climate = english(Theme, slug="climate")
    html = admin_client.get(url, {"themes": climate.pk}).content.decode()
    assert "Bus passes" in html and "Language cafés" not in html
    assert len(re.findall(r'type="checkbox" name="themes"', html)) == 6


def test_a_submission_shows_where_its_case_study_stands(
    admin_client, moderated_library, moderators
):
    mod_a, _ = moderators
    page = LocalActionPageFactory(parent=moderated_library, title="Welcome desks", live=False)
    submission = ActionSubmissionFactory(
        title="Welcome desks", case_study=page, status="case_study"
    )
    list_url = reverse("wagtailsnippets_pledges_actionsubmission:list")
    edit_url = reverse("wagtailsnippets_pledges_actionsubmission:edit", args=[submission.pk])

    assert case_study_state(page)[0] == "draft"
    assert ">Draft</a>" in admin_client.get(list_url).content.decode()
    assert "<strong>Draft</strong>" in admin_client.get(edit_url).content.decode()

    submit_for_moderation(page, mod_a)
    assert ">In moderation</a>" in admin_client.get(list_url).content.decode()

    WorkflowState.objects.update(status=WorkflowState.STATUS_CANCELLED)
    page.save_revision().publish()
    html = admin_client.get(list_url).content.decode()
    assert ">Live</a>" in html and "/en/practices/" in html
    assert "view on the site" in admin_client.get(edit_url).content.decode()


# --- Endorsements ------------------------------------------------------------------------------


def test_approve_an_endorsement_from_its_own_page(client, home_page, moderators):
    mod_a, _ = moderators
    endorsement = EndorsementFactory(government_name="Gdańsk", country="PL", status="pending")
    client.force_login(mod_a)
    edit_url = reverse("wagtailsnippets_pledges_endorsement:edit", args=[endorsement.pk])
    html = client.get(edit_url).content.decode()
    approve_url = reverse(
        "wagtailsnippets_pledges_endorsement:decide", args=[endorsement.pk, "approve"]
    )
    assert f'href="{approve_url}"' in html
    assert "Approve the endorsement of Gdańsk" in client.get(approve_url).content.decode()
    response = client.post(approve_url, follow=True)
    assert "Endorsement of Gdańsk approved" in response.content.decode()
    endorsement.refresh_from_db()
    assert endorsement.status == "approved"
    # Decided: the buttons are gone.
    assert f'href="{approve_url}"' not in client.get(edit_url).content.decode()


def test_reject_an_endorsement_from_its_own_page(client, home_page, moderators):
    mod_a, _ = moderators
    endorsement = EndorsementFactory(government_name="Lisbon", country="PT", status="pending")
    client.force_login(mod_a)
    url = reverse("wagtailsnippets_pledges_endorsement:decide", args=[endorsement.pk, "reject"])
    response = client.post(url, follow=True)
    assert "Endorsement of Lisbon rejected." in response.content.decode()
    endorsement.refresh_from_db()
    assert endorsement.status == "rejected"


def test_communications_cannot_decide_endorsements(client, home_page):
    client.force_login(member("Communications", "comms"))
    endorsement = EndorsementFactory(status="pending")
    url = reverse("wagtailsnippets_pledges_endorsement:decide", args=[endorsement.pk, "approve"])
    assert client.post(url).status_code in (302, 403)
    endorsement.refresh_from_db()
    assert endorsement.status == "pending"


def test_the_editors_dashboard_shows_no_moderators_queue(client, home_page, moderators):
    EndorsementFactory(status="pending")
    client.force_login(member("Communications", "comms"))
    assert "Waiting for moderators" not in client.get("/admin/").content.decode()
    client.force_login(moderators[0])
    html = client.get("/admin/").content.decode()
    assert "Waiting for moderators" in html
    assert "1 endorsement to review" in html


def test_submitted_on_the_edit_page_by_one_moderator_approved_by_another(
    client, moderated_library, moderators
):
    from tests.pledges.test_roles import form_data

    mod_a, mod_b = moderators
    page = LocalActionPageFactory(parent=moderated_library, title="Welcome desks", live=False)
    page.save_revision()
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.force_login(mod_a)
    html = client.get(url).content.decode()
    assert 'name="action-submit"' in html and 'name="action-publish"' not in html
    response = client.post(url, form_data(page, **{"action-submit": "action-submit"}))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert 'data-workflow-action-name="approve"' not in client.get(url).content.decode()

    client.force_login(mod_b)
    assert 'data-workflow-action-name="approve"' in client.get(url).content.decode()


def test_the_case_study_form_labels_its_terms_in_the_editors_language(admin_client, library):
    profile = UserProfile.get_for_user(get_user_model().objects.get(username="admin"))
    profile.preferred_language = "fr"
    profile.save()
    url = reverse("wagtailadmin_pages:add", args=["pledges", "localactionpage", library.pk])
    html = admin_client.get(url).content.decode()
    theme = english(Theme, slug="access-to-services")
    assert Theme.labels("fr")[theme.translation_key] in html
    assert len(re.findall(r'name="themes" value="(\d+)"', html)) == 6
    area = GCRArea.objects.default_locale().order_by("id").first()
    french = GCRArea.objects.filter(
        translation_key=area.translation_key, locale__language_code="fr"
    ).first()
    assert (french or area).group in html  # grouped under its section
