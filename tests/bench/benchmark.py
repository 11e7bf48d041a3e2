"""``make bench``: the practice library at 1,000 and 10,000 practices, and the page table.

Builds a separate SQLite database (never the site's own) with the demo site
(``seed_demo``: every page type, realistic content), then prints, in one run:

* the page table (``tests/bench/pages.py``): for the key pages (home, the
  practice library plain and filtered, a case study, the call to action, an
  event, the news index and an article, a report, site search, the API),
  requests/s under gunicorn (2 workers) with the full-page cache off and on,
  each as a share of a bare Django view served by the same server in the same
  interleaved rounds, and the SQL queries of each page; at the demo size and
  with the largest ``--sizes`` practices and ``--news`` articles added.
  Targets (reported, never a failure): uncached >= 10 % of the bare view,
  cached >= 60 %;
* p50 / p95 of our service (``search_practices``: results, total and all ten
  disjunctive facet counts) for a set of typical queries in each language's
  library (every practice, in that language where translated), beside the
  same queries answered the naive way (Wagtail's ``.search()`` over the pages
  that library shows, plus one ``.facet()`` per facet), and their ratio, at
  1,000 and at 10,000 synthetic practices (``search.synthetic``: most written
  in English, some in French, Spanish and Arabic, many translated) added to
  the demo's;
* HTTP throughput of ``/en/practices/`` (and ``/ar/practices/``) under gunicorn (2 workers) beside a
  bare Django view in the same server (``wrk``, or a Python load loop);
* peak memory of the benchmark and of the gunicorn workers.

Run as ``python -m tests.bench``. Options: ``--sizes 1000,10000``, ``--runs 30``,
``--naive-budget 5`` (seconds per naive query), ``--naive-languages en`` (the
libraries also measured the naive way), ``--duration 2`` (seconds per load
test), ``--keep`` (keep the temporary directory with the database);
``--pages-only`` / ``--no-pages``, ``--news 1000``, ``--rounds 3``,
``--page-sizes demo,large``, ``--cache-modes uncached,cached``, ``--no-queries``.
A quick run: ``--sizes 200,400 --runs 5 --news 100 --duration 1``.
"""

import argparse
import contextlib
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository

QUERIES = [
    ("no filter", "", {}),
    ("one facet", "", {"theme": ["employment-entrepreneurship"]}),
    (
        "three facets x 2 values",
        "",
        {
            "theme": ["access-to-services", "employment-entrepreneurship"],
            "region": ["africa", "europe"],
            "gcm": ["16", "7"],
        },
    ),
    ("q ~1 %", "apiculture", {}),
    ("q ~10 %", "microcredit", {}),
    ("q ~90 %", "neighbourhood", {}),
    ("q + facets", "microcredit", {"theme": ["access-to-services"], "status": ["ongoing"]}),
]
# Shares of the practices written in, and translated into, the other languages.
ORIGINALS = {"fr": 0.06, "es": 0.04, "ar": 0.03}
TRANSLATIONS = {"fr": 0.3, "es": 0.2, "ar": 0.1}
TARGET_P50_MS = 50
TARGET_P95_MS = 150
TARGET_SPEEDUP = 50


def _setup_django(workdir):
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings.test"
    os.environ["DEMO_CREDENTIALS_FILE"] = str(workdir / "credentials.json")
    os.environ["TEST_MEDIA_ROOT"] = str(workdir / "media")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _percentiles(samples):
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return p50 * 1000, p95 * 1000


def _time(function, runs, warmup=2, budget=None):
    for _ in range(warmup):
        function()
    samples = []
    started = time.perf_counter()
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
        if budget and time.perf_counter() - started > budget:
            break
    return samples


def _build_site():
    """The demo site (``seed_demo``: every page type, realistic content), indexed."""
    from django.core.management import call_command

    from search.models import PracticeLibraryPage

    call_command("migrate", verbosity=0, interactive=False)
    with open(os.devnull, "w") as devnull:  # the demo's log and logins, discarded
        call_command("seed_demo", stdout=devnull)
    # The library and its translations: {language: library page}.
    return {
        library.locale.language_code: library
        for library in PracticeLibraryPage.objects.select_related("locale")
    }


