"""The knowledge hub: news, reports and resources, every page type translatable."""

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.blocks import PageChooserBlock
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from hub.blocks import BaseStreamBlock, KeyFiguresBlock
from hub.models import BASE_TRANSLATABLE_FIELDS, BasePage
from learning.blocks import DownloadsBlock


class Topic(models.TextChoices):
    """What a news item is about; the labels are translated, the keys are shared."""

    CAMPAIGN = "campaign", _("Call to Local Action")
    GLOBAL_PROCESSES = "global-processes", _("Global Compacts and UN processes")
    CITY_DIPLOMACY = "city-diplomacy", _("City diplomacy")
    PARTNERSHIPS = "partnerships", _("Partnerships")
    PUBLICATIONS = "publications", _("Reports and publications")


class ResourceType(models.TextChoices):
    """Kinds of practical resources."""

    TOOLKIT = "toolkit", _("Toolkit")
    BRIEF = "brief", _("Policy brief")
    GUIDE = "guide", _("Guide")
    RECORDING = "recording", _("Recording")


def _related_pages_field():
    return StreamField(
        [("page", PageChooserBlock(label=_("Page")))],
        blank=True,
        verbose_name=_("related pages"),
        help_text=_("Shown at the end of the page, in the reader's language when translated."),
    )


class LearningIndexPage(BasePage):
    """The knowledge hub landing page: reports, resources and the latest news."""

    intro = models.TextField(_("introduction"), blank=True, max_length=1000)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro", help_text=_("A short introduction above the reports and resources.")),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    translatable_fields = [*BASE_TRANSLATABLE_FIELDS, TranslatableField("intro")]
    parent_page_types = ["hub.HomePage"]
    subpage_types = ["learning.ReportPage", "learning.ResourcePage"]
    max_count_per_parent = 1
    page_description = _(
        "The knowledge hub's landing page, one per language: it lists the reports and "
        "resources placed under it."
    )
    template = "learning/learning_index_page.html"

    class Meta:
        verbose_name = _("knowledge hub")

    def get_context(self, request, *args, **kwargs):
        from learning import services

        context = super().get_context(request, *args, **kwargs)
        context.update(services.knowledge_hub_listing(self))
        return context


