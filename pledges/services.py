"""The campaign's rules: figures, endorsements, submissions, case studies."""

import logging
from datetime import timedelta
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from hub import mail
from hub.fragments import cached
from hub.i18n import base_language, localized
from hub.pagecache import invalidate_site
from hub.visibility import public_pages
from pledges.models import (
    SDG,
    ActionSubmission,
    CallToActionPage,
    Endorsement,
    GCMObjective,
    GCMPrinciple,
    GCRArea,
    GCRObjective,
    LocalActionPage,
    LocalGovernment,
    PopulationGroup,
    SubmissionImage,
    Theme,
)
from pledges.models.campaign import token_digest
from pledges.models.registries import public_links
from pledges.regions import REGION_CHOICES, SUBREGION_CHOICES

logger = logging.getLogger(__name__)
WagtailImage = get_image_model()


def campaign_figures(request=None):
    """Headline figures: the live report's (``learning.report.figures``), read by the call-to-action
    and home pages, so every page shows the numbers the practice library counts.

    Returns ``{"actions", "governments", "countries", "endorsers", "regions", "themes":
    [theme with slug, label, action_count, ...]}`` in the active language; cached per content
    generation when ``request`` is given.
    """
    from learning.report.figures import campaign_figures as report_figures

    return report_figures(request)


# --- Emails -----------------------------------------------------------------------


def _site_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _queue(template, context, recipient, language, description):
    compose = partial(
        mail.compose, f"pledges/emails/{template}", context, [recipient], language=language
    )
    mail.send_after_commit(compose, description)


def _acknowledge(kind, obj, email, language, **extra):
    """Once the address is confirmed: a receipt to the visitor, in their language, and a
    note to the moderators, both queued in the current transaction.

    ``kind`` is ``"endorsement"`` or ``"submission"``: the templates are
    ``pledges/emails/<kind>_received`` and ``pledges/emails/moderators_<kind>``.
    """
    model = obj._meta.model_name
    context = {
        kind: obj,
        "admin_url": _site_url(reverse(f"wagtailsnippets_pledges_{model}:edit", args=[obj.pk])),
        **extra,
    }
    _queue(f"{kind}_received", context, email, language, f"{kind}_received #{obj.pk}")
    _queue(
        f"moderators_{kind}",
        context,
        settings.MODERATORS_EMAIL,
        settings.LANGUAGE_CODE,
        f"moderators_{kind} #{obj.pk}",
    )


# --- Email confirmation (double opt-in) ------------------------------------------------
#
# A form stores its row unconfirmed and emails only a link: no name, no text the
# visitor typed, so nobody can make the site mail their words to a stranger.
# Opening the link shows a button; pressing it (a POST, so link scanners in
# mail servers confirm nothing) confirms the address, and only then do the
# moderators hear of it and the visitor get the receipt. Unconfirmed rows are
# seen by nobody and deleted after EMAIL_CONFIRMATION_HOURS (purge_pledge_data).

CONFIRMATIONS = {
    # kind: (model, address field, CallToActionPage route)
    "endorsement": (Endorsement, "email", "confirm_endorsement"),
    "submission": (ActionSubmission, "contact_email", "confirm_submission"),
}


def confirmation_window():
    return timedelta(hours=settings.EMAIL_CONFIRMATION_HOURS)


def _send_confirmation(kind, obj, page, token, language):
    _model, address_field, route = CONFIRMATIONS[kind]
    url = page.get_full_url() + page.reverse_subpage(route, args=[token])
    context = {
        "confirm_url": url,
        "site": urlsplit(url).netloc,
        "hours": settings.EMAIL_CONFIRMATION_HOURS,
    }
    _queue(
        f"confirm_{kind}",
        context,
        getattr(obj, address_field),
        language,
        f"confirm_{kind} #{obj.pk}",
    )


def confirmation_for(kind, token, now=None):
    """The row behind a confirmation link, or None if the link is unknown or has expired.

    A confirmed row keeps answering its link (with "already confirmed") until
    its personal data is deleted.
    """
    model = CONFIRMATIONS[kind][0]
    if not token or len(token) > 128:
        return None
    obj = model.objects.filter(confirmation_digest=token_digest(token)).first()
    if obj is None or obj.personal_data_deleted_at is not None:
        return None
    now = now or timezone.now()
    if obj.email_confirmed_at is None and obj.created_at <= now - confirmation_window():
        return None
    return obj


