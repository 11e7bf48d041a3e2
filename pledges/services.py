"""The campaign's rules: figures, endorsements, submissions, case studies."""

import logging
from functools import partial

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from hub import mail
from hub.i18n import base_language, localized
from pledges.models import (
    SDG,
    ActionSubmission,
    CallToActionPage,
    Endorsement,
    GCMObjective,
    GCRArea,
    LocalActionPage,
    LocalGovernment,
    PopulationGroup,
    SubmissionImage,
    Theme,
)
from pledges.models.campaign import government_key
from pledges.regions import REGION_CHOICES, SUBREGION_CHOICES

logger = logging.getLogger(__name__)
WagtailImage = get_image_model()


def campaign_figures():
    """Headline figures from published case studies (translations counted once); 3 queries.

    Returns ``{"actions", "governments", "countries", "themes": [(theme, count), ...]}``.
    """
    totals = LocalActionPage.objects.live().aggregate(
        actions=Count("translation_key", distinct=True),
        governments=Count("local_government", distinct=True),
        countries=Count("local_government__country", distinct=True),
    )
    themes = (
        Theme.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .annotate(
            action_count=Count(
                "local_actions__translation_key",
                filter=Q(local_actions__live=True),
                distinct=True,
            )
        )
        .order_by("sort_order")
    )
    labels = Theme.labels()
    themes = list(themes)
    for theme in themes:
        theme.label = labels.get(theme.translation_key, theme.title)
    return {**totals, "themes": themes}


# --- Emails -----------------------------------------------------------------------


def _acknowledge(kind, obj, email, language):
    """After the commit: a receipt to the visitor, in their language, and a note to the moderators.

    ``kind`` is ``"endorsement"`` or ``"submission"``: the templates are
    ``pledges/emails/<kind>_received`` and ``pledges/emails/moderators_<kind>``.
    """
    model = obj._meta.model_name
    context = {
        kind: obj,
        "admin_url": _site_url(reverse(f"wagtailsnippets_pledges_{model}:edit", args=[obj.pk])),
    }
    for template, recipient, recipient_language in (
        (f"{kind}_received", email, language),
        (f"moderators_{kind}", settings.MODERATORS_EMAIL, settings.LANGUAGE_CODE),
    ):
        compose = partial(
            mail.compose,
            f"pledges/emails/{template}",
            context,
            [recipient],
            language=recipient_language,
        )
        mail.send_after_commit(compose, f"{template} to {recipient}")


def _site_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


# --- Endorsements -------------------------------------------------------------------


class DuplicateEndorsement(Exception):
    """The government already has a pending or approved endorsement."""

    def __init__(self, existing):
        super().__init__(str(existing))
        self.existing = existing


def find_government(name, country):
    """The English LocalGovernment the public most likely meant (same slug and country)."""
    slug = slugify(name)
    return (
        LocalGovernment.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, country=country.upper()
        )
        .filter(Q(slug=slug) | Q(slug=slugify(f"{name}-{country}")) | Q(name__iexact=name))
        .first()
    )


def submit_endorsement(data, *, language=None):
    """Store an endorsement as pending and tell the signatory and the moderators.

    Raises ``DuplicateEndorsement`` if the government's endorsement is already
    pending or approved (the database constraint backs this check up).
    """
    language = base_language(language)
    key = government_key(data["government_name"], data["country"])
    try:
        with transaction.atomic():
            existing = (
                Endorsement.objects.exclude(status=Endorsement.REJECTED)
                .filter(government_key=key)
                .first()
            )
            if existing:
                raise DuplicateEndorsement(existing)
            endorsement = Endorsement(**data)
            endorsement.local_government = find_government(data["government_name"], data["country"])
            endorsement.save()
            _acknowledge("endorsement", endorsement, endorsement.email, language)
    except IntegrityError:
        existing = Endorsement.objects.exclude(status=Endorsement.REJECTED).get(government_key=key)
        raise DuplicateEndorsement(existing) from None
    return endorsement


@transaction.atomic
def approve_endorsements(endorsements):
    """Approve pending endorsements; each is linked to its LRG (created if new). Returns count."""
    count = 0
    now = timezone.now()
    for endorsement in endorsements.select_for_update().filter(status=Endorsement.PENDING):
        if endorsement.local_government_id is None:
            endorsement.local_government = find_government(
                endorsement.government_name, endorsement.country
            ) or LocalGovernment.objects.create(
                name=endorsement.government_name,
                kind=endorsement.government_kind,
                country=endorsement.country,
                slug=unique_government_slug(endorsement.government_name, endorsement.country),
                locale=Locale.get_default(),
            )
        endorsement.status = Endorsement.APPROVED
        endorsement.reviewed_at = now
        endorsement.save()
        count += 1
    return count


