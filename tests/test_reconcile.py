"""``brief reconcile``: our toezeggingen against the Tweede Kamer's register.

The library is tested on rows made by hand with the attributes ``coverage_rows`` gives
(``Row`` below), against the example repository's records and letters for the places it
points at; the command line runs the real pipeline. Where a test needs the commitment
lifecycle's rows (``builder.lifecycle``: a letter's role and kamerstuk), it says so with
``needs_lifecycle`` and runs once that is in the tree.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from builder.coverage import CoverageRow
from builder.lifecycle import Answer, Event
from builder.opendata import read_tk_json
from builder.pipeline import Project, load_briefs, load_repository
from builder.reconcile import (
    KINDS,
    WORD_JOINER,
    Difference,
    Reconciliation,
    as_json,
    as_markdown,
    as_text,
    read_registry,
    reconcile,
)

from .conftest import REPO, run_cli

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "tk-opendata"
AGREES, DIFFERS = FIXTURES / "reconcile-agrees.json", FIXTURES / "reconcile-differs-v5.json"
SOCIALE, DISCRIMINATIE = "tk-2022-sociale-veiligheid", "tk-2022-discriminatie"
# The lifecycle's rows carry their history; until then a letter has no role or kamerstuk.
LIFECYCLE = "history" in {f.name for f in fields(CoverageRow)}
needs_lifecycle = pytest.mark.skipif(not LIFECYCLE, reason="needs the commitment lifecycle's rows (builder.lifecycle)")


# --- rows as coverage_rows gives them ---------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    id: str
    kind: str = "toezegging"
    text: str = "Een toezegging."
    kamer: str = "TK"
    made: dt.date = dt.date(2022, 3, 10)
    due: dt.date | None = dt.date(2022, 7, 1)
    status: str = "voldaan"
    by: str | None = "minister-bzk-bruins-slot"
    letters: tuple[Answer, ...] = ()
    history: tuple[Event, ...] = field(default=())

    @property
    def open(self) -> bool:
        return self.status in ("open", "uitgesteld", "lopend", "deels voldaan")

    @property
    def postponed(self) -> bool:
        return any(event.kind == "uitgesteld" for event in self.history)


NR_317 = Answer(
    "sociale-veiligheid-rijksoverheid", "verzonden", dt.date(2022, 6, 27),
    "Sociale veiligheid en veilig werken binnen de Rijksoverheid", "Kamerstukken II 2021/22, 31 490, nr. 317", "antwoord",
)
ROWS = (
    Row(SOCIALE, text="De Kamer informeren over sociale veiligheid.", letters=(NR_317,)),
    Row(DISCRIMINATIE, text="Uiteenzetten hoe de aanpak van discriminatie wordt versterkt.", made=dt.date(2022, 4, 14),
        letters=(NR_317,)),
    Row("per-racisme-a", made=dt.date(2024, 9, 12), due=dt.date(2025, 1, 1), by="minister-bzk-uitermark"),
    Row("T03545", kamer="EK", made=dt.date(2022, 12, 20), due=dt.date(2024, 7, 1)),
)


@pytest.fixture(scope="module")
def example():
    """The example repository and its briefs, read once."""
    project = Project(REPO)
    repository, problems = load_repository(project)
    assert repository is not None, problems
    briefs, problems = load_briefs(project)
    assert problems == []
    return repository, briefs


def registry(example, *paths: Path):
    items, problems = read_registry(list(paths), example[0].organisation)
    assert [p for p in problems if p.severity == "error"] == []
    return items


def entity(nummer: str, **changes) -> dict:
    """A Toezegging of the v4/2.0 API, of one of our bewindspersonen unless changed."""
    made = changes.pop("made", "2022-03-10")
    data = {
        "Nummer": nummer, "Naam": "Bruins Slot, H.G.J.", "Functie": "Minister van Binnenlandse Zaken en Koninkrijksrelaties",
        "Ministerie": "Binnenlandse Zaken en Koninkrijksrelaties", "Status": "Voldaan",
        "Aanmaakdatum": f"{made}T17:00:00+01:00", "DatumNakoming": "2022-07-01T00:00:00+02:00",
        "Tekst": "De minister zegt iets toe.", "Verwijderd": False, "KamerbriefNakoming": [],
    }
    data.update(changes)
    return data


def items_of(example, *entities: dict):
    text = json.dumps({"@odata.context": "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata#Toezegging",
                       "value": list(entities)}, indent=2)
    items, problems = read_tk_json(text, "tk/kamer.json", example[0].organisation)
    assert [p for p in problems if p.severity == "error"] == []
    return items


def compare(example, items, rows=ROWS) -> Reconciliation:
    repository, briefs = example
    return reconcile(items, list(rows), repository, briefs)


def kinds(result: Reconciliation) -> list[tuple[str, str]]:
    return [(d.kind, d.id) for d in result.differences]


# --- what is compared ---------------------------------------------------------------------------------


def test_registers_that_agree_differ_in_nothing(example):
    result = compare(example, registry(example, AGREES))
    assert result.differences == ()
    assert (result.compared, result.registry_items) == (2, 3)
    assert as_text(result) == "reconcile: geen verschillen; 2 toezeggingen in beide registers\n"


def test_each_kind_of_difference_at_our_side_and_the_kamers(example):
    repository, _ = example
    result = compare(example, registry(example, DIFFERS))
    assert kinds(result) == [
        ("status-differs", SOCIALE), ("due-differs", DISCRIMINATIE), ("letter-not-recorded", SOCIALE),
        ("only-at-kamer", "TZ202506-044"), ("only-at-kamer", "TZ202411-102"),
    ]
    status, due, letter, uitermark, jansen = result.differences
    shown = str(DIFFERS)
    # Our side where its field is written; the Kamer's at the field it writes.
    assert status.location == repository.commitments[SOCIALE].location_of("status")
    assert str(status.registry_location) == f"{shown}:11:17"
    assert due.location == repository.commitments[DISCRIMINATIE].location_of("due")
    assert str(due.registry_location) == f"{shown}:35:24"
    assert str(letter.location) == "briefs/sociale-veiligheid-rijksoverheid.md:17:3"  # its answers:
    assert str(letter.registry_location) == f"{shown}:25:29"
    assert str(uitermark.location) == str(uitermark.registry_location) == f"{shown}:58:5"
    assert (status.our_status, status.registry_status) == ("voldaan", "Openstaand")
    assert (due.our_due, due.registry_due) == (dt.date(2022, 7, 1), dt.date(2022, 9, 1))
    assert (letter.letter.name, letter.registry_letters) == ("sociale-veiligheid-rijksoverheid", ())
    assert (uitermark.bewindspersoon, uitermark.toezegger) == ("minister-bzk-uitermark", "Uitermark, J.J.M.")
    assert (jansen.bewindspersoon, jansen.toezegger) == (None, "Jansen, P.R.")  # our ministry, not in organisation.yaml
    assert (result.compared, result.registry_items) == (2, 5)  # Keijzer's (another ministry) is not ours


def test_the_text_report_is_a_line_per_difference(example):
    repository, _ = example
    text = as_text(compare(example, registry(example, DIFFERS)))
    shown = str(DIFFERS)
    status_at = repository.commitments[SOCIALE].location_of("status")
    due_at = repository.commitments[DISCRIMINATIE].location_of("due")
    assert text.splitlines() == [
        f"{status_at}: status-differs: {SOCIALE}: bij ons: voldaan; bij de Kamer: Openstaand ({shown}:11:17)",
        f"{due_at}: due-differs: {DISCRIMINATIE}: bij ons: 1 juli 2022; bij de Kamer: 1 september 2022 ({shown}:35:24)",
        f"briefs/sociale-veiligheid-rijksoverheid.md:17:3: letter-not-recorded: {SOCIALE}: bij ons: verzonden brief "
        "'Sociale veiligheid en veilig werken binnen de Rijksoverheid' (Kamerstukken II 2021/22, 31 490, nr. 317) van "
        f"27 juni 2022; bij de Kamer: niet als nakoming geregistreerd ({shown}:25:29)",
        f"{shown}:58:5: only-at-kamer: TZ202506-044: bij ons: ontbreekt; bij de Kamer: Openstaand, termijn 30 september "
        "2025; toegezegd door Uitermark, J.J.M.",
        f"{shown}:81:5: only-at-kamer: TZ202411-102: bij ons: ontbreekt; bij de Kamer: Openstaand; toegezegd door "
        "Jansen, P.R., niet in organisation.yaml",
        "reconcile: 5 verschillen (1 status, 1 termijn, 1 brief, 2 alleen bij de Kamer); 2 toezeggingen in beide registers",
    ]


@pytest.mark.parametrize(
    ("ours", "theirs", "differs"),
    [
        ("open", "Openstaand", False),
        ("uitgesteld", "Openstaand", False),  # the Kamer keeps a postponed toezegging open, with a new date
        ("lopend", "Openstaand", False),  # a recurring one never closes
        ("deels voldaan", "Deels Afgedaan", False),
        ("voldaan", "Afgedaan", False),
        ("voldaan", "Voldaan", False),
        ("vervallen", "Vervallen", False),
        ("voldaan", "Openstaand", True),
        ("uitgesteld", "Voldaan", True),
        ("deels voldaan", "Voldaan", True),
        ("open", "Vervallen", True),
    ],
)
def test_status_is_compared_in_the_kamers_vocabulary(example, ours, theirs, differs):
    rows = [Row(SOCIALE, status=ours, letters=())]
    result = compare(example, items_of(example, entity(SOCIALE, Status=theirs)), rows)
    assert kinds(result) == ([("status-differs", SOCIALE)] if differs else [])


def test_a_status_the_kamer_has_no_word_for_is_not_compared(example):
    """The reader warns of it (tk-status); there is nothing to compare it with."""
    result = compare(example, items_of(example, entity(SOCIALE, Status=None)), [Row(SOCIALE, status="open")])
    assert result.differences == ()


@pytest.mark.parametrize(
    ("ours", "ours_due", "theirs", "theirs_due", "differs"),
    [
        ("voldaan", dt.date(2022, 7, 1), "Voldaan", "2022-07-01T00:00:00+02:00", False),
        ("voldaan", dt.date(2022, 7, 1), "Voldaan", "2022-09-01T00:00:00+02:00", True),  # two dates: always
        ("voldaan", dt.date(2022, 7, 1), "Voldaan", None, False),  # one date, closed on both sides
        ("voldaan", dt.date(2022, 7, 1), "Voldaan", "0001-01-01T00:00:00Z", False),  # the registry's "no date"
        ("open", dt.date(2022, 7, 1), "Openstaand", None, True),  # one date, still open
        ("voldaan", None, "Openstaand", "2022-07-01T00:00:00+02:00", True),
        ("uitgesteld", dt.date(2022, 12, 1), "Openstaand", "2022-07-01T00:00:00+02:00", True),
    ],
)
def test_due_dates(example, ours, ours_due, theirs, theirs_due, differs):
    rows = [Row(SOCIALE, status=ours, due=ours_due)]
    result = compare(example, items_of(example, entity(SOCIALE, Status=theirs, DatumNakoming=theirs_due)), rows)
    assert [kind for kind, _ in kinds(result) if kind == "due-differs"] == (["due-differs"] if differs else [])


def test_a_postponed_due_date_is_pointed_at_in_the_postponing_letter(example):
    postponing = Answer("voortgang-aanpak-racisme", "verzonden", dt.date(2025, 4, 14), "Voortgang", None, "uitstel")
    rows = [Row(SOCIALE, status="uitgesteld", due=dt.date(2022, 12, 1),
                history=(Event("gedaan", dt.date(2022, 3, 10)), Event("uitgesteld", postponing.date, postponing)))]
    (difference,) = compare(example, items_of(example, entity(SOCIALE, Status="Openstaand")), rows).differences
    assert difference.kind == "due-differs"
    # The letter's postpones: entry for the item, or its front matter where the model does not place one.
    assert difference.location.path == "briefs/voortgang-aanpak-racisme.md"


LETTER = Answer("brief-x", "verzonden", dt.date(2022, 6, 27), "Brief X", "Kamerstukken II 2021/22, 31 490, nr. 317", "antwoord")


@pytest.mark.parametrize(
    ("letter", "recorded", "is_recorded"),
    [
        (LETTER, [{"DocumentNummer": "2022D25123", "Datum": "2022-06-27T00:00:00+02:00", "Volgnummer": 317,
                   "Kamerstukdossier": [{"Nummer": 31490, "Toevoeging": None}]}], True),
        # The kamerstuk decides when both sides have one, whatever the dates say.
        (LETTER, [{"DocumentNummer": "2022D25123", "Datum": "2022-06-28T00:00:00+02:00", "Volgnummer": 317,
                   "Kamerstukdossier": [{"Nummer": 31490}]}], True),
        (LETTER, [{"DocumentNummer": "2022D25999", "Datum": "2022-06-27T00:00:00+02:00", "Volgnummer": 318,
                   "Kamerstukdossier": [{"Nummer": 31490}]}], False),
        (LETTER, [{"DocumentNummer": "2022D25123", "Datum": "2022-06-27T00:00:00+02:00"}], True),  # no kamerstuk: the date
        (LETTER, [{"DocumentNummer": "2022D25123", "Datum": "2022-06-30T00:00:00+02:00"}], False),
        (LETTER, ["Kamerstukken II 2021/22, 31 490, nr. 317"], True),  # as our own export writes it
        (LETTER, ["brief-x"], True),
        (LETTER, "2022D25123", False),  # the SyncFeed's document number alone says nothing we can match
        (LETTER, [], False),
        (replace(LETTER, kamerstuk=None), [{"Datum": "2022-06-27T00:00:00+02:00", "Volgnummer": 400,
                                            "Kamerstukdossier": [{"Nummer": 31490}]}], True),
        (replace(LETTER, role="deelantwoord"), [], False),
    ],
)
def test_a_sent_letter_is_looked_for_among_the_kamers_fulfilments(example, letter, recorded, is_recorded):
    rows = [Row(SOCIALE, letters=(letter,))]
    result = compare(example, items_of(example, entity(SOCIALE, KamerbriefNakoming=recorded)), rows)
    assert kinds(result) == ([] if is_recorded else [("letter-not-recorded", SOCIALE)])


@pytest.mark.parametrize(
    "letter",
    [replace(LETTER, status="concept"), replace(LETTER, role="uitstel")],
    ids=["a concept", "a postponement"],
)
def test_only_sent_answers_are_looked_for(example, letter):
    result = compare(example, items_of(example, entity(SOCIALE)), [Row(SOCIALE, letters=(letter,))])
    assert result.differences == ()


def test_a_letter_the_kamer_records_instead_is_shown(example):
    recorded = [{"DocumentNummer": "2022D30001", "Datum": "2022-09-12T00:00:00+02:00", "Volgnummer": 320,
                 "Kamerstukdossier": [{"Nummer": 31490, "Toevoeging": None}]}, "2022D30002"]
    rows = [Row(SOCIALE, letters=(replace(LETTER, role="deelantwoord"),))]
    (difference,) = compare(example, items_of(example, entity(SOCIALE, KamerbriefNakoming=recorded)), rows).differences
    assert difference.sides() == (
        "verzonden deelantwoord 'Brief X' (Kamerstukken II 2021/22, 31 490, nr. 317) van 27 juni 2022",
        "niet als nakoming geregistreerd (wel: 2022D30001 (Kamerstuk 31 490, nr. 320; 12 september 2022); 2022D30002)",
    )


def test_only_the_toezeggingen_of_our_ministry_are_missed(example):
    items = items_of(
        example,
        entity("TZ202501-001", Naam="Uitermark, J.J.M.", made="2025-01-22"),  # ours, by name
        entity("TZ202501-002", Naam="Jansen, P.R.", made="2025-01-22"),  # our ministry, someone organisation.yaml lacks
        entity("TZ202501-003", Naam="Jansen, P.R.", Ministerie="Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"),
        entity("TZ202501-004", Naam="Keijzer, M.C.G.", Ministerie="Volkshuisvesting en Ruimtelijke Ordening"),
        entity("TZ202501-005", Naam="Keijzer, M.C.G.", Ministerie=None),
    )
    result = compare(example, items)
    assert kinds(result) == [("only-at-kamer", f"TZ202501-00{n}") for n in (1, 2, 3)]
    assert [d.bewindspersoon for d in result.differences] == ["minister-bzk-uitermark", None, None]


KAMER_NUMBERED = Row("TZ202409-071", made=dt.date(2024, 9, 12), status="open", due=dt.date(2025, 1, 31),
                     by="minister-bzk-uitermark")
# As `brief import` would have added it: its id is the Kamer's Nummer.
KAMER_NUMBERED_RECORD = """
  - id: TZ202409-071
    kamer: TK
    text: De Kamer informeren over de klachtencommissie.
    made:
      kind: commissiedebat
      date: 2024-09-12
    by: minister-bzk-uitermark
    due: 2025-01-31
    status: open
