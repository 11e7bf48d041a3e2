"""Site-wide pages, settings, navigation and partners."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Substr
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField, TranslatableField

from hub.blocks import BaseStreamBlock, HomeStreamBlock
from hub.i18n import base_language

# A language's name as it reads inside a sentence ("available in French",
# "disponible en français"): Django's own names are capitalised in French and Spanish.
LANGUAGE_NAMES_IN_SENTENCE = {
    "en": pgettext_lazy("language name inside a sentence", "English"),
    "fr": pgettext_lazy("language name inside a sentence", "French"),
    "es": pgettext_lazy("language name inside a sentence", "Spanish"),
    "ar": pgettext_lazy("language name inside a sentence", "Arabic"),
}

BASE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    TranslatableField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
    TranslatableField("summary"),
    SynchronizedField("listing_image"),
    SynchronizedField("social_image"),
]


def _specific_page(pk, content_type_id, request=None):
    """The page ``pk`` as its own type (None if it is gone), remembered per site generation."""
    from hub.routing import specific_page

    return specific_page(pk, content_type_id, request)


class BasePage(Page):
    """Fields every public page shares: cards, search results and social previews read them."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=500,
        help_text=_("One or two sentences shown on cards, in search results and social previews."),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared; the listing image is used if empty."),
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [
                FieldPanel(
                    "listing_image",
                    help_text=_(
                        "Shown on the page's card in listings and search results, cropped to "
                        "480×270 pixels around the image's focal point (set it in Images). Upload "
                        "at least 960×540."
                    ),
                ),
                FieldPanel("social_image"),
            ],
            heading=_("Images for listings and sharing"),
        ),
    ]
    translatable_fields = BASE_TRANSLATABLE_FIELDS

    class Meta:
        abstract = True

    @classmethod
    def get_search_fields(cls):
        """The search fields, each searchable word field also as an autocomplete field.

        The admin's page search autocompletes (Wagtail matches word beginnings on
        autocomplete fields only, the title by default): with these, an editor
        finds a page by a word of its summary or body, not just of its title.
        """
        fields = super().get_search_fields()
        completed = {f.field_name for f in fields if isinstance(f, index.AutocompleteField)}
        return fields + [
            index.AutocompleteField(f.field_name)
            for f in fields
            if isinstance(f, index.SearchField) and f.field_name not in completed
        ]

    @property
    def share_image(self):
        return self.social_image or self.listing_image

    @property
    def meta_description(self):
        return self.search_description or self.summary

    # --- a page at every language's address --------------------------------------
    # A page that has no live translation in the visitor's language is served at
    # that language's address (/fr/practices/<slug>/) from its original: the
    # language's home, menus and footer around it, the original's content
    # marked with its own language. wagtail-localize's synchronised trees (alias
    # pages) would do this only from one source locale into the others, would
    # add a copy of every page to every listing, search index, sitemap and
    # count, and appear only for pages created in the admin.

    def route(self, request, path_components):
        try:
            if not path_components:
                return super().route(request, path_components)
            # Wagtail's own descent (a child by its slug), in one query instead of two.
            child = self._child_for_route(request, path_components[0])
            if child is None:
                raise Http404
            child._cached_parent_obj = self
            return child.route(request, path_components[1:])
        except Http404:
            result = self._route_to_other_language(request, path_components)
            if result is None:
                raise
            return result

    def _child_for_route(self, request, slug):
        """The child with this slug (live or not, as Wagtail's ``route``), as its own type.

        Which page it is (id and type) is kept per site generation: one query,
        for the page itself, instead of one for the child and one for its type.
        """
        from hub.chrome_cache import cached_fragment

        def find():
            return list(
                self.get_children().filter(slug=slug).values_list("pk", "content_type_id")[:1]
            )

        found = cached_fragment(request, f"route:{self.pk}:{slug}", find) if slug else []
        if not found:
            return None
        child = _specific_page(*found[0], request)
        if (
            child is None
            or child.slug != slug
            or child.path[: self.depth * self.steplen] != self.path
        ):
            return None
        return child

    def _route_to_other_language(self, request, path_components):
        """Route into the same place of another language's tree when this one lacks it.

        Only when no live child of this page has the slug (a 404 from deeper
        down is not ours to answer), and never inside such a detour.
        """
        if not path_components or getattr(request, "_hub_routing_other_language", False):
            return None
        from hub.chrome_cache import cached_fragment

        slug = path_components[0]
        # Which page answers (kept per site generation, as the way down the tree).
        found = cached_fragment(
            request, f"route-other:{self.pk}:{slug}", lambda: self._other_language_target(slug)
        )
        if found is None:
            return None
        kind, pk, content_type_id, language = found
        target = _specific_page(pk, content_type_id, request)
        if target is None:
            return None
        if kind == "translation":
            # Another language's slug of a translated page: go to the translation.
            translated = target
            translated._redirect_to = translated.get_url(request) + "".join(
                f"{component}/" for component in path_components[1:]
            )
            return RouteResult(translated)
        original = target
        request._hub_routing_other_language = True
        try:
            page, args, kwargs = original.route(request, path_components[1:])
        finally:
            request._hub_routing_other_language = False
        parent_path = original.url_path[: -len(original.slug) - 1]
        here = self.get_url(request)
        if isinstance(page, BasePage) and here and page.url_path.startswith(parent_path):
            page._served_at = here + page.url_path[len(parent_path) :]
            page._content_language = language
            page.translated_ancestor = self
        return RouteResult(page, args=args, kwargs=kwargs)

    def _other_language_target(self, slug):
        """``("translation" | "original", id, content type id, language)`` or None.

        None when a live child of this page has the slug (a 404 from deeper
        down is not ours to answer) or no translation of this page has one.
        """
        if self.get_children().live().filter(slug=slug).exists():
            return None
        original = self._child_in_other_language(slug)
        if original is None:
            return None
        translated = (
            Page.objects.live()
            .filter(translation_key=original.translation_key, locale_id=self.locale_id)
            .first()
        )
        if translated is not None:
            return ("translation", translated.pk, translated.content_type_id, "")
        return (
            "original",
            original.pk,
            original.content_type_id,
            original.locale.language_code,
        )

    def _child_in_other_language(self, slug):
        """The live child with this slug of this page's translations; the default language first."""
        parents = Page.objects.filter(translation_key=self.translation_key).exclude(
            locale_id=self.locale_id
        )
        candidates = (
            Page.objects.live()
            .filter(slug=slug, depth=self.depth + 1)
            .filter(
                models.Exists(
                    parents.filter(
                        path=Substr(models.OuterRef("path"), 1, self.depth * Page.steplen)
                    )
                )
            )
            .select_related("locale")
        )
        return min(
            candidates,
            key=lambda page: (page.locale.language_code != settings.LANGUAGE_CODE, page.pk),
            default=None,
        )

    def get_view_restrictions(self):
        """Wagtail's, or while serving the ids ``keep_restricted_pages_private`` already knows."""
        ids = getattr(self, "_serving_view_restriction_ids", None)
        if ids is None:
            return super().get_view_restrictions()
        from wagtail.models import PageViewRestriction

        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)

    def serve(self, request, *args, **kwargs):
        redirect_to = getattr(self, "_redirect_to", None)
        if redirect_to:
            return redirect(redirect_to)
        return super().serve(request, *args, **kwargs)

    def get_url_parts(self, request=None):
        """The address the page is served at: another language's, for a page shown there."""
        parts = super().get_url_parts(request)
        served_at = getattr(self, "_served_at", None)
        if parts is None or served_at is None:
            return parts
        site_id, root_url, _path = parts
        return site_id, root_url, served_at

    @property
    def is_fallback(self):
        """True when the page is shown at another language's address for want of a translation."""
        return getattr(self, "_served_at", None) is not None

    @property
    def content_language(self):
        """The language the page's content is written in."""
        return getattr(self, "_content_language", None) or self.locale.language_code

    @property
    def content_direction(self):
        """``"rtl"`` or ``"ltr"``: the direction of the language the content is written in."""
        return "rtl" if translation.get_language_info(self.content_language)["bidi"] else "ltr"

    @property
    def fallback_note(self):
        """The note, in the visitor's language, above a page shown in its original language."""
        visitor = base_language()
        names = LANGUAGE_NAMES_IN_SENTENCE
        return gettext(
            "This page is not yet available in %(language)s; here it is in %(original)s."
        ) % {
            "language": names.get(visitor, visitor),
            "original": names.get(self.content_language, self.content_language),
        }

    @property
    def original_full_url(self):
        """The page's absolute address in its own language: the canonical one of a fallback."""
        parts = super().get_url_parts()
        return None if parts is None else parts[1] + parts[2]


