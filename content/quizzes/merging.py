"""Quizzes' part in people's account merges and group changes, registered with people when
the app is ready (apps.py). The writes are quizzes' services (services/merging.py: which
series of attempts is kept); here only what one account holds, for the merge screen."""

from content.people.merging import register_merge_handler
from content.people.regrouping import register_group_change_handler
from content.quizzes.models import Attempt, SelfAssessmentResponse
from content.quizzes.services.merging import attempts_restamp, quizzes_merge


def attempt_records(user):
    """What one account holds, for the merge screen: its quiz attempts and self-assessments."""
    attempts = Attempt.objects.filter(participant=user)
    finished = attempts.filter(finished_at__isnull=False)
    passed = finished.filter(passed=True)
    return [
        (
            "Percobaan kuis",
            f"{attempts.count()} ({finished.count()} selesai, {passed.count()} lulus)",
        ),
        ("Swanilai", str(SelfAssessmentResponse.objects.filter(participant=user).count())),
    ]


register_merge_handler("quizzes", quizzes_merge, title="Kuis", records=attempt_records)
register_group_change_handler("quizzes", attempts_restamp)