"""


@pytest.fixture(scope="module")
def with_kamer_numbered(tmp_path_factory):
    """The example repository with a toezegging imported from the Kamer's register."""
    root = tmp_path_factory.mktemp("imported")
    for name in ("data", "briefs", "templates"):
        shutil.copytree(REPO / name, root / name)
    with (root / "data" / "commitments.yaml").open("a", encoding="utf-8") as file:
        file.write(KAMER_NUMBERED_RECORD)
    project = Project(root)
    repository, problems = load_repository(project)
    assert repository is not None, problems
    briefs, _ = load_briefs(project)
    return repository, briefs


@pytest.mark.parametrize(
    ("row", "missed"),
    [
        (KAMER_NUMBERED, True),
        (replace(KAMER_NUMBERED, made=dt.date(2025, 6, 6)), False),  # after the last day the file covers
        (replace(KAMER_NUMBERED, made=dt.date(2022, 3, 9)), False),  # before the first
        (replace(KAMER_NUMBERED, id="per-racisme-z"), False),  # our own id: the Kamer does not know it
        (replace(KAMER_NUMBERED, kamer="EK"), False),  # the Tweede Kamer's register holds no Eerste Kamer data
    ],
)
def test_ours_with_a_kamer_nummer_is_missed_when_the_file_covers_its_day(with_kamer_numbered, row, missed):
    result = compare(with_kamer_numbered, registry(with_kamer_numbered, DIFFERS), [*ROWS, row])
    found = [d for d in result.differences if d.kind == "only-here"]
    assert [d.id for d in found] == ([row.id] if missed else [])
    if missed:
        (difference,) = found
        assert difference.location == with_kamer_numbered[0].commitments[row.id].loc
        assert difference.covered == (dt.date(2022, 3, 10), dt.date(2025, 6, 5))  # Keijzer's is not of our ministry
        assert difference.sides() == (
            "open", "ontbreekt (dat de toezeggingen van 10 maart 2022 tot en met 5 juni 2025 bevat)"
        )


