"""After seed_demo, every internal link on every public page answers 200."""

import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlparse

SKIP_PREFIXES = ("/admin/", "/django-admin/")


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "link" and attrs.get("rel") in {"alternate", "stylesheet", "icon"}:
            self.links.append(attrs.get("href") or "")
        if tag in {"img", "script"} and attrs.get("src"):
            self.links.append(attrs["src"])


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (local server)
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def test_every_internal_link_answers_200(live_site):
    host = urlparse(live_site.url).netloc
    queue = [live_site(f"/{code}/") for code in ("en", "fr", "es", "ar")]
    seen = set(queue)
    broken = []
    pages = 0
    while queue and pages < 3000:
        url = queue.pop()
        status, content_type, body = fetch(url)
        pages += 1
        if status != 200:
            broken.append((url, status))
            continue
        # Follow links from pages without a query string; query-string
        # variants (filters, paging) are checked but not crawled further.
        if content_type != "text/html" or urlparse(url).query:
            continue
        parser = LinkParser()
        parser.feed(body.decode("utf-8", "replace"))
        for href in parser.links:
            target = urldefrag(urljoin(url, href))[0]
            parts = urlparse(target)
            if parts.scheme not in {"http", "https"} or parts.netloc != host:
                continue
            if parts.path.startswith(SKIP_PREFIXES) or target in seen:
                continue
            seen.add(target)
            queue.append(target)
    assert broken == [], broken
    assert pages > 8  # the crawl reached beyond the four home pages
