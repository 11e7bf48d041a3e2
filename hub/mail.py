"""Every email the site sends: composed from two templates, queued in the outbox.

An email is ``<name>_subject.txt`` (one line) and ``<name>.txt`` (the plain-text
body), rendered in the recipient's language. ``queue()`` stores it in the
outbox (django-post-office's ``Email`` table) inside the current transaction,
so it exists exactly when what it announces exists, and a mail server that is
down or never answers cannot lose it or hold up the visitor's request.

The outbox worker (``manage.py run_worker``) delivers queued emails, retrying
a failed one with a doubling wait until ``POST_OFFICE["MAX_RETRIES"]``; after
that it is marked failed and shown in the admin ("Outbox"), where it can be
sent again. Without a worker (the embedded default, ``OUTBOX_SEND_AFTER_COMMIT``)
the request that queued an email also tries to send it right after its
commit; a failure leaves it queued for the worker or a later attempt.
"""

import logging
from datetime import timedelta

from post_office import mail as post_office_mail
from post_office.models import STATUS, Email

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

logger = logging.getLogger(__name__)


def compose(template, context, to, *, language, attachments=()):
    """The email ``template`` (without ``.txt``) rendered in ``language`` for ``to``.

    ``attachments`` are ``(filename, content, mimetype)`` triples.
    """
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    message = EmailMessage(subject=subject, body=body, to=list(to))
    for attachment in attachments:
        message.attach(*attachment)
    return message


def queue(message, description="email"):
    """Store ``message`` (an ``EmailMessage``) in the outbox; returns the outbox ``Email``.

    Runs inside the caller's transaction: if that rolls back, the email is gone
    with it. Delivery happens later (see the module docstring).
    """
    attachments = {}
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments[filename] = {"file": ContentFile(content), "mimetype": mimetype or ""}
    email = post_office_mail.send(
        recipients=list(message.to),
        sender=message.from_email or settings.DEFAULT_FROM_EMAIL,
        subject=message.subject,
        message=message.body,
        headers=message.extra_headers or None,
        attachments=attachments or None,
        priority="medium",
    )
    logger.info("queued %s as outbox email %s", description, email.pk)
    if settings.OUTBOX_SEND_AFTER_COMMIT:
        transaction.on_commit(lambda: send_now([email.pk]))
    return email


def deliver(compose_message, description):
    """Compose one email and queue it; True when queued, False (logged) otherwise.

    ``compose_message`` returns an ``EmailMessage``, or None when there is
    nothing to send any more (e.g. the registration was anonymised).
    """
    message = compose_message()
    if message is None:
        return False
    queue(message, description)
    return True


def send_after_commit(compose_message, description):
    """Queue the email ``compose_message()`` builds, in the current transaction.

    The name is kept for the callers: the email leaves the site only once the
    transaction has committed, whether the worker or the request sends it.
    """
    deliver(compose_message, description)


# How long a claimed email is reserved for the process sending it: if that
# process dies mid-send, another pass picks the email up after this.
CLAIM_LEASE = timedelta(minutes=10)


def _claim(emails, now):
    """Reserve these emails for this process; returns the ones it won.

    A conditional UPDATE per email moves its ``scheduled_time`` past the lease;
    a concurrent request or worker that read the same row finds it changed and
    skips it, so two processes never send the same email.
    """
    claimed = []
    for email in emails:
        same_row = Email.objects.filter(pk=email.pk, status=email.status)
        if email.scheduled_time is None:
            same_row = same_row.filter(scheduled_time__isnull=True)
        else:
            same_row = same_row.filter(scheduled_time=email.scheduled_time)
        if same_row.update(scheduled_time=now + CLAIM_LEASE):
            claimed.append(email)
    return claimed


def _deliver(emails):
    """Send claimed emails through django-post-office's bulk sender (status, retries, logs)."""
    if not emails:
        return (0, 0, 0)
    return post_office_mail._send_bulk(emails, uses_multiprocessing=False)


def send_now(email_ids):
    """Try to deliver these queued emails at once; failures stay queued for a retry."""
    emails = Email.objects.filter(pk__in=email_ids, status=STATUS.queued).prefetch_related(
        "attachments"
    )
    try:
        result = _deliver(_claim(list(emails), timezone.now()))
    except Exception:
        logger.exception("could not send outbox emails %s now; they stay queued", email_ids)
        return (0, 0, 0)
    apply_backoff()
    return result


def send_queued():
    """One pass of the worker: deliver every email that is due, then space the retries."""
    result = _deliver(_claim(list(post_office_mail.get_queued()), timezone.now()))
    apply_backoff()
    return result


def apply_backoff(now=None):
    """Double the wait before each further retry of a requeued email.

    django-post-office schedules every retry ``RETRY_INTERVAL`` after a
    failure; here the n-th retry waits ``RETRY_INTERVAL × 2^(n-1)`` instead, so
    a mail server that is down for hours is not hammered every minute.
    """
    now = now or timezone.now()
    base = settings.POST_OFFICE.get("RETRY_INTERVAL", timedelta(minutes=15))
    requeued = Email.objects.filter(
        status=STATUS.requeued, number_of_retries__gt=1, scheduled_time__gt=now
    ).only("pk", "number_of_retries", "last_updated")
    for email in requeued:
        wanted = email.last_updated + base * 2 ** (email.number_of_retries - 1)
        Email.objects.filter(pk=email.pk, status=STATUS.requeued).update(scheduled_time=wanted)


def resend(email_ids):
    """Put failed emails back in the queue with a fresh set of retries (the admin's action)."""
    return Email.objects.filter(pk__in=email_ids, status=STATUS.failed).update(
        status=STATUS.queued,
        number_of_retries=0,
        scheduled_time=None,
        last_updated=timezone.now(),
    )


def pending_count():
    """How many emails wait in the outbox (queued or waiting for a retry)."""
    return Email.objects.filter(status__in=[STATUS.queued, STATUS.requeued]).count()


def failed_count():
    return Email.objects.filter(status=STATUS.failed).count()
