"""Translating pages and snippets through wagtail-localize from code.

The demo content and the tests use this to create translations the same way
an editor does in the admin: a translation source, one string translation per
segment, then the translated object saved (and published) by wagtail-localize.
"""

from django.db import transaction

from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)


@transaction.atomic
def translate(instance, language_code, strings, *, publish=True, user=None):
    """Create or update the translation of a page or snippet into a language.

    ``strings`` maps source text to its translation. Segments with no entry
    keep the source text (wagtail-localize's fallback). Returns the translated
    object.
    """
    locale = Locale.objects.get(language_code=language_code)
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    translation_obj, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        text = segment.string.data
        if text in strings:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": strings[text],
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
    # wagtail-localize publishes in an on_commit hook; publishing here instead
    # makes the result visible at once, inside or outside a transaction.
    is_page = isinstance(instance, Page)
    translation_obj.save_target(user=user, publish=not is_page)
    target = instance.get_translation(locale)
    if is_page:
        target = target.specific
        if publish:
            target.get_latest_revision().publish(user=user)
            target.refresh_from_db()
    return target
