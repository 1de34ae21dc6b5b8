"""A parser run through isolated.run is stopped by the kernel at its memory or CPU cap, and the
calling process carries on. Outcomes are what is asserted (which limit stopped the child, this
process still answering), never how long anything took."""

import os
import resource
import signal

import pytest

from content.base import isolated
from content.base.models import ImportJob


def double(number):
    return number * 2


def grab_memory():
    kept = []
    while True:
        kept.append(bytearray(8 * 1024 * 1024))


def spin():
    count = 0
    while True:
        count += 1


def refuse():
    raise ValueError("Baris 3: tidak valid.")


def die():
    os.kill(os.getpid(), signal.SIGKILL)


def query_the_database():
    return ImportJob.objects.count()


def memory_error_inside_another():
    try:
        bytearray(10**13)
    except MemoryError as error:
        raise RuntimeError("openpyxl wraps it") from error


class TestOutcomes:
    def test_a_result_comes_back(self):
        assert isolated.run(double, 21, memory_mb=64, cpu_seconds=5) == 42

    def test_an_exception_comes_back_as_it_was_raised(self):
        with pytest.raises(ValueError, match="Baris 3"):
            isolated.run(refuse, memory_mb=64, cpu_seconds=5)

    def test_a_child_over_its_memory_is_stopped(self):
        with pytest.raises(isolated.TooComplex) as refused:
            isolated.run(grab_memory, memory_mb=64, cpu_seconds=30)
        assert refused.value.reason == "memory"
        assert "terlalu rumit untuk dibaca" in refused.value.message

    def test_a_memory_error_wrapped_in_another_is_still_the_memory_limit(self):
        with pytest.raises(isolated.TooComplex) as refused:
            isolated.run(memory_error_inside_another, memory_mb=64, cpu_seconds=5)
        assert refused.value.reason == "memory"

    def test_a_child_over_its_cpu_time_is_killed_by_the_kernel(self):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        with pytest.raises(isolated.TooComplex) as refused:
            isolated.run(spin, memory_mb=64, cpu_seconds=1)
        assert refused.value.reason == "cpu"
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # The child used its second of CPU and no more than the hard limit allows.
        used = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        assert 0.9 <= used < 3.5

    def test_a_child_that_dies_is_reported_not_awaited(self):
        with pytest.raises(isolated.TooComplex) as refused:
            isolated.run(die, memory_mb=64, cpu_seconds=5)
        assert refused.value.reason == "crash"


@pytest.mark.django_db
class TestTheCallerSurvives:
    def test_after_each_kind_of_runaway_this_process_still_answers(self, client):
        parent = os.getpid()
        for runaway in (grab_memory, spin, die):
            with pytest.raises(isolated.TooComplex):
                isolated.run(runaway, memory_mb=64, cpu_seconds=1)
        assert os.getpid() == parent
        assert ImportJob.objects.count() == 0  # the database connection is intact
        assert client.get("/healthz").status_code == 200

    def test_the_child_may_not_use_the_database(self):
        ImportJob.objects.count()  # the connection exists, and the child inherits it
        with pytest.raises(isolated.DatabaseRefused):
            isolated.run(query_the_database, memory_mb=64, cpu_seconds=5)
        assert ImportJob.objects.count() == 0
