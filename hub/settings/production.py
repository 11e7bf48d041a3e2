"""Production: everything secret or machine-specific comes from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import EMAIL_URL_HOST, env

DEBUG = False
# Never demo users with known passwords on a public site.
DEMO_CONTENT_ALLOWED = False
SECRET_KEY = env("SECRET_KEY", required=True)
ALLOWED_HOSTS = env("ALLOWED_HOSTS", required=True, cast=list)
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS", [], cast=list)

# Behind a TLS-terminating proxy.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT", True, cast=bool)
SECURE_HSTS_SECONDS = env("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365, cast=int)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preload is a commitment for every subdomain of the organisation; opt in explicitly.
SECURE_HSTS_PRELOAD = env("SECURE_HSTS_PRELOAD", False, cast=bool)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
# Without preload, Django warns (security.W021); not preloading is our decision
# until the organisation commits every subdomain to HTTPS.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# A public site must really send its emails: the console fallback would print
# confirmation links (secret tokens) into the logs.
if not EMAIL_URL_HOST:
    raise ImproperlyConfigured(
        "The environment variable EMAIL_HOST is required with these settings "
        "(the SMTP server that delivers the site's emails)."
    )
