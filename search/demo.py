"""Demo content for the practice library: the library page itself."""

from search.models import PracticeLibraryPage


def seed(ctx):
    home = ctx.home
    if PracticeLibraryPage.objects.filter(locale=home.locale).exists():
        return
    library = PracticeLibraryPage(
        title="Practice library",
        slug="practices",
        summary="Local actions for migrants and refugees that you can replicate.",
        intro=(
            "<p>Find local actions by theme, Global Compact objective, region, country and "
            "population served, and contact the governments behind them.</p>"
        ),
        show_in_menus=True,
    )
    home.add_child(instance=library)
    library.save_revision().publish()
    ctx.log("practice library page")
