"""Fixtures for the practice library's tests: a library, real case studies, random data.

The live Elasticsearch suite is only collected when ELASTICSEARCH_URL is set,
so without a server it neither runs nor shows as skipped.
"""

import io
import os
import random

import pytest

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from pledges.models import (
    SDG,
    GCMObjective,
    GCMPrinciple,
    GCRArea,
    GCRObjective,
    LocalGovernment,
    PopulationGroup,
    Theme,
)
from search.indexing import index_practices
from search.models import PracticeLibraryPage
from search.synthetic import create_practices
from tests.pledges.factories import LocalActionPageFactory, LocalGovernmentFactory

collect_ignore = [] if os.environ.get("ELASTICSEARCH_URL") else ["test_elasticsearch_live.py"]


def english(model, **lookup):
    return model.objects.get(locale__language_code=settings.LANGUAGE_CODE, **lookup)


@pytest.fixture
def library(home_page):
    """The English practice library (/en/practices/)."""
    page = PracticeLibraryPage(title="Practice library", slug="practices")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def publish_practice(
    library,
    *,
    title,
    government=None,
    themes=(),
    gcm=(),
    gcr=(),
    sdgs=(),
    groups=(),
    principles=(),
    gcr_objectives=(),
    gcm_primary=(),
    status="ongoing",
    start_year=2020,
    body_text="A welcome desk opened.",
):
    """A case study created and published the way an editor does (signals fire)."""
    page = LocalActionPageFactory.build(
        title=title,
        slug=slugify(title)[:80],
        local_government=government or LocalGovernmentFactory(),
        status=status,
        start_year=start_year,
        body=[("challenge", f"<p>{body_text}</p>")],
    )
    library.add_child(instance=page)
    page.themes.set([english(Theme, slug=slug) for slug in themes])
    page.gcm_objectives.set([english(GCMObjective, number=n) for n in gcm])
    page.gcm_objectives_primary.set([english(GCMObjective, number=n) for n in gcm_primary])
    page.gcm_principles.set([english(GCMPrinciple, code=c) for c in principles])
    page.gcr_objectives.set([english(GCRObjective, number=n) for n in gcr_objectives])
    page.gcr_areas.set([english(GCRArea, code=c) for c in gcr])
    page.sdgs.set([english(SDG, number=n) for n in sdgs])
    page.population_groups.set([english(PopulationGroup, slug=s) for s in groups])
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def practices(library):
    """Six hand-made case studies over two countries, three themes and two statuses."""
    rabat = LocalGovernmentFactory(name="Rabat", country="MA", kind="city")
    lyon = LocalGovernmentFactory(name="Lyon", country="FR", kind="city")
    catalonia = LocalGovernmentFactory(name="Catalonia", country="ES", kind="region")
    specs = [
        (
            "Job mentoring for refugees",
            rabat,
            ["employment-entrepreneurship"],
            [16, 6],
            ["refugees"],
            "completed",
            2019,
            "Mentors from local employers.",
        ),
        (
            "Welcome desk for newcomers",
            rabat,
            ["access-to-services"],
            [16, 3],
            ["migrants"],
            "ongoing",
            2021,
            "A desk opened in the town hall.",
        ),
        (
            "Youth football league",
            lyon,
            ["children-youth"],
            [16],
            ["migrants", "host-communities"],
            "ongoing",
            2020,
            "Sport brings teenagers together.",
        ),
        (
            "Language cafe",
            lyon,
            ["access-to-services", "inclusive-governance"],
            [3],
            ["migrants"],
            "completed",
            2018,
            "Volunteers teach French.",
        ),
        (
            "Startup grants for migrants",
            catalonia,
            ["employment-entrepreneurship"],
            [6, 16],
            ["migrants", "refugees"],
            "planned",
            2023,
            "Grants for entrepreneurs.",
        ),
        (
            "Migrant council",
            catalonia,
            ["inclusive-governance"],
            [16],
            ["migrants"],
            "ongoing",
            2022,
            "Residents advise the government.",
        ),
    ]
    pages = []
    for title, government, themes, gcm, groups, status, year, text in specs:
        pages.append(
            publish_practice(
                library,
                title=title,
                government=government,
                themes=themes,
                gcm=gcm,
                groups=groups,
                status=status,
                start_year=year,
                body_text=text,
            )
        )
    return pages


@pytest.fixture
def libraries(library):
    """The library in every language: {language: library page} (translations of the English one)."""
    from hub.localization import translate

    pages = {"en": library}
    for code, _name in settings.LANGUAGES:
        if code != "en":
            pages[code] = translate(library, code, {})
    return pages


@pytest.fixture
def multilingual_practices(libraries):
    """200 synthetic practices (seeded): some written in French, Spanish or Arabic, some
    translated into them; indexed."""
    from wagtail.models import Page

    ids = create_practices(
        libraries["en"],
        200,
        rng=random.Random(13),  # noqa: S311
        libraries=libraries,
        originals={"fr": 0.1, "es": 0.05, "ar": 0.05},
        translations={"fr": 0.3, "es": 0.15, "ar": 0.1},
    )
    index_practices(list(Page.objects.filter(pk__in=ids)))
    return ids


@pytest.fixture
def random_practices(library):
    """150 synthetic case studies (seeded), indexed."""
    ids = create_practices(library, 150, rng=random.Random(7))  # noqa: S311
    from wagtail.models import Page

    index_practices(list(Page.objects.filter(pk__in=ids)))
    return ids


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site (70 local actions in English, some translated), rolled back afterwards."""
    from hub import demo as hub_demo
    from hub.management.commands.seed_demo import DemoContext
    from pledges import demo as pledges_demo
    from search import demo as search_demo

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            ctx = DemoContext(random=random.Random(2022), stdout=io.StringIO())  # noqa: S311
            hub_demo.seed_site(ctx)
            search_demo.seed(ctx)
            pledges_demo.seed(ctx)
            yield ctx
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


__all__ = ["LocalGovernment", "publish_practice"]
