"""A value kept for a while (shop.caching.kept) is computed once per miss, and never kept when the seconds are 0."""

from unittest import mock

from django.core.cache import cache

from shop.caching import kept


def test_a_kept_value_is_computed_once_and_then_read_from_the_cache():
    compute = mock.Mock(return_value=0)

    assert [kept("test:kept", 60, compute) for _ in range(3)] == [0, 0, 0]

    compute.assert_called_once_with()


def test_with_zero_seconds_the_value_is_computed_every_time_and_the_cache_left_alone():
    compute = mock.Mock(return_value=[1, 2])

    with mock.patch.object(cache, "get") as get, mock.patch.object(cache, "set") as set_:
        assert kept("test:kept", 0, compute) == [1, 2]
        assert kept("test:kept", 0, compute) == [1, 2]

    assert compute.call_count == 2
    get.assert_not_called()
    set_.assert_not_called()
