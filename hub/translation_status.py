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


def filter_source_pages(*, status="", content_type=None, query=""):
    """The source pages matching the report's filters."""
    default_locale = Locale.get_default()
    pages = _source_pages(default_locale)
    if content_type is not None:
        pages = pages.filter(content_type=content_type)
    if query:
        pages = pages.filter(title__icontains=query)
    if status == OUTDATED:
        stale = (
            Translation.objects.filter(
                source__object_id=OuterRef("translation_key"),
                source__locale_id=OuterRef("locale_id"),
                enabled=True,
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
    """The status of each language of these source pages (five queries in all)."""
    source_pages = list(source_pages)
    locales = list(Locale.objects.order_by("pk"))
    order = {code: i for i, (code, _name) in enumerate(settings.LANGUAGES)}
    locales.sort(key=lambda loc: order.get(loc.language_code, len(order)))
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
    *, status="", content_type=None, query="", page_number=1, per_page=50, next_url=""
):
    """One page of the translation status report."""
    pages = filter_source_pages(status=status, content_type=content_type, query=query)
    paginator = Paginator(pages, per_page)
    page_obj = paginator.get_page(page_number)
    locales, rows = page_statuses(page_obj.object_list, next_url=next_url)
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
