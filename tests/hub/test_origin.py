"""Cross-site protection of the token-free public forms (hub.origin)."""

import pytest

from django.http import HttpResponse
from django.test import RequestFactory

from hub.origin import public_form


@public_form
def form_view(request):
    return HttpResponse("saved")


def post(**headers):
    return form_view(RequestFactory().post("/en/endorse/", {"a": "b"}, **headers))


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_ORIGIN": "http://testserver"},
        {"HTTP_REFERER": "http://testserver/en/call-to-local-action/"},
        {},  # not a browser page: nothing to forge through
    ],
)
def test_a_post_from_the_site_itself_goes_through(headers):
    assert post(**headers).status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},  # a sibling subdomain is another site here
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/forged.html"},
    ],
)
def test_a_post_from_another_site_is_refused(headers):
    response = post(**headers)
    assert response.status_code == 403
    assert b"this site's own pages" in response.content


def test_trusted_origins_are_accepted(settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://www.localactionhub.example"]
    assert post(HTTP_ORIGIN="https://www.localactionhub.example").status_code == 200


def test_reading_the_form_is_never_blocked():
    request = RequestFactory().get("/en/endorse/", HTTP_SEC_FETCH_SITE="cross-site")
    assert form_view(request).status_code == 200
