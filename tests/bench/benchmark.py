"""``make bench``: how fast is the practice library at 1,000 and 10,000 practices?

Builds a separate SQLite database (never the site's own) with synthetic
practices in four languages (``search.synthetic``: most written in English,
some in French, Spanish and Arabic, many translated), then prints, in one run:

* p50 / p95 of our service (``search_practices``: results, total and all ten
  disjunctive facet counts) for a set of typical queries in each language's
  library (every practice, in that language where translated), beside the
  same queries answered the naive way (Wagtail's ``.search()`` over the pages
  that library shows, plus one ``.facet()`` per facet), and their ratio, at
  1,000 and at 10,000 practices;
* HTTP throughput of ``/en/practices/`` (and ``/ar/practices/``) under gunicorn (2 workers) beside a
  bare Django view in the same server (``wrk``, or a Python load loop);
* peak memory of the benchmark and of the gunicorn workers.

Run as ``python -m tests.bench``. Options: ``--sizes 1000,10000``, ``--runs 30``,
``--naive-budget 20`` (seconds per naive query), ``--duration 10`` (seconds per
load test), ``--keep`` (keep the temporary directory with the database).
"""

import argparse
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
    from django.core.management import call_command

    from hub import demo as hub_demo
    from hub.management.commands.seed_demo import DemoContext
    from search import demo as search_demo
    from search.models import PracticeLibraryPage

    call_command("migrate", verbosity=0, interactive=False)
    devnull = open(os.devnull, "w")  # noqa: SIM115 (the demo's log, discarded)
    ctx = DemoContext(random=random.Random(2022), stdout=devnull)  # noqa: S311
    hub_demo.seed_site(ctx)
    search_demo.seed(ctx)
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


def _measure(size, runs, naive_budget, languages):
    from search.forms import PracticeFilter
    from search.services import search_practices

    rows = []
    for language in languages:
        for name, q, selected in QUERIES:
            filters = PracticeFilter.build(language, q=q, selected=selected)
            result = search_practices(filters)
            ours = _percentiles(_time(lambda f=filters: search_practices(f), runs))
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
            print(
                f"  {size:>6} {language:<4} {name:<24} {result.count:>6} "
                f"{ours[0]:8.1f} {ours[1]:8.1f}   {naive[0]:9.1f} {naive[1]:9.1f}"
                f"  x{naive[0] / ours[0]:7.0f}",
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
    completed = subprocess.run(
        [wrk, "-t2", "-c8", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    rate, p50 = None, None
    for line in completed.stdout.splitlines():
        parts = line.split()
        if line.startswith("Requests/sec:"):
            rate = float(parts[1])
        elif parts and parts[0] == "50%":
            p50 = parts[1]
    return rate, p50


def _python_load(url, duration, connections=8):
    """Fallback without wrk: 8 threads requesting as fast as they can."""
    counts, latencies = [0] * connections, []
    deadline = time.monotonic() + duration

    def worker(slot):
        while time.monotonic() < deadline:
            start = time.perf_counter()
            with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (127.0.0.1)
                response.read()
            latencies.append(time.perf_counter() - start)
            counts[slot] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    p50 = statistics.median(latencies) * 1000 if latencies else 0
    return sum(counts) / duration, f"{p50:.2f}ms"


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


def _throughput(duration):
    port = _free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
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
                urllib.request.urlopen(base + "/en/practices/", timeout=30).read()  # noqa: S310
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.3)
        wrk = _ensure_wrk()
        tool = "wrk -t2 -c8" if wrk else "Python load loop (8 threads; wrk unavailable)"
        results = {}
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
            if wrk:
                results[label] = _wrk(wrk, base + path, duration)
            else:
                results[label] = _python_load(base + path, duration)
        peaks = _worker_peak_kb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=20)
    return tool, results, peaks


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--naive-budget", type=float, default=20.0)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument(
        "--languages", default="en,fr,es,ar", help="the libraries measured (default: all four)"
    )
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]

    workdir = Path(tempfile.mkdtemp(prefix="lah-bench-"))
    print(f"Benchmark database: {workdir / 'bench.sqlite3'} (the site's database is untouched)")
    _setup_django(workdir)
    _enable_naive_facets()
    from django.db import connection

    rng = random.Random(2022)  # noqa: S311 (synthetic data)
    libraries = _build_site()
    languages = [code for code in args.languages.split(",") if code in libraries]
    print(f"SQLite {connection.Database.sqlite_version}, Python {sys.version.split()[0]}")

    rows = []
    have = 0
    print("\nQuery timings in ms (our service counts all ten facets, disjunctively):")
    print(
        f"  {'size':>6} {'lang':<4} {'query':<24} {'found':>6} {'ours p50':>8} {'p95':>8}   "
        f"{'naive p50':>9} {'p95':>9}  {'ratio':>8}"
    )
    for size in sizes:
        pages, created, ours_index, wagtail_index = _add_practices(libraries, size - have, rng)
        have = size
        print(
            f"  [{size} practices ({pages} new pages with the translations): created in "
            f"{created:.1f}s, our index {ours_index:.1f}s, Wagtail's index {wagtail_index:.1f}s]",
            flush=True,
        )
        rows += _measure(size, args.runs, args.naive_budget, languages)

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
        speedup = big["naive"][0] / big["ours"][0]
        ok = (
            big["ours"][0] <= TARGET_P50_MS
            and big["ours"][1] <= TARGET_P95_MS
            and speedup >= TARGET_SPEEDUP
            and growth <= linear
        )
        failures += not ok
        print(
            f"  {'OK  ' if ok else 'FAIL'} {language:<4} {name:<24} p50 {big['ours'][0]:6.1f} ms "
            f"(≤{TARGET_P50_MS}), p95 {big['ours'][1]:6.1f} ms (≤{TARGET_P95_MS}), "
            f"{speedup:6.0f}x naive (≥{TARGET_SPEEDUP}), "
            f"growth x{growth:.1f} for x{linear:.0f} data"
        )

    print(
        f"\nHTTP throughput, gunicorn with 2 workers, {largest} practices, {args.duration}s each:"
    )
    tool, results, peaks = _throughput(args.duration)
    print(f"  ({tool})")
    for label, (rate, p50) in results.items():
        print(f"  {label:<34} {rate:9.1f} requests/s   p50 {p50}")
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("\nPeak memory (resident):")
    print(f"  benchmark process          {peak_self / 1024:8.1f} MB")
    for pid, peak in peaks.items():
        print(f"  gunicorn process {pid:<9} {peak / 1024:8.1f} MB")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    print("\nAll targets met." if not failures else f"\n{failures} target line(s) missed.")
    return 1 if failures else 0
