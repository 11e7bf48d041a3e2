"""Thin views: parse input with a form, call one service, render.

The form views are reached through ``CallToActionPage``'s routes
(``endorse/``, ``endorsers/``, ``submit-action/`` and the confirmation links
``endorse/confirm/<token>/``, ``submit-action/confirm/<token>/``), the contact
form through ``LocalActionPage``'s ``contact/``.
"""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _

from hub.ratelimit import allow_post
from pledges import services
from pledges.forms import ActionSubmissionForm, ContactTeamForm, EndorsementForm
from pledges.models import LocalGovernment
from pledges.regions import REGION_CHOICES

PRIVATE_HEADERS = {
    "Cache-Control": "private, no-store",
    # The address holds the secret token: never send it to another site.
    "Referrer-Policy": "same-origin",
    "X-Robots-Tag": "noindex",
}
# The address a form was just sent from, for the "check your inbox" message:
# a short-lived signed cookie, so it never appears in an address or a log.
SENT_COOKIE = "pledges_sent"
SENT_COOKIE_SECONDS = 600


def _private(response):
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response


def _page_context(request, page, **extra):
    return {"page": page, "self": page, "campaign_urls": page.campaign_urls(request), **extra}


def _too_many(request, page, template, form):
    context = _page_context(
        request,
        page,
        form=form,
        rate_limited=True,
        error_message=_(
            "You sent this form too many times in a short while. Please wait a "
            "minute and try again."
        ),
    )
    return TemplateResponse(request, template, context, status=429)


def _form_view(request, page, *, form_class, scope, template, save, route, address_field):
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if not allow_post(request, scope, recipient=request.POST.get(address_field, "")):
            return _too_many(request, page, template, form_class())
        if form.is_valid():
            save(form)
            response = HttpResponseRedirect(page.campaign_urls(request)[route] + "?sent=1")
            response.set_signed_cookie(
                SENT_COOKIE,
                form.cleaned_data[address_field],
                salt=SENT_COOKIE,
                max_age=SENT_COOKIE_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
            return response
        status = 400
    else:
        form = form_class()
        status = 200
    address = None
    sent = request.GET.get("sent") == "1"
    if sent:
        address = request.get_signed_cookie(
            SENT_COOKIE, default=None, salt=SENT_COOKIE, max_age=SENT_COOKIE_SECONDS
        )
    context = _page_context(
        request,
        page,
        form=form,
        sent=sent,
        sent_to=address,
        confirmation_hours=settings.EMAIL_CONFIRMATION_HOURS,
    )
    response = TemplateResponse(request, template, context, status=status)
    if sent:
        response.delete_cookie(SENT_COOKIE, samesite="Lax")
        _private(response)
    return response


def endorse(request, page):
    """GET: the endorsement form; POST: store it unconfirmed and email the link, or show what
    to fix. The answer is the same whether or not the government already endorsed."""

    def save(form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "homepage"}
        services.submit_endorsement(data, page=page, language=translation.get_language())

    return _form_view(
        request,
        page,
        form_class=EndorsementForm,
        scope="endorse",
        template="pledges/endorse.html",
        save=save,
        route="endorse",
        address_field="email",
    )


def submit_action(request, page):
    """GET: the local-action form; POST: store the submission and its images, unconfirmed,
    and email the link."""

    def save(form):
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("homepage", "images")}
        services.submit_action(
            data, form.cleaned_data["images"], page=page, language=translation.get_language()
        )

    return _form_view(
        request,
        page,
        form_class=ActionSubmissionForm,
        scope="submit-action",
        template="pledges/submit_action.html",
        save=save,
        route="submit_action",
        address_field="contact_email",
    )


def confirm(request, page, kind, token):
    """The link of the confirmation email. GET: a button; POST: confirm, then say so.

    Only the POST confirms, so a mail server or browser that opens links in
    advance confirms nothing. Nothing the visitor typed is shown here: whoever
    holds the link sees only the date the form was sent.
    """
    obj = services.confirmation_for(kind, token)
    if obj is not None and request.method == "POST":
        services.confirm(kind, obj, language=translation.get_language())
        return _private(redirect(request.path))
    if obj is None:
        state, status = "invalid", 404
    elif obj.email_confirmed_at is not None:
        state, status = "confirmed", 200
    else:
        state, status = "ask", 200
    context = _page_context(
        request,
        page,
        kind=kind,
        state=state,
        received_at=obj.created_at if obj is not None else None,
        confirmation_hours=settings.EMAIL_CONFIRMATION_HOURS,
    )
    return _private(TemplateResponse(request, "pledges/confirm.html", context, status=status))


def contact_team(request, page):
    """POST target of the case study's contact form: relay the message by email.

    The contact's address is never shown; replies go to the address the visitor
    gave. Limited per client and per address, like every public form.
    """
    page_url = page.get_url(request) or "/"
    if request.method != "POST":
        return redirect(page_url)
    recipient = services.relay_recipient(page)
    if recipient is None:
        raise Http404
    form = ContactTeamForm(request.POST)
    status = 400
    if not (
        allow_post(request, "contact-team", recipient=request.POST.get("email", ""))
        and allow_post(request, "contact-team-to", recipient=recipient[0])
    ):
        form.is_valid()
        form.add_error(
            None,
            _(
                "You sent this form too many times in a short while. Please wait a "
                "minute and try again."
            ),
        )
        status = 429
    elif form.is_valid():
        services.relay_message(page, recipient, form.cleaned_data, request)
        return redirect(page_url + "?contacted=1#contact-heading")
    response = page.render(request, context_overrides={"contact_form": form})
    response.status_code = status
    return response


def endorsers(request, page):
    """The public register of endorsers, filterable by region and kind of government."""
    regions = dict(REGION_CHOICES)
    kinds = dict(LocalGovernment.KIND_CHOICES)
    region = request.GET.get("region", "")
    kind = request.GET.get("kind", "")
    ignored = [
        value for value, known in ((region, regions), (kind, kinds)) if value and value not in known
    ]
    region = region if region in regions else ""
    kind = kind if kind in kinds else ""
    endorsements = list(services.endorsers(region=region, kind=kind))
    context = _page_context(
        request,
        page,
        endorsements=endorsements,
        total=services.endorsers().count() if (region or kind) else len(endorsements),
        region=region,
        kind=kind,
        region_choices=REGION_CHOICES,
        kind_choices=LocalGovernment.KIND_CHOICES,
        ignored=ignored,
    )
    return TemplateResponse(request, "pledges/endorsers.html", context)


def local_government_profile(request, slug):
    """The public profile of a local or regional government, at a stable address."""
    try:
        context = services.government_profile(slug)
    except LocalGovernment.DoesNotExist:
        raise Http404 from None
    return TemplateResponse(request, "pledges/local_government.html", context)
