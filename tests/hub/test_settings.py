"""Production settings: deploy checks pass; a missing secret stops start-up clearly."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **extra_env):
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update({"DJANGO_SETTINGS_MODULE": "hub.settings.production", **extra_env})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_deploy_check_passes_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k" * 20 + "a-long-random-production-secret-value-1234567890",
        ALLOWED_HOSTS="localactionhub.example",
        EMAIL_HOST="smtp.localactionhub.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_mail_server():
    """No silent console fallback that would print confirmation links into the logs."""
    result = run_manage(
        "check",
        SECRET_KEY="k" * 20 + "a-long-random-production-secret-value-1234567890",
        ALLOWED_HOSTS="localactionhub.example",
        EMAIL_HOST="",
    )
    assert result.returncode != 0
    assert "EMAIL_HOST" in result.stderr


def test_missing_secret_key_names_the_variable():
    result = run_manage("check", ALLOWED_HOSTS="localactionhub.example", EMAIL_HOST="smtp.example")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "required" in result.stderr


def test_seed_demo_refuses_to_run_with_production_settings(tmp_path):
    """It would create users with known passwords (or reset an existing admin's)."""
    result = run_manage(
        "seed_demo",
        SECRET_KEY="k" * 20 + "a-long-random-production-secret-value-1234567890",
        ALLOWED_HOSTS="localactionhub.example",
        EMAIL_HOST="smtp.localactionhub.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode != 0
    assert "refuses to run with production settings" in result.stderr
    assert not (tmp_path / "db.sqlite3").exists()
