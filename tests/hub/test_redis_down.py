"""With Redis unreachable (a closed port, not a mock) pages and the three forms still answer."""

# ruff: noqa: F811  (the other apps' fixtures are imported by name, then requested)

import socket

import pytest

from django.core.cache import caches

from events.models import EventRegistration
from pledges.models import ActionSubmission, Endorsement
from tests.events.conftest import event, events_index, register_url, registration_data  # noqa: F401
from tests.pledges.conftest import call_page, library  # noqa: F401
from tests.pledges.test_endorsement import URL as ENDORSE_URL
from tests.pledges.test_endorsement import VALID as ENDORSEMENT
from tests.pledges.test_submission import URL as SUBMIT_URL
from tests.pledges.test_submission import valid_data as submission_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    settings.PAGE_CACHE_ENABLED = True  # the page cache, too, must step aside
    yield
    caches["default"].close()


def test_pages_answer_with_redis_down(client, redis_down, call_page, library, event):
    for url in ("/en/", "/en/practices/", call_page.url, event.url, ENDORSE_URL, SUBMIT_URL):
        assert client.get(url).status_code == 200, url
    assert client.get("/api/practices/").status_code == 200


def test_the_three_forms_save_with_redis_down(
    client, redis_down, call_page, library, event, registration_data
):
    response = client.post(ENDORSE_URL, ENDORSEMENT)
    assert response.status_code < 400
    assert Endorsement.objects.filter(government_name="Ghent").exists()

    response = client.post(SUBMIT_URL, submission_data())
    assert response.status_code < 400
    assert ActionSubmission.objects.filter(title="Neighbourhood welcome ambassadors").exists()

    response = client.post(register_url(event), registration_data)
    assert response.status_code < 400
    assert EventRegistration.objects.filter(event=event).exists()