def confirm(kind, obj, *, language=None):
    """Confirm the address of ``obj``; returns True the first time, False if it already was.

    The first time, the moderators are told and the visitor gets the receipt
    (queued in the same transaction). A submission's consent to publish its
    contact is recorded now: who (the confirmed address) and when.
    """
    model, address_field, _route = CONFIRMATIONS[kind]
    with transaction.atomic():
        obj = model.objects.select_for_update().filter(pk=obj.pk).first()
        if obj is None or obj.email_confirmed_at is not None:
            return False
        now = timezone.now()
        obj.email_confirmed_at = now
        fields = ["email_confirmed_at"]
        extra = {}
        if kind == "submission":
            language = obj.language
            if obj.publish_contact:
                obj.contact_consent_at = now
                obj.contact_consent_by = obj.contact_email
                fields += ["contact_consent_at", "contact_consent_by"]
        else:
            language = base_language(language)
            extra["others"] = (
                Endorsement.objects.filter(
                    government_key=obj.government_key, email_confirmed_at__isnull=False
                )
                .exclude(pk=obj.pk)
                .exclude(status=Endorsement.REJECTED)
                .count()
            )
        obj.save(update_fields=fields)
        _acknowledge(kind, obj, getattr(obj, address_field), language, **extra)
    return True


# --- Endorsements -------------------------------------------------------------------


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


def submit_endorsement(data, *, page, language=None):
    """Store an endorsement, unconfirmed, and email the link that confirms it.

    The answer is the same whether or not the government already endorsed:
    nothing here looks at other endorsements. Once confirmed, a second
    endorsement for the same government reaches the moderators like any other,
    who see how many others there are (``confirm``); only one can be approved.
    ``page`` is the CallToActionPage the form was sent from (the link's address
    and language).
    """
    language = base_language(language)
    with transaction.atomic():
        endorsement = Endorsement(**data)
        endorsement.local_government = find_government(data["government_name"], data["country"])
        token = endorsement.new_confirmation_token()
        endorsement.save()
        _send_confirmation("endorsement", endorsement, page, token, language)
    return endorsement


def confirmed(queryset):
    """Only the rows whose sender confirmed their address: what moderators may see."""
    return queryset.filter(email_confirmed_at__isnull=False)


@transaction.atomic
def approve_endorsements(endorsements):
    """Approve confirmed pending endorsements; each is linked to its LRG (created if new).

    Returns ``(approved, skipped)``: an endorsement whose government already has
    an approved one is skipped and stays pending.
    """
    approved = skipped = 0
    now = timezone.now()
    pending = confirmed(endorsements).filter(status=Endorsement.PENDING)
    for endorsement in pending.select_for_update().order_by("created_at"):
        if Endorsement.objects.filter(
            government_key=endorsement.government_key, status=Endorsement.APPROVED
        ).exists():
            skipped += 1
            continue
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
        approved += 1
    return approved, skipped


@transaction.atomic
def reject_endorsements(endorsements):
    """Reject confirmed pending endorsements (the government may send a new one). Returns count."""
    return (
        confirmed(endorsements)
        .filter(status=Endorsement.PENDING)
        .update(status=Endorsement.REJECTED, reviewed_at=timezone.now())
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


def submit_action(data, images, *, page, language=None):
    """Store a local action and its images, unconfirmed, and email the confirmation link.

    The images come re-encoded without metadata (``pledges.forms.check_image``).
    """
    language = base_language(language)
    relations = {
        name: data.pop(name, [])
        for name in (
            "themes",
            "gcm_objectives",
            "gcm_principles",
            "gcr_objectives",
            "gcr_areas",
            "sdgs",
            "population_groups",
        )
    }
    with transaction.atomic():
        submission = ActionSubmission(**data, language=language)
        submission.local_government = find_government(data["government_name"], data["country"])
        token = submission.new_confirmation_token()
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
        _send_confirmation("submission", submission, page, token, language)
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
    """Draft a LocalActionPage from a confirmed submission (unpublished), linked to it.

    The LRG is matched or created, images become Wagtail images, the text
    becomes the body's four sections. The contact is copied to the page (and
    shown) only when its consent to be published was recorded; otherwise the
    case study offers a form that relays messages to it. The draft then goes
    through the "Moderators approval" workflow like any page.
    """
    submission = ActionSubmission.objects.select_for_update().get(pk=submission.pk)
    if submission.email_confirmed_at is None:
        raise CaseStudyError(_("This submission's email address was not confirmed."))
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
    consent = submission.contact_consent_at is not None
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
        contact_name=submission.contact_name if consent else "",
        contact_role=submission.contact_role if consent else "",
        contact_email=submission.contact_email if consent else "",
        contact_is_public=consent,
        live=False,
        owner=user,
    )
    page.themes = list(submission.themes.all())
    page.gcm_objectives = list(submission.gcm_objectives.all())
    page.gcm_principles = list(submission.gcm_principles.all())
    page.gcr_objectives = list(submission.gcr_objectives.all())
    page.gcr_areas = list(submission.gcr_areas.all())
    page.sdgs = list(submission.sdgs.all())
    page.population_groups = list(submission.population_groups.all())
    library.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    submission.case_study = page
    submission.local_government = government
    submission.status = ActionSubmission.CASE_STUDY
    submission.reviewed_at = timezone.now()
    submission.save(update_fields=["case_study", "local_government", "status", "reviewed_at"])
    return page


