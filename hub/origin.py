"""Cross-site request protection for the public forms, without a per-visitor token.

The endorsement, submission, registration and contact forms sit on pages the
full-page cache shares between visitors, so they cannot carry Django's CSRF
token (it is tied to each visitor's cookie). They need little: they act with
no one's authority — no session, no login — and every post is rate-limited,
validated and confirmed by email. What remains is to refuse a browser that
posts to them from another site, which browsers say themselves:

- ``Sec-Fetch-Site`` (every current browser): only ``same-origin`` (or ``none``,
  a user's own navigation) passes;
- otherwise ``Origin`` must be this site's own origin (or one of
  ``CSRF_TRUSTED_ORIGINS``), and ``Origin: null`` fails;
- otherwise a ``Referer`` from another host fails.

A request with none of these headers is not from a browser page, so a forged
cross-site submission is not possible through it; it passes (and meets the
same rate limits and confirmation). This is the policy of Go's
``http.CrossOriginProtection`` and of the Fetch Metadata guidance.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt


def is_same_origin(request):
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    own = f"{request.scheme}://{request.get_host()}"
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS
    referer = request.META.get("HTTP_REFERER")
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}" == own or (
            f"{parts.scheme}://{parts.netloc}" in settings.CSRF_TRUSTED_ORIGINS
        )
    return True


def public_form(view):
    """A public form's view: no CSRF token (its page may be cached), same-origin posts only."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and not is_same_origin(request):
            return HttpResponseForbidden(
                "This form only accepts submissions from this site's own pages.",
                content_type="text/plain; charset=utf-8",
            )
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)
