"""Running work in threads that start at the same instant, for the PostgreSQL race tests."""

import threading

from django.db import connection


def all_at_once(work, arguments):
    """Call `work(argument)` for every argument, each in its own thread and database
    connection, released together. Returns (results, errors)."""
    barrier = threading.Barrier(len(arguments))
    results, errors = [], []

    def run(argument):
        try:
            barrier.wait()
            results.append(work(argument))
        except Exception as error:  # collected and reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
