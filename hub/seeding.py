"""Building blocks for the demo builders (``<app>/demo/``).

Each app keeps its demo words and records in YAML files beside its builder
(``pledges/demo/actions.yaml``, ``learning/demo/news.yaml`` …); a builder
reads them with :func:`load` and creates what is missing, so a second
``seed_demo`` finds everything and changes nothing.
"""

from functools import cache
from pathlib import Path

import yaml

from django.conf import settings
from django.db import transaction

from wagtail.models import Locale, Page

from hub.localization import translate


@cache
def load(app_label, name):
    """The parsed contents of ``<app>/demo/<name>.yaml`` (read once per process)."""
    path = Path(settings.BASE_DIR) / app_label / "demo" / f"{name}.yaml"
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def translated_strings(source, translated):
    """``{source text: translated text}`` from a record and its translation.

    ``translated`` has the shape of ``source``: a text, a mapping (which may
    leave out keys) or a list (which may end early); what it leaves out keeps
    the source text (wagtail-localize matches segments on the source text).
    """
    if translated is None:
        return {}
    if isinstance(translated, str):
        return {source: translated}
    if isinstance(translated, dict):
        pairs = [(source[key], value) for key, value in translated.items()]
    else:
        pairs = zip(source[: len(translated)], translated, strict=True)
    strings = {}
    for source_part, translated_part in pairs:
        strings.update(translated_strings(source_part, translated_part))
    return strings


def record_translations(record):
    """``{code: {source text: translated text}}`` for a record with a ``translations`` mapping."""
    return {
        code: translated_strings(record, translated)
        for code, translated in record.get("translations", {}).items()
    }


def paragraphs(texts):
    """Stream-field paragraph blocks, one per text."""
    return [("paragraph", f"<p>{text}</p>") for text in texts]


def publish_child(parent, page):
    """Add ``page`` under ``parent`` and publish its first revision."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def translate_missing(ctx, instance, translations):
    """Translate a page or snippet into each language of ``translations`` it lacks.

    ``translations`` maps a language code to ``{source text: translated text}``.
    """
    for code, strings in translations.items():
        if not instance.has_translation(Locale.objects.get(language_code=code)):
            translate(instance, code, strings or {})
            ctx.log(f"{str(instance)[:50]} in {code}")


@transaction.atomic
def ensure_child_page(ctx, parent, model, *, slug, translations=None, **fields):
    """The ``model`` page at ``slug`` under ``parent``, created and published if missing.

    Its translations (``{code: strings}``) are added for every language it lacks.
    """
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = publish_child(parent, model(slug=slug, **fields))
        ctx.log(f"{model._meta.verbose_name}: {page.title}")
    translate_missing(ctx, page, translations or {})
    return page


def other_languages():
    """The site's language codes other than the default, in settings order."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def page_of_type(app_label, model, locale):
    """The first page of a type in a locale, found without importing its app."""
    return Page.objects.filter(
        content_type__app_label=app_label, content_type__model=model, locale=locale
    ).first()
