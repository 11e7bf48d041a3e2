"""The demo site `seed_demo` builds: its page tree and record counts, pinned.

The snapshot (``demo_snapshot.json`` beside this file) lists every page in
tree order as locale, type, slug and title, and counts the records of every
model the demo fills (snippets, taxonomies, registrations, images, users).
A change to the demo's data files shows here as a readable diff; after an
intended change, regenerate it with::

    UPDATE_DEMO_SNAPSHOT=1 .venv/bin/pytest tests/hub/test_demo_snapshot.py

Running the command a second time must leave the snapshot unchanged.
"""

import json
import os
from pathlib import Path

from django.apps import apps
from django.core.management import call_command

from wagtail.models import Page

SNAPSHOT = Path(__file__).with_name("demo_snapshot.json")
PROJECT_APPS = ("hub", "pledges", "events", "learning", "search")
# Records outside the project's apps that the demo creates on purpose.
OTHER_MODELS = (
    "auth.User",
    "auth.Group",
    "wagtailcore.Locale",
    "wagtailcore.Site",
    "wagtailcore.Workflow",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtail_localize.Translation",
    "wagtailsearchpromotions.Query",
)


def demo_snapshot():
    """The page tree (tree order) and a count per model, as plain JSON data."""
    pages = [
        [
            page.locale.language_code,
            page.specific_class._meta.label if page.specific_class else "?",
            page.depth,
            page.slug,
            page.title,
            page.live,
        ]
        for page in Page.objects.select_related("locale", "content_type").order_by("path")
    ]
    models = [
        model
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS and not issubclass(model, Page)
    ]
    for label in OTHER_MODELS:
        try:
            models.append(apps.get_model(label))
        except LookupError:
            continue
    counts = {model._meta.label: model._default_manager.count() for model in models}
    return {"pages": pages, "counts": dict(sorted(counts.items()))}


def _dump(snapshot):
    """JSON with one page per line, so a changed page is a one-line diff."""
    rows = ",\n  ".join(json.dumps(page, ensure_ascii=False) for page in snapshot["pages"])
    counts = json.dumps(snapshot["counts"], indent=2)
    return f'{{\n "pages": [\n  {rows}\n ],\n "counts": {counts}\n}}\n'


def test_seed_demo_builds_the_pinned_site_and_a_second_run_changes_nothing(
    db, tmp_path, monkeypatch
):
    from hub import demo

    monkeypatch.setattr(demo, "CREDENTIALS_FILE", tmp_path / "credentials.json")
    call_command("seed_demo", "--skip-index", verbosity=0)
    first = demo_snapshot()
    if os.environ.get("UPDATE_DEMO_SNAPSHOT"):
        SNAPSHOT.write_text(_dump(first))
    expected = json.loads(SNAPSHOT.read_text())

    assert first["counts"] == expected["counts"]
    assert first["pages"] == expected["pages"]

    passwords = demo.CREDENTIALS_FILE.read_text()
    call_command("seed_demo", "--skip-index", verbosity=0)
    assert demo_snapshot() == first
    assert demo.CREDENTIALS_FILE.read_text() == passwords  # logins printed once stay valid