def _add_practices(libraries, count, rng):
    from django.db import transaction

    from wagtail.search.backends import get_search_backend

    from pledges.models import LocalActionPage
    from search.indexing import index_practices
    from search.synthetic import create_practices

    started = time.perf_counter()
    ids = create_practices(
        libraries["en"],
        count,
        rng=rng,
        libraries=libraries,
        originals=ORIGINALS,
        translations=TRANSLATIONS,
    )
    created = time.perf_counter() - started
    started = time.perf_counter()
    with transaction.atomic():
        for start in range(0, len(ids), 1000):
            index_practices(list(LocalActionPage.objects.filter(pk__in=ids[start : start + 1000])))
    ours = time.perf_counter() - started
    started = time.perf_counter()
    backend = get_search_backend()
    index = backend.get_index_for_model(LocalActionPage)
    for start in range(0, len(ids), 1000):
        batch = list(LocalActionPage.objects.filter(pk__in=ids[start : start + 1000]))
        index.add_items(LocalActionPage, batch)
    wagtail = time.perf_counter() - started
    return len(ids), created, ours, wagtail


def _enable_naive_facets():
    """Wagtail can only ``.facet()`` a FilterField: declare the relations, in this process only.

    This is what the naive way would have to add to ``LocalActionPage``; the
    project's model does not carry it because the library does not need it.
    """
    from wagtail.search import index

    from pledges.models import LocalActionPage

    wanted = ["themes", "gcm_objectives", "gcr_areas", "sdgs", "population_groups"]
    declared = {getattr(f, "field_name", None) for f in LocalActionPage.search_fields}
    LocalActionPage.search_fields = [
        *LocalActionPage.search_fields,
        *(index.FilterField(name) for name in wanted if name not in declared),
    ]


NAIVE_FACETS = {
    "theme": "themes",
    "gcm": "gcm_objectives",
    "gcr": "gcr_areas",
    "sdg": "sdgs",
    "group": "population_groups",
    "status": "status",
    "year": "start_year",
    "region": "local_government_id",
    "country": "local_government_id",
    "lrg_type": "local_government_id",
}
NAIVE_LOOKUPS = {
    "theme": "themes__slug__in",
    "gcm": "gcm_objectives__number__in",
    "gcr": "gcr_areas__code__in",
    "sdg": "sdgs__number__in",
    "group": "population_groups__slug__in",
    "region": "local_government__region__in",
    "country": "local_government__country__in",
    "lrg_type": "local_government__kind__in",
    "status": "status__in",
    "year": "start_year__in",
}


def naive_search(language, q, selected):
    """The same answer the naive way: ``.search()``, then one ``.facet()`` per facet."""
    from django.db.models import Min, Q

    from wagtail.models import Locale
    from wagtail.search.query import MATCH_ALL

    from pledges.models import LocalActionPage, LocalGovernment

    locale = Locale.objects.get(language_code=language)
    # The pages this library shows: each practice's page in the language, else
    # its original (the synthetic data's first created page of the practice).
    live = LocalActionPage.objects.live().filter(alias_of__isnull=True)
    translated = live.filter(locale=locale).values("translation_key")
    originals = live.values("translation_key").annotate(first=Min("pk")).values("first")
    base = live.filter(
        Q(locale=locale) | (~Q(translation_key__in=translated) & Q(pk__in=originals))
    )
    narrowed = base
    for facet, values in selected.items():
        narrowed = narrowed.filter(**{NAIVE_LOOKUPS[facet]: values})
    ids = narrowed.values_list("pk", flat=True).distinct()
    results = LocalActionPage.objects.filter(pk__in=ids).search(q or MATCH_ALL)
    total = results.count()
    page = list(results[:20])
    facets = {}
    for facet, field_name in NAIVE_FACETS.items():
        counts = results.facet(field_name)
        if field_name == "local_government_id":
            attribute = {"region": "region", "country": "country", "lrg_type": "kind"}[facet]
            values = dict(
                LocalGovernment.objects.filter(pk__in=list(counts)).values_list("pk", attribute)
            )
            grouped = {}
            for pk, count in counts.items():
                grouped[values.get(pk)] = grouped.get(values.get(pk), 0) + count
            counts = grouped
        facets[facet] = counts
    return total, page, facets


