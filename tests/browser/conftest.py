"""Browser tests: Playwright drives Debian's Chromium against a real server.

One server per test session (per pytest-xdist worker) runs in a subprocess
exactly as `make run` does: migrate, `seed_demo`, `runserver`, on its own
database (a SQLite file, or a PostgreSQL database when DATABASE_URL is set)
and with emails written to files (``EMAIL_FILE_PATH``) that tests read back.
Tests share the demo data, so each uses its own names and email addresses.
"""

import email
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from email import policy
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_database_url(tmp):
    url = os.environ.get("DATABASE_URL")
    if not url or not url.startswith("postgres"):
        return f"sqlite:///{tmp / 'browser.sqlite3'}"
    import psycopg

    base, _, _name = url.rpartition("/")
    name = f"lah_browser_{os.getpid()}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


class LiveSite:
    """The running demo site: its address, its logins and the emails it sent."""

    def __init__(self, url, mail_dir, credentials):
        self.url = url
        self.mail_dir = mail_dir
        self.credentials = credentials

    def __call__(self, path=""):
        return self.url + path

    def emails(self, to=None):
        """Every email sent so far (oldest first), optionally only those to one address."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime):
            raw = path.read_bytes()
            for chunk in raw.split(b"-" * 79 + b"\n"):
                if chunk.strip():
                    messages.append(email.message_from_bytes(chunk, policy=policy.default))
        if to:
            messages = [m for m in messages if to in (m["To"] or "")]
        return messages

    def wait_for_email(self, to, count=1, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.emails(to)
            if len(found) >= count:
                return found
            time.sleep(0.2)
        raise AssertionError(f"no email to {to} within {timeout}s")


@pytest.fixture(scope="session")
def live_site(tmp_path_factory):
    """Migrate, seed and serve the demo site once for the whole browser session."""
    tmp = tmp_path_factory.mktemp("live-site")
    mail_dir = tmp / "mail"
    mail_dir.mkdir()
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.dev",
        "DATABASE_URL": _server_database_url(tmp),
        "EMAIL_FILE_PATH": str(mail_dir),
        "MEDIA_ROOT": str(tmp / "media"),
        "DEMO_CREDENTIALS_FILE": str(tmp / "credentials.json"),
        "SITE_URL": f"http://127.0.0.1:{port}",
        "PYTHONUNBUFFERED": "1",
    }
    if os.environ.get("REDIS_URL"):
        # The server's cache in a Redis database of its own (the tests clear theirs).
        worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
        parts = urlsplit(os.environ["REDIS_URL"])
        env["REDIS_URL"] = urlunsplit(parts._replace(path=f"/{5 + worker}"))
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--no-input", "-v0"], ["seed_demo"]):
        subprocess.run([*manage, *command], env=env, cwd=ROOT, check=True, capture_output=True)
    log = open(tmp / "server.log", "w")  # noqa: SIM115 (kept open while the server runs)
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/robots.txt", timeout=2)  # noqa: S310
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError((tmp / "server.log").read_text()) from None
            time.sleep(0.3)
    credentials = json.loads((tmp / "credentials.json").read_text())
    yield LiveSite(url, mail_dir, credentials)
    server.terminate()
    server.wait(timeout=10)
    log.close()


@pytest.fixture
def page(page):
    """Playwright's page, failing the test if the browser reports a Content-Security-Policy
    violation (a blocked inline script or style, or a resource from another origin)."""
    violations = []

    def watch(message):
        if "Content Security Policy" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", watch)
    yield page
    assert violations == [], "\n".join(violations)


AXE_PATH = "/__axe-core.js"


def assert_no_axe_violations(page, context="document"):
    """Inject axe-core and fail on any violation.

    axe comes from node_modules, never the web: the browser asks the page's own
    origin for it (so the site's Content-Security-Policy allows it) and
    Playwright answers from the local file.
    """
    assert AXE.exists(), "axe-core missing: run `npm ci` (make test does)"
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
    page.route(
        origin + AXE_PATH,
        lambda route: route.fulfill(path=str(AXE), content_type="application/javascript"),
    )
    page.add_script_tag(url=origin + AXE_PATH)
    result = page.evaluate(
        "async ([ctx, tags]) => await axe.run(ctx === 'document' ? document : ctx, "
        "{runOnly: {type: 'tag', values: tags}})",
        [context, AXE_TAGS],
    )
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
        for v in result["violations"]
    ]
    assert violations == [], "\n".join(violations)


def login(page, live_site, username):
    page.goto(live_site("/admin/login/"))
    page.fill("#id_username", username)
    page.fill("#id_password", live_site.credentials[username])
    page.click("button[type=submit]")
    page.wait_for_url(live_site("/admin/"))
