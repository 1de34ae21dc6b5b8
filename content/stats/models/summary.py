"""Summary tables of the statistics: the additive figures grouped per session (or day), agency
and group as recorded at the time, and the distinct (day, topic, agency, group, person) rows
that count people exactly. The task worker's refresh rebuilds them (services/summary.py);
selectors read them only while they are current (SummaryState), otherwise the raw records.

The agency and group columns are those each record kept at the time (AtTheTime), so every
filter of a StatsFilter but the single session is a WHERE on these columns. Ids are plain
integers, not foreign keys: the tables are copies, rebuilt whole, never edited."""

import uuid

from django.core.cache import cache
from django.db import models

from content.base.generations import current_generation

# A generation counter of its own (content/base/generations.py), bumped once each write behind
# the figures has committed (warming.schedule_refresh): a rebuild that started before the bump
# may have missed that write, so its tables no longer count as current.
SUMMARY_SCOPE = "stats-summary"
# The cache key holding (token, generation) of the tables' latest build (SummaryState).
TOKEN_KEY = "stats:summary-token"


def summary_generation():
    return current_generation(SUMMARY_SCOPE)


class SummaryState(models.Model):
    """The one row saying which summary generation the tables were built at. Its token is also
    kept in the cache: a cache emptied or a database restored makes the two disagree, and the
    selectors read the raw records until the next rebuild."""

    generation = models.BigIntegerField()
    token = models.UUIDField(default=uuid.uuid4)
    built_at = models.DateTimeField()
    seconds = models.FloatField(default=0)

    class Meta:
        verbose_name = "status ringkasan statistik"

    def __str__(self):
        return f"Ringkasan statistik, generasi {self.generation}"


class _Cell(models.Model):
    day = models.DateField()
    topic_id = models.IntegerField(null=True)
    agency_id = models.IntegerField(null=True)
    participant_group = models.CharField(max_length=8, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{type(self).__name__} {self.day} {self.agency_id} {self.participant_group}"


class AttendanceCell(_Cell):
    """Attended attendances (hadir, terlambat) of one session, agency and group."""

    session_id = models.IntegerField()
    attendances = models.IntegerField()
    training_hours = models.IntegerField()
    # Certificates (not revoked) of the session for these attendances' people.
    certificates = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["day"], name="stats_attcell_day")]


class RegistrationCell(_Cell):
    """Registrations (status registered) of one session, agency and group, and how many of
    their people attended."""

    session_id = models.IntegerField()
    registered = models.IntegerField()
    registered_attended = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["day"], name="stats_regcell_day")]


class AttemptCell(_Cell):
    """Attempts of one session (day: its date; topic: its topic) or self-paced attempts of one
    local day (session_id null; topic: the quiz's), per agency, group, purpose and score band."""

    session_id = models.IntegerField(null=True)
    purpose = models.CharField(max_length=12)
    # The finished attempts' band of ten points (0: 0-9 ... 9: 90-100); null while in progress.
    band = models.SmallIntegerField(null=True)
    started = models.IntegerField()
    finished = models.IntegerField()
    assessed = models.IntegerField()
    passed = models.IntegerField()
    pre_sum = models.DecimalField(max_digits=14, decimal_places=2, null=True)
    pre_count = models.IntegerField()
    post_sum = models.DecimalField(max_digits=14, decimal_places=2, null=True)
    post_count = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["day"], name="stats_attemptcell_day")]


class PersonDay(_Cell):
    """One person attended at least one session of this day and topic, recorded with this
    agency and group: counting distinct person_id over these rows is exact."""

    person_id = models.IntegerField()

    class Meta:
        indexes = [
            models.Index(
                fields=["day", "person_id"],
                name="stats_personday_day",
                include=["topic_id", "agency_id", "participant_group"],
            )
        ]


def summary_is_current():
    """Whether the tables were built at the current summary generation and the cache still
    holds the token of that build: one query (the state row) and two cache reads."""
    kept = cache.get(TOKEN_KEY)
    if kept is None:
        return False
    token, generation = kept
    if generation != summary_generation():
        return False
    return SummaryState.objects.filter(pk=1, token=token, generation=generation).exists()
