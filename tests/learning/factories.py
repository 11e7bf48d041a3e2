"""Factories for the knowledge hub's pages."""

import datetime

import factory
import wagtail_factories

from learning.models import (
    LearningIndexPage,
    NewsIndexPage,
    NewsPage,
    ReportPage,
    ResourcePage,
    ResourceType,
    Topic,
)


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News"
    slug = "news"
    intro = "News from the Call to Local Action."

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Local action news {n}")
    slug = factory.Sequence(lambda n: f"local-action-news-{n}")
    date = factory.Sequence(lambda n: datetime.date(2022, 1, 1) + datetime.timedelta(days=n))
    topic = Topic.CAMPAIGN
    authors = "GFMD Mayors Mechanism"
    summary = factory.LazyAttribute(lambda o: f"Summary of {o.title}.")
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>Cities act for migrants and refugees.</p>")]
    )

    class Meta:
        model = NewsPage


class LearningIndexPageFactory(wagtail_factories.PageFactory):
    title = "Knowledge hub"
    slug = "learning"
    intro = "Reports, resources and news."

    class Meta:
        model = LearningIndexPage


class ReportPageFactory(wagtail_factories.PageFactory):
    title = "Localizing the Global Compacts (2022)"
    slug = factory.Sequence(lambda n: f"report-{n}")
    publication_date = datetime.date(2022, 5, 18)
    summary = "The first report on local action for migrants and refugees."
    key_figures = factory.LazyFunction(
        lambda: [
            (
                "key_figures",
                {
                    "title": "In numbers",
                    "figures": [
                        {"value": "70", "label": "local actions"},
                        {"value": "47", "label": "local and regional governments"},
                    ],
                },
            )
        ]
    )
    body = factory.LazyFunction(
        lambda: [
            ("heading", {"text": "Why local action matters", "level": "h2"}),
            ("paragraph", "<p>Local governments are central actors.</p>"),
            ("heading", {"text": "What comes next", "level": "h2"}),
            ("paragraph", "<p>A next report in 2023.</p>"),
        ]
    )

    class Meta:
        model = ReportPage


class ResourcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Toolkit {n}")
    slug = factory.Sequence(lambda n: f"toolkit-{n}")
    resource_type = ResourceType.TOOLKIT
    publication_date = datetime.date(2022, 9, 1)
    summary = "A toolkit for local governments."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Step by step.</p>")])

    class Meta:
        model = ResourcePage