def _measure(size, runs, naive_budget, languages, naive_languages):
    from search.forms import PracticeFilter
    from search.services import search_practices

    rows = []
    for language in languages:
        for name, q, selected in QUERIES:
            filters = PracticeFilter.build(language, q=q, selected=selected)
            result = search_practices(filters)
            ours = _percentiles(_time(lambda f=filters: search_practices(f), runs))
            naive_samples, naive = [], None
            if language in naive_languages:
                naive_samples = _time(
                    lambda q=q, s=selected, lang=language: naive_search(lang, q, s),
                    runs=5,
                    warmup=0,
                    budget=naive_budget,
                )
                naive = _percentiles(naive_samples)
            rows.append(
                {
                    "size": size,
                    "language": language,
                    "name": name,
                    "matches": result.count,
                    "ours": ours,
                    "naive": naive,
                    "naive_runs": len(naive_samples),
                }
            )
            naive_columns = (
                f"{naive[0]:9.1f} {naive[1]:9.1f}  x{naive[0] / ours[0]:7.0f}"
                if naive
                else f"{'-':>9} {'-':>9}  {'-':>8}"
            )
            print(
                f"  {size:>6} {language:<4} {name:<24} {result.count:>6} "
                f"{ours[0]:8.1f} {ours[1]:8.1f}   {naive_columns}",
                flush=True,
            )
    return rows


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ensure_wrk():
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if shutil.which("apt-get") and os.geteuid() == 0:
        print("  installing wrk (apt-get install -y wrk) ...", flush=True)
        subprocess.run(
            ["apt-get", "install", "-y", "wrk"],
            capture_output=True,
            check=False,
            timeout=300,
        )
    return shutil.which("wrk")


