import uuid

import django.db.models.deletion
from django.db import migrations, models


def delete_items(apps, schema_editor):
    # Menu items become translatable; `seed_demo` or an editor re-creates them.
    apps.get_model("hub", "NavigationItem").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0002_locales_and_communications_group"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.RunPython(delete_items, migrations.RunPython.noop),
        migrations.AlterModelOptions(name="navigationitem", options={"ordering": ["sort_order"]}),
        migrations.AddField(
            model_name="navigationitem",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AddField(
            model_name="navigationitem",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="navigationitem",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="navigationitem", unique_together={("translation_key", "locale")}
        ),
    ]
