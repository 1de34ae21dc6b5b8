"""What an erasure looks for: the person's traces everywhere, the words of their names only in
text known to be about them."""

from content.people.erasure import REDACTED, ErasedPerson


def _person(**names):
    return ErasedPerson.of(
        [1],
        traces={"199203152015032007", "zulaikha@contoh.go.id", "0812 9988 7766", "abc"},
        names={"Zulaikha Paramitha", "Sukarno"} | set(names.get("extra", ())),
    )


def test_identifiers_and_full_names_are_found_anywhere_in_any_case():
    person = _person()
    text = "Email ZULAIKHA@contoh.go.id, NIP 199203152015032007, zulaikha paramitha."
    assert person.scrub(text) == f"Email {REDACTED}, NIP {REDACTED}, {REDACTED}."


def test_json_is_scrubbed_inside_lists_and_dicts_keys_kept():
    person = _person()
    data = {"nama": "Zulaikha Paramitha", "baris": [{"nip": "199203152015032007", "no": 3}]}
    assert person.scrub(data) == {"nama": REDACTED, "baris": [{"nip": REDACTED, "no": 3}]}


def test_a_trace_inside_a_longer_number_or_word_is_someone_elses():
    person = _person()
    assert person.scrub("1992031520150320071 dan xzulaikha@contoh.go.id") == (
        "1992031520150320071 dan xzulaikha@contoh.go.id"
    )


def test_one_word_names_and_name_parts_only_leave_text_about_the_person():
    person = _person()
    text = "Sukarno dan Zulaikha hadir; Jalan Sukarno-Hatta"
    assert person.scrub(text) == text  # a namesake's history label keeps its words
    assert (
        person.scrub(text, own=True) == f"{REDACTED} dan {REDACTED} hadir; Jalan {REDACTED}-Hatta"
    )


def test_short_strings_are_not_traces():
    person = _person()
    assert "abc" not in person.traces and person.scrub("abc abcd") == "abc abcd"


def test_a_scrubbed_text_fits_its_column():
    person = _person()
    assert len(person.scrub("Zulaikha Paramitha " * 3, max_length=20)) == 20
