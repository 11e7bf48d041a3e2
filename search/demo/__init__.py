"""Demo content for the practice library: the library page in every language, a promotion.

The words are in ``library.yaml`` and ``promotions.yaml`` beside this module.
Runs before the campaign's demo, which adds the local actions under the
library (and their translations under the translated libraries).
"""

from django.db import transaction

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page

from hub.localization import translate
from hub.seeding import load, other_languages, publish_child
from search.models import PracticeLibraryPage


@transaction.atomic
def seed(ctx):
    """Create the library (/en/practices/), its translations and the search promotions."""
    home = ctx.home
    data = load("search", "library")
    library = PracticeLibraryPage.objects.filter(locale=home.locale).first()
    if library is None:
        library = publish_child(
            home,
            PracticeLibraryPage(
                slug=data["slug"],
                title=data["title"],
                summary=data["summary"],
                intro=f"<p>{data['intro']}</p>",
                show_in_menus=data["show_in_menus"],
            ),
        )
        ctx.log("practice library page")
    # Only into the languages the home page has: the library lives under it.
    for code in other_languages():
        locale = Locale.objects.filter(language_code=code).first()
        if locale and home.has_translation(locale) and not library.has_translation(locale):
            translated = data["translations"].get(code, {})
            translate(library, code, {data[field]: text for field, text in translated.items()})
            ctx.log(f"practice library in {code}")

    for promotion in load("search", "promotions"):
        page = Page.objects.filter(slug=promotion["page"], locale=home.locale).first()
        if page is None:
            continue
        query = Query.get(promotion["query"])
        if not SearchPromotion.objects.filter(query=query, page=page).exists():
            SearchPromotion.objects.create(
                query=query, page=page, description=promotion["description"], sort_order=0
            )
            ctx.log(f"search promotion for “{promotion['query']}”")