def pending_counts():
    """What waits for the moderators (for the dashboard): confirmed rows only; two queries."""
    return confirmed(ActionSubmission.objects).aggregate(
        submissions=Count("pk", filter=Q(status=ActionSubmission.NEW)),
    ) | confirmed(Endorsement.objects).aggregate(
        endorsements=Count("pk", filter=Q(status=Endorsement.PENDING))
    )


# --- Retention ------------------------------------------------------------------------


def _delete_image_files(images):
    """Delete submitted images from storage, then their rows."""
    count = 0
    for image in images:
        if image.file.name:
            image.file.storage.delete(image.file.name)
        count += 1
    images.delete()
    return count


def purge_pledge_data(now=None):
    """Delete what the campaign no longer needs to keep; returns what was done, counted.

    - Unconfirmed endorsements and submissions older than EMAIL_CONFIRMATION_HOURS
      are deleted outright, with their image files.
    - PLEDGE_RETENTION_DAYS after the moderators' decision (an approved
      endorsement, a drafted case study), REJECTED_PLEDGE_RETENTION_DAYS after a
      rejection: the names, email addresses and messages are deleted, and a
      submission's image files (the case study has its own copies).

    What the public site shows stays: an approved endorsement's government in
    the register, the case study. So does the record of a consent to publish a
    contact when that contact went onto a case study.
    """
    now = now or timezone.now()
    expired = now - confirmation_window()
    kept_until = now - timedelta(days=settings.PLEDGE_RETENTION_DAYS)
    rejected_until = now - timedelta(days=settings.REJECTED_PLEDGE_RETENTION_DAYS)
    done = {}
    with transaction.atomic():
        stale = ActionSubmission.objects.filter(
            email_confirmed_at__isnull=True, created_at__lt=expired
        )
        done["images"] = _delete_image_files(SubmissionImage.objects.filter(submission__in=stale))
        done["unconfirmed_submissions"] = stale.delete()[1].get(ActionSubmission._meta.label, 0)
        done["unconfirmed_endorsements"] = (
            Endorsement.objects.filter(email_confirmed_at__isnull=True, created_at__lt=expired)
            .delete()[1]
            .get(Endorsement._meta.label, 0)
        )

        endorsements = Endorsement.objects.filter(personal_data_deleted_at__isnull=True).filter(
            Q(status=Endorsement.APPROVED, reviewed_at__lt=kept_until)
            | Q(status=Endorsement.REJECTED, reviewed_at__lt=rejected_until)
        )
        done["endorsements"] = endorsements.update(
            signatory_name="",
            email="",
            message="",
            confirmation_digest="",
            personal_data_deleted_at=now,
        )

        submissions = ActionSubmission.objects.filter(personal_data_deleted_at__isnull=True).filter(
            Q(status=ActionSubmission.CASE_STUDY, reviewed_at__lt=kept_until)
            | Q(status=ActionSubmission.DECLINED, reviewed_at__lt=rejected_until)
        )
        ids = list(submissions.values_list("pk", flat=True))
        done["images"] += _delete_image_files(SubmissionImage.objects.filter(submission__in=ids))
        due = ActionSubmission.objects.filter(pk__in=ids)
        # A consent to publish is the record behind a contact shown on a case study.
        due.filter(Q(case_study__isnull=True) | Q(contact_consent_at__isnull=True)).update(
            contact_consent_by="", contact_consent_at=None
        )
        done["submissions"] = due.update(
            contact_name="",
            contact_role="",
            contact_email="",
            confirmation_digest="",
            personal_data_deleted_at=now,
        )
        if done["endorsements"] or done["submissions"]:
            # Bulk updates send no signals: cached pages (the register's names,
            # a case study's contact form) are stale from the commit on.
            invalidate_site("campaign personal data deleted")
    return done


# --- Contacting the team behind a case study ---------------------------------------------


def relay_recipient(page):
    """``(address, language)`` the case study's contact form writes to, or None.

    None when the contact is shown on the page (visitors write to it directly)
    or when there is nobody to write to. Otherwise: the contact the editors
    entered without publishing it, else the contact of the submission the case
    study came from, if they agreed to be contacted about replication and their
    data has not been deleted.
    """
    if page.show_contact:
        return None
    if page.contact_email:
        return page.contact_email, page.locale.language_code
    submission = (
        confirmed(ActionSubmission.objects)
        .filter(case_study__translation_key=page.translation_key, share_contact=True)
        .exclude(contact_email="")
        .order_by("-created_at")
        .only("contact_email", "language")
        .first()
    )
    if submission is None:
        return None
    return submission.contact_email, submission.language


