"""One whole computation of the index from arrays (responses.py reads them): calibrate each
pillar on a sample of attempts, score every unit (person x year x phase) with the
difficulties fixed, map to 1-5, aggregate into cells. Pure: no database; the service stores
what this returns."""

import time
from dataclasses import dataclass, field

import numpy as np

from content.stats.literacy import irt, scale
from content.stats.literacy.aggregate import PILLARS, SELF, Units, all_cells

PHASE_OF_PURPOSE = {0: "sebelum", 1: "sesudah"}  # self-paced (2): calibration only
PHASE_NAMES = np.array(["sebelum", "sesudah"], dtype=object)


@dataclass
class Result:
    items: list = field(default_factory=list)  # dicts for ItemCalibration
    # PersonLiteracy rows as arrays per pillar (dicts for 2.4 million rows would take GBs);
    # iter_persons() yields them one dict at a time for the service's batches.
    person_blocks: list = field(default_factory=list)
    cells: list = field(default_factory=list)  # dicts for LiteracyCell
    attempts: int = 0
    responses: int = 0
    people: int = 0
    calibration_sample: int = 0
    timings: dict = field(default_factory=dict)


def _units_of_attempts(knowledge):
    """Each pre/post attempt's unit index (-1 for others) and the units' person, year, phase
    code, agency and group (those of the unit's latest attempt)."""
    scored = np.isin(knowledge.attempt_purpose, (0, 1))
    keys = np.stack(
        [knowledge.attempt_person, knowledge.attempt_year, knowledge.attempt_purpose], axis=1
    )[scored]
    unit_keys, unit_of_scored = np.unique(keys, axis=0, return_inverse=True)
    unit = np.full(knowledge.attempt_person.size, -1, dtype=np.int64)
    unit[scored] = unit_of_scored.reshape(-1)
    # The latest attempt of each unit gives its agency and group.
    positions = np.flatnonzero(scored)
    order = positions[np.argsort(knowledge.attempt_finished[positions], kind="stable")][::-1]
    _u, first = np.unique(unit[order], return_index=True)
    latest = order[first]
    return unit, unit_keys, knowledge.attempt_agency[latest], knowledge.attempt_group[latest]


