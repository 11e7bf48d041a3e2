"""Property-based: generated inputs at every public form and URL parameter; none answers 5xx.

Hypothesis throws at least ``sum(BUDGET.values())`` (> 1,000) generated inputs per run:
the fields of every public form (read from the form's own HTML, so a new field is
fuzzed too), every query parameter of the library, its JSON API, site search, the
events listing, the news, the register of endorsers, the feeds and calendars,
Wagtail's pages API, and page paths with and without language prefixes.

The site is built once per module, demo-like and published (translations, a private
case study, past and upcoming events, news, the campaign's forms), and rolled back at
the end. Each input runs in a savepoint rolled back after it, so what a form saves
does not pile up; the rate limits are set out of reach so the forms' own code runs,
not the 429. Runs on SQLite, and on PostgreSQL when DATABASE_URL is set (which
refuses NUL characters and checks types more strictly).
"""

import datetime
import io
import string
from contextlib import contextmanager
from urllib.parse import quote, quote_from_bytes, urlencode

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page, PageViewRestriction, Site

# Examples per test; their sum is what one run throws at the site.
BUDGET = {
    "endorse": 80,
    "submit_action": 70,
    "register": 80,
    "contact": 40,
    "tokens": 50,
    "library": 150,
    "practices_api": 150,
    "site_search": 80,
    "events": 70,
    "lists": 70,
    "feeds": 50,
    "pages_api": 150,
    "paths": 120,
}
LANGUAGE_CODES = ["en", "fr", "es", "ar"]

# Strings that broke or could break something somewhere: NUL and control characters,
# right-to-left override, very long, numbers out of range, markup, SQL, paths.
NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "%00",
        "\x1b[0m",
        "\u202e",
        "\ufeff",
        "𝕏" * 300,
        "x" * 5000,
        "-1",
        "0",
        "1e309",
        "NaN",
        "9" * 40,
        "-9223372036854775809",
        "1.5",
        "' OR 1=1 --",
        '"',
        "<script>alert(1)</script>",
        "{{ 7*7 }}",
        "../../etc/passwd",
        "//evil.example/x",
        "javascript:alert(1)",
        "en\x00",
        "EN",
        "zz",
        "*",
        "%",
        "\\",
        "null",
        "[]",
        "{}",
    ]
)
# Any text Python can encode as UTF-8 (the test client sends UTF-8; lone surrogates cannot be).
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120)
WEIRD = st.one_of(NASTY, TEXT)


def counter():
    return {"n": 0}


FUZZ_SETTINGS = settings(
    deadline=None,
    database=None,  # nothing written into the repository
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)


def fuzz(name):
    """Hypothesis settings for one test: its share of the budget."""
    return settings(FUZZ_SETTINGS, max_examples=BUDGET[name])