def relay_message(page, recipient, data, request=None):
    """Queue the visitor's message to the case study's contact; replies go to the visitor."""
    address, language = recipient
    page_url = page.get_full_url(request)
    context = {
        "page_url": page_url,
        "site": urlsplit(page_url).netloc,
        "title": page.title,
        "name": data["name"],
        "email": data["email"],
        "organisation": data.get("organisation", ""),
        "message": data["message"],
    }

    def compose():
        message = mail.compose("pledges/emails/contact_team", context, [address], language=language)
        message.extra_headers["Reply-To"] = data["email"]
        return message

    with transaction.atomic():
        mail.send_after_commit(compose, f"contact_team for page {page.pk}")


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
    """The facts panel of a case study in the visitor's language; fixed number of queries.

    Each GCM objective has ``primary``: whether it is one the action mainly serves.
    """
    government = page.local_government
    objectives = localized_terms(GCMObjective, page.gcm_objectives.all())
    primary = set(page.gcm_objectives_primary.values_list("translation_key", flat=True))
    for objective in objectives:
        objective.primary = objective.translation_key in primary
    return {
        "government": government,
        "region": dict(REGION_CHOICES).get(government.region, "") if government else "",
        "subregion": dict(SUBREGION_CHOICES).get(government.subregion, "") if government else "",
        "themes": localized_terms(Theme, page.themes.all()),
        "gcm_objectives": objectives,
        "gcm_principles": localized_terms(GCMPrinciple, page.gcm_principles.all()),
        "gcr_objectives": localized_terms(GCRObjective, page.gcr_objectives.all()),
        "gcr_areas": localized_terms(GCRArea, page.gcr_areas.all()),
        "sdgs": localized_terms(SDG, page.sdgs.all()),
        "population_groups": localized_terms(PopulationGroup, page.population_groups.all()),
    }


def case_study_context(page, request):
    """Everything the case-study template shows besides the page's own fields."""
    from pledges.forms import ContactTeamForm

    def compute():
        facts = case_study_facts(page)
        return {
            "facts": facts,
            "related_practices": list(page.related_practices()),
            "json_ld": page.json_ld(request, facts),
            "can_relay": relay_recipient(page) is not None,
            "registry_links": public_links(page),
        }

    # The same for every visitor until the next published change.
    shared = cached(request, f"case-study:{page.pk}", compute)
    page_url = page.get_url(request) or ""
    return {
        "facts": shared["facts"],
        "related_practices": shared["related_practices"],
        "json_ld": shared["json_ld"],
        "registry_links": shared.get("registry_links", []),
        "contact_form": ContactTeamForm() if shared["can_relay"] else None,
        "contact_url": page_url + page.reverse_subpage("contact_route") if page_url else "",
        "contacted": request.GET.get("contacted") == "1",
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
    live_actions = public_pages(LocalActionPage.objects)
    actions = localized(live_actions.filter(local_government__in=originals), queryset=live_actions)
    # Events only when the LRG opted in (on its original, synchronised to translations).
    original = next(
        (row for row in rows if row.locale.language_code == settings.LANGUAGE_CODE), government
    )
    registrations = getattr(government, "event_registrations", None)
    sessions = []
    if original.show_event_participation and registrations is not None:
        sessions = _registered_sessions(
            registrations.model.objects.filter(local_government__in=originals)
        )
    return {
        "government": government,
        "endorsement": endorsement if endorsement and endorsement.consent_to_list else None,
        "local_actions": sorted(actions, key=lambda page: page.title),
        "sessions": sessions,
        "region": dict(REGION_CHOICES).get(government.region, ""),
        "subregion": dict(SUBREGION_CHOICES).get(government.subregion, ""),
    }


def _registered_sessions(registrations):
    """The public events the LRG's people hold a confirmed seat for (events owns the model).

    Not the waiting list, unconfirmed or cancelled registrations, nor private events.
    """
    registrations = registrations.filter(status="confirmed")
    event_ids = registrations.values_list("event_id", flat=True).distinct()
    return list(public_pages(Page.objects).filter(pk__in=event_ids).order_by("title"))


def home_section_context(request, home_page):
    """The home page's campaign section: live figures and the newest local actions."""
    locale = home_page.locale
    featured = list(
        public_pages(LocalActionPage.objects)
        .filter(locale=locale)
        .select_related("local_government")
        .order_by("-first_published_at", "-pk")[:3]
    )
    call = CallToActionPage.objects.live().filter(locale=locale).first()
    return {
        "figures": campaign_figures(request),
        "featured": featured,
        "call": call,
        "campaign_urls": call.campaign_urls(request) if call else {},
    }
