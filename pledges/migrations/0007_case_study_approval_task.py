"""Case studies are the only pages behind the moderators' workflow, and nobody approves
their own submission.

Wagtail's first migrations put a "Moderators approval" workflow on the root
page, so every page offered both "Publish" and "Submit to Moderators
approval". This keeps the workflow on the practice library only (a case study
is its child page) and turns its task into a ``CaseStudyApprovalTask``.
"""

from django.db import migrations

WORKFLOW_NAME = "Moderators approval"


def library_only(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Page = apps.get_model("wagtailcore", "Page")

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        return
    task_type, _ = ContentType.objects.get_or_create(
        app_label="pledges", model="casestudyapprovaltask"
    )
    Task.objects.filter(
        workflow_tasks__workflow=workflow,
        content_type__app_label="wagtailcore",
        content_type__model="groupapprovaltask",
    ).update(content_type=task_type)
    library = Page.objects.filter(
        content_type__app_label="search", content_type__model="practicelibrarypage"
    )
    WorkflowPage.objects.filter(workflow=workflow).exclude(page__in=library).delete()
    for page in library:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


def everywhere_again(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Page = apps.get_model("wagtailcore", "Page")

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        return
    group_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    Task.objects.filter(
        workflow_tasks__workflow=workflow,
        content_type__app_label="pledges",
        content_type__model="casestudyapprovaltask",
    ).update(content_type=group_type)
    for root in Page.objects.filter(depth=1):
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("pledges", "0006_gcm_principles_primary_objectives_gcr_objectives"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseStudyApprovalTask",
            fields=[],
            options={
                "verbose_name": "approval by another moderator",
                "verbose_name_plural": "approvals by another moderator",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("wagtailcore.groupapprovaltask",),
        ),
        migrations.RunPython(library_only, everywhere_again),
    ]