@contextmanager
def rolled_back():
    """One input's database writes, undone after it (a savepoint, not a new database)."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def check(response, what):
    assert response.status_code < 500, (what, response.status_code)
    return response


# --- the site ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """A small published site like the demo, built once for the module and rolled back."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_site()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def build_site():
    from events.models import AttendanceMode, EventRegistration
    from hub.localization import translate
    from search.models import PracticeLibraryPage
    from tests.events.factories import EventIndexPageFactory, EventPageFactory
    from tests.factories import HomePageFactory, StandardPageFactory, publish
    from tests.learning.factories import NewsIndexPageFactory, NewsPageFactory
    from tests.pledges.factories import (
        CallToActionPageFactory,
        EndorsementFactory,
        LocalGovernmentFactory,
    )
    from tests.search.conftest import publish_practice

    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    home = HomePageFactory(parent=root, slug="home", locale=Locale.get_default())
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    for code in ("fr", "es", "ar"):
        translate(home, code, {home.hero_title: f"[{code}] {home.hero_title}"})

    library = PracticeLibraryPage(title="Practice library", slug="practices")
    home.add_child(instance=library)
    library.save_revision().publish()
    translate(library, "fr", {"Practice library": "Bibliothèque"})
    governments = [
        LocalGovernmentFactory(name="Rabat", country="MA", kind="city"),
        LocalGovernmentFactory(name="Lyon", country="FR", kind="city"),
        LocalGovernmentFactory(name="Catalonia", country="ES", kind="region"),
    ]
    specs = [
        ("Job mentoring for refugees", ["employment-entrepreneurship"], [16, 6], ["refugees"]),
        ("Welcome desk for newcomers", ["access-to-services"], [16, 3], ["migrants"]),
        ("Youth football league", ["children-youth"], [16], ["host-communities"]),
        ("Language cafe", ["inclusive-governance"], [3], ["migrants"]),
        ("Migrant council", ["inclusive-governance"], [16], ["migrants"]),
    ]
    practices = []
    for number, (title, themes, gcm, groups) in enumerate(specs):
        practices.append(
            publish_practice(
                library,
                title=title,
                government=governments[number % 3],
                themes=themes,
                gcm=gcm,
                groups=groups,
                status=["ongoing", "completed", "planned"][number % 3],
                start_year=2018 + number,
            )
        )
    translate(practices[0], "fr", {practices[0].title: "Mentorat pour les réfugiés"})
    # A contact who did not agree to be published: visitors write through the relay form.
    with_contact = practices[1]
    with_contact.contact_name = "Welcome desk team"
    with_contact.contact_email = "desk@rabat.example"
    with_contact.contact_is_public = False
    with_contact.save_revision().publish()
    PageViewRestriction.objects.create(
        page=practices[4], restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )

    events = publish(EventIndexPageFactory(parent=home))
    now = datetime.datetime.now(datetime.UTC).replace(second=0, microsecond=0)
    upcoming = publish(EventPageFactory(parent=events, title="Webinar", slug="webinar"))
    in_person = publish(
        EventPageFactory(
            parent=events,
            title="City forum",
            slug="city-forum",
            attendance_mode=AttendanceMode.IN_PERSON,
            venue_name="Town hall",
            venue_address="1 Main Street",
            city="Rabat",
            capacity=2,
        )
    )
    publish(
        EventPageFactory(
            parent=events,
            title="Last year's briefing",
            slug="briefing",
            start=now - datetime.timedelta(days=400),
            end=now - datetime.timedelta(days=400) + datetime.timedelta(hours=1),
        )
    )
    translate(events, "fr", {"Events": "Événements"})
    translate(upcoming, "fr", {"Webinar": "Webinaire"})
    registration = EventRegistration.objects.create(
        event=upcoming,
        name="Amina",
        email="amina@example.org",
        consent=True,
        status=EventRegistration.Status.CONFIRMED,
        local_government=governments[0],
    )

    news = publish(NewsIndexPageFactory(parent=home))
    for day in range(1, 4):
        publish(
            NewsPageFactory(
                parent=news, title=f"News {day}", date=datetime.date(2023 + day % 2, day, day)
            )
        )
    translate(news, "fr", {"News": "Actualités"})

    call = CallToActionPageFactory(parent=home)
    EndorsementFactory(government_name="Rabat", country="MA", local_government=governments[0])
    about = publish(StandardPageFactory(parent=home, slug="about", title="About"))
    SearchPromotion.objects.create(query=Query.get("refugees"), page=about, description="About.")

    pages = Page.objects.live().filter(depth__gt=1).specific()
    return {
        "home": home,
        "call": call,
        "event": upcoming,
        "full_event": in_person,
        "case_study": practices[0],
        "contact_case_study": with_contact,
        "governments": governments,
        "registration_token": registration.token,
        "urls": sorted({page.url for page in pages if page.url}),
        "slugs": sorted({page.slug for page in pages}),
    }


@pytest.fixture
def fuzz_client(site, settings):
    """A client (no CSRF check: the forms' own code is what is fuzzed), limits out of reach."""
    settings.FORM_RATE_LIMIT = (10**9, 600)
    settings.RECIPIENT_RATE_LIMIT = (10**9, 3600)
    return Client()


# --- forms, read from their HTML --------------------------------------------------------
def form_fields(html, action_suffix):
    """{name: (kind, choices)} of the POST form whose action ends with ``action_suffix``."""
    soup = BeautifulSoup(html, "html.parser")
    for form in soup.find_all("form"):
        if (form.get("method") or "").lower() != "post":
            continue
        if not (form.get("action") or "").rstrip("/").endswith(action_suffix.rstrip("/")):
            continue
        fields = {}
        for element in form.find_all(["input", "select", "textarea", "button"]):
            name = element.get("name")
            if not name or name == "csrfmiddlewaretoken":
                continue
            if element.name == "select":
                choices = [o.get("value", o.text) for o in element.find_all("option")]
                kind = "multiple" if element.has_attr("multiple") else "select"
                fields[name] = (kind, choices)
                continue
            kind = element.get("type", "text") if element.name == "input" else element.name
            if kind in ("checkbox", "radio", "submit"):
                previous = fields.get(name, (kind, []))[1]
                fields[name] = (kind, [*previous, element.get("value", "on")])
            else:
                fields[name] = (kind, [])
        return fields
    return None


