"""UK local time and real elapsed time across the clock changes (answerable/core/uk_time.py).

In 2023 the clocks went forward at 01:00 GMT on 26 March and back at 01:00 GMT on 29 October.
"""

from datetime import UTC, date, datetime, timedelta, timezone

from answerable.core.uk_time import as_uk_aware, elapsed_minutes, uk_date, uk_start_of_day


def test_naive_summer_time_is_read_as_bst():
    moment = as_uk_aware(datetime(2023, 7, 1, 12, 0))
    assert moment == datetime(2023, 7, 1, 11, 0, tzinfo=UTC)
    assert moment.tzinfo is UTC


def test_naive_winter_time_is_read_as_gmt():
    assert as_uk_aware(datetime(2023, 1, 15, 12, 0)) == datetime(2023, 1, 15, 12, 0, tzinfo=UTC)


def test_aware_times_keep_their_instant():
    moment = datetime(2023, 7, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    assert as_uk_aware(moment) == datetime(2023, 7, 1, 10, 0, tzinfo=UTC)


def test_the_skipped_hour_is_read_with_the_offset_before_the_change():
    # 01:30 on 26 March 2023 never happened on a UK clock; PEP 495 reads it as GMT.
    assert as_uk_aware(datetime(2023, 3, 26, 1, 30)) == datetime(2023, 3, 26, 1, 30, tzinfo=UTC)


def test_repeated_hour_reads_as_its_first_occurrence():
    # 01:30 on 29 October 2023 happened twice; the first (fold=0) was still BST.
    moment = as_uk_aware(datetime(2023, 10, 29, 1, 30))
    assert moment.astimezone(UTC) == datetime(2023, 10, 29, 0, 30, tzinfo=UTC)


def test_uk_date_in_summer_crosses_midnight_an_hour_before_utc():
    assert uk_date(datetime(2023, 6, 30, 23, 30, tzinfo=UTC)) == date(2023, 7, 1)
    assert uk_date(datetime(2023, 6, 30, 22, 59, tzinfo=UTC)) == date(2023, 6, 30)


def test_uk_date_in_winter_is_the_utc_date():
    assert uk_date(datetime(2023, 12, 31, 23, 30, tzinfo=UTC)) == date(2023, 12, 31)
    assert uk_date(datetime(2024, 1, 1, 0, 0, tzinfo=UTC)) == date(2024, 1, 1)


def test_uk_date_of_a_period_boundary():
    # Seed 001's year ran from 1 April 2017: 23:30 UTC on 31 March 2017 was 00:30 BST on 1 April.
    assert uk_date(datetime(2017, 3, 31, 23, 30, tzinfo=UTC)) == date(2017, 4, 1)


def test_uk_start_of_day():
    assert uk_start_of_day(date(2023, 7, 1)).astimezone(UTC) == datetime(
        2023, 6, 30, 23, 0, tzinfo=UTC
    )
    assert uk_start_of_day(date(2023, 1, 1)).astimezone(UTC) == datetime(
        2023, 1, 1, 0, 0, tzinfo=UTC
    )


def test_elapsed_minutes_on_an_ordinary_day():
    start = as_uk_aware(datetime(2023, 5, 2, 14, 5))
    end = as_uk_aware(datetime(2023, 5, 3, 9, 40))
    assert elapsed_minutes(start, end) == 19 * 60 + 35


def test_elapsed_minutes_across_the_march_clock_change_is_an_hour_shorter():
    # 00:30 GMT to 03:30 BST on 26 March 2023: three hours on the wall clock, two really.
    start = as_uk_aware(datetime(2023, 3, 26, 0, 30))
    end = as_uk_aware(datetime(2023, 3, 26, 3, 30))
    assert elapsed_minutes(start, end) == 120


def test_elapsed_minutes_across_the_october_clock_change_is_an_hour_longer():
    # 00:30 BST to 03:30 GMT on 29 October 2023: three hours on the wall clock, four really.
    start = as_uk_aware(datetime(2023, 10, 29, 0, 30))
    end = as_uk_aware(datetime(2023, 10, 29, 3, 30))
    assert elapsed_minutes(start, end) == 240


def test_elapsed_minutes_across_a_clock_change_over_several_days():
    # Arrived Saturday 25 March 2023 22:00 GMT, released Monday 27 March 22:00 BST: 47 hours.
    start = as_uk_aware(datetime(2023, 3, 25, 22, 0))
    end = as_uk_aware(datetime(2023, 3, 27, 22, 0))
    assert elapsed_minutes(start, end) == 47 * 60


def test_elapsed_minutes_with_mixed_offsets():
    start = datetime(2023, 10, 28, 23, 0, tzinfo=UTC)
    end = as_uk_aware(datetime(2023, 10, 29, 3, 0))  # GMT again
    assert elapsed_minutes(start, end) == 240


def test_elapsed_minutes_counts_whole_minutes():
    start = datetime(2023, 5, 2, 14, 0, 0, tzinfo=UTC)
    assert elapsed_minutes(start, start + timedelta(seconds=119)) == 1
    assert elapsed_minutes(start, start) == 0
