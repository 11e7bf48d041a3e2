"""What exists in which language, and which translations are out of date.

Covers every page type of the site through Wagtail's page tree and
wagtail-localize's records:

- a *source page* is the page translations are made from: the page whose
  locale holds the ``TranslationSource`` of its ``translation_key``, or, for a
  page never submitted for translation, the default-language page (or the page
  itself when it has no default-language version);
- a translation is *out of date* when the source page has a revision newer
  than the translation's last sync, that is the last time wagtail-localize
  saved the translated page from the source (its ``TranslationLog``). Syncing
  the source (``TranslationSource.last_updated_at``) without publishing the
  translations keeps them out of date until they are saved;
- pages copied as aliases by wagtail-localize exist but are not translated.

A page of the report runs a fixed number of queries whatever its size.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)

SOURCE = "source"
CURRENT = "current"
OUTDATED = "outdated"
MISSING = "missing"
ALIAS = "alias"
SEPARATE = "separate"

STATE_LABELS = {
    SOURCE: _("Original"),
    CURRENT: _("Up to date"),
    OUTDATED: _("Out of date"),
    MISSING: _("Missing"),
    ALIAS: _("Copy, not translated"),
    SEPARATE: _("Edited separately"),
}
STATUS_FILTERS = [
    ("", _("All pages")),
    (OUTDATED, _("With a translation out of date")),
    (MISSING, _("With a language missing")),
]


@dataclass
class LocaleStatus:
    """One language of one page."""

    locale: Locale
    state: str
    page: Page | None = None
    untranslated: int = 0
    synced_at: object = None
    actions: list = field(default_factory=list)
    # Where the texts still in the original language are ("Slug (Promote tab)").
    missing_fields: list = field(default_factory=list)

    @property
    def label(self):
        return STATE_LABELS[self.state]


@dataclass
class PageStatus:
    """A source page and the state of each language."""

    page: Page
    type_name: str
    languages: list

    @property
    def needs_attention(self):
        return any(s.state in (OUTDATED, MISSING, ALIAS) for s in self.languages)


def _source_pages(default_locale):
    """Every source page of the site (see the module docstring), root excluded."""
    source_here = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale_id=OuterRef("locale_id")
    )
    any_source = TranslationSource.objects.filter(object_id=OuterRef("translation_key"))
    default_version = Page.objects.filter(
        translation_key=OuterRef("translation_key"),
        locale=default_locale,
        alias_of__isnull=True,
    )
    return (
        Page.objects.filter(depth__gt=1, alias_of__isnull=True)
        .filter(
            Exists(source_here)
            | (~Exists(any_source) & (Q(locale=default_locale) | ~Exists(default_version)))
        )
        .select_related("content_type", "locale")
        .order_by("path")
    )


def _last_sync_subquery(source_ref, locale_ref):
    return Subquery(
        TranslationLog.objects.filter(source_id=source_ref, locale_id=locale_ref)
        .order_by("-created_at")
        .values("created_at")[:1]
    )


def filter_source_pages(*, status="", content_type=None, query="", language=None):
    """The source pages matching the report's filters (``language``: a Locale, or None)."""
    default_locale = Locale.get_default()
    pages = _source_pages(default_locale)
    if content_type is not None:
        pages = pages.filter(content_type=content_type)
    if query:
        pages = pages.filter(title__icontains=query)
    if language is not None and status == MISSING:
        in_language = Page.objects.filter(
            translation_key=OuterRef("translation_key"), locale=language, alias_of__isnull=True
        )
        return pages.exclude(locale=language).exclude(Exists(in_language))
    if status == OUTDATED:
        stale = (
            Translation.objects.filter(
                source__object_id=OuterRef("translation_key"),
                source__locale_id=OuterRef("locale_id"),
                enabled=True,
                **({"target_locale": language} if language is not None else {}),
            )
            .annotate(
                last_sync=_last_sync_subquery(OuterRef("source_id"), OuterRef("target_locale_id"))
            )
            .filter(
                Q(last_sync__isnull=True) | Q(last_sync__lt=OuterRef("latest_revision_created_at"))
            )
        )
        pages = pages.filter(Exists(stale))
    elif status == MISSING:
        translated = (
            Page.objects.filter(translation_key=OuterRef("translation_key"), alias_of__isnull=True)
            .exclude(locale_id=OuterRef("locale_id"))
            .order_by()
            .values("translation_key")
            .annotate(n=Count("pk"))
            .values("n")
        )
        pages = pages.annotate(
            n_translated=Coalesce(Subquery(translated), Value(0), output_field=IntegerField())
        ).filter(n_translated__lt=Locale.objects.count() - 1)
    return pages