class HomePage(BasePage):
    """The front page: hero, headline figures and what the apps feature."""

    hero_title = models.CharField(_("hero title"), max_length=200)
    hero_text = models.TextField(_("hero text"), blank=True, max_length=600)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(HomeStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel(
                    "hero_title",
                    help_text=_(
                        "The large heading at the top of the page (its only level-1 heading)."
                    ),
                ),
                FieldPanel(
                    "hero_text",
                    help_text=_(
                        "One or two sentences under the heading saying what the site offers; "
                        "plain text, up to 600 characters."
                    ),
                ),
                FieldPanel(
                    "hero_image",
                    help_text=_(
                        "Used when the home page is shared on social media: cropped to "
                        "1200×630 pixels around the image's focal point (set it in Images)."
                    ),
                ),
            ],
            heading=_("Hero"),
        ),
        FieldPanel(
            "body",
            help_text=_(
                "Text shown under the hero. The headline figures, featured practices, upcoming "
                "events and latest news follow automatically: do not repeat them here."
            ),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]
    translatable_fields = [
        *BASE_TRANSLATABLE_FIELDS,
        TranslatableField("hero_title"),
        TranslatableField("hero_text"),
        SynchronizedField("hero_image"),
        TranslatableField("body"),
    ]
    # One home page per language, at the root; its children declare that they
    # belong under it (``parent_page_types``), so this app names none of them.
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    page_description = _(
        "The front page of one language: hero, headline figures, featured practices, "
        "upcoming events and latest news. There is one per language; add a language by "
        "translating it."
    )
    template = "hub/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from hub.home import home_sections

        context = super().get_context(request, *args, **kwargs)
        context["home_sections"] = home_sections(request, self)
        return context


