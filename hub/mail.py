"""Every email the site sends: composed from two templates, sent after the commit.

An email is ``<name>_subject.txt`` (one line) and ``<name>.txt`` (the plain-text
body), rendered in the recipient's language. It leaves only once the
transaction that caused it has committed, and a failure to send is logged,
never raised: a broken mail server never undoes what the visitor did.
"""

import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

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


def deliver(compose_message, description):
    """Compose and send one email now; True when sent, False (logged) otherwise.

    ``compose_message`` returns an ``EmailMessage``, or None when there is
    nothing to send any more (e.g. the registration was anonymised).
    """
    try:
        message = compose_message()
        if message is None:
            return False
        message.send()
    except Exception:
        logger.exception("could not send %s", description)
        return False
    return True


def send_after_commit(compose_message, description):
    """Send the email ``compose_message()`` builds once the current transaction commits."""
    transaction.on_commit(lambda: deliver(compose_message, description))