def _untranslated_count():
    """Per translation: the source strings without a translation in its language."""
    missing = (
        StringSegment.objects.filter(source_id=OuterRef("source_id"))
        .exclude(
            Exists(
                StringTranslation.objects.filter(
                    translation_of_id=OuterRef("string_id"),
                    context_id=OuterRef("context_id"),
                    locale_id=OuterRef(OuterRef("target_locale_id")),
                    has_error=False,
                )
            )
        )
        .order_by()
        .values("source_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(missing), Value(0), output_field=IntegerField())


def page_statuses(source_pages, *, next_url=""):
    """The status of each language of these source pages (seven queries in all)."""
    source_pages = list(source_pages)
    locales = report_locales()
    keys = [page.translation_key for page in source_pages]

    versions = {}
    for version in Page.objects.filter(translation_key__in=keys).only(
        "id",
        "title",
        "translation_key",
        "locale_id",
        "alias_of_id",
        "live",
        "latest_revision_created_at",
        "url_path",
        "depth",
        "path",
    ):
        versions[(version.translation_key, version.locale_id)] = version

    sources = {
        (source.object_id, source.locale_id): source
        for source in TranslationSource.objects.filter(object_id__in=keys)
    }
    translations = {
        (t.source_id, t.target_locale_id): t
        for t in Translation.objects.filter(
            source__in=list(sources.values()), enabled=True
        ).annotate(
            last_sync=_last_sync_subquery(OuterRef("source_id"), OuterRef("target_locale_id")),
            untranslated=_untranslated_count(),
        )
    }
    query = f"?{urlencode({'next': next_url})}" if next_url else ""
    missing = missing_fields(translations.values())

    rows = []
    for page in source_pages:
        source = sources.get((page.translation_key, page.locale_id))
        languages = []
        for locale in locales:
            version = versions.get((page.translation_key, locale.id))
            if locale.id == page.locale_id:
                status = LocaleStatus(locale, SOURCE, page)
                status.actions.append(
                    (_("Edit"), reverse("wagtailadmin_pages:edit", args=[page.id]))
                )
                if source is not None:
                    status.synced_at = source.last_updated_at
            elif version is None:
                status = LocaleStatus(locale, MISSING)
                status.actions.append(
                    (
                        _("Translate"),
                        reverse("wagtail_localize:submit_page_translation", args=[page.id]),
                    )
                )
            elif version.alias_of_id:
                status = LocaleStatus(locale, ALIAS, version)
                status.actions.append(
                    (_("Translate"), reverse("wagtailadmin_pages:edit", args=[version.id]))
                )
            else:
                translation = source and translations.get((source.id, locale.id))
                if translation is None:
                    state = SEPARATE
                    if (
                        page.latest_revision_created_at
                        and version.latest_revision_created_at
                        and page.latest_revision_created_at > version.latest_revision_created_at
                    ):
                        state = OUTDATED
                    status = LocaleStatus(locale, state, version)
                else:
                    outdated = translation.last_sync is None or (
                        page.latest_revision_created_at is not None
                        and page.latest_revision_created_at > translation.last_sync
                    )
                    status = LocaleStatus(
                        locale,
                        OUTDATED if outdated else CURRENT,
                        version,
                        untranslated=translation.untranslated,
                        synced_at=translation.last_sync,
                    )
                    model = page.content_type.model_class()
                    if model is not None:
                        status.missing_fields = [
                            field_location(model, path) for path in missing.get(translation.pk, [])
                        ]
                    if outdated:
                        status.actions.append(
                            (
                                _("Update translations"),
                                reverse("wagtail_localize:update_translations", args=[source.id])
                                + query,
                            )
                        )
                status.actions.append(
                    (_("Edit translation"), reverse("wagtailadmin_pages:edit", args=[version.id]))
                )
            languages.append(status)
        model = page.content_type.model_class()
        type_name = model._meta.verbose_name if model else page.content_type.model
        rows.append(PageStatus(page, type_name, languages))
    return locales, rows


def status_report(
    *,
    status="",
    content_type=None,
    query="",
    page_number=1,
    per_page=50,
    next_url="",
    language=None,
):
    """One page of the translation status report (pages); ``language`` keeps one column."""
    pages = filter_source_pages(
        status=status, content_type=content_type, query=query, language=language
    )
    paginator = Paginator(pages, per_page)
    page_obj = paginator.get_page(page_number)
    locales, rows = page_statuses(page_obj.object_list, next_url=next_url)
    if language is not None:
        locales = [loc for loc in locales if loc.id == language.id]
        for row in rows:
            row.languages = [s for s in row.languages if s.locale.id == language.id]
    return {"locales": locales, "rows": rows, "page_obj": page_obj, "paginator": paginator}


def page_type_choices():
    """The page types that have pages, for the report's filter."""
    from django.contrib.contenttypes.models import ContentType

    ids = Page.objects.filter(depth__gt=1).values("content_type_id").distinct()
    choices = []
    for content_type in ContentType.objects.filter(id__in=ids):
        model = content_type.model_class()
        if model is not None:
            choices.append((content_type.id, str(model._meta.verbose_name).capitalize()))
    return sorted(choices, key=lambda c: c[1])


# --- Snippets -------------------------------------------------------------------------------
#
# The site's translatable snippets: what every page shows (menus, footer text,
# partners), the taxonomies that label case studies, and the LRGs. A snippet's
# original is its row in the site's default language (they are created there
# and translated from there); its other languages are the rows that share its
# ``translation_key``.

SNIPPET_MODELS = [
    "hub.NavigationMenu",
    "hub.FooterText",
    "hub.Partner",
    "pledges.LocalGovernment",
    "pledges.Theme",
    "pledges.PopulationGroup",
    "pledges.GCMObjective",
    "pledges.GCMPrinciple",
    "pledges.GCRObjective",
    "pledges.GCRArea",
    "pledges.SDG",
]


def snippet_models():
    """The snippet models of the report, in the order above (those that exist)."""
    from django.apps import apps

    models = []
    for label in SNIPPET_MODELS:
        try:
            models.append(apps.get_model(label))
        except LookupError:  # pragma: no cover (an app left out of INSTALLED_APPS)
            continue
    return models


def snippet_type_choices():
    return [
        (model._meta.label_lower, str(model._meta.verbose_name_plural).capitalize())
        for model in snippet_models()
    ]


def _snippet_label(obj):
    from hub.models import FooterText, NavigationMenu

    if isinstance(obj, NavigationMenu):
        return obj.get_slot_display()
    if isinstance(obj, FooterText):
        return obj.body[:60]
    return str(obj)


def _snippet_query(model, query):
    names = [f.name for f in model._meta.get_fields() if f.name in ("title", "name", "body")]
    condition = Q()
    for name in names:
        condition |= Q(**{f"{name}__icontains": query})
    return condition


@dataclass
class SnippetStatus:
    """A snippet in the default language and the state of each language."""

    obj: object
    model: type
    label: str
    edit_url: str
    languages: list

    @property
    def type_name(self):
        return self.model._meta.verbose_name

    @property
    def needs_attention(self):
        return any(s.state in (OUTDATED, MISSING) or s.untranslated for s in self.languages)


def _snippet_url(model, action, *args):
    name = model.snippet_viewset.get_url_name(action)
    return reverse(name, args=args)


def snippet_sources(*, snippet_type="", query="", status="", language=None):
    """The default-language rows of the report's snippets, filtered; one query per model."""
    default_locale = Locale.get_default()
    locale_count = Locale.objects.count()
    rows = []
    for model in snippet_models():
        if snippet_type and model._meta.label_lower != snippet_type:
            continue
        objects = model.objects.filter(locale=default_locale)
        if query:
            objects = objects.filter(_snippet_query(model, query))
        if status == MISSING:
            others = model.objects.filter(translation_key=OuterRef("translation_key")).exclude(
                locale=default_locale
            )
            if language is not None:
                objects = objects.exclude(Exists(others.filter(locale=language)))
            else:
                counted = (
                    others.order_by().values("translation_key").annotate(n=Count("pk")).values("n")
                )
                objects = objects.annotate(
                    n_translated=Coalesce(Subquery(counted), Value(0), output_field=IntegerField())
                ).filter(n_translated__lt=locale_count - 1)
        rows.extend((model, obj) for obj in objects)
    return rows


def snippet_statuses(sources, locales):
    """The state of each language of these snippets: a fixed number of queries."""
    by_model = {}
    for model, obj in sources:
        by_model.setdefault(model, []).append(obj)
    versions = {}
    for model, objects in by_model.items():
        keys = [obj.translation_key for obj in objects]
        for pk, key, locale_id in model.objects.filter(translation_key__in=keys).values_list(
            "pk", "translation_key", "locale_id"
        ):
            versions[(model, key, locale_id)] = pk
    keys = [obj.translation_key for _model, obj in sources]
    translation_sources = {
        (source.object_id, source.locale_id): source
        for source in TranslationSource.objects.filter(object_id__in=keys)
    }
    translations = {
        (t.source_id, t.target_locale_id): t
        for t in Translation.objects.filter(
            source__in=list(translation_sources.values()), enabled=True
        ).annotate(untranslated=_untranslated_count())
    }
    missing = missing_fields(translations.values())

    rows = []
    for model, obj in sources:
        source = translation_sources.get((obj.translation_key, obj.locale_id))
        edit_url = _snippet_url(model, "edit", obj.pk)
        languages = []
        for locale in locales:
            version = versions.get((model, obj.translation_key, locale.id))
            if locale.id == obj.locale_id:
                status = LocaleStatus(locale, SOURCE)
                status.actions.append((_("Edit"), edit_url))
            elif version is None:
                status = LocaleStatus(locale, MISSING)
                status.actions.append(
                    (
                        _("Translate"),
                        reverse(
                            "wagtail_localize:submit_snippet_translation",
                            args=[model._meta.app_label, model._meta.model_name, obj.pk],
                        ),
                    )
                )
            else:
                translation = source and translations.get((source.id, locale.id))
                if translation is None:
                    status = LocaleStatus(locale, SEPARATE)
                else:
                    status = LocaleStatus(locale, CURRENT, untranslated=translation.untranslated)
                    status.missing_fields = [
                        field_location(model, path) for path in missing.get(translation.pk, [])
                    ]
                status.actions.append((_("Edit translation"), _snippet_url(model, "edit", version)))
            languages.append(status)
        rows.append(SnippetStatus(obj, model, _snippet_label(obj), edit_url, languages))
    return rows


def snippet_report(
    *, snippet_type="", query="", status="", language=None, page_number=1, per_page=50
):
    """One page of the snippets' part of the report."""
    locales = report_locales()
    if status == OUTDATED:
        # Snippets keep no revisions: "out of date" is a page's state only.
        sources = []
    else:
        sources = snippet_sources(
            snippet_type=snippet_type, query=query, status=status, language=language
        )
    paginator = Paginator(sources, per_page)
    page_obj = paginator.get_page(page_number)
    rows = snippet_statuses(list(page_obj.object_list), locales)
    if language is not None:
        for row in rows:
            row.languages = [s for s in row.languages if s.locale.id == language.id]
    return {"snippet_rows": rows, "snippet_page_obj": page_obj, "snippet_paginator": paginator}


def report_locales():
    """The site's languages in the order of ``settings.LANGUAGES``."""
    locales = list(Locale.objects.order_by("pk"))
    order = {code: i for i, (code, _name) in enumerate(settings.LANGUAGES)}
    locales.sort(key=lambda loc: order.get(loc.language_code, len(order)))
    return locales


# --- Which fields are still in the original language, and where they are -------------------


def missing_fields(translations):
    """{translation id: [segment path, ...]} of the strings not translated yet; two queries."""
    translations = [t for t in translations if getattr(t, "untranslated", 1)]
    if not translations:
        return {}
    source_ids = {t.source_id for t in translations}
    segments = list(
        StringSegment.objects.filter(source_id__in=source_ids)
        .order_by("order")
        .values_list("source_id", "string_id", "context_id", "context__path")
    )
    locale_ids = {t.target_locale_id for t in translations}
    done = set(
        StringTranslation.objects.filter(
            translation_of_id__in={s[1] for s in segments},
            locale_id__in=locale_ids,
            has_error=False,
        ).values_list("translation_of_id", "context_id", "locale_id")
    )
    result = {}
    for translation in translations:
        paths = []
        for source_id, string_id, context_id, path in segments:
            if source_id != translation.source_id:
                continue
            if (string_id, context_id, translation.target_locale_id) not in done:
                top = path.split(".")[0]
                if top not in paths:
                    paths.append(top)
        result[translation.pk] = paths
    return result


def _edit_handler(model):
    from wagtail.admin.panels import get_edit_handler

    if issubclass(model, Page):
        return model.get_edit_handler()
    viewset = getattr(model, "snippet_viewset", None)
    if viewset is not None:
        return viewset.get_edit_handler()
    return get_edit_handler(model)


def _panel_fields(panel):
    """The field names a panel (and its children) edits."""
    names = set()
    name = getattr(panel, "field_name", None) or getattr(panel, "relation_name", None)
    if name:
        names.add(name)
    for child in getattr(panel, "children", []):
        names |= _panel_fields(child)
    return names


def field_location(model, path):
    """A segment's field as an editor finds it: "Slug (Promote tab)", "Text"."""
    name = path.split(".")[0]
    try:
        field = model._meta.get_field(name)
        label = str(getattr(field, "verbose_name", "") or name)
    except Exception:  # noqa: BLE001 (a relation's name, a block: show the name as it is)
        label = name.replace("_", " ")
    label = label[:1].upper() + label[1:]
    handler = _edit_handler(model)
    tabs = getattr(handler, "children", [])
    if len(tabs) > 1 and all(getattr(tab, "heading", "") for tab in tabs):
        for tab in tabs:
            if name in _panel_fields(tab):
                return _("%(field)s (%(tab)s tab)") % {"field": label, "tab": tab.heading}
    return label


def untranslated_field_warning(request, instance):
    """Before wagtail-localize publishes a translation: name the fields still untranslated.

    wagtail-localize then says "published with missing translations - see
    below"; this message says which fields and where ("Slug (Promote tab)").
    Runs as a ``before_edit_page``/``before_edit_snippet`` hook ahead of
    wagtail-localize's own, and never answers the request itself.
    """
    if request.method != "POST" or request.POST.get("action") != "publish":
        return
    translation = (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .annotate(untranslated=_untranslated_count())
        .first()
    )
    if translation is None or not translation.untranslated:
        return
    model = type(instance.specific) if isinstance(instance, Page) else type(instance)
    fields = [field_location(model, path) for path in missing_fields([translation])[translation.pk]]
    if fields:
        from django.contrib import messages

        messages.warning(
            request,
            _("Still in the original language: %(fields)s. Translate them, then publish again.")
            % {"fields": ", ".join(str(f) for f in fields)},
        )
