"""Build the demo site from the campaign's source texts.

Reproducible (every random choice comes from one seeded generator) and
idempotent (a second run finds what the first made and changes nothing).
The words and records live in YAML files in each app's ``demo/`` folder;
the builders below read them, in the order stated in ``STEPS``.
"""

import random
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from events import demo as events_demo
from hub import demo as hub_demo
from learning import demo as learning_demo
from pledges import demo as pledges_demo
from search import demo as search_demo

# Each step may use what the steps before it made: the practice library holds
# the case studies; the navigation links to every section the others created.
STEPS = [
    ("Site, About, partners, footer", hub_demo.seed_site),
    ("Users", hub_demo.ensure_users),
    ("Practice library", search_demo.seed),
    ("Campaign: call, governments, local actions", pledges_demo.seed),
    ("Events", events_demo.seed),
    ("Knowledge hub and news", learning_demo.seed),
    ("Navigation", hub_demo.seed_navigation),
]


@dataclass
class DemoContext:
    """What every demo step receives."""

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
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError(
                "seed_demo refuses to run with production settings: it creates demo users "
                "with known passwords and demo content. Use the development settings."
            )
        ctx = DemoContext(random=random.Random(seed), stdout=self.stdout)  # noqa: S311 (demo data)
        self.stdout.write("Building the demo site ...")
        for label, step in STEPS:
            self.stdout.write(f"- {label}")
            step(ctx)
        if not skip_index:
            call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo site ready."))
        self.stdout.write(hub_demo.format_credentials(hub_demo.save_credentials(ctx)))
