"""The page table of ``make bench``: the key pages beside a bare Django view.

For each key page (home, the practice library plain and filtered, a case
study, the call to action, an event, the news index and an article, a
report, the live report, site search and the practices API) it measures,
under gunicorn:

* requests/s with the full-page cache off (``PAGE_CACHE_ENABLED=false``) and
  on (``PAGE_CACHE_ENABLED=true``, every URL warmed on every worker first),
  each as a share of the bare view (``/bench/bare/``) measured by the same
  server in the same rounds: the rounds interleave the bare view between
  small groups of pages (bare, 4 pages, bare, 4 pages, bare ...), and a
  page's share is its rate over the mean of the bare runs around it;
* in this process, with Django's test client and the page cache off, the SQL
  queries of one request (caches warm, and with every cache cleared).

A "cached" row whose responses did not come from the page cache (the header
``X-Page-Cache: hit``) says so, with what the response carried.
"""

import statistics
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

TARGET_UNCACHED = 0.10
TARGET_CACHED = 0.60
GROUP = 4  # pages between two runs of the bare view
BARE = "/bench/bare/"
LABEL = 26  # width of the page column
SHARE = 20  # width of a share column


@dataclass
class KeyPage:
    label: str
    path: str


@dataclass
class PageResult:
    page: KeyPage
    queries: int | None = None
    queries_cold: int | None = None
    status: int | None = None
    rates: dict = field(default_factory=dict)  # mode -> [req/s per round]
    shares: dict = field(default_factory=dict)  # mode -> [share per round]
    errors: dict = field(default_factory=dict)  # mode -> non-2xx/3xx responses under load
    hits: tuple = (0, 0)  # cached mode: (hits, probes)
    not_cached_because: str = ""


def key_pages(language="en"):
    """The key pages of the demo site (``seed_demo``), as paths."""
    from django.utils import timezone

    from wagtail.models import Locale

    from events.models import EventPage
    from learning.models import NewsIndexPage, NewsPage, ReportPage
    from learning.report.models import LiveReportPage
    from pledges.models import CallToActionPage, LocalActionPage
    from search.models import PracticeLibraryPage

    locale = Locale.objects.get(language_code=language)

    def first(model, *order, **filters):
        page = (
            model.objects.live()
            .public()
            .filter(locale=locale, **filters)
            .order_by(*(order or ("path",)))
            .first()
        )
        if page is None:
            raise RuntimeError(f"the demo site has no live {model.__name__} in {language}")
        return page.url

    library = first(PracticeLibraryPage)
    theme, region = _common_theme_and_region(locale)
    event = (
        EventPage.objects.live()
        .public()
        .filter(locale=locale, start__gte=timezone.now(), registration_open=True)
        .order_by("start")
        .first()
    ) or EventPage.objects.live().public().filter(locale=locale).order_by("-start").first()
    return [
        KeyPage("home", f"/{language}/"),
        KeyPage("practice library", library),
        KeyPage("practice library filtered", f"{library}?theme={theme}&region={region}"),
        KeyPage("case study", first(LocalActionPage)),
        KeyPage("call to action", first(CallToActionPage)),
        KeyPage("event (registration open)", event.url),
        KeyPage("news index", first(NewsIndexPage)),
        KeyPage("news article", first(NewsPage, "-date", "-pk")),
        KeyPage("report", first(ReportPage)),
        KeyPage("live report", first(LiveReportPage)),
        KeyPage("site search ?q=refugees", f"/{language}/search/?q=refugees"),
        KeyPage("API /api/practices/", "/api/practices/"),
    ]


def _common_theme_and_region(locale):
    """The theme and region that the most demo case studies share (a filter with results)."""
    from collections import Counter

    from pledges.models import LocalActionPage

    pairs = Counter()
    pages = (
        LocalActionPage.objects.live()
        .filter(locale=locale, local_government__isnull=False)
        .select_related("local_government")
        .prefetch_related("themes")
    )
    for page in pages:
        for theme in page.themes.all():
            pairs[theme.slug, page.local_government.region] += 1
    if not pairs:
        return "access-to-services", "europe"
    return pairs.most_common(1)[0][0]


