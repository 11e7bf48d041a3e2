"""Where each practice stands on the three global registries (Hub, UNHCR, GFMD)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("pledges", "0007_case_study_approval_task"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="RegistryPublication",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "translation_key",
                    models.UUIDField(
                        db_index=True,
                        help_text="The translation key of the case study.",
                        verbose_name="practice",
                    ),
                ),
                (
                    "registry",
                    models.CharField(
                        choices=[
                            ("mnh", "Migration Network Hub"),
                            ("unhcr", "UNHCR Global Compact on Refugees Digital Platform"),
                            ("gfmd", "GFMD Platform for Partnerships"),
                        ],
                        max_length=10,
                        verbose_name="registry",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("not_sent", "Not sent"),
                            ("sent", "Sent"),
                            ("published", "Published"),
                        ],
                        default="not_sent",
                        max_length=12,
                        verbose_name="status",
                    ),
                ),
                ("sent_on", models.DateField(blank=True, null=True, verbose_name="sent on")),
                (
                    "url",
                    models.URLField(
                        blank=True,
                        help_text="The public address of the practice on the registry, once published.",
                        max_length=500,
                        verbose_name="address on the registry",
                    ),
                ),
                ("notes", models.TextField(blank=True, max_length=2000, verbose_name="notes")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="updated by",
                    ),
                ),
            ],
            options={
                "verbose_name": "registry publication",
                "verbose_name_plural": "registry publications",
                "ordering": ["translation_key", "registry"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("translation_key", "registry"), name="unique_registry_per_practice"
                    )
                ],
            },
        ),
    ]