def compute(knowledge, self_rows, *, parent, sample, seed, min_people, samples):
    if sample is not None and sample < 0:
        raise ValueError(f"calibration sample must be 0 (all) or more, not {sample}")
    result = Result()
    rng = np.random.default_rng(seed)
    started = time.perf_counter()
    n_attempts = knowledge.attempt_id.size
    result.attempts = int(np.unique(knowledge.answer_attempt).size)
    result.responses = int(knowledge.answer_attempt.size)
    # One random sample of attempts calibrates every pillar.
    with_answers = np.unique(knowledge.answer_attempt)
    chosen = rng.permutation(with_answers)[:sample] if sample else with_answers
    in_sample = np.zeros(n_attempts, dtype=bool)
    in_sample[chosen] = True
    result.calibration_sample = int(chosen.size)

    unit, unit_keys, unit_agency, unit_group = _units_of_attempts(knowledge)
    n_units = unit_keys.shape[0]
    scores = np.full((n_units, len(PILLARS)), np.nan)
    answer_unit = unit[knowledge.answer_attempt]
    for k, pillar in enumerate(PILLARS):
        items = np.flatnonzero(knowledge.item_pillar == k)
        if not items.size:
            continue
        local = np.full(knowledge.question_ids.size, -1, dtype=np.int64)
        local[items] = np.arange(items.size)
        in_pillar = knowledge.item_pillar[knowledge.answer_item] == k
        calibrating = in_pillar & in_sample[knowledge.answer_attempt]
        tick = time.perf_counter()
        calibration = irt.calibrate(
            knowledge.answer_attempt[calibrating],
            local[knowledge.answer_item[calibrating]],
            knowledge.answer_correct[calibrating],
            n_items=items.size,
            groups=knowledge.attempt_quiz[knowledge.answer_attempt[calibrating]],
        )
        result.timings[f"calibrate {pillar}"] = time.perf_counter() - tick
        misfit = calibration.misfit
        for j, question in enumerate(knowledge.question_ids[items]):
            if not calibration.calibrated[j]:
                continue
            result.items.append(
                {
                    "question_id": int(question),
                    "pillar": pillar,
                    "difficulty": float(calibration.difficulty[j]),
                    "difficulty_se": _num(calibration.difficulty_se[j]),
                    "infit": _num(calibration.infit[j]),
                    "outfit": _num(calibration.outfit[j]),
                    "responses": int(calibration.responses[j]),
                    "correct": int(calibration.correct[j]),
                    "misfit": bool(misfit[j]),
                }
            )
        tick = time.perf_counter()
        scoring = in_pillar & (answer_unit >= 0)
        theta, se, answered = irt.wle(
            answer_unit[scoring],
            local[knowledge.answer_item[scoring]],
            knowledge.answer_correct[scoring],
            calibration.difficulty,
            n_persons=n_units,
        )
        index = scale.to_index(theta, calibration.difficulty)
        scores[:, k] = index
        result.timings[f"score {pillar}"] = time.perf_counter() - tick
        scored = np.flatnonzero(~np.isnan(theta))
        result.person_blocks.append(
            {
                "participant_id": unit_keys[scored, 0],
                "year": unit_keys[scored, 1],
                "phase": PHASE_NAMES[unit_keys[scored, 2]],
                "pillar": pillar,
                "score": index[scored],
                "ability": theta[scored],
                "ability_se": se[scored],
                "items": np.minimum(answered[scored], 32767),
            }
        )
    phases = np.array([PHASE_OF_PURPOSE[int(p)] for p in unit_keys[:, 2]], dtype=object)
    persons = [unit_keys[:, 0]]
    years, agencies, groups = [unit_keys[:, 1]], [unit_agency], [unit_group]
    self_scores = np.full((len(self_rows), len(PILLARS)), np.nan)
    for i, (*_where, by_pillar) in enumerate(self_rows):
        for pillar, value in by_pillar.items():
            self_scores[i, PILLARS.index(pillar)] = value
    for pillar in PILLARS:
        rows = [i for i, row in enumerate(self_rows) if pillar in row[4]]
        if rows:
            result.person_blocks.append(
                {
                    "participant_id": np.array([self_rows[i][0] for i in rows]),
                    "year": np.array([self_rows[i][1] for i in rows]),
                    "phase": np.full(len(rows), SELF, dtype=object),
                    "pillar": pillar,
                    "score": self_scores[rows, PILLARS.index(pillar)],
                    "ability": None,
                    "ability_se": None,
                    "items": np.zeros(len(rows), dtype=np.int64),
                }
            )
    if self_rows:
        persons.append(np.array([r[0] for r in self_rows], dtype=np.int64))
        years.append(np.array([r[1] for r in self_rows], dtype=np.int64))
        agencies.append(np.array([r[2] for r in self_rows], dtype=np.int64))
        groups.append(np.array([r[3] for r in self_rows], dtype=np.int64))
        phases = np.concatenate([phases, np.full(len(self_rows), SELF, dtype=object)])
    units = Units(
        person=np.concatenate(persons),
        year=np.concatenate(years),
        phase=phases,
        agency=np.concatenate(agencies),
        group=np.concatenate(groups),
        scores=np.concatenate([scores, self_scores]),
    )
    measured = ~np.all(np.isnan(units.scores), axis=1)
    units = Units(*(getattr(units, f)[measured] for f in Units.__dataclass_fields__))
    result.people = int(np.unique(units.person).size)
    tick = time.perf_counter()
    result.cells = all_cells(
        units, parent=parent, min_people=min_people, samples=samples, seed=seed
    )
    result.timings["cells"] = time.perf_counter() - tick
    result.timings["total"] = time.perf_counter() - started
    return result


def iter_persons(result):
    """Every PersonLiteracy row of the result as a dict, made one at a time."""
    for block in result.person_blocks:
        ability, se = block["ability"], block["ability_se"]
        for i in range(block["score"].size):
            yield {
                "participant_id": int(block["participant_id"][i]),
                "year": int(block["year"][i]),
                "phase": block["phase"][i],
                "pillar": block["pillar"],
                "score": float(block["score"][i]),
                "ability": None if ability is None else float(ability[i]),
                "ability_se": None if se is None else _num(se[i]),
                "items": int(block["items"][i]),
            }


def _num(value):
    return None if value is None or np.isnan(value) else float(value)
