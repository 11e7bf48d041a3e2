"""The "Moderators" group and the "Moderators approval" workflow.

Moderators review endorsements and submissions and approve case studies.
The workflow is assigned to the practice library when it exists; on a fresh
database it does not yet, and ``seed_demo`` assigns it (pledges/demo.py).
"""

from django.db import migrations

from hub.roles import PAGE_PERMISSIONS, ensure_group

WORKFLOW_NAME = "Moderators approval"


def setup(apps, schema_editor):
    moderators = ensure_group(
        apps,
        "Moderators",
        permissions=[
            "pledges.view_endorsement",
            "pledges.change_endorsement",
            "pledges.view_actionsubmission",
            "pledges.change_actionsubmission",
            "pledges.view_localgovernment",
            "pledges.add_localgovernment",
            "pledges.change_localgovernment",
        ],
        page_permissions=["add_page", "change_page"],
    )
    ensure_group(
        apps,
        "Communications",
        permissions=[
            f"pledges.{action}_{model}"
            for model in (
                "localgovernment",
                "theme",
                "gcmobjective",
                "gcrobjective",
                "gcrarea",
                "sdg",
                "populationgroup",
            )
            for action in ("add", "change")
        ]
        + ["pledges.view_endorsement", "pledges.view_actionsubmission"],
        page_permissions=PAGE_PERMISSIONS,
    )

    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Page = apps.get_model("wagtailcore", "Page")

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=WORKFLOW_NAME, content_type=task_type, active=True
        )
    task.groups.add(moderators)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    library = Page.objects.filter(
        content_type__app_label="search", content_type__model="practicelibrarypage"
    )
    for page in library:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("pledges", "0002_taxonomies"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