@transaction.atomic
def reject_endorsements(endorsements):
    """Reject pending endorsements (the government may send a new one). Returns count."""
    return endorsements.filter(status=Endorsement.PENDING).update(
        status=Endorsement.REJECTED, reviewed_at=timezone.now()
    )


def unique_government_slug(name, country):
    base = slugify(name)[:100] or slugify(country)
    slug, n = base, 1
    taken = set(
        LocalGovernment.objects.filter(slug__startswith=base).values_list("slug", flat=True)
    )
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def endorsers(region=None, kind=None):
    """Approved endorsements whose signatory agreed to be listed, with the LRG; one query."""
    queryset = (
        Endorsement.objects.filter(status=Endorsement.APPROVED, consent_to_list=True)
        .select_related("local_government")
        .order_by("government_name")
    )
    if region:
        queryset = queryset.filter(region=region)
    if kind:
        queryset = queryset.filter(government_kind=kind)
    return queryset


# --- Submissions ------------------------------------------------------------------


def submit_action(data, images, *, language=None):
    """Store a local action and its images first, then send the receipt and notification."""
    language = base_language(language)
    relations = {
        name: data.pop(name)
        for name in ("themes", "gcm_objectives", "gcr_areas", "sdgs", "population_groups")
    }
    with transaction.atomic():
        submission = ActionSubmission(**data, language=language)
        submission.local_government = find_government(data["government_name"], data["country"])
        submission.save()
        for name, values in relations.items():
            getattr(submission, name).set(values)
        for order, image in enumerate(images):
            SubmissionImage.objects.create(
                submission=submission,
                file=image["file"],
                extension=image["extension"],
                width=image["width"],
                height=image["height"],
                sort_order=order,
            )
        _acknowledge("submission", submission, submission.contact_email, language)
    return submission


class CaseStudyError(Exception):
    """A case study cannot be drafted from this submission (the message says why)."""


def practice_library(locale=None):
    """The practice library page of a locale (Page-tree query: pledges does not import search)."""
    locale = locale or Locale.get_default()
    return (
        Page.objects.filter(
            content_type__app_label="search",
            content_type__model="practicelibrarypage",
            locale=locale,
        )
        .order_by("path")
        .first()
    )


def _paragraphs(text):
    """Plain text from the public as escaped paragraphs: nothing they typed becomes markup."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return "".join(f"<p>{escape(b)}</p>".replace("\n", "<br>") for b in blocks)


@transaction.atomic
def create_case_study(submission, user=None):
    """Draft a LocalActionPage from a submission (unpublished), linked to it.

    The LRG is matched or created, images become Wagtail images, the text
    becomes the body's four sections. The draft then goes through the
    "Moderators approval" workflow like any page.
    """
    submission = ActionSubmission.objects.select_for_update().get(pk=submission.pk)
    if submission.case_study_id:
        raise CaseStudyError(_("A case study was already drafted from this submission."))
    library = practice_library()
    if library is None:
        raise CaseStudyError(_("There is no practice library page to put the case study under."))
    government = submission.local_government or find_government(
        submission.government_name, submission.country
    )
    if government is None:
        government = LocalGovernment.objects.create(
            name=submission.government_name,
            kind=submission.government_kind,
            country=submission.country,
            slug=unique_government_slug(submission.government_name, submission.country),
            locale=Locale.get_default(),
        )
    body = [
        (name, _paragraphs(getattr(submission, name)))
        for name in ("challenge", "action", "results", "how_to_replicate")
        if getattr(submission, name).strip()
    ]
    if submission.link_list:
        # Validated as http(s) addresses by the form; escaped all the same.
        items = "".join(
            f'<li><a href="{escape(link)}">{escape(link)}</a></li>' for link in submission.link_list
        )
        body.append(("paragraph", f"<ul>{items}</ul>"))
    gallery = []
    for item in submission.images.all():
        with item.file.open("rb") as handle:
            image = WagtailImage(
                title=f"{submission.title} ({item.sort_order + 1})"[:255],
                file=ImageFile(
                    handle, name=f"{submission.reference}-{item.sort_order}.{item.extension}"
                ),
                uploaded_by_user=user,
            )
            image.save()
        gallery.append(("image", {"image": image, "alt_text": "", "caption": ""}))
    slug = slugify(f"{government.slug}-{submission.title}")[:80] or f"action-{submission.pk}"
    siblings = set(library.get_children().values_list("slug", flat=True))
    base, n = slug, 1
    while slug in siblings:
        n += 1
        slug = f"{base}-{n}"
    page = LocalActionPage(
        title=submission.title,
        slug=slug,
        summary=submission.summary[:500],
        local_government=government,
        status=submission.action_status,
        start_year=submission.start_year,
        partners=submission.partners,
        body=body,
        gallery=gallery,
        contact_name=submission.contact_name,
        contact_role=submission.contact_role,
        contact_email=submission.contact_email,
        contact_is_public=submission.share_contact,
        live=False,
        owner=user,
    )
    page.themes = list(submission.themes.all())
    page.gcm_objectives = list(submission.gcm_objectives.all())
    page.gcr_areas = list(submission.gcr_areas.all())
    page.sdgs = list(submission.sdgs.all())
    page.population_groups = list(submission.population_groups.all())
    library.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    submission.case_study = page
    submission.local_government = government
    submission.status = ActionSubmission.CASE_STUDY
    submission.save(update_fields=["case_study", "local_government", "status"])
    return page


def pending_counts():
    """What waits for the moderators (for the dashboard); one query."""
    return ActionSubmission.objects.aggregate(
        submissions=Count("pk", filter=Q(status=ActionSubmission.NEW)),
    ) | Endorsement.objects.aggregate(
        endorsements=Count("pk", filter=Q(status=Endorsement.PENDING))
    )


# --- Case studies and profiles ----------------------------------------------------------


def localized_terms(model, source_queryset, language_code=None):
    """The rows of ``source_queryset`` (taxonomy terms) in the visitor's language, in order.

    One query; an untranslated label falls back to the original.
    """
    ordering = model._meta.ordering or ["pk"]
    key = ordering[0].lstrip("-")
    rows = localized(source_queryset, language_code)
    return sorted(rows, key=lambda row: (getattr(row, key), row.title))


def case_study_facts(page):
    """The facts panel of a case study in the visitor's language; fixed number of queries."""
    government = page.local_government
    return {
        "government": government,
        "region": dict(REGION_CHOICES).get(government.region, "") if government else "",
        "subregion": dict(SUBREGION_CHOICES).get(government.subregion, "") if government else "",
        "themes": localized_terms(Theme, page.themes.all()),
        "gcm_objectives": localized_terms(GCMObjective, page.gcm_objectives.all()),
        "gcr_areas": localized_terms(GCRArea, page.gcr_areas.all()),
        "sdgs": localized_terms(SDG, page.sdgs.all()),
        "population_groups": localized_terms(PopulationGroup, page.population_groups.all()),
    }


