"""What an app above adds to the item analysis about each question (registered from above: the
quizzes do not know who computes it). The statistics register the digital literacy index's
calibration (content/stats/literacy/item_flags.py): a question's difficulty on its pillar's
Rasch scale and how well the model fits it.

A provider is `provider(question_ids) -> {question_id: {difficulty, infit, outfit, misfit,
responses}}`, in a fixed number of queries however many questions; a question it knows nothing
about is left out. A question with no note shows blanks, never an error.
"""

from dataclasses import dataclass

# Where the Rasch model expects a question's mean-square fit statistics (infit and outfit MNSQ):
# near 1, and the usual acceptable range for a multiple-choice test is 0.7 to 1.3.
FIT_LOW, FIT_HIGH = 0.7, 1.3
MISFIT_LABEL = "Tidak cocok dengan model (infit/outfit di luar 0,7-1,3)"
MISFIT_ADVICE = (
    "Pada soal seperti ini, jawaban peserta tidak mengikuti pola yang diharapkan: peserta yang "
    "kuat justru salah atau yang lemah justru benar (di atas 1,3), atau jawabannya terlalu mudah "
    "ditebak dari polanya (di bawah 0,7). Periksa kunci jawabannya, kalimat yang ambigu atau "
    "menjebak, dan pilihan yang sama-sama benar; perbaiki soalnya atau ganti dengan soal baru."
)

_providers = []


@dataclass(frozen=True)
class ItemNote:
    difficulty: float | None  # logit: above 0 harder than the pillar's average question
    infit: float | None
    outfit: float | None
    misfit: bool
    responses: int


def register_item_notes(provider):
    """Add a provider; registering the same one again (a second ready()) changes nothing."""
    if provider not in _providers:
        _providers.append(provider)


def item_notes(question_ids):
    """{question_id: ItemNote} from every provider (a later one wins for a question both
    know); {} without providers or questions."""
    question_ids = list(question_ids)
    notes = {}
    if not question_ids:
        return notes
    for provider in _providers:
        for question_id, values in provider(question_ids).items():
            notes[question_id] = ItemNote(
                difficulty=values.get("difficulty"),
                infit=values.get("infit"),
                outfit=values.get("outfit"),
                misfit=bool(values.get("misfit")),
                responses=values.get("responses") or 0,
            )
    return notes
