"""The fast canonical-layout proof is sound: when it says True, the round trip agrees.

``certainly_canonical(text) => layout.canonical_text(text) == text`` is checked on
the example data, on hand-written edge cases, and on many small mutations of the
example files. The converse (returning True often) is only wanted, not required:
the example files must pass, the edge cases document what is left to the round trip.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder import layout, model
from builder.calendar import CalendarFile
from builder.canonical import certainly_canonical

REPO = Path(__file__).resolve().parents[1]
SCHEMAS = {
    "calendar.yaml": CalendarFile,
    "commitments.yaml": model.CommitmentsFile,
    "motions.yaml": model.MotionsFile,
    "documents.yaml": model.DocumentsFile,
    "organisation.yaml": model.Organisation,
}
EXAMPLE_FILES = [(path, SCHEMAS[path.name]) for path in sorted((REPO / "data").glob("*.yaml"))] + [
    (path, model.Overleg) for path in sorted((REPO / "data" / "overleggen").glob("*.yaml"))
]


def round_trips_unchanged(text: str, schema: type) -> bool:
    try:
        canonical, _ = layout.canonical_text(text, "x", schema)
    except Exception:  # the round trip failing is "not unchanged" too
        return False
    return canonical == text


def assert_sound(text: str, schema: type) -> bool:
    """The property; returns the verdict so that callers can count acceptances."""
    verdict = certainly_canonical(text, schema)
    if verdict:
        assert round_trips_unchanged(text, schema), f"claimed canonical but the round trip changes it:\n{text}"
    return verdict


# --- the example repository -------------------------------------------------------------


@pytest.mark.parametrize(("path", "schema"), EXAMPLE_FILES, ids=lambda value: getattr(value, "name", ""))
def test_example_files_are_proven_canonical(path: Path, schema: type) -> None:
    text = path.read_text(encoding="utf-8")
    assert round_trips_unchanged(text, schema)
    assert certainly_canonical(text, schema)


# --- hand-written cases ----------------------------------------------------------------

MOTION = """\
# A comment above the root.

motions:
  # A comment above the first item.
  - id: m-1
    kamer: TK
    dossier: "30950"
    number: 12
    date: 2024-01-31   # an end-of-line comment
    submitters:
      - member: Van der Berg
        fractie: D66

      - member: "yes: no"
    cs: true
    subject: >-
      de aanpak van discriminatie, racisme en
      uitsluiting

      in twee alinea's
    dictum: |
      regel één
        # not a comment
      regel twee
    vote: aangenomen
    status: open

  - id: m-2
    kamer: EK
    dossier: 35 741
    date: 2024-02-01
    submitters:
      - member: É. Çelik
    vote: verworpen
    status: vervallen
    notes: "true"
