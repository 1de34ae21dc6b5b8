"""Where a quiz is taken: self-paced at /kuis/<slug>/, or as a session's pre- or post-test."""

from dataclasses import dataclass

from content.quizzes.models import Attempt, Purpose


@dataclass(frozen=True)
class Context:
    """Where a quiz is taken: self-paced, or as a session's pre- or post-test, with the times it
    is open there."""

    quiz: object
    purpose: str
    session: object = None
    opens_at: object = None
    closes_at: object = None

    @property
    def quiz_label(self):
        return Purpose(self.purpose).label.lower() if self.session else self.quiz.title

    def attempts(self, participant):
        return Attempt.objects.filter(
            quiz=self.quiz, participant=participant, session=self.session, purpose=self.purpose
        )
