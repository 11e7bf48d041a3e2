"""Thin views: parse with a form, call one service, render."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.models import Locale, Page

from events import services
from events.calendar import event_calendar, events_feed
from events.forms import RegistrationForm
from events.models import EventPage, EventRegistration
from hub.ratelimit import allow_post

PRIVATE_HEADERS = {
    "Cache-Control": "private, no-store",
    # The address holds the secret token: never send it to another site.
    "Referrer-Policy": "same-origin",
    "X-Robots-Tag": "noindex",
}


def event_page(request, page, form=None, status=200):
    """The event page with its registration form (fresh, or with errors and input kept)."""
    response = page.render(request, context_overrides={"form": form or RegistrationForm()})
    response.status_code = status
    return response


def register(request, page):
    """POST target of the registration form."""
    if request.method != "POST":
        return redirect(page.url)
    form = RegistrationForm(request.POST)
    if not allow_post(request, "event-register"):
        form.is_valid()
        form.add_error(
            None, _("Too many attempts from your connection. Please wait a few minutes.")
        )
        return event_page(request, page, form, status=429)
    if form.is_valid():
        if form.is_spam:
            return redirect(page.url)
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        try:
            registration = services.register_for_event(
                page, language=translation.get_language() or "en", **data
            )
        except services.RegistrationError as error:
            form.add_error(error.field, error.message)
        else:
            if registration.status == EventRegistration.Status.CONFIRMED:
                text = _("You are registered. We sent a confirmation to %(email)s.")
            else:
                text = _("The event is full: you are on the waiting list. We wrote to %(email)s.")
            messages.success(request, text % {"email": registration.email})
            return redirect(
                page.url + page.reverse_subpage("registration_route", args=[registration.token])
            )
    return event_page(request, page, form, status=400)


def manage_registration(request, page, token):
    """The registrant's own page (from the secret link): status, and a button to cancel."""
    registration = services.registration_for_token(page, token)
    if registration is None:
        raise Http404
    if request.method == "POST":
        if registration.is_active:
            services.cancel_registration(registration)
            messages.success(request, _("Your registration is cancelled. Your seat is freed."))
        return redirect(request.path)
    context = page.get_context(request)
    context.update(
        {
            "registration": registration,
            "position": services.waiting_list_position(registration),
            "online_link": page.online_link
            if registration.status == EventRegistration.Status.CONFIRMED and page.is_online
            else "",
            "calendar_url": page.url + "event.ics",
        }
    )
    response = TemplateResponse(request, "events/registration_page.html", context)
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response


def _calendar_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_calendar_by_path(request, path):
    """/<lang>/events/<slug>/event.ics: the public calendar file (no online link)."""
    # The same resolution as Wagtail's own page serving: unknown or draft pages give None.
    page = Page.find_for_request(request, path)
    if not isinstance(page, EventPage) or page.get_view_restrictions().exists():
        raise Http404
    url = request.build_absolute_uri(page.url)
    return _calendar_response(event_calendar(page, url), f"{page.slug}.ics")


@require_GET
def upcoming_calendar(request):
    """/events/upcoming.ics: every upcoming event, to subscribe to (?lang=fr for French)."""
    language = request.GET.get("lang", "")
    codes = dict(settings.LANGUAGES)
    locale = Locale.objects.filter(
        language_code=language if language in codes else settings.LANGUAGE_CODE
    ).first()
    events = services.upcoming_events(locale=locale)
    content = events_feed(
        events,
        lambda event: request.build_absolute_uri(event.get_url(request)),
        _("Upcoming events"),
    )
    return _calendar_response(content, "upcoming.ics")
