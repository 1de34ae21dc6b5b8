"""Running a parser of uploaded files where a runaway cannot take the calling process down.

A file of a few kilobytes can make a parser (openpyxl, pyHanko) spend gigabytes and minutes:
counting what a file holds before parsing it bounds the known ways, and this bounds the rest.
`run(func, *args, memory_mb=..., cpu_seconds=...)` calls `func` in a child process forked from
this one (it starts in milliseconds and shares the code and settings already loaded) whose
address space and CPU time the kernel caps (setrlimit RLIMIT_AS and RLIMIT_CPU). A child that
reaches a cap gets a MemoryError or is stopped by SIGXCPU; the caller gets TooComplex, which
says in Indonesian that the file is too complex to read, and the web process or task worker
that called carries on.

`func` must be pure: bytes in, plain picklable data out. It may not use the database (the
child shares the parent's connections, and a query there would corrupt them: one is refused
with an error), and what it returns or raises crosses back pickled.
"""

import gc
import multiprocessing
import resource
import signal

from django.db import connections

from content.base.errors import NotAllowed

TOO_COMPLEX = (
    "Berkas terlalu rumit untuk dibaca: membacanya memerlukan memori atau waktu melebihi batas "
    "yang diizinkan."
)
MB = 1024 * 1024


class TooComplex(NotAllowed):
    """The child reached a limit. `reason` says which: "memory", "cpu", "crash" (killed or
    died some other way) or "timeout" (no answer long after its CPU time was up)."""

    def __init__(self, reason, message=TOO_COMPLEX):
        super().__init__(message)
        self.reason = reason

    def __reduce__(self):
        return type(self), (self.reason, self.message)


class DatabaseRefused(RuntimeError):
    pass


def _refuse_database(*args, **kwargs):
    raise DatabaseRefused("isolated.run: the function may not use the database")


def _address_space():
    """This process's virtual memory size in bytes, or None where /proc is missing."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return None


def _peak_address_space():
    """The most virtual memory this process has held, in bytes (VmPeak), or None."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


# A child whose peak came this close to its cap ran out of memory, whatever it says: libraries
# report a failed allocation in their own words (expat's "out of memory", lxml's "Memory
# allocation failed") or swallow it and return a wrong answer.
MEMORY_MARGIN = 8 * MB


def _reached_memory_cap(limit):
    peak = _peak_address_space()
    return limit is not None and peak is not None and peak >= limit - MEMORY_MARGIN


def _apply_limits(memory_mb, cpu_seconds):
    # SIGXCPU's default action dumps core: a refused file must not leave one behind.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    signal.signal(signal.SIGXCPU, signal.SIG_DFL)
    # A forked child starts with no CPU time used; it is stopped once it has used this much.
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    cpu_hard = cpu_seconds + 2 if hard == resource.RLIM_INFINITY else min(hard, cpu_seconds + 2)
    resource.setrlimit(resource.RLIMIT_CPU, (min(cpu_seconds, cpu_hard), cpu_hard))
    # The child inherits the parent's whole address space (most of it shared, copy on write):
    # the cap is what it already has plus the budget.
    current = _address_space()
    if current is None:
        return None
    limit = current + memory_mb * MB
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return limit


def _out_of_memory(error):
    while error is not None:
        if isinstance(error, MemoryError):
            return True
        error = error.__cause__ or error.__context__
    return False


def _child(sender, func, args, kwargs, memory_mb, cpu_seconds):
    # What the parent left behind is never collected here: no finaliser of an inherited object
    # (a database connection) may run in the child.
    gc.freeze()
    limit = _apply_limits(memory_mb, cpu_seconds)
    for connection in connections.all(initialized_only=True):
        connection.execute_wrappers.append(_refuse_database)
    try:
        outcome = ("ok", func(*args, **kwargs))
    except BaseException as error:  # noqa: BLE001 (everything goes back to the parent)
        outcome = ("memory", None) if _out_of_memory(error) else ("error", error)
    if _reached_memory_cap(limit):
        outcome = ("memory", None)
    try:
        sender.send(outcome)
    except MemoryError:
        outcome = None
        sender.send(("memory", None))
    except Exception as error:  # noqa: BLE001 (an exception that does not pickle)
        sender.send(("error", RuntimeError(f"{type(outcome[1]).__name__}: {error}")))
    sender.close()


def _reason(exitcode):
    # SIGKILL comes from the hard CPU limit (past the soft one) or the kernel's OOM killer.
    return "cpu" if exitcode == -signal.SIGXCPU else "crash"


def run(func, *args, memory_mb, cpu_seconds, **kwargs):
    """`func(*args, **kwargs)` in a child capped at `memory_mb` more memory than this process
    has and `cpu_seconds` of CPU time. Returns what it returns and raises what it raises; a
    child stopped by a limit raises TooComplex."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child,
        args=(sender, func, args, kwargs, memory_mb, cpu_seconds),
        name=f"isolated-{getattr(func, '__name__', 'parser')}",
    )
    child.start()
    sender.close()
    # Only a backstop for a child that hangs without using CPU (it cannot outlive its CPU
    # time otherwise), generous for a machine busy with other work.
    wall_seconds = max(60, 10 * cpu_seconds)
    try:
        outcome = receiver.recv() if receiver.poll(wall_seconds) else ("timeout", None)
    except (EOFError, OSError):
        outcome = None  # the child died before answering
    finally:
        receiver.close()
        child.join(5)
        if child.is_alive():
            child.kill()
            child.join()
    if outcome is None:
        raise TooComplex(_reason(child.exitcode))
    kind, value = outcome
    if kind == "ok":
        return value
    if kind == "error":
        raise value
    raise TooComplex(kind)
