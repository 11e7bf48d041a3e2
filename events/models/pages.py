"""The events listing and the event page (with its registration routes)."""

import zoneinfo

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from events.blocks import AgendaBlock, EventDescriptionBlock, ResourcesBlock, SpeakersBlock
from hub.models import BASE_TRANSLATABLE_FIELDS, BasePage
from hub.timezones import TimeZoneField

DEFAULT_TIME_ZONE = "Europe/Brussels"


class EventType(models.TextChoices):
    IMRF_SIDE_EVENT = "imrf_side_event", _("IMRF side event")
    BRIEFING = "briefing", _("Briefing session")
    PEER_LEARNING = "peer_learning", _("Peer-learning session")
    WORKSHOP = "workshop", _("Workshop")
    WEBINAR = "webinar", _("Webinar")
    SUMMIT = "summit", _("Summit")


class AttendanceMode(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid (in person and online)")


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


class EventIndexPage(BasePage):
    """The list of events (/en/events/): upcoming first, soonest first; past below, newest first."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro", help_text=_("A short introduction above the list of events.")),
    ]
    translatable_fields = [*BASE_TRANSLATABLE_FIELDS, TranslatableField("intro")]
    parent_page_types = ["hub.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1
    page_description = _(
        "The list of events, one per language: upcoming and past events placed under it."
    )
    template = "events/event_index_page.html"

    class Meta:
        verbose_name = _("events index")

    def get_context(self, request, *args, **kwargs):
        from events.services import event_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(event_listing(self, request.GET))
        return context


class EventPageForm(WagtailAdminPageForm):
    """Start, end and deadline are typed and shown in the event's own time zone.

    Editors write "15:00" for a briefing at 15:00 in Brussels whatever the time
    zone of their own admin account; the stored value is an aware datetime.
    """

    LOCAL_FIELDS = ("start", "end", "registration_deadline")

    time_zone = TimeZoneField(
        initial=DEFAULT_TIME_ZONE,
        help_text=_(
            "Where the event happens: type a city (e.g. Brussels, New York) and pick its zone; "
            "common zones come first. Start, end and deadline are in this zone."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = zoneinfo.ZoneInfo(self.instance.time_zone or DEFAULT_TIME_ZONE)
        for name in self.LOCAL_FIELDS:
            value = getattr(self.instance, name, None)
            if value is not None and name in self.fields:
                self.initial[name] = value.astimezone(zone).replace(tzinfo=None)

    def clean(self):
        cleaned_data = super().clean()
        zone_name = cleaned_data.get("time_zone")
        if zone_name:
            zone = zoneinfo.ZoneInfo(zone_name)
            typed_in = timezone.get_current_timezone()
            for name in self.LOCAL_FIELDS:
                value = cleaned_data.get(name)
                if value is not None:
                    cleaned_data[name] = timezone.make_naive(value, typed_in).replace(tzinfo=zone)
        start, end = cleaned_data.get("start"), cleaned_data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The event must end after it starts."))
        mode = cleaned_data.get("attendance_mode")
        if mode in (AttendanceMode.ONLINE, AttendanceMode.HYBRID) and not cleaned_data.get(
            "online_link"
        ):
            self.add_error("online_link", _("Online and hybrid events need a link to join."))
        if mode in (AttendanceMode.IN_PERSON, AttendanceMode.HYBRID) and not cleaned_data.get(
            "venue_name"
        ):
            self.add_error("venue_name", _("In-person and hybrid events need a venue."))
        return cleaned_data


class PracticeChooserPanel(PageChooserPanel):
    """Chooses local actions once the campaign app defines them, any page before that."""

    def get_form_options(self):
        try:
            apps.get_model("pledges", "LocalActionPage")
            self.page_type = "pledges.LocalActionPage"
        except LookupError:
            self.page_type = None
        return super().get_form_options()


class EventPage(RoutablePageMixin, BasePage):
    """A peer-learning event people register for, held in its own time zone.

    Registrations always belong to the original page of a translation group
    (see ``registration_event``): the French and English pages share seats.
    """

    event_type = models.CharField(_("type"), max_length=30, choices=EventType.choices)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
    )
    attendance_mode = models.CharField(
        _("format"), max_length=20, choices=AttendanceMode.choices, default=AttendanceMode.ONLINE
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.TextField(_("venue address"), max_length=500, blank=True)
    city = models.CharField(_("city and country"), max_length=200, blank=True)
    online_link = models.URLField(
        _("link to join online"),
        max_length=500,
        blank=True,
        help_text=_("Sent only to confirmed registrants; never shown on the page."),
    )
    body = StreamField(EventDescriptionBlock(), blank=True, verbose_name=_("description"))
    speakers = StreamField(SpeakersBlock(), blank=True, verbose_name=_("speakers"))
    agenda = StreamField(AgendaBlock(), blank=True, verbose_name=_("agenda"))

    registration_open = models.BooleanField(_("registration open"), default=True)
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Registration always closes when the event starts."),
    )
    waiting_list_enabled = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("When full, people join a waiting list and get seats that are freed."),
    )
    confirm_email = models.BooleanField(
        _("ask registrants to confirm their email address"),
        default=True,
        help_text=_(
            "A registration gets a seat only once its emailed link is opened. Turn this off "
            "only for invitation-only events whose list of addresses you trust."
        ),
    )

    recording_url = models.URLField(_("recording"), max_length=500, blank=True)
    resources = StreamField(ResourcesBlock(), blank=True, verbose_name=_("resources"))

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("speakers"),
        index.SearchField("agenda"),
        index.FilterField("event_type"),
        index.FilterField("start"),
    ]
    # The pages API shows only these: never the online link.
    api_fields = []

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel(
                    "event_type",
                    help_text=_(
                        "Shown on the event's page and card; visitors filter the events by type."
                    ),
                ),
                FieldRowPanel(
                    [
                        FieldPanel("start", help_text=_("In the event's own time zone (below).")),
                        FieldPanel(
                            "end", help_text=_("In the event's own time zone; after the start.")
                        ),
                    ]
                ),
                FieldPanel("time_zone"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "attendance_mode",
                    help_text=_(
                        "Online and hybrid events need a link to join; in-person and hybrid "
                        "events need a venue."
                    ),
                ),
                FieldPanel(
                    "venue_name",
                    help_text=_("The building or room, e.g. Palais des Nations, Room XVIII."),
                ),
                FieldPanel(
                    "venue_address",
                    help_text=_("Street and city, shown on the page under the venue."),
                ),
                FieldPanel(
                    "city", help_text=_("Shown on the event's card, e.g. Geneva, Switzerland.")
                ),
                FieldPanel("online_link"),
            ],
            heading=_("Where"),
        ),
        FieldPanel(
            "body",
            help_text=_(
                "What the event is about and who it is for. Speakers, agenda, registration and "
                "resources have their own fields and tabs."
            ),
        ),
        InlinePanel("co_hosts", label=_("Co-hosts")),
        FieldPanel(
            "speakers",
            help_text=_(
                "Click + for each speaker, panellist or moderator; one left blank is ignored."
            ),
        ),
        FieldPanel(
            "agenda",
            help_text=_(
                "Click + for each slot of the programme, with its time in the event's time zone."
            ),
        ),
        InlinePanel("practices", label=_("Practices presented")),
    ]
    registration_panels = [
        FieldPanel(
            "registration_open",
            help_text=_(
                "Untick to close registration now. It also closes at the deadline and when the "
                "event starts."
            ),
        ),
        FieldPanel("capacity"),
        FieldPanel("registration_deadline"),
        FieldPanel("waiting_list_enabled"),
        FieldPanel("confirm_email"),
    ]
    after_panels = [
        FieldPanel(
            "recording_url",
            help_text=_(
                "The address of the recording (e.g. a video page), shown on the event's page."
            ),
        ),
        FieldPanel(
            "resources",
            help_text=_(
                "Slides, reports and other files or links shared after the event, shown on its "
                "page."
            ),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(registration_panels, heading=_("Registration")),
            ObjectList(after_panels, heading=_("After the event")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = EventPageForm

    translatable_fields = [
        *BASE_TRANSLATABLE_FIELDS,
        SynchronizedField("event_type"),
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("time_zone"),
        SynchronizedField("attendance_mode"),
        TranslatableField("venue_name"),
        TranslatableField("venue_address"),
        TranslatableField("city"),
        SynchronizedField("online_link"),
        TranslatableField("body"),
        TranslatableField("speakers"),
        TranslatableField("agenda"),
        SynchronizedField("co_hosts"),
        SynchronizedField("practices"),
        SynchronizedField("registration_open"),
        SynchronizedField("capacity"),
        SynchronizedField("registration_deadline"),
        SynchronizedField("waiting_list_enabled"),
        SynchronizedField("confirm_email"),
        SynchronizedField("recording_url"),
        TranslatableField("resources"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    page_description = _(
        "A session, workshop, webinar or side event people register for, in its own time zone."
    )
    template = "events/event_page.html"

    class Meta:
        verbose_name = _("event")
        indexes = [models.Index(fields=["start"])]

    # --- time -----------------------------------------------------------------
    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return self.start.astimezone(self.zone)

    @property
    def local_end(self):
        return self.end.astimezone(self.zone)

    @property
    def is_single_day(self):
        return self.local_start.date() == self.local_end.date()

    def has_ended(self, now=None):
        return self.end <= (now or timezone.now())

    @property
    def is_online(self):
        return self.attendance_mode in (AttendanceMode.ONLINE, AttendanceMode.HYBRID)

    @property
    def is_in_person(self):
        return self.attendance_mode in (AttendanceMode.IN_PERSON, AttendanceMode.HYBRID)

    # --- registration ---------------------------------------------------------
    @property
    def registration_event(self):
        """The page registrations belong to: the first page of this translation group."""
        if not hasattr(self, "_registration_event"):
            original = (
                EventPage.objects.filter(translation_key=self.translation_key)
                .order_by("id")
                .first()
            )
            self._registration_event = original or self
        return self._registration_event

    def registration_closed_reason(self, now=None):
        """Why nobody can register now, or None when registration is open."""
        now = now or timezone.now()
        if not self.registration_open:
            return _("Registration for this event is closed.")
        if self.start <= now:
            return _("Registration closed when the event started.")
        if self.registration_deadline and self.registration_deadline <= now:
            return _("The registration deadline has passed.")
        return None

    def get_context(self, request, *args, **kwargs):
        from events.forms import RegistrationForm
        from events.services import event_details, structured_data
        from hub.fragments import cached

        context = super().get_context(request, *args, **kwargs)
        context.update(event_details(self, request))
        # An empty form is built only when it is drawn, not when it comes from the
        # template's cached fragment; a form with errors is set by the view.
        context["form"] = SimpleLazyObject(RegistrationForm)
        context["form_is_bound"] = False
        context["register_url"] = self.url + self.reverse_subpage("register_route")
        # Served by events.i18n_urls: Wagtail routes only addresses ending in "/".
        context["calendar_url"] = self.url + "event.ics"
        context["json_ld"] = cached(
            request,
            f"event-json-ld:{self.pk}",
            lambda: structured_data(self, request, context["co_hosts_list"]),
        )
        return context

    # --- routes ---------------------------------------------------------------
    @path("")
    def event_view(self, request):
        from events.views import event_page

        return event_page(request, self)

    @path("register/")
    def register_route(self, request):
        from events.views import register

        return register(request, self)

    @path("registration/<str:token>/")
    def registration_route(self, request, token):
        from events.views import manage_registration

        return manage_registration(request, self, token)

    @path("registration/<str:token>/confirm/")
    def confirm_route(self, request, token):
        from events.views import confirm_registration

        return confirm_registration(request, self, token)


class EventCoHost(Orderable):
    """A partner co-hosting an event."""

    page = ParentalKey(EventPage, related_name="co_hosts", on_delete=models.CASCADE)
    partner = models.ForeignKey(
        "hub.Partner", verbose_name=_("partner"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [
        FieldPanel(
            "partner",
            help_text=_(
                "A partner organisation co-hosting the event (partners are listed under Site › "
                "Partners)."
            ),
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("co-host")
        verbose_name_plural = _("co-hosts")


class EventPractice(Orderable):
    """A local action presented at an event."""

    page = ParentalKey(EventPage, related_name="practices", on_delete=models.CASCADE)
    practice = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("local action"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [
        PracticeChooserPanel(
            "practice",
            help_text=_("A case study from the practice library presented at the event."),
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("practice presented")
        verbose_name_plural = _("practices presented")
