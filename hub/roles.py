"""Editorial roles as Django groups, created by data migrations.

Migrations run before Django creates model permissions (that happens in
``post_migrate``), so ``ensure_group`` creates them first for the apps it needs.
"""

from django.contrib.auth.management import create_permissions

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
MODERATORS = "Moderators"


def can_publish_case_studies(user):
    """Whether ``user`` holds the right to publish a case study.

    Superusers and members of the Moderators group (who still need the page
    "publish" permission, checked by ``pledges.models.CaseStudyPermissionTester``).
    Moderators use it by approving the "Moderators approval" task, which
    publishes the page; the Communications group edits case studies and submits
    them for moderation.
    """
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    cache = getattr(user, "_hub_is_moderator", None)
    if cache is None:
        cache = user._hub_is_moderator = user.groups.filter(name=MODERATORS).exists()
    return cache


def publishes_case_studies_directly(user):
    """Whether ``user`` may press "Publish" on a case study, past the workflow: superusers only.

    A case study has one way to go live: submitted to the "Moderators
    approval" workflow and approved there by a moderator other than the person
    who submitted it (``pledges.models.CaseStudyApprovalTask``).
    """
    return user.is_active and user.is_superuser


def _create_all_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def ensure_group(apps, name, *, permissions=(), page_permissions=(), collections=True):
    """Create (or complete) a group.

    ``permissions`` are "app_label.codename" strings; ``page_permissions`` are
    codenames granted on the whole page tree; with ``collections`` the group can
    add and choose images and documents in the root collection.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    _create_all_permissions(apps)
    group, _ = Group.objects.get_or_create(name=name)
    wanted = ["wagtailadmin.access_admin", *permissions]
    for dotted in wanted:
        app_label, codename = dotted.split(".")
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        group.permissions.add(permission)
    if page_permissions:
        Page = apps.get_model("wagtailcore", "Page")
        GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
        root = Page.objects.filter(depth=1).first()
        for codename in page_permissions:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    if collections:
        grant_collection_permissions(
            apps,
            group,
            [
                "wagtailimages.add_image",
                "wagtailimages.choose_image",
                "wagtaildocs.add_document",
                "wagtaildocs.choose_document",
            ],
        )
    return group


def grant_collection_permissions(apps, group, permissions):
    """Grant ``group`` the "app_label.codename" ``permissions`` on the root collection (and so
    on every collection under it)."""
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = Collection.objects.filter(depth=1).first()
    for dotted in permissions:
        app_label, codename = dotted.split(".")
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission
        )