# A comment at the end.
"""


def test_a_motion_with_every_accepted_shape_except_its_literal_block() -> None:
    text = MOTION.replace("      regel één\n        # not a comment\n", "      regel één\n")
    assert round_trips_unchanged(text, model.MotionsFile)
    assert certainly_canonical(text, model.MotionsFile)


NOT_PROVEN = {
    "single quotes": ("dossier: \"30950\"", "dossier: '30950'"),
    "quotes the dumper drops": ("fractie: D66", 'fractie: "D66"'),
    "capitalised boolean": ("cs: true", "cs: True"),
    "null": ("cs: true", "cs: ~"),
    "empty value": ("cs: true", "cs:"),
    "float": ("number: 12", "number: 1.5"),
    "octal": ("number: 12", "number: 0o14"),
    "short date": ("date: 2024-02-01", "date: 2024-2-1"),
    "date with time": ("date: 2024-02-01", "date: 2024-02-01 10:00:00"),
    "keys out of order": ("    vote: verworpen\n    status: vervallen", "    status: vervallen\n    vote: verworpen"),
    "unknown key": ("    cs: true", "    colour: red"),
    "repeated key": ("    cs: true", "    cs: true\n    cs: true"),
    "trailing space": ("status: open", "status: open "),
    "tab": ("vote: aangenomen", "vote:\taangenomen"),
    "two spaces after the colon": ("vote: aangenomen", "vote:  aangenomen"),
    "multi-line plain scalar": ("dossier: 35 741", "dossier: 35\n      741"),
    "flow list": ("      - member: É. Çelik", "      - {member: É. Çelik}"),
    "empty flow list": ("    submitters:\n      - member: É. Çelik", "    submitters: []"),
    "sequence not indented": ("    submitters:\n      - member: É. Çelik", "    submitters:\n    - member: É. Çelik"),
    "over-indented key": ("    vote: verworpen", "     vote: verworpen"),
    "more-indented folded line": ("      uitsluiting\n", "        uitsluiting\n"),
    "keep chomping": ("subject: >-", "subject: >+"),
    "indentation indicator": ("subject: >-", "subject: >2-"),
    "comment after a block indicator": ("subject: >-", "subject: >-  # c"),
    "anchor": ("kamer: EK", "kamer: &k EK"),
    "tag": ("kamer: EK", "kamer: !!str EK"),
    "document start": ("# A comment above the root.", "---\n# A comment above the root."),
    "document end": ("# A comment at the end.\n", "# A comment at the end.\n...\n"),
    "escape in double quotes": ('notes: "true"', 'notes: "tr\\u0075e"'),
    "leading blank line": ("# A comment above the root.", "\n# A comment above the root."),
    "no final line break": ("# A comment at the end.\n", "# A comment at the end."),
    "carriage returns": ("\n", "\r\n"),
    "byte order mark": ("# A comment above", "\ufeff# A comment above"),
    "line separator": ("uitsluiting", "uit\u2028sluiting"),
}


@pytest.mark.parametrize("edit", NOT_PROVEN.values(), ids=list(NOT_PROVEN))
def test_shapes_left_to_the_round_trip(edit: tuple[str, str]) -> None:
    old, new = edit
    assert old in MOTION
    text = MOTION.replace(old, new)
    assert not certainly_canonical(text, model.MotionsFile)


def test_the_hand_written_cases_are_sound() -> None:
    for old, new in NOT_PROVEN.values():
        assert_sound(MOTION.replace(old, new), model.MotionsFile)
    assert_sound(MOTION, model.MotionsFile)


# --- mutations of the example files -----------------------------------------------------


def excerpt(text: str, at_least: int = 40) -> str:
    """The head of a file, cut before a record of its top-level list: a small text with
    the file's shapes in it, so that each mutant's round trip is cheap."""
    lines = text.splitlines(keepends=True)
    for number in range(at_least, len(lines)):
        if lines[number].startswith("  - "):
            return "".join(lines[:number])
    return text


EXCERPTS = [(excerpt(path.read_text(encoding="utf-8")), schema) for path, schema in EXAMPLE_FILES]

TRICKY_SCALARS = [
    "yes", "no", "on", "True", "TRUE", "false", "null", "Null", "~", "", "0x1F", "0o17", "012", "+1", "-0",
    "1_000", "1e3", ".5", ".inf", ".NaN", "2024-1-1", "2024-02-30", "2024-02-01T10:00:00", "2024-02-01 10:00",
    "<<", "=", "a: b", "a:b", "a #b", "a#b", "a:", "-", "- x", "-x", "? x", "?x", ":x", "@x", "`x", "%x", "!x",
    "&x", "*x", "|", ">", ">-", "[a]", "{a: 1}", "[]", "{}", "'x'", '"x"', '"a: b"', '"true"', '"x" y', '"é"',
    '" x"', '"x\\"', "--- x", "... x", "x,y", "x]", "é", "\u00a0x", "x\u00a0", "\u200bx", "x\u2029y", "x\x85y",
    "\U0001f600", "x\ty", "x  y", "12", "2024-02-01",
]


def mutate(text: str, data: st.DataObject) -> str:
    lines = text.splitlines(keepends=True)
    number = data.draw(st.integers(0, len(lines) - 1), label="line")
    line = lines[number]
    body = line.rstrip("\n")
    indent = len(body) - len(body.lstrip(" "))
    kind = data.draw(st.sampled_from(MUTATIONS), label="mutation")
    after = lines[number + 1 :]
    changed = kind(body, indent, after, data)  # may consume lines of ``after``
    return "".join(lines[:number]) + changed + "".join(after)


def _value_start(body: str) -> int:
    """Where the value on a 'key: value' or '- value' line starts (else the end)."""
    for marker in (": ", "- "):
        at = body.find(marker)
        if at >= 0:
            return at + len(marker)
    return len(body)


def replace_value(body, indent, after, data):
    return body[: _value_start(body)] + data.draw(st.sampled_from(TRICKY_SCALARS), label="value") + "\n"


def quote_value(body, indent, after, data):
    start = _value_start(body)
    quote = data.draw(st.sampled_from(["'", '"']), label="quote")
    return body[:start] + quote + body[start:] + quote + "\n"


def reindent(body, indent, after, data):
    shift = data.draw(st.sampled_from([-2, -1, 1, 2]), label="shift")
    return " " * max(0, indent + shift) + body.lstrip(" ") + "\n"


def add_trailing_space(body, indent, after, data):
    return body + " \n"


def split_line(body, indent, after, data):
    space = body.rfind(" ")
    extra = data.draw(st.sampled_from([0, 2, 4, 6]), label="continuation indent")
    return body[:space] + "\n" + " " * (indent + extra) + body[space + 1 :] + "\n" if space > indent else body + "\n"


def insert_comment_below(body, indent, after, data):
    column = data.draw(st.integers(0, 10), label="comment column")
    return body + "\n" + " " * column + "# inserted\n"


def insert_blank_below(body, indent, after, data):
    return body + "\n" + data.draw(st.sampled_from(["", " ", "  "]), label="blank") + "\n"


def add_end_of_line_comment(body, indent, after, data):
    return body + data.draw(st.sampled_from([" # c", "  # c", "# c", " #"]), label="comment") + "\n"


def delete_line(body, indent, after, data):
    return ""


def duplicate_line(body, indent, after, data):
    return body + "\n" + body + "\n"


def swap_with_next(body, indent, after, data):
    if not after:
        return body + "\n"
    following = after.pop(0)
    return following + body + "\n"


def replace_text(body, indent, after, data):
    old, new = data.draw(
        st.sampled_from(
            [
                ("true", "True"), (">-", ">"), (">-", "|"), (">-", "|-"), (">-", ">+"), (">-", ">2"), (":", " :"),
                ("- ", "-  "), ("- ", "-\t"), ("- ", "? "), (" ", "\t"), ("e", "\u2028"), ("a", "\ufeff"),
            ]
        ),
        label="replacement",
    )
    return body.replace(old, new, 1) + "\n"


def flow_collection(body, indent, after, data):
    return body[: _value_start(body)] + data.draw(st.sampled_from(["[]", "{}", "[a, b]", "{a: b}"]), label="flow") + "\n"


MUTATIONS = [
    replace_value, quote_value, reindent, add_trailing_space, split_line, insert_comment_below,
    insert_blank_below, add_end_of_line_comment, delete_line, duplicate_line, swap_with_next,
    replace_text, flow_collection,
]  # fmt: skip


def whole_text_mutation(text: str, data: st.DataObject) -> str:
    return data.draw(
        st.sampled_from(
            [
                "---\n" + text, text + "...\n", text.rstrip("\n"), text + "\n", "\n" + text, text.replace("\n", "\r\n"),
                "\ufeff" + text, "%YAML 1.1\n---\n" + text, text + "# end\n", "  " + text,
            ]
        ),
        label="whole-text mutation",
    )


def test_the_excerpts_are_proven_canonical() -> None:
    """The mutants start from texts that are accepted, so that a mutation is what changes it."""
    for text, schema in EXCERPTS:
        assert certainly_canonical(text, schema)


accepted: list[bool] = []


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_mutants_proven_canonical_are_canonical(data: st.DataObject) -> None:
    text, schema = data.draw(st.sampled_from(EXCERPTS), label="file")
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        text = mutate(text, data)
    if data.draw(st.booleans(), label="also whole text"):
        text = whole_text_mutation(text, data)
    accepted.append(assert_sound(text, schema))


def test_some_mutants_were_proven_and_some_not() -> None:
    """Guards the property test above against proving nothing (or everything)."""
    if not accepted:
        pytest.skip("run together with the property test")
    assert 0 < sum(accepted) < len(accepted)
