"""Local development: the embedded default that `make run` serves."""

from .base import *  # noqa: F403
from .base import env

DEBUG = True
# Development only; production.py refuses to start without its own SECRET_KEY.
SECRET_KEY = env("SECRET_KEY", "django-insecure-local-development-only")  # noqa: S105
ALLOWED_HOSTS = env("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"], cast=list)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Static files come from the apps' folders; no collectstatic needed.
STATIC_ROOT = None