def case_study_context(page, request):
    """Everything the case-study template shows besides the page's own fields."""
    facts = case_study_facts(page)
    return {
        "facts": facts,
        "related_practices": list(page.related_practices()),
        "json_ld": page.json_ld(request, facts),
    }


def government_profile(slug):
    """An LRG's public profile: the LRG in the visitor's language, its endorsement, its actions.

    Raises ``LocalGovernment.DoesNotExist``. A fixed number of queries.
    """
    locale = Locale.get_active()
    rows = list(
        LocalGovernment.objects.filter(slug=slug)
        .filter(Q(locale=locale) | Q(locale__language_code=settings.LANGUAGE_CODE))
        .select_related("locale", "logo")
    )
    if not rows:
        raise LocalGovernment.DoesNotExist(slug)
    government = next((row for row in rows if row.locale_id == locale.pk), rows[0])
    originals = [row.pk for row in rows]
    endorsement = (
        Endorsement.objects.filter(local_government__in=originals, status=Endorsement.APPROVED)
        .order_by("reviewed_at")
        .first()
    )
    # One card per action: the visitor's language when translated, the original otherwise.
    live_actions = LocalActionPage.objects.live()
    actions = localized(live_actions.filter(local_government__in=originals), queryset=live_actions)
    sessions = []
    for row in rows:
        registrations = getattr(row, "event_registrations", None)
        if registrations is not None:
            sessions = _registered_sessions(registrations)
            break
    return {
        "government": government,
        "endorsement": endorsement if endorsement and endorsement.consent_to_list else None,
        "local_actions": sorted(actions, key=lambda page: page.title),
        "sessions": sessions,
        "region": dict(REGION_CHOICES).get(government.region, ""),
        "subregion": dict(SUBREGION_CHOICES).get(government.subregion, ""),
    }


def _registered_sessions(registrations):
    """The published events the LRG registered for (events owns the model; no import)."""
    field_names = {field.name for field in registrations.model._meta.get_fields()}
    if "status" in field_names:
        registrations = registrations.exclude(status="cancelled")
    event_ids = registrations.values_list("event_id", flat=True).distinct()
    return list(Page.objects.live().filter(pk__in=event_ids).order_by("title"))


def home_section_context(request, home_page):
    """The home page's campaign section: live figures and the newest local actions."""
    locale = home_page.locale
    featured = list(
        LocalActionPage.objects.live()
        .filter(locale=locale)
        .select_related("local_government")
        .order_by("-first_published_at", "-pk")[:3]
    )
    call = CallToActionPage.objects.live().filter(locale=locale).first()
    return {
        "figures": campaign_figures(),
        "featured": featured,
        "call": call,
        "campaign_urls": call.campaign_urls(request) if call else {},
    }