def test_a_file_of_another_ministry_says_nothing_of_what_we_have(example):
    items = items_of(example, entity("TZ202410-009", Naam="Keijzer, M.C.G.", Ministerie="Volkshuisvesting"))
    assert compare(example, items, [*ROWS, KAMER_NUMBERED]).differences == ()


# --- reading the files ------------------------------------------------------------------------------


def test_a_motie_is_skipped_with_a_warning_and_files_are_read_together(example):
    items, problems = read_registry([FIXTURES / "moties.json", AGREES], example[0].organisation)
    assert [i.key for i in items] == [SOCIALE, DISCRIMINATIE, "TZ202410-009"]
    assert [(p.code, p.severity) for p in problems if p.code == "tk-not-compared"] == [("tk-not-compared", "warning")] * 2
    assert "reconcile compares toezeggingen, and this is a motie" in problems[-1].message


def test_a_toezegging_in_two_files_is_an_error_at_the_second(example, tmp_path):
    second = tmp_path / "page2.json"
    shutil.copy(AGREES, second)
    _, problems = read_registry([AGREES, second], example[0].organisation)
    errors = [str(p) for p in problems if p.severity == "error"]
    assert errors[0] == (
        f"{second}:4:5: error: Toezegging '{SOCIALE}' is also in {AGREES}:4:5: give each page of the result once [tk-json]"
    )
    assert len(errors) == 3


