"""Case studies go through the moderators: Communications edits and submits them, and cannot
publish them around the "Moderators approval" workflow."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Workflow, WorkflowPage
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pledges.models import LocalActionPage, Theme
from tests.pledges.factories import LocalActionPageFactory, LocalGovernmentFactory, english


@pytest.fixture
def moderated_library(library):
    workflow = Workflow.objects.get(name="Moderators approval")
    WorkflowPage.objects.update_or_create(page=library, defaults={"workflow": workflow})
    return library


def member_of(client, group, username):
    user = get_user_model().objects.create_user(username=username, password="x")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


@pytest.fixture
def editor(db, client):
    return member_of(client, "Communications", "editor")


@pytest.fixture
def draft(moderated_library):
    page = LocalActionPageFactory(parent=moderated_library, title="Draft case study", live=False)
    page.save_revision()
    return page


def form_data(page, **extra):
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": "Edited by the editor.",
            "local_government": page.local_government_id,
            "status": "ongoing",
            "start_year": 2020,
            "partners": "",
            "body": streamfield([("challenge", rich_text("<p>Floods.</p>"))]),
            "gallery": streamfield([]),
            "documents": streamfield([]),
            "contact_name": "",
            "contact_role": "",
            "contact_email": "",
            **extra,
        }
    )
    data["themes"] = [english(Theme, slug="climate").pk]
    return data


def test_communications_sees_no_publish_action_on_a_case_study(client, editor, draft, call_page):
    html = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert 'name="action-submit"' in html  # "Submit for moderation"
    assert 'name="action-publish"' not in html
    # Other pages they still publish themselves.
    html = client.get(reverse("wagtailadmin_pages:edit", args=[call_page.pk])).content.decode()
    assert 'name="action-publish"' in html


def test_a_publish_post_from_communications_does_not_publish(client, editor, draft):
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    response = client.post(url, form_data(draft, **{"action-publish": "action-publish"}))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.live
    assert draft.get_latest_revision_as_object().summary == "Edited by the editor."  # a draft

    # Nor does creating a case study with "Publish", nor the page explorer's bulk action.
    library = draft.get_parent()
    new = LocalActionPage(title="New case study", slug="new-case-study")
    new.local_government = LocalGovernmentFactory()
    url = reverse("wagtailadmin_pages:add", args=("pledges", "localactionpage", library.pk))
    response = client.post(url, form_data(new, **{"action-publish": "action-publish"}), follow=True)
    created = LocalActionPage.objects.get(slug="new-case-study")
    assert not created.live
    assert "Case studies are published by the moderators" in response.content.decode()

    bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    client.post(f"{bulk}?id={draft.pk}&id={created.pk}", {"include_descendants": False})
    assert not LocalActionPage.objects.filter(live=True).exists()


def test_communications_submits_and_a_moderator_publishes(client, editor, draft):
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    response = client.post(url, form_data(draft, **{"action-submit": "action-submit"}))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.live
    assert draft.current_workflow_task.name == "Moderators approval"

    moderator = member_of(client, "Moderators", "moderator")
    task_state = draft.current_workflow_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")
    draft.refresh_from_db()
    assert draft.live


def test_a_superuser_may_still_publish_directly(admin_client, draft):
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert 'name="action-publish"' in admin_client.get(url).content.decode()
    admin_client.post(url, form_data(draft, **{"action-publish": "action-publish"}))
    draft.refresh_from_db()
    assert draft.live


def test_communications_gives_alt_text_to_an_image_someone_else_uploaded(client, editor):
    from wagtail_factories import ImageFactory

    from wagtail.models import Collection

    other = get_user_model().objects.create_user(username="uploader", password="x")
    image = ImageFactory(
        title="Market day",
        uploaded_by_user=other,
        description="",
        collection=Collection.get_first_root_node(),  # where the image library uploads
    )
    url = reverse("wagtailimages:edit", args=[image.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"title": "Market day", "description": "Traders at a covered market", "tags": ""},
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.description == "Traders at a covered market"
