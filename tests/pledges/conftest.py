"""Fixtures for the campaign's tests: the practice library, the call page, clean limits."""

import io

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
