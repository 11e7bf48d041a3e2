"""The Communications group (editors) freezes and manages the live report's editions."""

from django.db import migrations


def grant(apps, schema_editor):
    from hub.roles import ensure_group

    ensure_group(
        apps,
        "Communications",
        permissions=[
            f"learning.{action}_reportedition" for action in ("add", "change", "delete", "view")
        ],
        collections=False,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0003_content_image_alt_text_and_blocks_per_page_type"),
        ("hub", "0002_locales_and_communications_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
