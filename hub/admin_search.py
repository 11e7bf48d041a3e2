"""Admin search areas for the records the site keeps outside pages, images and documents.

The admin's search box looks in pages, images and documents; these areas add
links to search the same words in endorsements, submissions, governments,
partners and (for event managers) registrations. Each area is shown only to
people who may open its listing.
"""

from wagtail.admin.search import SearchArea


class PermissionSearchArea(SearchArea):
    """A search area shown to users with one of ``permissions`` (or to whom ``test`` says)."""

    def __init__(self, label, url, *, permissions=(), test=None, **kwargs):
        super().__init__(label, url, **kwargs)
        self.permissions = permissions
        self.test = test

    def is_shown(self, request):
        user = request.user
        if self.test is not None:
            return self.test(user)
        return any(user.has_perm(permission) for permission in self.permissions)
