"""Who the client is behind the proxy, how often it may post, and what happens when the
cache is gone: the rate-limit policy in ``hub.ratelimit`` and the login throttle."""

import socket

import pytest

from django.core.cache import caches
from django.test import RequestFactory
from django.urls import reverse

from hub.ratelimit import allow_post, client_address, client_bucket
from tests.factories import UserFactory

PROXY = "10.0.0.5"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "fd00::/8"]
    settings.FORM_RATE_LIMIT = (2, 600)
    settings.RECIPIENT_RATE_LIMIT = (100, 600)
    return settings


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/en/call-to-local-action/endorse/", **extra)


def test_two_clients_behind_a_trusted_proxy_are_limited_separately(behind_proxy):
    alice = request_from(PROXY, "203.0.113.10")
    bob = request_from(PROXY, "198.51.100.20")
    assert [allow_post(alice, "endorse") for _ in range(3)] == [True, True, False]
    # Bob shares the proxy's address but not Alice's bucket.
    assert allow_post(bob, "endorse") is True
    assert client_address(alice) == "203.0.113.10"


def test_a_forged_forwarded_header_from_an_untrusted_client_changes_nothing(behind_proxy):
    attacker = "192.0.2.66"
    posts = [request_from(attacker, f"203.0.113.{n}") for n in range(3)]
    assert [allow_post(request, "endorse") for request in posts] == [True, True, False]
    assert client_address(posts[0]) == attacker


def test_a_forged_hop_in_front_of_the_proxy_chain_is_ignored(behind_proxy):
    """The client can put anything at the left of the header; only the proxy's own hop counts."""
    request = request_from(PROXY, "1.2.3.4, 203.0.113.10")
    assert client_address(request) == "203.0.113.10"
    # Several trusted proxies in a row are skipped, right to left.
    assert client_address(request_from(PROXY, "203.0.113.10, 10.0.0.7")) == "203.0.113.10"
    # Garbage in the chain: the proxy's neighbour is not trusted further.
    assert client_address(request_from(PROXY, "not-an-address")) == PROXY


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request_from(PROXY, "203.0.113.10")) == PROXY


def test_ipv6_clients_are_counted_per_64(behind_proxy):
    same_household = [request_from("2001:db8:1:2::1"), request_from("2001:db8:1:2:ffff::9")]
    elsewhere = request_from("2001:db8:1:3::1")
    assert client_bucket(same_household[0]) == "2001:db8:1:2::/64"
    assert allow_post(same_household[0], "register") is True
    assert allow_post(same_household[1], "register") is True
    assert allow_post(same_household[0], "register") is False
    assert allow_post(elsewhere, "register") is True


def test_one_address_cannot_be_flooded_from_many_clients(settings):
    settings.FORM_RATE_LIMIT = (100, 600)
    settings.RECIPIENT_RATE_LIMIT = (3, 3600)
    results = [
        allow_post(request_from(f"203.0.113.{n}"), "register", recipient="Victim@Example.org")
        for n in range(5)
    ]
    assert results == [True, True, True, False, False]
    # Another address is unaffected.
    assert allow_post(request_from("203.0.113.99"), "register", recipient="me@example.org")


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    """The cache points at a port on which nothing listens: Redis is down."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    yield settings
    caches["default"].close()


def test_rate_limits_fail_open_when_the_cache_is_down(redis_down, caplog):
    settings = redis_down
    settings.FORM_RATE_LIMIT = (1, 600)
    request = request_from("203.0.113.10")
    assert [allow_post(request, "endorse") for _ in range(3)] == [True, True, True]
    assert "fail open" in caplog.text


@pytest.mark.django_db
def test_pages_and_forms_answer_when_redis_is_down(redis_down, client, home_page):
    assert client.get("/en/").status_code == 200
    # Every public form page and the library answer (the demo-less site has what the
    # fixtures build; the full set of forms is exercised in each app's own tests).
    assert client.get("/robots.txt").status_code == 200
    assert client.get("/api/practices/").status_code < 500


def test_security_headers_on_public_pages(client, db, home_page):
    response = client.get("/en/")
    policy = response.headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ):
        assert directive in policy
    assert "unsafe-inline" not in policy
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]


def test_admin_login_is_throttled_per_username_and_client(client, db, settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="officer", is_superuser=True)
    url = reverse("wagtailadmin_login")
    wrong = {"username": "officer", "password": "wrong"}
    statuses = [client.post(url, wrong, REMOTE_ADDR="192.0.2.1").status_code for _ in range(4)]
    assert statuses[:2] == [200, 200]
    assert statuses[-1] == 429
    # Locked out: even the right password is refused from that client ...
    right = {"username": "officer", "password": "correct horse battery"}
    assert client.post(url, right, REMOTE_ADDR="192.0.2.1").status_code == 429
    # ... while the officer, from another address, can still sign in.
    response = client.post(url, right, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302