def _wrk(wrk, url, duration):
    """(requests/s, p50, failed requests) of ``wrk -t2 -c8`` on ``url``.

    Failed: answers other than 2xx/3xx, connection errors and timeouts (30 s,
    so that a slow page's queued requests are counted, not dropped).
    """
    completed = subprocess.run(
        [wrk, "-t2", "-c8", f"-d{duration}s", "--timeout", "30s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    rate, p50, errors = None, None, 0
    for line in completed.stdout.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"):
            rate = float(parts[1])
        elif line.strip().startswith("Non-2xx or 3xx responses:"):
            errors += int(parts[-1])
        elif line.strip().startswith("Socket errors:"):  # connect 0, read 0, write 0, timeout 0
            counts = dict(zip(parts[2::2], parts[3::2], strict=False))
            errors += sum(int(counts.get(k, "0").rstrip(",")) for k in ("connect", "timeout"))
        elif parts and parts[0] == "50%":
            p50 = parts[1]
    return rate, p50, errors


def _python_load(url, duration, connections=8):
    """Fallback without wrk: 8 threads requesting as fast as they can."""
    counts, errors, latencies = [0] * connections, [0] * connections, []
    deadline = time.monotonic() + duration

    def worker(slot):
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (127.0.0.1)
                    response.read()
            except OSError:
                errors[slot] += 1
            latencies.append(time.perf_counter() - start)
            counts[slot] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    p50 = statistics.median(latencies) * 1000 if latencies else 0
    return sum(counts) / duration, f"{p50:.2f}ms", sum(errors)


def _load_tool():
    """(description, function(url, duration) -> (rate, p50, errors))."""
    wrk = _ensure_wrk()
    if wrk:
        return "wrk -t2 -c8", lambda url, duration: _wrk(wrk, url, duration)
    return "Python load loop (8 threads; wrk unavailable)", _python_load


def _worker_peak_kb(master_pid):
    peaks = {}
    try:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    except OSError:
        children = []
    for pid in [str(master_pid), *children]:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks[pid] = int(line.split()[1])
        except OSError:
            continue
    return peaks


SERVER_SETTINGS = "hub.settings.test"  # DEBUG off; local-memory cache per worker


@contextlib.contextmanager
def _serve(environment, peaks=None):
    """gunicorn (2 workers) serving ``tests.bench.server``; yields (base URL, master pid).

    ``environment`` is added to this process's (``PAGE_CACHE_ENABLED`` is
    always passed explicitly). The workers' peak memory goes into ``peaks``.
    """
    port = _free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": SERVER_SETTINGS,
        "PAGE_CACHE_ENABLED": "false",
        **environment,
    }
    server = subprocess.Popen(
        [
            str(gunicorn),
            "tests.bench.server:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/bench/bare/", timeout=2).read()  # noqa: S310
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.3)
        yield base, server.pid
        if peaks is not None:  # {"master"|"worker": largest peak of any server so far}
            for pid, peak in _worker_peak_kb(server.pid).items():
                role = "master" if pid == str(server.pid) else "worker"
                peaks[role] = max(peak, peaks.get(role, 0))
    finally:
        server.terminate()
        server.wait(timeout=20)


def _throughput(duration, load, peaks):
    """The practice library's own addresses beside the bare view (page cache off)."""
    from tests.bench import pages as page_bench

    results = {}
    with _serve({"PAGE_CACHE_ENABLED": "false"}, peaks) as (base, pid):
        for label, path in [
            ("bare Django view", "/bench/bare/"),
            ("/en/practices/", "/en/practices/"),
            (
                "/en/practices/ + 3 facets",
                "/en/practices/?theme=climate&region=africa&status=ongoing",
            ),
            ("/en/practices/?q=microcredit", "/en/practices/?q=microcredit"),
            ("/ar/practices/ (every practice)", "/ar/practices/"),
        ]:
            page_bench.concurrently(base + path, 4)  # warms both workers
            page_bench.settle(pid)
            results[label] = load(base + path, duration)
    return results


def _short(duration):
    """Seconds of a load test of the bare view or a cached page."""
    return max(1, duration // 2)


def _page_table(title, pages, args, load, peaks):
    """Measure and print the page table for the content as it is now; returns rows missed."""
    from tests.bench import pages as page_bench

    results = [page_bench.PageResult(page) for page in pages]
    if not args.no_queries:
        page_bench.count_queries(results)

    def timed(url, long):
        rate, _p50, errors = load(url, args.duration if long else _short(args.duration))
        return rate, errors

    bare = {}
    modes = [m for m in ("uncached", "cached") if m in args.cache_modes.split(",")]
    for mode in modes:
        bare[mode] = page_bench.measure_mode(
            lambda environment: _serve(environment, peaks), results, mode, args.rounds, timed
        )
    return page_bench.print_table(title, results, bare)


def _count_content():
    from learning.models import NewsPage
    from pledges.models import LocalActionPage

    # A practice is its page and its translations (one translation key).
    practices = LocalActionPage.objects.live().values("translation_key").distinct().count()
    return practices, NewsPage.objects.live().filter(locale__language_code="en").count()


def _search_targets(rows, sizes, languages):
    print("\nTargets at the largest size:")
    largest, smallest = max(sizes), min(sizes)
    failures = 0
    for language, name in [(code, name) for code in languages for name, _q, _s in QUERIES]:
        big = next(
            r
            for r in rows
            if r["size"] == largest and r["name"] == name and r["language"] == language
        )
        small = next(
            r
            for r in rows
            if r["size"] == smallest and r["name"] == name and r["language"] == language
        )
        growth = big["ours"][0] / small["ours"][0] if small["ours"][0] else 0
        linear = largest / smallest
        speedup = big["naive"][0] / big["ours"][0] if big["naive"] else None
        ok = (
            big["ours"][0] <= TARGET_P50_MS
            and big["ours"][1] <= TARGET_P95_MS
            and (speedup is None or speedup >= TARGET_SPEEDUP)
            and growth <= linear
        )
        failures += not ok
        versus = (
            f"{speedup:6.0f}x naive (≥{TARGET_SPEEDUP})"
            if speedup is not None
            else f"{'naive not run':>13} (--naive-languages)"
        )
        print(
            f"  {'OK  ' if ok else 'FAIL'} {language:<4} {name:<24} p50 {big['ours'][0]:6.1f} ms "
            f"(≤{TARGET_P50_MS}), p95 {big['ours'][1]:6.1f} ms (≤{TARGET_P95_MS}), "
            f"{versus}, growth x{growth:.1f} for x{linear:.0f} data"
        )
    return failures


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--naive-budget",
        type=float,
        default=5.0,
        help="seconds of naive runs per query (at least one run; up to 5)",
    )
    parser.add_argument(
        "--naive-languages",
        default="en",
        help="the libraries also measured the naive way (one naive run can take a minute "
        "at 10,000 practices; default: en)",
    )
    parser.add_argument(
        "--duration",
        type=int,
        default=2,
        help="seconds of each load test of an uncached page (the bare view and cached pages, "
        "hundreds of answers a second, run half as long, at least 1 s; the practice "
        "throughput table runs 3x this)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument(
        "--languages", default="en,fr,es,ar", help="the libraries measured (default: all four)"
    )
    pages_group = parser.add_mutually_exclusive_group()
    pages_group.add_argument(
        "--pages-only",
        action="store_true",
        help="only the page table (no search timings, no practice throughput)",
    )
    pages_group.add_argument("--no-pages", action="store_true", help="no page table")
    parser.add_argument(
        "--news", type=int, default=1000, help="news articles added for the large page table"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="interleaved rounds of the page table"
    )
    parser.add_argument(
        "--page-sizes",
        default="demo,large",
        help="page tables to print: demo (seed_demo's content), large (the largest --sizes "
        "practices and --news articles added)",
    )
    parser.add_argument(
        "--cache-modes", default="uncached,cached", help="page cache off, on, or both"
    )
    parser.add_argument(
        "--no-queries", action="store_true", help="skip the in-process SQL query counts"
    )
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    page_sizes = set() if args.no_pages else set(args.page_sizes.split(","))
    started = time.monotonic()

    workdir = Path(tempfile.mkdtemp(prefix="lah-bench-"))
    print(f"Benchmark database: {workdir / 'bench.sqlite3'} (the site's database is untouched)")
    _setup_django(workdir)
    _enable_naive_facets()
    from django.conf import settings
    from django.db import connection

    from tests.bench import pages as page_bench

    rng = random.Random(2022)  # noqa: S311 (synthetic data)
    print("Building the demo site (seed_demo) ...", flush=True)
    libraries = _build_site()
    languages = [code for code in args.languages.split(",") if code in libraries]
    print(
        f"  done in {time.monotonic() - started:.0f}s. "
        f"SQLite {connection.Database.sqlite_version}, Python {sys.version.split()[0]}",
        flush=True,
    )
    tool, load = _load_tool()
    peaks = {}
    page_missed = 0
    key_pages = page_bench.key_pages() if page_sizes else []
    if page_sizes:
        backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
        if backend == "LocMemCache":
            backend += " per worker"
        print(
            f"\nPage table: gunicorn with 2 workers ({SERVER_SETTINGS}, DEBUG off, cache "
            f"{backend}), {tool}, "
            f"{args.rounds} interleaved rounds; each run {args.duration}s for an uncached page, "
            f"{_short(args.duration)}s for the bare view or a cached page.",
            flush=True,
        )
    if "demo" in page_sizes:
        practices, news = _count_content()
        page_missed += _page_table(
            f"Page table at demo size ({practices} practices, {news} English news articles):",
            key_pages,
            args,
            load,
            peaks,
        )

    rows, failures, have = [], 0, 0
    if not args.pages_only:
        print("\nQuery timings in ms (our service counts all ten facets, disjunctively):")
        print(
            f"  {'size':>6} {'lang':<4} {'query':<24} {'found':>6} {'ours p50':>8} {'p95':>8}   "
            f"{'naive p50':>9} {'p95':>9}  {'ratio':>8}"
        )
    for size in sizes if not args.pages_only else ([max(sizes)] if "large" in page_sizes else []):
        pages, created, ours_index, wagtail_index = _add_practices(libraries, size - have, rng)
        have = size
        print(
            f"  [{size} synthetic practices ({pages} new pages with the translations) added to "
            f"the demo's: created in {created:.1f}s, our index {ours_index:.1f}s, Wagtail's "
            f"index {wagtail_index:.1f}s]",
            flush=True,
        )
        if not args.pages_only:
            rows += _measure(
                size, args.runs, args.naive_budget, languages, args.naive_languages.split(",")
            )
    if rows:
        failures += _search_targets(rows, sizes, languages)

    if "large" in page_sizes:
        begun = time.perf_counter()
        page_bench.add_news(args.news, rng)
        print(
            f"\n  [{args.news} news articles added in {time.perf_counter() - begun:.1f}s]",
            flush=True,
        )
        practices, news = _count_content()
        page_missed += _page_table(
            f"Page table at large size ({practices} practices, {news} English news articles):",
            key_pages,
            args,
            load,
            peaks,
        )

    if not args.pages_only:
        largest = max(sizes)
        seconds = 3 * args.duration
        print(
            f"\nHTTP throughput, gunicorn with 2 workers, page cache off, {largest} practices, "
            f"{seconds:g}s each:"
        )
        print(f"  ({tool})")
        for label, (rate, p50, errors) in _throughput(seconds, load, peaks).items():
            note = f"   {errors} non-2xx/3xx answers" if errors else ""
            print(f"  {label:<34} {rate:9.1f} requests/s   p50 {p50}{note}")
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("\nPeak memory (resident):")
    print(f"  benchmark process          {peak_self / 1024:8.1f} MB")
    for role, peak in sorted(peaks.items()):
        print(f"  gunicorn {role:<17} {peak / 1024:8.1f} MB (the largest of every server run)")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    if page_sizes:
        print(
            "\nPage table: all targets met."
            if not page_missed
            else f"\nPage table: {page_missed} target(s) NOT MET (reported, not a failure)."
        )
    print(f"Whole run: {(time.monotonic() - started) / 60:.1f} minutes.")
    print("\nAll targets met." if not failures else f"\n{failures} target line(s) missed.")
    return 1 if failures else 0
