"""Where the performance harness keeps its state, and the environment the site runs in under load.

Everything lives outside the development database: a PostgreSQL database of its own (``cho_htx_bench`` unless told
otherwise) and var/bench/ for media, collected static files and results. The served site is configured only through
environment variables, as in production (shop/settings.py), with DEBUG off.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STATE = ROOT / "var" / "bench"
MEDIA = STATE / "media"
STATIC = STATE / "static"
RESULTS = STATE / "results"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
DEFAULT_DATABASE = "cho_htx_bench"
REDIS = "redis://127.0.0.1:6379/7"  # a database number of its own, flushed before each cached run
SECRET_KEY = "bench-only-not-a-secret-" + "x" * 40


def database_url(name):
    return f"{POSTGRES}/{name}"


def site_environment(database, cache_url="locmemcache://", page_cache_seconds=0, extra=None):
    """The environment of a production-like process: DEBUG off, the bench database, mail going nowhere, no SSL
    redirect (the load arrives over plain HTTP on loopback, as it would behind a TLS-terminating proxy)."""
    env = dict(os.environ)
    for name in ("ELASTICSEARCH_URL", "REDIS_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="shop.settings",
        DEBUG="0",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url(database),
        CACHE_URL=cache_url,
        PAGE_CACHE_SECONDS=str(page_cache_seconds),
        EMAIL_URL="dummymail://",
        MEDIA_ROOT=str(MEDIA),
        STATIC_ROOT=str(STATIC),
        LOG_LEVEL="WARNING",
    )
    env.update(extra or {})
    return env


def setup_django(database, **overrides):
    """Configure and start Django in this process against the bench database."""
    environment = site_environment(database, **overrides)
    os.environ.clear()
    os.environ.update(environment)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
