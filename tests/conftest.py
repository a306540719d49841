import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data the data migrations create, also present when the suite runs with --no-migrations."""
    with django_db_blocker.unblock():
        call_command("seed_reference_data", verbosity=0)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded and generated files go to a throwaway folder, never into var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def union_staff(db):
    """A union staff member: dashboard access and the review permission, not a superuser."""
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    user = UserFactory(is_staff=True, email="canbo@lienminhhtx.example.vn")
    user.user_permissions.add(Permission.objects.get(codename="review_storefront"))
    return user
