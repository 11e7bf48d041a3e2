"""The admin in French, as the browser draws it (scripts included): no English left.

The demo's editor switches their account to French, walks through the main admin
screens (the wagtail-localize translation editor too, drawn by JavaScript) and
the text the page shows (``innerText``) is scanned for English words. The few
strings Wagtail or wagtail-localize write in English in their own code, which no
catalogue can translate, are listed in ``UPSTREAM`` and allowed; everything else
fails the test. The account is switched back to the server's language afterwards.
"""

import re

import pytest

from tests.browser.conftest import login

ENGLISH = [
    "Publish",
    "Save draft",
    "Submit",
    "Case study",
    "Themes",
    "Help",
    "True",
    "False",
    "None",
    "Home page",
    "Partners",
    "Footer text",
    "Summary",
    "Speakers",
    "Time zone",
    "Alternative text",
    "Translation status",
    "Settings",
    "Edit",
    "Delete",
    "Preview",
    "Promote",
    "Choose",
    "Status",
    "Draft",
    "Account",
    "translation",
    "December",
    "January",
]
# Written in English by the upstream code itself (not through gettext):
UPSTREAM = [
    # wagtail-localize's editor heading: `${source} to ${target} translation` (JavaScript).
    re.compile(r"^\S+ to \S+ translation$"),
    # wagtail-localize formats the date of a translated segment with strftime (English months).
    re.compile(r"^Traduit manuellement le \d{1,2} \w+ \d{4}"),
]
# The demo's content is written in English; these are its words, not the interface's.
DEMO_CONTENT = re.compile(
    r"Local Action Hub|Call to Local Action|Privacy notice|About|Migrants and Refugees"
)


def _set_language(page, live_site, code):
    page.goto(live_site("/admin/account/"))
    page.select_option("select[name='locale-preferred_language']", code)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")


@pytest.fixture
def french_editor(page, live_site):
    login(page, live_site, "editor")
    _set_language(page, live_site, "fr")
    yield page
    _set_language(page, live_site, "")


def _english_in(text):
    found = set()
    for line in (line.strip() for line in text.splitlines()):
        if not line or any(pattern.match(line) for pattern in UPSTREAM):
            continue
        line = DEMO_CONTENT.sub("", line)
        for word in ENGLISH:
            if re.search(rf"\b{re.escape(word)}\b", line):
                found.add(f"{word!r} in {line[:100]!r}")
    return found


def test_a_french_editor_reads_no_english_in_the_admin(french_editor, live_site):
    page = french_editor
    french_home = page.evaluate(
        "fetch('/api/v2/pages/?type=hub.HomePage&locale=fr').then(r => r.json())"
        ".then(d => d.items[0].id)"
    )
    english_home = page.evaluate(
        "fetch('/api/v2/pages/?type=hub.HomePage&locale=en').then(r => r.json())"
        ".then(d => d.items[0].id)"
    )
    paths = [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{english_home}/",
        f"/admin/pages/{english_home}/edit/",
        f"/admin/pages/{english_home}/add_subpage/",
        f"/admin/pages/{french_home}/edit/",
        "/admin/images/",
        "/admin/snippets/",
        "/admin/snippets/hub/partner/",
        "/admin/account/",
    ]
    findings = {}
    for path in paths:
        page.goto(live_site(path))
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == "fr", path
        words = _english_in(page.locator("body").inner_text())
        if words:
            findings[path] = sorted(words)
    assert findings == {}, "\n".join(f"{p}:\n    " + "\n    ".join(w) for p, w in findings.items())
