"""From the site to the editor: the Wagtail userbar on public pages, for signed-in editors only.

With the userbar present every key public page still has no axe-core violation
and no Content-Security-Policy report; an anonymous visitor never gets it, not
even from the full-page cache after an editor's visit.
"""

import re

import pytest

from tests.browser.conftest import assert_no_axe_violations, login

LISTINGS = ["/en/", "/en/call-to-local-action/", "/en/practices/", "/en/events/", "/en/news/"]
# One page of each kind below its listing: a case study, an event, an article.
DETAIL_LINKS = {
    "/en/practices/": r"^/en/practices/[^/?#]+/$",
    "/en/events/": r"^/en/events/[^/?#]+/$",
    "/en/news/": r"^/en/news/(?!feed/)[^/?#]+/$",
}


def _first_link(page, pattern):
    for href in page.eval_on_selector_all("main a[href]", "links => links.map(a => a.pathname)"):
        if re.match(pattern, href):
            return href
    raise AssertionError(f"no link matching {pattern} on {page.url}")


@pytest.fixture(scope="module")
def public_paths(browser, live_site):
    page = browser.new_page()
    paths = list(LISTINGS)
    for listing, pattern in DETAIL_LINKS.items():
        page.goto(live_site(listing))
        paths.append(_first_link(page, pattern))
    page.close()
    return paths


def test_an_editor_gets_the_userbar_on_every_key_page_without_accessibility_violations(
    page, live_site, public_paths
):
    login(page, live_site, "editor")
    for path in public_paths:
        response = page.goto(live_site(path))
        assert response.status == 200, path
        userbar = page.locator("wagtail-userbar")
        assert userbar.count() == 1, path
        assert "private" in response.headers.get("cache-control", ""), path
        # The userbar opens on its own trigger and offers to edit the page.
        trigger = page.locator("wagtail-userbar #wagtail-userbar-trigger")
        trigger.click()
        edit_link = page.locator("wagtail-userbar a[href*='/admin/pages/'][href$='/edit/']")
        assert edit_link.count() >= 1, path
        page.keyboard.press("Escape")
        assert_no_axe_violations(page)


def test_an_anonymous_visitor_never_gets_the_userbar_even_from_the_cache(
    browser, live_site, public_paths
):
    editor_context = browser.new_context()
    editor = editor_context.new_page()
    login(editor, live_site, "editor")
    visitor_context = browser.new_context()
    visitor = visitor_context.new_page()
    for path in public_paths:
        editor.goto(live_site(path))
        assert editor.locator("wagtail-userbar").count() == 1, path
        for visit in ("first", "again"):
            response = visitor.goto(live_site(path))
            html = response.text()
            assert "wagtail-userbar" not in html, (path, visit)
            assert "/admin/" not in html, (path, visit)
            assert visitor.locator("wagtail-userbar").count() == 0, (path, visit)
        assert response.headers.get("x-page-cache") == "hit", path
    editor_context.close()
    visitor_context.close()
