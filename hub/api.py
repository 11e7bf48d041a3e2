"""Wagtail's read-only pages API at /api/v2/ (pages only: no personal data lives in pages).

It lists public pages only (``hub.visibility``): Wagtail's own rule would
also show a password-protected page to a visitor whose session holds its
password, and a private page's alias in another language.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import DataError

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Site

from hub.visibility import searchable_public_pages

logger = logging.getLogger(__name__)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """The pages endpoint, restricted to live, public pages; malformed input answers 400."""

    def handle_exception(self, exc):
        # Wagtail turns most malformed parameters into a 400; a few reach the database
        # first: ``find/?id=`` (not a number), ``?site=host:port`` with a port that is
        # not one, an id too large for SQLite's integers, an offset too large for
        # PostgreSQL's.
        if isinstance(exc, ValueError | OverflowError | ValidationError | DataError):
            logger.info("Pages API: malformed parameter in %s", self.request.get_full_path())
            exc = BadRequestError("malformed parameter")
        return super().handle_exception(exc)

    def get_base_queryset(self):
        try:
            # ``?search=`` runs through Wagtail's search backend: plain lookups only.
            return searchable_public_pages(super().get_base_queryset())
        except Site.DoesNotExist as error:  # ``?site=`` naming no site
            raise BadRequestError("site: no such site") from error


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
