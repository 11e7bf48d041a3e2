"""No admin page asks anything of another site (acceptance 3 of issue 15).

An editor walks through the dashboard, the page explorer, a page editor (with a
StreamField's block menu open), the image library and the image chooser, the snippets,
the settings and their account, while the browser records every request the
pages make: scripts, styles, fonts, images, avatars, API calls. Every one must
go to the site's own origin (``data:`` and ``blob:`` stay in the browser), and no
script on those pages fails.
"""

from urllib.parse import urlsplit

from tests.browser.conftest import login

ADMIN_PATHS = [
    "/admin/",
    "/admin/pages/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/snippets/",
    "/admin/snippets/hub/partner/",
    "/admin/settings/hub/sitesettings/",
    "/admin/account/",
]


def test_an_editor_walking_through_the_admin_makes_no_request_outside_the_site(page, live_site):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(live_site.url))
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    # Scripts that fail (the account page once did, on the time zone "localtime").
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(f"{page.url}: {error}"))
    login(page, live_site, "editor")

    for path in ADMIN_PATHS:
        response = page.goto(live_site(path))
        assert response.ok, path
        page.wait_for_load_state("networkidle")

    # The page explorer's first page, then its editor with the body's block menu open.
    page.goto(live_site("/admin/pages/"))
    home_edit = page.eval_on_selector_all(
        "a[href$='/edit/']", "links => links.map(a => a.pathname)"
    )[0]
    page.goto(live_site(home_edit))
    page.wait_for_load_state("networkidle")
    add_block = page.locator("button[title='Insert a block'], button.c-sf-add-button").first
    if add_block.count():
        add_block.click()
        page.wait_for_load_state("networkidle")

    # The image chooser an editor opens from a page: thumbnails of the library's images.
    response = page.goto(live_site("/admin/images/chooser/"))
    assert response.ok
    assert "<img" in response.text()
    page.wait_for_load_state("networkidle")

    outside = sorted(
        {
            url
            for url in requests
            if not url.startswith(origin + "/") and not url.startswith(("data:", "blob:"))
        }
    )
    assert outside == []
    assert script_errors == []
    assert len(requests) > 50  # the walk really loaded the admin's assets
