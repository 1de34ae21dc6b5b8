"""The small-cell rule with complementary suppression.

A cell with fewer than MIN_PEOPLE people is withheld whole (index, interval and count). That
alone is not enough: a shown total and its shown parts give, with their people counts and
means, the withheld part's sum (total mean x total people - the shown parts' sums) and so its
mean. So in every partition (a total and the cells that split it, plus an implicit remainder:
the total's people in no part, e.g. an agency's own people beside its sub-agencies) the
withheld share, counting the remainder, must be either nobody or at least MIN_PEOPLE people;
else the smallest shown part is withheld too, and the check repeats until nothing changes."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Partition:
    total: object  # a cell key
    parts: tuple  # cell keys; people of the total in none of them are the remainder


def suppress(people, partitions, *, min_people, also=()):
    """The set of withheld cell keys.

    also: keys withheld for another reason (an overall cell whose pillar is withheld: the
    overall and three shown pillars would give the fourth), checked like the others.

    people: {cell key: number of people}; partitions: Partition objects (cells missing from
    `people` have nobody). A total that is itself withheld is skipped (nothing to difference
    from); it is checked again if it only becomes withheld later, by its own partitions."""
    withheld = {key for key, count in people.items() if 0 < count < min_people}
    withheld |= {key for key in also if people.get(key, 0) > 0}
    changed = True
    while changed:
        changed = False
        for partition in partitions:
            if partition.total in withheld:
                continue
            total = people.get(partition.total, 0)
            if not total:
                continue
            parts = [key for key in partition.parts if people.get(key, 0) > 0]
            remainder = max(total - sum(people[key] for key in parts), 0)
            hidden = remainder + sum(people[key] for key in parts if key in withheld)
            if not 0 < hidden < min_people:
                continue
            shown = [key for key in parts if key not in withheld]
            if not shown:
                # Only the remainder (or withheld parts) differ from the total: the total
                # itself gives them away, so it goes.
                withheld.add(partition.total)
            else:
                withheld.add(min(shown, key=lambda key: (people[key], repr(key))))
            changed = True
    return withheld
