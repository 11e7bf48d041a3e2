"""WSGI entry point: `gunicorn hub.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

from hub.input_guard import RejectUnknownCharsetApplication

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.production")

# A request declaring a charset that is no text encoding is refused before
# Django builds the request (which would fail there, outside every middleware).
application = RejectUnknownCharsetApplication(get_wsgi_application())