class ReportPage(BasePage):
    """A publication such as the 2022 report, with its key figures and downloads."""

    publication_date = models.DateField(_("publication date"))
    key_figures = StreamField(
        [("key_figures", KeyFiguresBlock())],
        blank=True,
        max_num=1,
        verbose_name=_("key figures"),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("Level-2 headings make the table of contents."),
    )
    documents = StreamField(DownloadsBlock(), blank=True, verbose_name=_("downloads"))
    related_pages = _related_pages_field()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel(
            "publication_date",
            help_text=_("The date the report was published; reports are listed newest first."),
        ),
        FieldPanel(
            "key_figures",
            help_text=_(
                "One row of headline numbers near the top (e.g. 70 local actions, 47 "
                "governments): click +, then type each figure and what it counts."
            ),
        ),
        FieldPanel("body"),
        FieldPanel(
            "documents",
            help_text=_(
                "The report's files, each with the language it is written in; on a translation, "
                "choose that language's edition."
            ),
        ),
        FieldPanel("related_pages"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    translatable_fields = [
        *BASE_TRANSLATABLE_FIELDS,
        SynchronizedField("publication_date"),
        TranslatableField("key_figures"),
        TranslatableField("body"),
        TranslatableField("documents"),
        SynchronizedField("related_pages"),
    ]
    parent_page_types = ["learning.LearningIndexPage"]
    subpage_types = []
    page_description = _(
        "A publication such as the 2022 report: summary, key figures, a table of contents "
        "and the files to download."
    )
    template = "learning/report_page.html"

    class Meta:
        verbose_name = _("report")

    def body_with_anchors(self):
        """The body's blocks, each level-2 heading with a unique anchor."""
        seen = set()
        for block in self.body:
            anchor = text = None
            if block.block_type == "heading" and block.value.get("level") == "h2":
                text = block.value["text"]
                base = slugify(text, allow_unicode=True) or "section"
                anchor, n = base, 1
                while anchor in seen:
                    n += 1
                    anchor = f"{base}-{n}"
                seen.add(anchor)
            yield anchor, text, block

    def get_context(self, request, *args, **kwargs):
        from learning import services

        context = super().get_context(request, *args, **kwargs)
        context["body_blocks"] = list(self.body_with_anchors())
        context["toc"] = [(a, t) for a, t, _b in context["body_blocks"] if a]
        context["related"] = services.localized_related_pages(self, request)
        context["downloads"] = services.downloads_for_reader(self)
        return context


class ResourcePage(BasePage):
    """A toolkit, brief or guide that local governments can use."""

    resource_type = models.CharField(
        _("type"), max_length=20, choices=ResourceType.choices, default=ResourceType.TOOLKIT
    )
    publication_date = models.DateField(_("publication date"))
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    documents = StreamField(DownloadsBlock(), blank=True, verbose_name=_("downloads"))
    external_url = models.URLField(_("external link"), blank=True)
    related_pages = _related_pages_field()

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel(
            [
                FieldPanel(
                    "resource_type",
                    help_text=_(
                        "What kind of resource this is (toolkit, policy brief, guide, recording); "
                        "shown on its card."
                    ),
                ),
                FieldPanel("publication_date", help_text=_("The date the resource was published.")),
            ]
        ),
        FieldPanel(
            "body",
            help_text=_(
                "What the resource is and who it is for: paragraphs, headings, images (each with "
                "alternative text)."
            ),
        ),
        FieldPanel(
            "documents",
            help_text=_(
                "The resource's files, each with the language it is written in; on a translation, "
                "choose that language's edition."
            ),
        ),
        FieldPanel(
            "external_url",
            help_text=_("Where the resource lives if it is on another site (https://…)."),
        ),
        FieldPanel("related_pages"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    translatable_fields = [
        *BASE_TRANSLATABLE_FIELDS,
        SynchronizedField("resource_type"),
        SynchronizedField("publication_date"),
        TranslatableField("body"),
        TranslatableField("documents"),
        SynchronizedField("external_url"),
        SynchronizedField("related_pages"),
    ]
    parent_page_types = ["learning.LearningIndexPage"]
    subpage_types = []
    page_description = _(
        "A toolkit, policy brief, guide or recording that local governments can use, "
        "with its downloads."
    )
    template = "learning/resource_page.html"

    class Meta:
        verbose_name = _("resource")

    def get_context(self, request, *args, **kwargs):
        from learning import services

        context = super().get_context(request, *args, **kwargs)
        context["related"] = services.localized_related_pages(self, request)
        context["downloads"] = services.downloads_for_reader(self)
        return context


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The news of one language: filterable list, RSS and Atom feeds.

    An article that exists only in another language (usually English) still
    answers under this index's address, with a note pointing to it.
    """

    intro = models.TextField(_("introduction"), blank=True, max_length=1000)
    untranslated_note = models.CharField(
        _("note on untranslated articles"),
        max_length=300,
        blank=True,
        help_text=_(
            "Shown, in this language, on the address of an article that exists only in "
            "another language, above a link to it."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro", help_text=_("A short introduction above the list of articles.")),
        FieldPanel("untranslated_note"),
    ]
    translatable_fields = [
        *BASE_TRANSLATABLE_FIELDS,
        TranslatableField("intro"),
        TranslatableField("untranslated_note"),
    ]
    parent_page_types = ["hub.HomePage"]
    subpage_types = ["learning.NewsPage"]
    max_count_per_parent = 1
    page_description = _(
        "The news of one language, with its filters and feeds: add articles under it."
    )
    template = "learning/news_index_page.html"
    per_page = 12

    class Meta:
        verbose_name = _("news index")

    @path("")
    def news_list(self, request):
        from learning import services
        from learning.forms import NewsFilterForm

        form = NewsFilterForm(request.GET, years=services.news_years(self, request))
        filters = form.filters()
        # The articles are read only when the list is drawn, not when it comes from
        # the template's cached fragment (same filters, language and content).
        listing = SimpleLazyObject(
            lambda: services.news_listing(
                self, filters, page_number=request.GET.get("page"), request=request
            )
        )
        page_url = self.get_url(request)
        return self.render(
            request,
            context_overrides={
                "filter_form": form,
                "rss_url": page_url + self.reverse_subpage("rss"),
                "atom_url": page_url + self.reverse_subpage("atom"),
                "articles": SimpleLazyObject(lambda: listing["articles"]),
                "paginator": SimpleLazyObject(lambda: listing["paginator"]),
                "is_filtered": bool(filters),
            },
        )

    @path("feed/", name="rss")
    def rss_feed(self, request):
        from learning.feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        from learning.feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsPage(BasePage):
    """A news article: date, authors, topic, hero image, body and related pages."""

    date = models.DateField(_("date"))
    authors = models.CharField(_("authors"), max_length=255, blank=True)
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    related_pages = _related_pages_field()

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel(
                            "date",
                            help_text=_(
                                "The article's date, shown on the page; the news is listed newest "
                                "first."
                            ),
                        ),
                        FieldPanel(
                            "topic",
                            help_text=_(
                                "What the article is about; readers filter the news by topic."
                            ),
                        ),
                    ]
                ),
                FieldPanel(
                    "authors",
                    help_text=_(
                        "Names shown under the title, separated by commas. Leave empty for none."
                    ),
                ),
            ],
            heading=_("About this article"),
        ),
        FieldPanel(
            "hero_image",
            help_text=_(
                "Shown at the top of the article, cropped to 1200×500 pixels around the image's "
                "focal point (set it in Images, on the image's page). Upload at least 1200×500; "
                "the image's description is its alternative text."
            ),
        ),
        FieldPanel(
            "body",
            help_text=_(
                "The article: paragraphs, headings, images (each with alternative text), quotes. "
                "The title, date and hero image are shown above it."
            ),
        ),
        FieldPanel("related_pages"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("authors"),
        index.FilterField("date"),
        index.FilterField("topic"),
    ]
    translatable_fields = [
        *BASE_TRANSLATABLE_FIELDS,
        SynchronizedField("date"),
        TranslatableField("authors"),
        SynchronizedField("topic"),
        SynchronizedField("hero_image"),
        TranslatableField("body"),
        SynchronizedField("related_pages"),
    ]
    parent_page_types = ["learning.NewsIndexPage"]
    subpage_types = []
    page_description = _("A news article with its date, authors, topic, hero image and text.")
    template = "learning/news_page.html"

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    @property
    def card_image(self):
        return self.listing_image or self.hero_image

    def get_context(self, request, *args, **kwargs):
        from learning import services

        context = super().get_context(request, *args, **kwargs)
        context["related"] = services.localized_related_pages(self, request)
        return context


# The live report and its editions live beside their services in learning/report/.
from learning.report.models import LiveReportPage, ReportEdition  # noqa: E402, F401