def count_queries(results):
    """SQL queries of one request per page, in this process, page cache off."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client(raise_request_exception=False)  # a failing page is reported, not fatal
    with override_settings(PAGE_CACHE_ENABLED=False):
        for result in results:
            cache.clear()
            with CaptureQueriesContext(connection) as cold:
                response = client.get(result.page.path)
            with CaptureQueriesContext(connection) as warm:
                response = client.get(result.page.path)
            result.status = response.status_code
            result.queries_cold = len(cold.captured_queries)
            result.queries = len(warm.captured_queries)
    cache.clear()


# --- Under load --------------------------------------------------------------


def _get(url):
    """(status, headers) of one GET, without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=60) as response:
            response.read()
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def concurrently(url, requests, threads=4):
    """``requests`` GETs from ``threads`` threads (so every gunicorn worker gets some)."""
    answers, lock = [], threading.Lock()

    def worker(count):
        for _ in range(count):
            answer = _get(url)
            with lock:
                answers.append(answer)

    shares = [requests // threads + (i < requests % threads) for i in range(threads)]
    workers = [threading.Thread(target=worker, args=(n,)) for n in shares if n]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return answers


def _cpu_ticks(pids):
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total


def settle(master_pid, timeout=60):
    """Wait until the workers have finished what the last load left queued.

    After a load test ends, the requests it had in flight (up to 8, queued on
    2 workers) are still served: on a slow page, seconds of work that would
    otherwise be charged to the next measurement. Idle workers use no CPU.
    """
    try:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    except OSError:
        time.sleep(1)
        return
    deadline = time.monotonic() + timeout
    quiet, last = 0, _cpu_ticks(children)
    while quiet < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
        now = _cpu_ticks(children)
        quiet = quiet + 1 if now == last else 0
        last = now


def _why_not_cached(headers):
    reasons = []
    if headers.get("Set-Cookie"):
        names = sorted(
            {cookie.split("=", 1)[0].strip() for cookie in headers.get_all("Set-Cookie")}
        )
        reasons.append("sets cookie " + ",".join(names))
    control = headers.get("Cache-Control", "")
    if any(word in control.lower() for word in ("private", "no-cache", "no-store")):
        reasons.append(f"Cache-Control: {control}")
    vary = headers.get("Vary", "")
    if vary and {v.strip().lower() for v in vary.split(",")} - {"cookie", "accept-encoding"}:
        reasons.append(f"Vary: {vary}")
    return "; ".join(reasons) or f"X-Page-Cache: {headers.get('X-Page-Cache', 'absent')}"


def _warm(base, results, requests):
    """A few concurrent requests per page: every worker serves each one at least once."""
    for result in results:
        concurrently(base + result.page.path, requests)


def _probe(base, results, probes):
    """Cached mode: count how many answers come from the page cache."""
    for result in results:
        answers = concurrently(base + result.page.path, probes)
        hits = sum(1 for _status, headers in answers if headers.get("X-Page-Cache") == "hit")
        old_hits, old_total = result.hits
        result.hits = (old_hits + hits, old_total + len(answers))
        if hits < len(answers) and not result.not_cached_because:
            missed = next(h for _s, h in answers if h.get("X-Page-Cache") != "hit")
            result.not_cached_because = _why_not_cached(missed)


def run_rounds(base, results, mode, rounds, load, pause=lambda: None):
    """Interleaved rounds: bare, GROUP pages, bare, ...; returns the bare view's rates.

    ``load(url, long=...)`` returns (requests/s, failed requests); ``long`` for
    uncached pages, which need a longer run than the bare view or a cached page
    to complete as many requests.
    """
    bare_rates = []
    for number in range(rounds):
        # Rotate the order so no page always runs first or last in its group.
        shift = number * GROUP % len(results)
        ordered = results[shift:] + results[:shift]
        sequence = []
        for start in range(0, len(ordered), GROUP):
            sequence.append(None)
            sequence.extend(ordered[start : start + GROUP])
        sequence.append(None)
        measured = []
        for item in sequence:
            path = BARE if item is None else item.page.path
            pause()
            slow = item is not None and mode == "uncached"
            rate, errors = load(base + path, long=slow)
            measured.append((item, rate))
            if item is None:
                bare_rates.append(rate)
            elif errors:
                item.errors[mode] = item.errors.get(mode, 0) + errors
        for index, (item, rate) in enumerate(measured):
            if item is None:
                continue
            before = next(r for i, r in reversed(measured[:index]) if i is None)
            after = next(r for i, r in measured[index + 1 :] if i is None)
            bare = (before + after) / 2
            item.rates.setdefault(mode, []).append(rate)
            item.shares.setdefault(mode, []).append(rate / bare if bare else 0.0)
        print(
            f"    [{mode}: round {number + 1}/{rounds} done, bare view "
            f"{statistics.mean(bare_rates[-(len(sequence) - len(ordered)) :]):.0f} requests/s]",
            flush=True,
        )
    return bare_rates


def measure_mode(serve, results, mode, rounds, load, probes=12):
    """Start a server with the page cache ``mode`` ("uncached"/"cached") and run the rounds."""
    enabled = "true" if mode == "cached" else "false"
    with serve({"PAGE_CACHE_ENABLED": enabled}) as (base, pid):
        for result in results:
            status, _headers = _get(base + result.page.path)
            if status != 200 and mode == "uncached":
                print(f"    ! {result.page.path} answered {status} under gunicorn", flush=True)
        # Every worker has compiled the templates, filled its fragment caches and,
        # with the page cache on, stored every page.
        _warm(base, results, 12 if mode == "cached" else 6)
        if mode == "cached":
            _probe(base, results, probes)
        started = time.monotonic()
        bare = run_rounds(base, results, mode, rounds, load, pause=lambda: settle(pid))
        if mode == "cached":  # still hits after the load (nothing invalidated them)?
            _probe(base, results, probes // 2)
        print(f"    [{mode}: {time.monotonic() - started:.0f}s under load]", flush=True)
    return bare


# --- Content at scale ----------------------------------------------------------

NEWS_WORDS = [
    "mayors",
    "cities",
    "regions",
    "migrants",
    "inclusion",
    "partners",
    "network",
    "compact",
    "forum",
    "local",
    "action",
    "services",
    "housing",
    "employment",
    "education",
    "dialogue",
]
NEWS_TITLES = [
    "Mayors meet on local inclusion",
    "New partners join the Call to Local Action",
    "Peer learning on housing for newcomers",
    "Cities report on the Global Compacts",
    "Regional dialogue on labour mobility",
    "A toolkit for welcoming cities",
]


def add_news(count, rng, language="en"):
    """``count`` live news articles under the news index of ``language``, inserted in bulk.

    Pages are inserted the way ``search.synthetic`` inserts practices (tree
    paths computed here, one bulk insert per table), then added to Wagtail's
    search index so site search sees them. Returns the new pages' ids.
    """
    import datetime

    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone

    from wagtail.models import Locale, Page
    from wagtail.search.backends import get_search_backend

    from learning.models import NewsIndexPage, NewsPage, Topic

    locale = Locale.objects.get(language_code=language)
    index_page = NewsIndexPage.objects.get(locale=locale)
    parent = Page.objects.get(pk=index_page.pk)
    content_type = ContentType.objects.get_for_model(NewsPage)
    topics = [value for value, _label in Topic.choices]
    now = timezone.now()
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    parents, children = [], []
    for number in range(count):
        step += 1
        words = [rng.choice(NEWS_WORDS) for _ in range(rng.randint(60, 160))]
        if rng.random() < 0.1:  # site search ?q=refugees finds some of them
            words.insert(rng.randrange(len(words)), "refugees")
        text = " ".join(words)
        title = f"{rng.choice(NEWS_TITLES)} ({number + 1})"
        slug = f"news-{step}-{uuid.uuid4().hex[:6]}"
        published = now - datetime.timedelta(days=rng.randint(1, 3000))
        common = {
            "path": NewsPage._get_path(parent.path, parent.depth + 1, step),
            "depth": parent.depth + 1,
            "numchild": 0,
            "title": title,
            "draft_title": title,
            "slug": slug,
            "content_type": content_type,
            "live": True,
            "has_unpublished_changes": False,
            "url_path": f"{parent.url_path}{slug}/",
            "locale_id": locale.pk,
            "translation_key": uuid.uuid4(),
            "first_published_at": published,
            "last_published_at": published,
            "show_in_menus": False,
        }
        parents.append(Page(**common))
        children.append(
            NewsPage(
                **common,
                summary=text[:200],
                date=published.date(),
                authors="Local Action Hub",
                topic=rng.choice(topics),
                body=[
                    ("paragraph", f"<p>{text[: len(text) // 2]}.</p>"),
                    ("paragraph", f"<p>{text[len(text) // 2 :]}.</p>"),
                ],
            )
        )
    with transaction.atomic():
        Page.objects.bulk_create(parents, batch_size=500)
        for page, child in zip(parents, children, strict=True):
            child.page_ptr_id = child.pk = page.pk
        fields = NewsPage._meta.local_concrete_fields
        for start in range(0, len(children), 500):
            NewsPage._base_manager._insert(
                children[start : start + 500], fields=fields, raw=True, using="default"
            )
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + count)
    ids = [child.pk for child in children]
    index = get_search_backend().get_index_for_model(NewsPage)
    for start in range(0, len(ids), 500):
        index.add_items(NewsPage, list(NewsPage.objects.filter(pk__in=ids[start : start + 500])))
    return ids


# --- The table -----------------------------------------------------------------


def _fmt_share(shares):
    if not shares:
        return f"{'-':>{SHARE}}"
    middle = statistics.median(shares) * 100
    low, high = min(shares) * 100, max(shares) * 100
    return f"{middle:5.1f} % ({low:.1f}–{high:.1f})".rjust(SHARE)


def _verdict(shares, target):
    if not shares:
        return "-"
    return "met" if statistics.median(shares) >= target else "NOT MET"


def print_table(title, results, bare):
    """The page table; returns the number of rows that miss a target."""
    print(f"\n{title}")
    for mode, rates in bare.items():
        if rates:
            print(
                f"  bare view, {mode} server: {statistics.median(rates):.0f} requests/s "
                f"(median of {len(rates)} runs, {min(rates):.0f}–{max(rates):.0f})"
            )
    print(
        f"  {'':<{LABEL}} {'':>8}  {'-- uncached ':-<{10 + SHARE + 8}}  "
        f"{'-- cached ':-<{10 + SHARE + 8 + 6}}"
    )
    print(
        f"  {'page':<{LABEL}} {'queries':>8}  {'req/s':>9} {'share of bare':>{SHARE}} "
        f"{'≥10 %':<8}  {'req/s':>9} {'share of bare':>{SHARE}} {'≥60 %':<8} hits"
    )
    missed = 0
    notes = []
    for result in results:
        unc = result.rates.get("uncached", [])
        cac = result.rates.get("cached", [])
        unc_verdict = _verdict(result.shares.get("uncached"), TARGET_UNCACHED)
        cac_verdict = _verdict(result.shares.get("cached"), TARGET_CACHED)
        # Failed requests (a 500, timeouts): the rate says nothing about the page.
        if result.errors.get("uncached"):
            unc_verdict = "FAILED"
        if result.errors.get("cached"):
            cac_verdict = "FAILED"
        hits, probes = result.hits
        if cac and hits < probes and cac_verdict != "FAILED":
            cac_verdict = "NOT MET"
            notes.append(
                f"  * {result.page.label}: only {hits}/{probes} cached answers were hits "
                f"(not cached: {result.not_cached_because})"
            )
        for mode, errors in result.errors.items():
            notes.append(
                f"  * {result.page.label}: {errors} failed requests under load, {mode} "
                "(non-2xx/3xx answers, connection errors, timeouts)"
            )
        if result.status not in (None, 200):
            notes.append(f"  * {result.page.label}: answered {result.status} in process")
        missed += unc_verdict in ("NOT MET", "FAILED")
        missed += cac_verdict in ("NOT MET", "FAILED")
        queries = "-" if result.queries is None else f"{result.queries} ({result.queries_cold})"
        print(
            f"  {result.page.label:<{LABEL}} {queries:>8}  "
            f"{(f'{statistics.median(unc):.1f}' if unc else '-'):>9} "
            f"{_fmt_share(result.shares.get('uncached'))} {unc_verdict:<8}  "
            f"{(f'{statistics.median(cac):.1f}' if cac else '-'):>9} "
            f"{_fmt_share(result.shares.get('cached'))} {cac_verdict:<8} "
            f"{f'{hits}/{probes}' if probes else '-'}"
        )
    print(
        "  uncached: the full-page cache off (PAGE_CACHE_ENABLED=false); the fragments every\n"
        "    visitor shares (chrome, page content, listings per query) and the routing memory are\n"
        "    warm after the first request of the content generation, as between two publications.\n"
        "  queries: SQL queries of one request in this process, page cache off, other caches\n"
        "    warm (in brackets: every cache cleared first, as after a publication).\n"
        "  req/s: median of the rounds. share of bare: median (range) over the rounds of the\n"
        "    page's rate / the rate of the bare view measured around it. A cached answer skips\n"
        "    the view and the middleware after the page cache: it can outrun the bare view.\n"
        "  hits: answers with X-Page-Cache: hit / probes (after warming and after the rounds).\n"
        "  FAILED: requests failed under load (see below and the server's traceback above)."
    )
    print("  addresses:")
    for result in results:
        print(f"    {result.page.label:<{LABEL}} {result.page.path}")
    for note in notes:
        print(note)
    return missed
