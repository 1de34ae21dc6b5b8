"""The literacy index's item calibration in the quizzes' item analysis: for each question, its
difficulty (logit) on its pillar's Rasch scale, its infit/outfit MNSQ and the engine's misfit
flag (ItemCalibration.misfit: infit or outfit outside 0.7-1.3 with at least 30 responses), from
the latest finished run, as every reader of the index reads it. Read-only, one query; questions
the run did not calibrate (or no run yet) are left out.

Imported by StatsConfig.ready(), which registers it below (content/quizzes/item_notes.py).
"""

from django.db.models import Subquery

from content.quizzes.item_notes import register_item_notes
from content.stats.models import ItemCalibration, LiteracyRun, RunStatus


def _latest_finished_run():
    return (
        LiteracyRun.objects.filter(status=RunStatus.FINISHED)
        .order_by("-finished_at", "-pk")
        .values("pk")[:1]
    )


def item_flags(question_ids):
    rows = ItemCalibration.objects.filter(
        run=Subquery(_latest_finished_run()), question_id__in=list(question_ids)
    ).values("question_id", "difficulty", "infit", "outfit", "misfit", "responses")
    return {
        row["question_id"]: {
            "difficulty": row["difficulty"],
            "infit": row["infit"],
            "outfit": row["outfit"],
            "misfit": row["misfit"],
            "responses": row["responses"],
        }
        for row in rows
    }


register_item_notes(item_flags)
