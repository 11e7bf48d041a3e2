"""The visitor's language, and content in it where a translation exists.

Every listing, menu and panel that shows translatable objects (pages,
snippets, taxonomy terms) goes through :func:`localized`: each object in the
active locale when it has been translated, the original otherwise, in the
order given.
"""

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation

from wagtail.models import Locale


def base_language(code=None):
    """``"fr"`` for ``"fr-ca"``, ``"FR_ca"`` or ``"fr"``; the active language when ``code`` is None.

    Falls back to the site's default language when nothing is active.
    """
    code = code or translation.get_language() or settings.LANGUAGE_CODE
    return code.replace("_", "-").split("-")[0].lower()


def localized(objects, language_code=None, *, queryset=None):
    """Each translatable object in the visitor's language if translated, else the original.

    ``objects`` is a list (order kept; one query for the translations) or a
    queryset (one query in all; rows in the queryset's order). For a queryset,
    "the original" is the row in the site's default language when there is one.
    ``queryset`` limits which translations count (e.g. ``Page.objects.live()``);
    by default every row of the objects' model does. ``language_code`` defaults
    to the active language.
    """
    code = base_language(language_code)
    if isinstance(objects, QuerySet):
        candidates = queryset if queryset is not None else objects.model._default_manager.all()
        candidates = candidates.filter(
            translation_key__in=objects.values("translation_key")
        ).select_related("locale")
        return _one_per_translation(candidates, code)
    objects = [obj for obj in objects if obj is not None]
    if not objects:
        return []
    if queryset is None:
        queryset = type(objects[0])._default_manager.all()
    keys = {obj.translation_key for obj in objects}
    translated = {
        row.translation_key: row
        for row in queryset.filter(translation_key__in=keys, locale__language_code=code)
    }
    return [translated.get(obj.translation_key, obj) for obj in objects]


def _one_per_translation(rows, code):
    """One row per translation key: in ``code``, else the default language, else the first."""
    ranked = {}
    for row in rows:
        language = row.locale.language_code
        rank = 0 if language == code else 1 if language == settings.LANGUAGE_CODE else 2
        if row.translation_key not in ranked or rank < ranked[row.translation_key][0]:
            ranked[row.translation_key] = (rank, row)
    return [row for _rank, row in ranked.values()]


def in_locale_or_default(queryset, locale=None):
    """The rows of ``queryset`` in ``locale``; the default locale's rows if it has none.

    For collections translated as a whole (a menu, the footer): either the
    visitor's version or the original, never a mix.
    """
    locale = locale or Locale.get_active()
    rows = list(queryset.filter(locale=locale))
    if not rows and locale.language_code != settings.LANGUAGE_CODE:
        rows = list(queryset.filter(locale__language_code=settings.LANGUAGE_CODE))
    return rows
