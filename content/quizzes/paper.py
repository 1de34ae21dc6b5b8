"""Which questions an attempt shows, in which order, with options in which order.

Everything random comes from the attempt's seed, so an attempt's paper can be drawn again from
the seed and the question bank as it was.
"""

import random

from content.quizzes.models import Question


def compose(quiz, seed):
    """[(question, [option ids in the order shown])] for a new attempt."""
    rng = random.Random(seed)
    picked = [
        item.question
        for item in quiz.picked.select_related("question").prefetch_related("question__options")
    ]
    if quiz.picked_draw_count and quiz.picked_draw_count < len(picked):
        # The quiz's own pool: N of its picked questions, kept in the order they were picked.
        # Only drawn when asked for, so earlier attempts' papers come out of their seeds as
        # they did.
        chosen = set(rng.sample(range(len(picked)), quiz.picked_draw_count))
        picked = [question for index, question in enumerate(picked) if index in chosen]
    taken = {question.pk for question in picked}
    drawn = []
    for draw in quiz.draws.order_by("sort_order", "pk"):
        pool = list(
            Question.objects.filter(topic_id=draw.topic_id)
            .exclude(pk__in=taken)
            .order_by("pk")
            .prefetch_related("options")
        )
        sample = rng.sample(pool, min(draw.count, len(pool)))
        taken.update(question.pk for question in sample)
        drawn.extend(sample)
    questions = picked + drawn
    if quiz.shuffle_questions:
        rng.shuffle(questions)
    paper = []
    for question in questions:
        option_ids = [option.pk for option in question.options.all()]
        # True/false and verdict options keep one order for every question: shuffling them
        # would only confuse, and their order says nothing about the answer.
        if quiz.shuffle_options and not question.has_fixed_options:
            rng.shuffle(option_ids)
        paper.append((question, option_ids))
    return paper


def new_seed():
    return random.SystemRandom().randrange(1, 2**62)
