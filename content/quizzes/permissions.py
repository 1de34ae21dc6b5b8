"""What the staff groups may do with quizzes (applied after every migrate; see
content/base/permissions.py).

Editors and organizers write the question bank and the quizzes; organizers and analysts read
the results. Attempts themselves are written only by the participant taking the quiz.
"""

from content.base.permissions import GroupPermissions

AUTHORING = (
    "quizzes.add_question",
    "quizzes.change_question",
    "quizzes.delete_question",
    "quizzes.view_question",
    "quizzes.import_question",
    "quizzes.add_quiz",
    "quizzes.change_quiz",
    "quizzes.delete_quiz",
    "quizzes.view_quiz",
    # Self-assessments are written like quizzes, by whoever writes quizzes.
    "quizzes.add_selfassessment",
    "quizzes.change_selfassessment",
    "quizzes.delete_selfassessment",
    "quizzes.view_selfassessment",
)
RESULTS = ("quizzes.view_attempt",)
# The question's image is chosen or uploaded from the question form.
IMAGES = ("wagtailimages.choose_image", "wagtailimages.add_image")

GROUPS = [
    GroupPermissions("Editor", models=AUTHORING, collections=IMAGES),
    GroupPermissions("Organizer", models=AUTHORING + RESULTS, collections=IMAGES),
    GroupPermissions(
        "Analyst", models=("quizzes.view_quiz", "quizzes.view_selfassessment", *RESULTS)
    ),
]
