"""Fixtures for the campaign's tests: the practice library, the call page, clean limits."""

import io
import re
from urllib.parse import urlsplit

import pytest
from PIL import Image

from django.core.cache import cache

from search.models import PracticeLibraryPage
from tests.pledges.factories import CallToActionPageFactory


@pytest.fixture(autouse=True)
def clear_rate_limits():
    """Each test starts with no posts counted against the test client's address."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def library(home_page):
    """The English practice library (/en/practices/), parent of the case studies."""
    page = PracticeLibraryPage(title="Practice library", slug="practices")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def call_page(home_page):
    """The published call-to-action page (/en/call-to-local-action/)."""
    return CallToActionPageFactory(parent=home_page)


def image_bytes(fmt="PNG", size=(64, 48), color=(11, 79, 108)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


@pytest.fixture
def png_bytes():
    return image_bytes()


def confirmation_path(message):
    """The path of the confirmation link in an email (``/en/.../confirm/<token>/``)."""
    [url] = re.findall(r"https?://\S+/confirm/[\w-]+/", message.body)
    return urlsplit(url).path


def confirm_by_email(client, message, capture):
    """Open the link of a confirmation email and press its button (as the visitor does)."""
    path = confirmation_path(message)
    assert client.get(path).status_code == 200
    with capture(execute=True):
        response = client.post(path)
    assert response.status_code == 302
    return path
