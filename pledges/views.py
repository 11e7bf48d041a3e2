"""Thin views: parse input with a form, call one service, render.

The form views are reached through ``CallToActionPage``'s routes
(``endorse/``, ``endorsers/``, ``submit-action/``).
"""

from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from hub.ratelimit import allow_post
from pledges import services
from pledges.forms import ActionSubmissionForm, EndorsementForm
from pledges.models import Endorsement, LocalGovernment
from pledges.regions import REGION_CHOICES


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


def _form_view(request, page, *, form_class, scope, template, save, route):
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if not allow_post(request, scope):
            return _too_many(request, page, template, form_class())
        if form.is_valid():
            error = save(form)
            if error is None:
                return HttpResponseRedirect(page.campaign_urls(request)[route] + "?sent=1")
        status = 400
    else:
        form = form_class()
        status = 200
    context = _page_context(request, page, form=form, sent=request.GET.get("sent") == "1")
    return TemplateResponse(request, template, context, status=status)


def endorse(request, page):
    """GET: the endorsement form; POST: store it (pending) or show what to fix."""

    def save(form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "homepage"}
        try:
            services.submit_endorsement(data)
        except services.DuplicateEndorsement as duplicate:
            existing = duplicate.existing
            if existing.status == Endorsement.APPROVED:
                message = _("%(name)s has already endorsed the Marrakech Mayors Declaration.")
            else:
                message = _(
                    "An endorsement for %(name)s was already received and is being reviewed."
                )
            form.add_error("government_name", message % {"name": existing.government_name})
            return "duplicate"
        return None

    return _form_view(
        request,
        page,
        form_class=EndorsementForm,
        scope="endorse",
        template="pledges/endorse.html",
        save=save,
        route="endorse",
    )


def submit_action(request, page):
    """GET: the local-action form; POST: store the submission and its images."""

    def save(form):
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("homepage", "images")}
        services.submit_action(data, form.cleaned_data["images"])
        return None

    return _form_view(
        request,
        page,
        form_class=ActionSubmissionForm,
        scope="submit-action",
        template="pledges/submit_action.html",
        save=save,
        route="submit_action",
    )


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
