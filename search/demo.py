"""Demo content for the practice library: the library page in every language, a promotion.

Runs before the campaign's demo, which adds the local actions under the
library (and their translations under the translated libraries).
"""

from django.conf import settings
from django.db import transaction

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page

from hub.localization import translate
from search.models import PracticeLibraryPage

LIBRARY = {
    "title": "Practice library",
    "summary": "Local actions for migrants and refugees that you can replicate.",
    "intro": (
        "Find local actions by theme, Global Compact objective, region, country and "
        "population served, and contact the governments behind them."
    ),
}

TRANSLATIONS = {
    "fr": {
        "Practice library": "Bibliothèque de pratiques",
        LIBRARY["summary"]: (
            "Des actions locales pour les migrants et les réfugiés que vous pouvez reproduire."
        ),
        LIBRARY["intro"]: (
            "Trouvez des actions locales par thème, objectif des Pactes mondiaux, région, pays "
            "et population servie, et contactez les collectivités qui les mènent."
        ),
    },
    "es": {
        "Practice library": "Biblioteca de prácticas",
        LIBRARY["summary"]: (
            "Acciones locales por las personas migrantes y refugiadas que puede replicar."
        ),
        LIBRARY["intro"]: (
            "Encuentre acciones locales por tema, objetivo de los Pactos Mundiales, región, país "
            "y población atendida, y contacte a los gobiernos que las llevan a cabo."
        ),
    },
    "ar": {
        "Practice library": "مكتبة الممارسات",
        LIBRARY["summary"]: "إجراءات محلية من أجل المهاجرين واللاجئين يمكنكم تكرارها.",
        LIBRARY["intro"]: (
            "ابحثوا عن الإجراءات المحلية حسب الموضوع وهدف الميثاقين العالميين والمنطقة والبلد "
            "والفئة المستفيدة، وتواصلوا مع الحكومات التي تقف وراءها."
        ),
    },
}

# Editors' promoted results for site search (wagtail.contrib.search_promotions).
PROMOTIONS = [
    (
        "marrakech",
        "about",
        "The Marrakech Mayors Declaration and the Call to Local Action, explained.",
    ),
]


@transaction.atomic
def seed(ctx):
    """Create the library (/en/practices/), its translations and a search promotion."""
    home = ctx.home
    library = PracticeLibraryPage.objects.filter(locale=home.locale).first()
    if library is None:
        library = PracticeLibraryPage(
            title=LIBRARY["title"],
            slug="practices",
            summary=LIBRARY["summary"],
            intro=f"<p>{LIBRARY['intro']}</p>",
            show_in_menus=True,
        )
        home.add_child(instance=library)
        library.save_revision().publish()
        ctx.log("practice library page")
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        locale = Locale.objects.filter(language_code=code).first()
        if locale and home.has_translation(locale) and not library.has_translation(locale):
            translate(library, code, TRANSLATIONS.get(code, {}))
            ctx.log(f"practice library in {code}")

    for query_string, slug, description in PROMOTIONS:
        page = Page.objects.filter(slug=slug, locale=home.locale).first()
        if page is None:
            continue
        query = Query.get(query_string)
        if not SearchPromotion.objects.filter(query=query, page=page).exists():
            SearchPromotion.objects.create(
                query=query, page=page, description=description, sort_order=0
            )
            ctx.log(f"search promotion for “{query_string}”")