# --- the reports ----------------------------------------------------------------------------------


def test_markdown_has_a_table_per_kind(example):
    markdown = as_markdown(compare(example, registry(example, DIFFERS)))
    assert markdown.startswith(
        "## Verschillen met het toezeggingenregister van de Tweede Kamer\n\n"
        "5 verschillen (1 status, 1 termijn, 1 brief, 2 alleen bij de Kamer); 2 toezeggingen in beide registers.\n"
    )
    headings = re.findall(r"^### (.+)$", markdown, re.M)
    assert headings == [
        "Status wijkt af (1)", "Termijn wijkt af (1)", "Verzonden brief niet als nakoming geregistreerd (1)",
        "Alleen in het register van de Kamer (2)",
    ]
    tables = rendered_tables(markdown)
    assert [len(rows) for rows in tables] == [2, 2, 2, 3]  # the header and a row per difference
    assert tables[0][1][1:3] == ["voldaan", "Openstaand"]
    assert tables[2][1][2] == "niet als nakoming geregistreerd"
    assert tables[3][2][0].startswith("TZ202411-102 De staatssecretaris zegt toe")


HOSTILE = "a | b *c* _d_ `e` [f](g) <b>h</b> &amp; ~~i~~ $x$ @D66 #12 ![j](k) \\ l\nm"


