import io

import pytest
from django.core.management import call_command
from django.utils import translation


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file in this session's (this xdist worker's) own temporary folder, never
    Django's in-memory default: there the live server's threads all share the test's one connection, so two requests
    at once interleave their transactions' savepoints ("no such savepoint"), and no test could show how concurrent
    requests behave on the embedded default. A file gives every thread its own connection, as in production."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("sqlite") / "test.sqlite3")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data the data migrations create, also present when the suite runs with --no-migrations."""
    with django_db_blocker.unblock():
        call_command("seed_reference_data", verbosity=0, stdout=io.StringIO())


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded and generated files go to a throwaway folder, never into var/media; passwords hash fast."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    # sorl-thumbnail remembers in the cache which thumbnails exist: those were in another test's media folder.
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def vietnamese_by_default():
    """Each test starts in Vietnamese, whatever language a previous test's request left active in this thread."""
    with translation.override("vi"):
        yield


def make_union_staff(**fields):
    """A union staff member: dashboard access and the union staff group's permissions, not a superuser."""
    from storefronts.staff import ensure_union_staff_group
    from tests.factories import UserFactory

    user = UserFactory(is_staff=True, **fields)
    user.groups.add(ensure_union_staff_group())
    return user


@pytest.fixture
def union_staff(db):
    return make_union_staff(email="canbo@lienminhhtx.example.vn")


def pytest_collection_modifyitems(config, items):
    """Concurrency tests need PostgreSQL; on SQLite they are listed as skipped with how to run them (never silent).

    .ci/run's second pass runs the whole suite, these included, on PostgreSQL.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    reason = "needs PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> (as .ci/run does)"
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (live server, real concurrency) ends by flushing every table, reference data included:
    put the reference data back for the tests that follow."""
    yield
    if nextitem is None:
        return  # the test database is already gone: never seed the real one
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    if (marker and marker.kwargs.get("transaction")) or {"transactional_db", "live_server"} & set(fixtures):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            call_command("seed_reference_data", verbosity=0, stdout=io.StringIO())
