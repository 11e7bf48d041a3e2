"""A mail server that is down, then back: the outbox tests' shared plumbing.

Down is real: the SMTP backend pointed at a port on 127.0.0.1 nothing listens on.
"""

import socket
from datetime import timedelta

from post_office.models import STATUS, Email

from django.utils import timezone


def closed_port():
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def smtp_transport(settings, backend):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": backend}}


def take_smtp_down(settings):
    smtp_transport(settings, "django.core.mail.backends.smtp.EmailBackend")
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 2
    return settings


def smtp_back(settings):
    """The mail server answers again (Django's test outbox)."""
    smtp_transport(settings, "django.core.mail.backends.locmem.EmailBackend")


def make_retries_due():
    """Let the clock pass every scheduled retry (instead of waiting for its back-off)."""
    Email.objects.filter(status=STATUS.requeued).update(
        scheduled_time=timezone.now() - timedelta(seconds=1)
    )