def test_markdown_cells_show_data_text_as_written(example):
    difference = Difference("only-at-kamer", "TZ202501-001", HOSTILE, location=example[0].commitments[SOCIALE].loc,
                            registry_status=HOSTILE, toezegger=HOSTILE, bewindspersoon="minister-bzk-uitermark")
    markdown = as_markdown(Reconciliation((difference,), 0, 1))
    (table,) = rendered_tables(markdown)
    flat = " ".join(HOSTILE.split())
    assert table[1][0] == f"TZ202501-001 {flat}"
    assert table[1][2] == f"{flat}; toegezegd door {flat}"
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    body = html.split("<tbody>")[1]
    assert sorted(set(re.findall(r"<(\w+)", body))) == ["code", "td", "tr"]
    assert body.count("<code>") == 1  # the id, and nothing of the text
    # GitHub's mentions and issue links are made after rendering: a word joiner breaks them up.
    assert f"@{WORD_JOINER}D66" in markdown and f"#{WORD_JOINER}12" in markdown


def rendered_tables(markdown: str) -> list[list[list[str]]]:
    """Each table's rows of cell texts, as a CommonMark renderer with tables reads them."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    tables, rows, cells = [], [], []
    for token in tokens:
        if token.type == "table_open":
            rows = []
        elif token.type == "tr_open":
            cells = []
        elif token.type == "inline" and rows is not None and token.map and cells is not None:
            cells.append("".join(child.content for child in token.children or []).replace(WORD_JOINER, ""))
        elif token.type == "tr_close":
            rows.append(cells)
        elif token.type == "table_close":
            tables.append(rows)
    return tables


def test_json_has_the_same_keys_for_every_difference(example):
    data = json.loads(as_json(compare(example, registry(example, DIFFERS)), dt.date(2025, 6, 10)))
    assert {k: data[k] for k in ("as_of", "compared", "registry_items")} == {
        "as_of": "2025-06-10", "compared": 2, "registry_items": 5
    }
    assert data["counts"] == {
        "status-differs": 1, "due-differs": 1, "letter-not-recorded": 1, "only-at-kamer": 2, "only-here": 0
    }
    assert list(data["counts"]) == list(KINDS)
    keys = {json.dumps(sorted(_keys(d))) for d in data["differences"]}
    assert len(keys) == 1
    status, due, letter, uitermark, _ = data["differences"]
    # Both sides' status and due date, whichever of them differs.
    assert status["ours"] == {"status": "voldaan", "due": "2022-07-01", "bewindspersoon": "minister-bzk-bruins-slot",
                              "letter": None}
    assert status["registry"] == {"status": "Openstaand", "due": "2022-07-01", "toezegger": "Bruins Slot, H.G.J.",
                                  "letters": [], "covers": None}
    assert status["registry_location"] == {
        "path": str(DIFFERS), "line": 11, "column": 17
    }
    assert (due["ours"]["due"], due["registry"]["due"]) == ("2022-07-01", "2022-09-01")
    assert letter["ours"]["letter"] == {
        "name": "sociale-veiligheid-rijksoverheid", "title": "Sociale veiligheid en veilig werken binnen de Rijksoverheid",
        "date": "2022-06-27", "kamerstuk": "Kamerstukken II 2021/22, 31 490, nr. 317", "role": "antwoord",
    }
    assert uitermark["ours"] == {"status": None, "due": None, "bewindspersoon": "minister-bzk-uitermark", "letter": None}


def _keys(value, prefix=""):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield f"{prefix}{key}"
            if key not in ("letter",):
                yield from _keys(inner, f"{prefix}{key}.")


# --- the command line -----------------------------------------------------------------------------


@pytest.fixture
def checkout(project) -> Path:
    """The example repository with the fixtures inside it, so that paths print as in the README."""
    shutil.copytree(FIXTURES, project.root / "tk")
    return project.root


@needs_lifecycle
def test_the_command_prints_a_line_per_difference_and_exits_0(checkout):
    result = run_cli("reconcile", "tk/reconcile-differs-v5.json", "--as-of", "2025-06-10", cwd=checkout)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(": ")[1] for line in lines[:-1]] == [
        "status-differs", "due-differs", "letter-not-recorded", "only-at-kamer", "only-at-kamer"
    ]
    assert lines[2].startswith("briefs/sociale-veiligheid-rijksoverheid.md:17:3: letter-not-recorded: ")
    assert lines[-1] == (
        "reconcile: 5 verschillen (1 status, 1 termijn, 1 brief, 2 alleen bij de Kamer); 2 toezeggingen in beide registers"
    )
    assert result.stderr == ""


@needs_lifecycle
def test_fail_on_differences_exits_1_only_when_there_are_some(checkout):
    differs = run_cli("reconcile", "tk/reconcile-differs-v5.json", "--fail-on", "differences", cwd=checkout)
    agrees = run_cli("reconcile", "tk/reconcile-agrees.json", "--fail-on", "differences", cwd=checkout)
    assert (differs.returncode, agrees.returncode) == (1, 0), (differs.stderr, agrees.stderr)
    assert agrees.stdout == "reconcile: geen verschillen; 2 toezeggingen in beide registers\n"


@needs_lifecycle
def test_markdown_and_json_to_a_file(checkout):
    markdown = run_cli("reconcile", "tk/reconcile-differs-v5.json", "--format", "markdown", "-o", "out/r.md", cwd=checkout)
    assert markdown.returncode == 0, markdown.stderr
    assert markdown.stdout == "wrote out/r.md\n"
    assert "### Status wijkt af (1)" in (checkout / "out" / "r.md").read_text(encoding="utf-8")
    data = run_cli("reconcile", "tk/reconcile-agrees.json", "--format", "json", "--as-of", "2025-06-10", cwd=checkout)
    assert json.loads(data.stdout)["differences"] == []


@needs_lifecycle
def test_the_kamer_numbered_toezegging_the_file_lacks(checkout):
    added = run_cli(
        "add", "commitment", "TZ202409-071", "kamer=TK", "made.kind=commissiedebat", "made.date=2024-09-12",
        "text=De Kamer informeren over de klachtencommissie.", "by=minister-bzk-uitermark", "due.date=2025-01-31",
        "status=open", cwd=checkout,
    )
    assert added.returncode == 0, added.stderr
    result = run_cli("reconcile", "tk/reconcile-differs-v5.json", "--as-of", "2025-06-10", cwd=checkout)
    (line,) = [line for line in result.stdout.splitlines() if ": only-here: " in line]
    assert re.fullmatch(
        r"data/commitments\.yaml:\d+:5: only-here: TZ202409-071: bij ons: open; bij de Kamer: ontbreekt "
        r"\(dat de toezeggingen van 10 maart 2022 tot en met 5 juni 2025 bevat\)", line
    )


def test_a_broken_file_is_a_located_error_and_exit_2(checkout):
    result = run_cli("reconcile", "tk/broken.json", cwd=checkout)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "tk/broken.json:2" not in result.stderr  # located at the entities, not the envelope
    assert re.search(r"^tk/broken\.json:\d+:\d+: error: .* \[tk-json\]$", result.stderr, re.M)


def test_a_missing_file_is_a_located_error_and_exit_2(checkout):
    result = run_cli("reconcile", "tk/none.json", cwd=checkout)
    assert result.returncode == 2
    assert result.stderr.startswith("tk/none.json:1:1: error: ")


def test_invalid_json_is_an_error_where_it_breaks(checkout):
    (checkout / "tk" / "cut.json").write_text('{"value": [\n  {"Nummer": "TZ1"\n', encoding="utf-8")
    result = run_cli("reconcile", "tk/cut.json", "--format", "json", cwd=checkout)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[0].startswith("tk/cut.json:3:1: error: invalid JSON: ")


@needs_lifecycle
def test_the_rows_made_by_hand_are_what_coverage_rows_gives(example):
    """The library tests' rows stand in for coverage_rows: here they are held to it."""
    from builder.coverage import coverage_rows

    repository, briefs = example
    real = {row.id: row for row in coverage_rows(repository, briefs, dt.date(2025, 6, 10))}
    for made in ROWS[:2]:
        row = real[made.id]
        assert (row.status, row.due, row.made, row.by, row.kamer) == (made.status, made.due, made.made, made.by, made.kamer)
        assert [(a.name, a.status, a.date, a.title, a.kamerstuk, a.role) for a in row.letters] == [
            (a.name, a.status, a.date, a.title, a.kamerstuk, a.role) for a in made.letters
        ]


