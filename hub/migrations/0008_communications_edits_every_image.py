"""Communications edits every image and document: alt text, focal point, title, tags.

Without "change" on the collection, an editor could edit only the images they
uploaded, so a picture another colleague (or a submission) brought in kept
its missing alt text until its uploader came back.
"""

from django.db import migrations

from hub.roles import grant_collection_permissions


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name="Communications").first()
    if group is not None:
        grant_collection_permissions(
            apps, group, ["wagtailimages.change_image", "wagtaildocs.change_document"]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0007_content_image_alt_text_and_blocks_per_page_type"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
