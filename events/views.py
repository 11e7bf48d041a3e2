"""Thin views: parse with a form, call one service, render."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

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
    overrides = {"form": form, "form_is_bound": True} if form is not None else {}
    response = page.render(request, context_overrides=overrides)
    response.status_code = status
    return response


def _private(response):
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response


def _manage_url(page, registration):
    return page.url + page.reverse_subpage("registration_route", args=[registration.token])


def register(request, page):
    """POST target of the registration form."""
    if request.method != "POST":
        return redirect(page.url)
    form = RegistrationForm(request.POST)
    if not allow_post(request, "event-register", recipient=request.POST.get("email", "")):
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
            submission = services.register_for_event(
                page, language=translation.get_language() or "en", **data
            )
        except services.RegistrationError as error:
            form.add_error(error.field, error.message)
        else:
            return _after_submission(request, page, submission)
    return event_page(request, page, form, status=400)


def _after_submission(request, page, submission):
    """What the visitor is told: the same whether or not the address was registered already.

    With confirmation on (the default), everyone is sent back to the event page
    with "check your inbox"; the email says the rest. Without it (an
    invitation-only event), a new registrant lands on their registration page.
    """
    email = submission.email
    if submission.needs_confirmation or (
        submission.already_registered and page.registration_event.confirm_email
    ):
        text = _(
            "Check your inbox: we are sending a link to confirm your registration to "
            "%(email)s. Open it within %(hours)s hours to get your place; until then nothing "
            "is booked."
        ) % {"email": email, "hours": settings.EMAIL_CONFIRMATION_HOURS}
        messages.success(request, text)
        return redirect(page.url)
    if submission.already_registered:
        messages.success(
            request,
            _("Check your inbox: we are sending the details of your registration to %(email)s.")
            % {"email": email},
        )
        return redirect(page.url)
    registration = submission.registration
    messages.success(request, _result_message(registration) % {"email": email})
    return redirect(_manage_url(page, registration))


def _result_message(registration):
    if registration.status == EventRegistration.Status.CONFIRMED:
        return _("You are registered. We will email your confirmation to %(email)s.")
    return _("The event is full: you are on the waiting list. We will email %(email)s.")


def manage_registration(request, page, token):
    """The registrant's own page (from the secret link): status, and a button to cancel."""
    registration = services.registration_for_token(page, token)
    if registration is None:
        raise Http404
    if registration.status == EventRegistration.Status.UNCONFIRMED:
        return redirect(page.url + page.reverse_subpage("confirm_route", args=[token]))
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
    return _private(TemplateResponse(request, "events/registration_page.html", context))


def _confirm_page(request, page, state, registration=None, error="", status=200):
    context = page.get_context(request)
    context.update(
        {
            "state": state,
            "registration": registration,
            "error": error,
            "hours": settings.EMAIL_CONFIRMATION_HOURS,
        }
    )
    return _private(
        TemplateResponse(request, "events/confirm_registration.html", context, status=status)
    )


def confirm_registration(request, page, token):
    """The link of the confirmation email: a page with a button (GET), then the seat (POST).

    Opening the link changes nothing, so mail scanners that fetch links do
    not confirm anyone; only the button does.
    """
    registration = services.registration_for_confirmation(page, token)
    if registration is None:
        return _confirm_page(request, page, "invalid", status=404)
    if registration.status != EventRegistration.Status.UNCONFIRMED:
        return redirect(_manage_url(page, registration))
    if services.confirmation_expired(registration):
        return _confirm_page(request, page, "expired", registration, status=410)
    if request.method != "POST":
        reason = page.registration_event.registration_closed_reason()
        if reason:
            return _confirm_page(request, page, "refused", registration, error=reason)
        return _confirm_page(request, page, "pending", registration)
    try:
        current = services.confirm_registration(registration)
    except services.RegistrationError as error:
        if error.code == "expired":
            return _confirm_page(request, page, "expired", registration, status=410)
        return _confirm_page(
            request, page, "refused", registration, error=error.message, status=400
        )
    if current.pk != registration.pk:
        text = _("This address was already registered for this event: here is its registration.")
    elif current.status == EventRegistration.Status.CONFIRMED:
        text = _(
            "Your address is confirmed and your seat is booked. We will email the details "
            "and the calendar file to %(email)s."
        )
    else:
        text = _(
            "Your address is confirmed. The event is full: you are on the waiting list, and "
            "we will email %(email)s if a seat is freed."
        )
    messages.success(request, text % {"email": current.email})
    return redirect(_manage_url(page, current))


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


@require_safe
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