@needs_lifecycle
def test_the_readme_shows_the_output_as_it_prints():
    """The README's examples run on the example repository: when its data moves, they must follow."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = "$ brief reconcile tests/fixtures/tk-opendata/reconcile-differs-v5.json --as-of 2025-06-10\n"
    shown = readme.split(command, 1)[1].split("```", 1)[0]
    arguments = command.split()[2:]
    assert run_cli(*arguments, cwd=REPO).stdout == shown
    excerpt = readme.split("`--format markdown` writes a pull request comment", 1)[1].split("```", 2)[1].strip("\n")
    assert excerpt in run_cli(*arguments, "--format", "markdown", cwd=REPO).stdout


@needs_lifecycle
def test_warnings_go_to_standard_error_and_the_comparison_goes_on(checkout):
    result = run_cli("reconcile", "tk/toezeggingen.json", "--as-of", "2025-06-10", cwd=checkout)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "tk/toezeggingen.json:86:17: warning: Toezegging 'TZ202410-009' has no status; its status is left out [tk-status]",
        "tk/toezeggingen.json:96:5: warning: skipped Toezegging 'TZ202409-072': it is deleted in the registry "
        "(Verwijderd: true) [tk-deleted]",
        "0 error(s), 2 warning(s)",
    ]
    assert [line.split(": ")[1:3] for line in result.stdout.splitlines()[:-1]] == [
        ["only-at-kamer", "TZ202409-071"], ["only-at-kamer", "TZ202303-118"]  # Keijzer's is another ministry's
    ]


def test_a_register_with_errors_is_exit_2_before_any_file_is_read(checkout):
    with (checkout / "data" / "commitments.yaml").open("a", encoding="utf-8") as file:
        file.write("  - id: kapot\n")
    result = run_cli("reconcile", "tk/reconcile-agrees.json", cwd=checkout)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "data/commitments.yaml:" in result.stderr and "missing field" in result.stderr
