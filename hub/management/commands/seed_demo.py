"""Build the demo site from the campaign's source texts.

Reproducible (every random choice comes from one seeded generator) and
idempotent (a second run finds what the first made and changes nothing).
Each app adds its content through a ``demo`` module with a ``seed(ctx)``
function; the hub runs them in INSTALLED_APPS order between its own site
set-up and the navigation, which links to whatever the apps created.
"""

import importlib
import random
from dataclasses import dataclass, field

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand

from hub import demo


@dataclass
class DemoContext:
    """What every app's ``seed(ctx)`` receives."""

    random: random.Random
    stdout: object
    home: object = None
    users: dict = field(default_factory=dict)
    credentials: dict = field(default_factory=dict)

    def log(self, message):
        self.stdout.write(f"  {message}")


class Command(BaseCommand):
    help = "Create (or complete) the demo site: pages, translations, users. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2022, help="Random seed (default 2022).")
        parser.add_argument(
            "--skip-index", action="store_true", help="Do not rebuild the search index."
        )

    def handle(self, *args, seed, skip_index, **options):
        ctx = DemoContext(random=random.Random(seed), stdout=self.stdout)  # noqa: S311 (demo data)
        self.stdout.write("Building the demo site ...")
        demo.seed_site(ctx)
        demo.ensure_users(ctx)
        for app_config in apps.get_app_configs():
            if app_config.name == "hub":
                continue
            try:
                module = importlib.import_module(f"{app_config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app_config.name}.demo":
                    raise
                continue
            self.stdout.write(f"- {app_config.verbose_name}")
            module.seed(ctx)
        demo.seed_navigation(ctx)
        if not skip_index:
            call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo site ready."))
        self.stdout.write(demo.format_credentials(demo.save_credentials(ctx)))