def good_value(name, kind, choices):
    """A plausible value for a field: what a person filling the form in would send."""
    if name in ("homepage", "website"):  # the honeypot: people leave it empty
        return st.just("")
    if choices:
        return st.sampled_from(choices)
    if kind == "email" or "email" in name:
        return st.emails()
    if kind == "number" or "year" in name:
        return st.integers(min_value=1950, max_value=2030).map(str)
    if kind == "url" or "link" in name:
        return st.sampled_from(["https://example.org/", "http://city.example/report.pdf"])
    return st.text(string.ascii_letters + " éàç-'", min_size=1, max_size=60)


def image_files():
    """Uploads: a real small image, or bytes that only claim to be one."""
    png = _png()
    return st.lists(
        st.one_of(
            st.just(("photo.png", png)),
            st.tuples(
                st.sampled_from(["x.jpg", "x.gif", "x.webp", "x.svg", "x", "../x.png"]),
                st.binary(max_size=600),
            ),
        ),
        max_size=3,
    ).map(lambda files: [SimpleUploadedFile(name, data) for name, data in files])


def _png_upload():
    return SimpleUploadedFile("photo.png", _png(), content_type="image/png")


def _png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (11, 79, 108)).save(buffer, "PNG")
    return buffer.getvalue()


def form_data(fields):
    """A strategy of POST data: a plausible filling-in, the same with one field changed
    (weird, repeated or missing), or every field anything."""
    good, wild = {}, {}
    for name, (kind, choices) in fields.items():
        if kind == "file":
            good[name] = st.one_of(st.none(), st.just("photo").map(lambda _: [_png_upload()]))
            wild[name] = st.one_of(st.none(), image_files())
            continue
        plausible = good_value(name, kind, choices)
        if kind in ("checkbox", "multiple") and name not in ("homepage", "website"):
            good[name] = st.lists(plausible, min_size=1, max_size=3, unique=True)
        else:
            good[name] = plausible
        one = st.one_of(plausible, WEIRD)
        wild[name] = st.one_of(one, st.none(), st.lists(one, max_size=3))

    def without_none(data):
        return {name: value for name, value in data.items() if value is not None}

    plausible_form = st.fixed_dictionaries(good)
    change = st.sampled_from(sorted(fields)).flatmap(
        lambda name: st.tuples(st.just(name), wild[name])
    )
    one_changed = st.tuples(plausible_form, change).map(
        lambda parts: {**parts[0], parts[1][0]: parts[1][1]}
    )
    return st.one_of(plausible_form, one_changed, one_changed, st.fixed_dictionaries(wild)).map(
        without_none
    )


def fuzz_form(client, page_url, action, name):
    """Read the form on ``page_url`` posting to ``action``, then post generated data to it."""
    page = check(client.get(page_url), page_url)
    fields = form_fields(page.content.decode(), action)
    assert fields, f"no form posting to {action} on {page_url}"
    done = counter()
    done["accepted"] = 0

    @fuzz(name)
    @given(data=form_data(fields))
    def post(data):
        done["n"] += 1
        with rolled_back():
            response = check(client.post(action, data), (action, data))
        done["accepted"] += response.status_code in (301, 302, 303)

    post()
    assert done["n"] >= BUDGET[name]
    # Plausible fillings-in went through: the code behind the form ran too.
    assert done["accepted"] > 0, done


@pytest.mark.django_db
def test_endorsement_form(site, fuzz_client):
    url = site["call"].url
    fuzz_form(fuzz_client, url + "endorse/", url + "endorse/", "endorse")


@pytest.mark.django_db
def test_submit_an_action_form(site, fuzz_client):
    url = site["call"].url
    fuzz_form(fuzz_client, url + "submit-action/", url + "submit-action/", "submit_action")


@pytest.mark.django_db
def test_event_registration_form(site, fuzz_client):
    url = site["event"].url
    fuzz_form(fuzz_client, url, url + "register/", "register")


@pytest.mark.django_db
def test_case_study_contact_form(site, fuzz_client):
    url = site["contact_case_study"].url
    html = fuzz_client.get(url).content.decode()
    if form_fields(html, url + "contact/") is None:
        pytest.skip("the case study has no contact form")
    fuzz_form(fuzz_client, url, url + "contact/", "contact")


