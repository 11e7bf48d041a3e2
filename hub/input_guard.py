"""Requests no page can answer are refused with a plain 400 before anything reads them.

Early in ``MIDDLEWARE`` (after the security headers, before the session,
CSRF and every view):

- **A body in an unusable character set.** Django reads a form's fields
  (``request.POST``) lazily and raises on an ``application/x-www-form-urlencoded``
  body declared in another charset than UTF-8 (``charset=utf-16``), or on a
  charset Python cannot decode with (``charset=rot13``). The CSRF check reads
  the fields first, and Django's own 400, 403 and 500 handlers run the CSRF
  check again, so the error repeated itself until the server's bare error
  page. An unknown charset on any request is refused too: Django would decode
  the query string with it.
- **A NUL character in the path or the query string.** PostgreSQL cannot
  store or compare text holding NUL (0x00): every filter, search or page
  path that reaches the database with one failed (Wagtail's pages API
  ``?search=%00``, ``?locale=en%00``, ``find/?html_path=%00``, page paths,
  the library's and events' filters). No legitimate address holds one, so
  the request is refused whole, whatever the view.

The answer is a short text, without templates or context processors, so it
cannot fail in turn.
"""

import codecs
import logging
from urllib.parse import unquote_to_bytes

from django.http import HttpResponseBadRequest
from django.utils.http import parse_header_parameters

logger = logging.getLogger(__name__)

FORM_TYPES = {"application/x-www-form-urlencoded"}


def _text_codec(name):
    """The canonical name of a charset Python decodes text with, or None."""
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    # Bytes-to-bytes and text-to-text codecs (base64, rot13) are not charsets.
    if not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def charset_problem(content_type):
    """Why a request with this Content-Type cannot be read, or ''."""
    if not content_type:
        return ""
    try:
        media_type, params = parse_header_parameters(content_type)
    except Exception:  # a header Django cannot parse is unusable
        return "malformed Content-Type"
    charset = params.get("charset")
    if charset is None:
        return ""
    charset = charset.strip()
    if _text_codec(charset) is None:
        return "unknown charset"
    # Django's own rule, spelling included ("utf8" is refused by request.POST too).
    if media_type.lower() in FORM_TYPES and charset.lower() != "utf-8":
        return "form data must be UTF-8"
    return ""


def has_nul(request):
    """Whether the path or the query string carries a NUL character, raw or %-escaped."""
    if "\x00" in request.path_info or "\x00" in request.path:
        return True
    query = request.META.get("QUERY_STRING", "")
    raw = query.encode("latin-1", "replace") if isinstance(query, str) else query
    return b"\x00" in unquote_to_bytes(raw)


class RejectUnknownCharsetApplication:
    """WSGI wrapper (``hub.wsgi``): a charset that names no text encoding answers 400.

    Django sets such a charset (``rot13``, ``base64``: codecs Python knows that
    do not decode bytes to text) as the request's encoding while it builds the
    request, and decodes the query string with it there, before any middleware
    runs: the error would reach the server as its bare error page.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        content_type = environ.get("CONTENT_TYPE", "")
        if "charset" in content_type.lower() and charset_problem(content_type) == "unknown charset":
            start_response(
                "400 Bad Request",
                [("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "no-store")],
            )
            return [b"Bad request: unknown charset.\n"]
        return self.application(environ, start_response)


class RejectUnreadableRequestMiddleware:
    """Answer 400 to an unreadable charset or a NUL character, before any view or middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = charset_problem(request.META.get("CONTENT_TYPE", ""))
        if not problem and has_nul(request):
            problem = "NUL character in the address"
        if problem:
            logger.info("Refused %s %s: %s", request.method, request.path[:200], problem)
            response = HttpResponseBadRequest(
                f"Bad request: {problem}.\n", content_type="text/plain; charset=utf-8"
            )
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)
