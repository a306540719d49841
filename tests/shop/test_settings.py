"""Production safety of the settings: they come from the environment and refuse to run unsafely."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "prod-" + "k7Qz9x2LmN4pR8tV1wY6bC3dF5gH0jS" * 2,
    "ALLOWED_HOSTS": "chohtx.vn,www.chohtx.vn",
    "DATABASE_URL": "sqlite:////tmp/cho-htx-settings-test.sqlite3",
}


def manage(*args, **env):
    """Run manage.py in a fresh interpreter with exactly the given environment (plus PATH)."""
    environment = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", **{key: value for key, value in PRODUCTION.items() if key != "SECRET_KEY"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_deploy_check_reports_no_warnings_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_development_runs_without_a_secret_key():
    result = manage("check", DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_beat_runs_the_daily_ocop_job_at_half_past_one_in_vietnam_whatever_time_it_started(settings):
    daily = settings.CELERY_BEAT_SCHEDULE["ocop-daily"]["schedule"]
    every_quarter = settings.CELERY_BEAT_SCHEDULE["reconcile-payments"]["schedule"]

    assert (daily.hour, daily.minute) == ({1}, {30})
    assert every_quarter.minute == {0, 15, 30, 45}
    assert settings.CELERY_TIMEZONE == "Asia/Ho_Chi_Minh"


PRIVATE_STORAGE = "from django.conf import settings; print(settings.STORAGES['private'])"


def test_private_files_stay_on_the_local_disk_without_s3():
    result = manage("shell", "-c", PRIVATE_STORAGE, DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert "shop.private_files.LocalPrivateStorage" in result.stdout


def test_private_files_go_to_their_own_private_bucket_when_s3_is_configured():
    result = manage(
        "shell",
        "-c",
        PRIVATE_STORAGE,
        DEBUG="1",
        AWS_STORAGE_BUCKET_NAME="chohtx-media",
        AWS_PRIVATE_BUCKET_NAME="chohtx-docs",
    )
    assert result.returncode == 0, result.stderr
    assert "shop.private_files.PrivateS3Storage" in result.stdout
    assert "'bucket_name': 'chohtx-docs'" in result.stdout