@pytest.mark.django_db
def test_secret_links(site, fuzz_client):
    """Registration, confirmation links: any token, GET or POST."""
    event, call = site["event"].url, site["call"].url
    token = st.one_of(
        st.just(site["registration_token"]),
        st.text(string.ascii_letters + string.digits + "-_", max_size=60),
        NASTY.map(lambda s: quote(s, safe="")),
    )
    routes = st.sampled_from(
        [
            event + "registration/{}/",
            event + "registration/{}/confirm/",
            call + "endorse/confirm/{}/",
            call + "submit-action/confirm/{}/",
        ]
    )
    done = counter()

    @fuzz("tokens")
    @given(route=routes, token=token, post=st.booleans())
    def run(route, token, post):
        done["n"] += 1
        url = route.format(token)
        with rolled_back():
            method = fuzz_client.post if post else fuzz_client.get
            check(method(url), url)

    run()
    assert done["n"] >= BUDGET["tokens"]


# --- query parameters -----------------------------------------------------------------
def params(spec):
    """A strategy of query strings: each parameter absent, once or repeated, good or weird."""
    parts = []
    for name, good in spec.items():
        value = st.one_of(good, good, WEIRD)
        parts.append(
            st.lists(value, max_size=3).map(lambda values, n=name: [(n, v) for v in values])
        )
    return st.tuples(*parts).map(lambda groups: [pair for group in groups for pair in group])


def raw_query():
    """Query strings no form would build: broken escapes, bytes that are not UTF-8."""
    return st.one_of(
        st.binary(max_size=60).map(lambda b: quote_from_bytes(b, safe="=&%+")),
        st.text(string.printable, max_size=60),
    )


def fuzz_get(client, name, paths, query):
    done = counter()

    @fuzz(name)
    @given(
        path=st.sampled_from(paths),
        query=query,
        raw=st.one_of(st.none(), raw_query()),
        head=st.integers(0, 9),
    )
    def run(path, query, raw, head):
        done["n"] += 1
        url = path + "?" + urlencode(query) if query else path
        if raw is not None:
            url += ("&" if "?" in url else "?") + raw
        with rolled_back():
            method = client.head if head == 0 else client.get
            check(method(url), url)

    run()
    assert done["n"] >= BUDGET[name]


def library_spec(client):
    """The library's parameters with the values its own facets list."""
    data = client.get("/api/practices/?lang=en").json()
    values = {name: [v["value"] for v in items] for name, items in data["facets"].items()}
    spec = {facet: st.sampled_from(choices or ["none"]) for facet, choices in values.items()}
    spec.update(
        {
            "q": st.sampled_from(["refugees", "desk", "cafe", "mentoring jobs", "réfugiés"]),
            "sort": st.sampled_from(["relevance", "newest", "title"]),
            "page": st.integers(-2, 5).map(str),
        }
    )
    return spec


@pytest.mark.django_db
def test_practice_library_parameters(site, fuzz_client):
    paths = [f"/{code}/practices/" for code in LANGUAGE_CODES]
    fuzz_get(fuzz_client, "library", paths, params(library_spec(fuzz_client)))


@pytest.mark.django_db
def test_practices_api_parameters(site, fuzz_client):
    spec = library_spec(fuzz_client)
    spec["lang"] = st.sampled_from([*LANGUAGE_CODES, "fr-ca", "FR_ca"])
    fuzz_get(fuzz_client, "practices_api", ["/api/practices/"], params(spec))


@pytest.mark.django_db
def test_site_search_parameters(site, fuzz_client, settings):
    spec = {
        "q": st.sampled_from(["refugees", "webinar", "news", "Rabat", "about", "mentorat"]),
        "page": st.integers(-1, 4).map(str),
    }
    paths = [f"/{code}/search/" for code in LANGUAGE_CODES]
    fuzz_get(fuzz_client, "site_search", paths, params(spec))


@pytest.mark.django_db
def test_events_listing_parameters(site, fuzz_client):
    from events.models import EventType

    spec = {
        "type": st.sampled_from(EventType.values),
        "page": st.integers(-1, 4).map(str),
    }
    paths = ["/en/events/", "/fr/events/", "/ar/events/"]
    fuzz_get(fuzz_client, "events", paths, params(spec))


@pytest.mark.django_db
def test_news_and_register_parameters(site, fuzz_client):
    from learning.models import NewsPage

    call = site["call"].url
    spec = {
        "topic": st.sampled_from(
            [value for value, _label in NewsPage._meta.get_field("topic").choices] or ["news"]
        ),
        "year": st.integers(2000, 2030).map(str),
        "region": st.sampled_from(["africa", "americas", "asia", "europe", "oceania"]),
        "kind": st.sampled_from(["city", "region", "association"]),
        "page": st.integers(-1, 4).map(str),
    }
    paths = [
        "/en/news/",
        "/fr/news/",
        call + "endorsers/",
        *(f"/en/local-governments/{g.slug}/" for g in site["governments"]),
    ]
    fuzz_get(fuzz_client, "lists", paths, params(spec))