class StandardPage(BasePage):
    """A plain content page such as About or Privacy."""

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel(
            "body",
            help_text=_(
                "The page's content: headings, paragraphs, images (each with alternative text), "
                "quotes, buttons, key figures, questions and answers, documents. Level-2 headings "
                "divide it into sections."
            ),
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    translatable_fields = [*BASE_TRANSLATABLE_FIELDS, TranslatableField("body")]
    # Under the home page (About, Privacy notice), under another standard page
    # (About › Team) or under the campaign page; never at the root, where a page has no address.
    parent_page_types = ["hub.HomePage", "hub.StandardPage", "pledges.CallToActionPage"]
    subpage_types = ["hub.StandardPage"]
    page_description = _("A page of text, images and links, such as About or the privacy notice.")
    template = "hub/standard_page.html"

    class Meta:
        verbose_name = _("standard page")


# The licences editors can choose for the open data (SPDX identifiers).
OPEN_DATA_LICENCE_CHOICES = [
    ("CC-BY-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")),
    ("CC-BY-SA-4.0", _("Creative Commons Attribution Share-Alike 4.0 (CC BY-SA 4.0)")),
    ("CC0-1.0", _("Public domain dedication (CC0 1.0)")),
    ("ODC-By-1.0", _("Open Data Commons Attribution License 1.0 (ODC-By)")),
    ("ODbL-1.0", _("Open Data Commons Open Database License 1.0 (ODbL)")),
]


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Organisation details shown in the footer and used in emails; the default share image."""

    organisation_name = models.CharField(
        _("organisation name"), max_length=200, default="Local Action Hub"
    )
    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    address = models.TextField(_("postal address"), blank=True, max_length=500)
    newsletter_url = models.URLField(_("newsletter sign-up link"), blank=True)
    twitter_url = models.URLField(_("X / Twitter"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    default_share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("default share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when a page without its own social or listing image is shared "
            "(cropped to 1200×630)."
        ),
    )

    record_search_terms = models.BooleanField(
        _("record search terms"),
        default=False,
        help_text=_(
            "Store the words visitors type in the site search, with a count per day and "
            "nothing about who searched, for the search terms report and for choosing "
            "promoted results. When off, search and promoted results work the same, but "
            "nothing visitors type is stored."
        ),
    )

    open_data_licence = models.CharField(
        _("open data licence"),
        max_length=20,
        choices=OPEN_DATA_LICENCE_CHOICES,
        default="CC-BY-4.0",
        help_text=_(
            "The licence of the open data (practices, labels, endorsers): stated on the "
            "open-data page, in datapackage.json and in the page's schema.org description."
        ),
    )

    # Every page's head reads the default image: fetched with the settings, no extra query.
    select_related = ["default_share_image"]

    panels = [
        MultiFieldPanel(
            [
                FieldPanel(
                    "organisation_name",
                    help_text=_(
                        "Shown in the footer and in what search engines show about the site."
                    ),
                ),
                FieldPanel(
                    "tagline",
                    help_text=_("A short line under the organisation's name in the footer."),
                ),
                FieldPanel(
                    "contact_email",
                    help_text=_("The address visitors can write to, shown in the footer."),
                ),
                FieldPanel("address", help_text=_("Shown in the footer.")),
                FieldPanel(
                    "newsletter_url",
                    help_text=_(
                        "The newsletter's sign-up page, linked from the footer. Leave empty to "
                        "hide the link."
                    ),
                ),
            ],
            heading=_("Organisation"),
        ),
        FieldPanel("default_share_image"),
        MultiFieldPanel(
            [
                FieldPanel(
                    "twitter_url",
                    help_text=_(
                        "The full address of the organisation's profile (https://…), linked from "
                        "the footer. Leave empty to hide it."
                    ),
                ),
                FieldPanel(
                    "linkedin_url",
                    help_text=_(
                        "The full address of the organisation's page (https://…), linked from the "
                        "footer. Leave empty to hide it."
                    ),
                ),
                FieldPanel(
                    "facebook_url",
                    help_text=_(
                        "The full address of the organisation's page (https://…), linked from the "
                        "footer. Leave empty to hide it."
                    ),
                ),
                FieldPanel(
                    "youtube_url",
                    help_text=_(
                        "The full address of the organisation's channel (https://…), linked from "
                        "the footer. Leave empty to hide it."
                    ),
                ),
            ],
            heading=_("Social media"),
        ),
        FieldPanel("record_search_terms", heading=_("Site search")),
        FieldPanel("open_data_licence", heading=_("Open data")),
    ]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def for_request(cls, request):
        """The settings of the request's site: read once per site generation (every page's
        header, footer and head show them; saving them moves the generation on)."""
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        from hub.chrome_cache import cached_fragment
        from hub.routing import find_site

        site = find_site(request)
        if site is None:
            return super().for_request(request)
        site_settings = cached_fragment(
            request, f"site-settings:{site.pk}", lambda: cls.for_site(site)
        )
        site_settings._request = request
        setattr(request, attr_name, site_settings)
        return site_settings

    @property
    def social_links(self):
        links = [
            ("X", self.twitter_url),
            ("LinkedIn", self.linkedin_url),
            ("Facebook", self.facebook_url),
            ("YouTube", self.youtube_url),
        ]
        return [(name, url) for name, url in links if url]


class NavigationMenu(TranslatableMixin, ClusterableModel):
    """A named list of links (the main menu, the footer menu), one per language."""

    MAIN = "main"
    FOOTER = "footer"
    SLOT_CHOICES = [(MAIN, _("Main navigation")), (FOOTER, _("Footer navigation"))]

    slot = models.CharField(_("where it shows"), max_length=20, choices=SLOT_CHOICES)

    panels = [
        FieldPanel(
            "slot",
            help_text=_(
                "Where the menu is shown: the main navigation at the top of every page, or the "
                "footer. One menu of each kind per language."
            ),
        ),
        InlinePanel("items", label=_("Links")),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("navigation menu")
        verbose_name_plural = _("navigation menus")
        constraints = [
            models.UniqueConstraint(fields=["slot", "locale"], name="unique_menu_slot_per_locale")
        ]

    def __str__(self):
        return f"{self.get_slot_display()} ({self.locale.language_code})"


class NavigationItem(TranslatableMixin, Orderable):
    """One link of a menu: a page of the site or an outside address.

    Translatable itself so that wagtail-localize translates the labels of a
    menu's items instead of copying them.
    """

    menu = ParentalKey(NavigationMenu, related_name="items", on_delete=models.CASCADE)
    label = models.CharField(
        _("label"), max_length=80, blank=True, help_text=_("Defaults to the page's title.")
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.URLField(_("or address"), blank=True)

    panels = [
        FieldPanel("label"),
        PageChooserPanel(
            "link_page",
            help_text=_(
                "A page of this site: the link follows the page if it moves, and leads to its "
                "translation in each language."
            ),
        ),
        FieldPanel(
            "link_url",
            help_text=_("An address on another site (https://…), used when no page is chosen."),
        ),
    ]

    translatable_fields = [
        TranslatableField("label"),
        SynchronizedField("link_page"),
        SynchronizedField("link_url"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]

    def __str__(self):
        return self.label or str(self.link_page or self.link_url)


class FooterText(TranslatableMixin, models.Model):
    """The short text in the footer, one per language."""

    body = models.TextField(_("text"), max_length=1000)

    panels = [
        FieldPanel(
            "body",
            help_text=_(
                "The short text at the bottom of every page in this language, e.g. who runs the "
                "campaign."
            ),
        )
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer texts")

    def __str__(self):
        return self.body[:60]


class Partner(TranslatableMixin, index.Indexed, models.Model):
    """An organisation behind the campaign or an event, shown in the footer."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("website"), blank=True)
    show_in_footer = models.BooleanField(_("show in the footer"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel(
            "name",
            help_text=_("The organisation's full name, as shown in the footer and on events."),
        ),
        FieldPanel("short_name", help_text=_("An acronym shown where space is short, e.g. UNHCR.")),
        FieldPanel(
            "logo",
            help_text=_(
                "Shown in the footer at most 160×80 pixels, in its own proportions (never "
                "cropped); a PNG with a transparent background works best. Its alternative text "
                "is the partner's name."
            ),
        ),
        FieldPanel(
            "url", help_text=_("The organisation's website, linked from its name and logo.")
        ),
        FieldPanel("show_in_footer", help_text=_("Untick to keep a partner for events only.")),
        FieldPanel(
            "sort_order", help_text=_("Partners are listed from the lowest number to the highest.")
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("short_name"),
        SynchronizedField("logo"),
        SynchronizedField("url"),
        SynchronizedField("show_in_footer"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name
