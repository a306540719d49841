"""Row locks taken one way everywhere: ``SELECT ... FOR UPDATE`` in primary-key order, inside a transaction.

Two transactions that lock the same rows in the same order wait for each other instead of deadlocking, so every lock
goes through here (as Saleor's ``lock_objects`` helpers) rather than being written by hand at each call site. A lock
only means something inside ``transaction.atomic``: PostgreSQL releases it at the end of the statement otherwise, and
SQLite (which has no row locks, its writers take turns on the whole file) would hide the mistake, so these functions
refuse to run outside one on every database.

``for_update`` gives the locking queryset (for ``get_or_create`` and the like), ``lock_rows`` the locked rows,
``lock_one`` one locked row by primary key.
"""

from django.db import transaction
from django.db.models import Model, QuerySet


class LockOutsideTransaction(RuntimeError):
    """A row lock asked for outside ``transaction.atomic``: a programming error, never the user's."""


def queryset_of(model_or_queryset):
    if isinstance(model_or_queryset, QuerySet):
        return model_or_queryset
    if isinstance(model_or_queryset, type) and issubclass(model_or_queryset, Model):
        return model_or_queryset._default_manager.all()
    raise TypeError(f"a model or a queryset, not {model_or_queryset!r}")


def for_update(model_or_queryset, *, no_key=False, of=()):
    """The queryset's rows, ordered by primary key and locked when evaluated (``no_key``: FOR NO KEY UPDATE, which
    does not block rows that merely refer to these by foreign key; ``of``: lock only these tables of a join)."""
    queryset = queryset_of(model_or_queryset)
    if not transaction.get_connection(queryset.db).in_atomic_block:
        raise LockOutsideTransaction(f"locking {queryset.model.__name__} rows needs transaction.atomic()")
    return queryset.select_for_update(no_key=no_key, of=of).order_by("pk")


def lock_rows(model_or_queryset, *, no_key=False, of=()):
    """Lock the queryset's rows in primary-key order and return them (a list, re-read under the lock)."""
    return list(for_update(model_or_queryset, no_key=no_key, of=of))


def lock_one(model_or_queryset, pk, *, no_key=False, of=()):
    """Lock the row with primary key ``pk`` and return it, re-read under the lock; ``DoesNotExist`` when the row is
    gone or outside the queryset (e.g. an invitation filtered on "not yet accepted" that was accepted meanwhile)."""
    return for_update(model_or_queryset, no_key=no_key, of=of).get(pk=pk)