@pytest.mark.django_db
def test_feeds_and_calendars_parameters(site, fuzz_client):
    spec = {"lang": st.sampled_from(LANGUAGE_CODES), "page": st.integers(-1, 3).map(str)}
    paths = [
        "/en/news/feed/",
        "/fr/news/feed/atom/",
        "/events/upcoming.ics",
        site["event"].url + "event.ics",
        "/sitemap.xml",
        "/robots.txt",
    ]
    fuzz_get(fuzz_client, "feeds", paths, params(spec))


@pytest.mark.django_db
def test_wagtail_pages_api_parameters(site, fuzz_client):
    ids = st.one_of(
        st.sampled_from([str(site["home"].pk), str(site["event"].pk), "1", "999999"]),
        st.integers().map(str),  # now and then far beyond any database integer
    )
    spec = {
        "type": st.sampled_from(
            [
                "wagtailcore.Page",
                "pledges.LocalActionPage",
                "events.EventPage",
                "hub.HomePage",
                "nosuch.Model",
                "pledges.LocalActionPage,events.EventPage",
            ]
        ),
        "fields": st.sampled_from(["title", "*", "-title", "_,title", "body", "title(x)", "x"]),
        "order": st.sampled_from(["title", "-title", "random", "id", "nosuch"]),
        "limit": st.one_of(st.integers(-1, 30), st.integers()).map(str),
        "offset": st.one_of(st.integers(-1, 30), st.integers()).map(str),
        "search": st.sampled_from(["refugees", "webinar", ""]),
        "search_operator": st.sampled_from(["and", "or", "xor"]),
        "locale": st.sampled_from(LANGUAGE_CODES),
        "translation_of": ids,
        "child_of": ids,
        "descendant_of": ids,
        "ancestor_of": ids,
        "site": st.sampled_from(["localhost", "localhost:80", "localhost:x", "nowhere"]),
        "slug": st.sampled_from(site["slugs"]),
        "title": st.sampled_from(["About", "Webinar"]),
        "show_in_menus": st.sampled_from(["true", "false", "maybe"]),
        "html_path": st.sampled_from(site["urls"]),
        "id": ids,
    }
    paths = [
        "/api/v2/pages/",
        "/api/v2/pages/find/",
        f"/api/v2/pages/{site['home'].pk}/",
        f"/api/v2/pages/{site['case_study'].pk}/",
        "/api/v2/pages/999999/",
        "/api/v2/pages/99999999999999999999999/",
    ]
    fuzz_get(fuzz_client, "pages_api", paths, params(spec))


# --- page paths -------------------------------------------------------------------------
@pytest.mark.django_db
def test_page_paths(site, fuzz_client):
    """Known pages and sub-routes, cut up and recombined, with any language prefix."""
    segments = st.one_of(
        st.sampled_from(site["slugs"]),
        st.sampled_from(
            [
                "event.ics",
                "register",
                "feed",
                "atom",
                "endorse",
                "contact",
                "registration",
                site["registration_token"],
                "search",
                "_util",
            ]
        ),
        NASTY.map(lambda s: quote(s, safe="")),
        st.text(string.ascii_letters + string.digits + "-_.~%", min_size=1, max_size=20),
    )
    prefixes = st.sampled_from([*LANGUAGE_CODES, "", "EN", "en-us", "de", "zz", "%00", ".."])
    known = st.sampled_from(site["urls"])
    built = st.tuples(prefixes, st.lists(segments, max_size=5), st.booleans()).map(
        lambda parts: (
            "/" + "/".join(s for s in [parts[0], *parts[1]] if s) + ("/" if parts[2] else "")
        )
    )
    done = counter()

    @fuzz("paths")
    @given(
        path=st.one_of(known, built, known.map(lambda url: url.replace("/en/", "/ar/", 1))),
        post=st.integers(0, 9),
    )
    def run(path, post):
        done["n"] += 1
        with rolled_back():
            method = fuzz_client.post if post == 0 else fuzz_client.get
            check(method(path), path)

    run()
    assert done["n"] >= BUDGET["paths"]


def test_the_budget_is_at_least_a_thousand_inputs():
    # Even when the case study has no contact form to fuzz.
    assert sum(count for name, count in BUDGET.items() if name != "contact") >= 1000
