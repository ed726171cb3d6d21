"""The coordinators' dashboard and the JSON for tools (builder/dashboard.py), in real headless Chromium.

The rows are made here with the attributes builder.coverage's lifecycle rows have (history,
letters with title and Kamerstuk, postponements, late answers), one for each thing a
coordinator looks for on a Monday. The browser tests drive Debian's chromium through
Playwright: clicking, typing and pressing keys as a person does, and keep a screenshot.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import html

from builder import dashboard
from builder.dutch import long_date
from builder.pipeline import load_repository

from .conftest import REPO

AS_OF = dt.date(2025, 6, 2)  # a Monday
EVIL = '<script>alert(1)</script> "quoted" & <b>'


# --- rows as builder.coverage makes them -----------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    name: str
    status: str
    date: dt.date
    title: str
    kamerstuk: str | None = None
    role: str = "antwoord"

    def __str__(self) -> str:
        return f"{self.name} ({self.status} {self.date.isoformat()})"


@dataclass(frozen=True)
class Event:
    kind: str
    date: dt.date | None
    letter: Answer | None = None
    due: dt.date | None = None
    previous_due: dt.date | None = None
    note: str | None = None
    late_days: int | None = None

    @property
    def sentence(self) -> str:
        said = f"{long_date(self.date)}: {self.kind}"
        if self.letter:
            said += f" bij brief {self.letter.name}"
        if self.due:
            said += f" naar {long_date(self.due)}"
        return said + (f" ({self.note})" if self.note else "")


OPEN = ("open", "uitgesteld", "deels voldaan", "deels uitgevoerd", "lopend")


@dataclass(frozen=True)
class Row:
    id: str
    kind: str = "toezegging"
    text: str = "De minister informeert de Kamer."
    kamer: str = "TK"
    made: dt.date = dt.date(2024, 9, 12)
    made_kind: str | None = "commissiedebat"
    made_source: str | None = None
    to: str | None = "het lid Bamenga (D66)"
    due: dt.date | None = None
    due_phrase: str | None = None
    first_due: dt.date | None = None
    status: str = "open"
    by: str | None = "minister-bzk-uitermark"
    letters: tuple[Answer, ...] = ()
    reason: str | None = None
    flags: tuple[str, ...] = ()
    history: tuple[Event, ...] = field(default=())
    recurs: str | None = None
    closed_on: dt.date | None = None
    late_days: int | None = None
    recess: str | None = None
    asked: tuple[str, ...] = ()
    indieners: str | None = None
    made_in: str | None = None
    commitments: tuple[str, ...] = ()

    @property
    def open(self) -> bool:
        return self.status in OPEN

    @property
    def people(self) -> tuple[str, ...]:
        return (self.by,) if self.by else self.asked

    @property
    def postponed(self) -> bool:
        return any(event.kind == "uitgesteld" for event in self.history)

    def days_to_due(self, as_of: dt.date) -> int | None:
        return None if self.due is None else (self.due - as_of).days


MADE = Event("gedaan", dt.date(2024, 9, 12))


POSTPONING = Answer(
    "uitstelbrief", "verzonden", dt.date(2025, 2, 20), "Uitstel tweede voortgangsbrief",
    "Kamerstukken II 2024/25, 30 950, nr. 440", "uitstel",
)
PART = Answer("deelbrief", "verzonden", dt.date(2025, 4, 14), f"Voortgang {EVIL}", None, "deelantwoord")
LATE = Answer("voortgang-aanpak-racisme", "verzonden", dt.date(2025, 4, 14), "Voortgang aanpak racisme",
              "Kamerstukken II 2024/25, 30 950, nr. 451")
ON_TIME = Answer("eerste-brief", "verzonden", dt.date(2025, 1, 27), "Eerste voortgangsbrief",
                 "Kamerstukken II 2024/25, 30 950, nr. 433")


def example_rows() -> list[Row]:
    """One row for each thing the counters count, in data order (not the page's)."""
    return [
        Row("t-2024", status="voldaan", due=dt.date(2024, 12, 1), closed_on=dt.date(2024, 11, 1),
            letters=(Answer("oude-brief", "verzonden", dt.date(2024, 11, 1), "Brief van november"),),
            history=(MADE, Event("beantwoord", dt.date(2024, 11, 1), Answer("oude-brief", "verzonden", dt.date(2024, 11, 1), "Brief van november")))),
        Row("t-voldaan", status="voldaan", due=dt.date(2025, 3, 1), closed_on=dt.date(2025, 1, 27), letters=(ON_TIME,),
            text="De rijksbrede klachtencommissie per 1 januari 2025 in werking laten treden.",
            history=(MADE, Event("beantwoord", ON_TIME.date, ON_TIME))),
        Row("t-over", due=dt.date(2025, 5, 1), flags=("overdue",), text=f"Kamer informeren {EVIL}",
            history=(MADE,)),
        Row("t-uitgesteld", status="uitgesteld", first_due=dt.date(2025, 3, 1), due=dt.date(2025, 9, 1),
            due_phrase="voor het zomerreces 2025", letters=(POSTPONING,), recess="zomerreces 2025",
            history=(MADE, Event("uitgesteld", POSTPONING.date, POSTPONING, dt.date(2025, 9, 1),
                                                 dt.date(2025, 3, 1), "onderzoek loopt uit"))),
        Row("t-laat", status="voldaan", due=dt.date(2025, 3, 1), closed_on=LATE.date, late_days=44, letters=(LATE,),
            flags=("answered-late",), by="staatssecretaris-bzk-van-huffelen",
            history=(MADE, Event("beantwoord", LATE.date, LATE, late_days=44))),
        Row("t-binnenkort", due=dt.date(2025, 6, 20), history=(MADE,), kamer="EK",
            text="Het onderzoek naar de klachtencommissie aan de Kamer zenden."),
        Row("t-deels", status="deels voldaan", due=dt.date(2025, 12, 1), letters=(PART,),
            history=(MADE, Event("deels beantwoord", PART.date, PART, note="de evaluatie volgt"))),
        Row("motie-x", kind="motie", status="open", by=None, to=None, made_kind=None,
            history=(Event("gedaan", dt.date(2024, 9, 12)),)),
        Row("t-jaarlijks", status="lopend", recurs="yearly", due=dt.date(2025, 7, 1), first_due=dt.date(2024, 7, 1),
            history=(MADE,)),
    ]


URGENT_FIRST = [
    "t-over",  # overdue
    "t-binnenkort", "t-jaarlijks",  # due within 30 days, soonest first
    "t-uitgesteld", "t-deels",  # other open items by due date
    "motie-x",  # open without a due date
    "t-laat", "t-voldaan", "t-2024",  # closed, most recently first
]


@pytest.fixture
def repository(project):
    """The example repository's organisation: the bewindspersonen the rows name."""
    repository, problems = load_repository(project)
    assert repository is not None, problems
    return repository


# --- counters, --due-within, order ----------------------------------------------------------------


def test_counters_count_what_a_coordinator_chases():
    assert dashboard.counts(example_rows(), AS_OF) == {
        "open": 6, "overdue": 1, "due_soon": 2, "postponed": 1, "answered_late": 1, "closed_this_year": 2,
    }
    labels = dashboard.counter_labels(AS_OF)
    assert list(labels.values()) == [
        "open", "over tijd", "binnen 30 dagen", "uitgesteld", "te laat beantwoord", "afgedaan in 2025",
    ]


def test_due_within_keeps_open_items_up_to_the_day_overdue_ones_included():
    rows = example_rows()
    assert [row.id for row in dashboard.due_within(rows, AS_OF, 18)] == ["t-over", "t-binnenkort"]
    assert [row.id for row in dashboard.due_within(rows, AS_OF, 17)] == ["t-over"]  # 20 June is 18 days away
    assert [row.id for row in dashboard.due_within(rows, AS_OF, 0)] == ["t-over"]
    within_a_year = dashboard.due_within(rows, AS_OF, 365)
    assert [row.id for row in within_a_year] == ["t-over", "t-uitgesteld", "t-binnenkort", "t-deels", "t-jaarlijks"]
    assert dashboard.due_within(rows, dt.date(9999, 12, 1), 36_500)  # no overflow at the calendar's end


def test_the_page_puts_overdue_then_due_soon_first():
    ordered = sorted(example_rows(), key=lambda row: dashboard.urgency(row, AS_OF))
    assert [row.id for row in ordered] == URGENT_FIRST


# --- JSON -----------------------------------------------------------------------------------------


def test_json_has_stable_keys_iso_dates_and_the_history(repository):
    document = json.loads(dashboard.as_json(example_rows(), AS_OF, repository))
    assert list(document) == ["as_of", "counts", "items"]
    assert document["as_of"] == "2025-06-02"
    assert document["counts"]["overdue"] == 1
    items = {item["id"]: item for item in document["items"]}
    assert [item["id"] for item in document["items"]] == [row.id for row in example_rows()]  # data order
    postponed = items["t-uitgesteld"]
    assert list(postponed) == [
        "id", "kind", "text", "kamer", "made", "made_kind", "made_source", "to", "by", "by_name", "status", "open",
        "due", "due_phrase", "first_due", "days_to_due", "recess", "recurs", "closed_on", "late_days", "reason",
        "flags", "letters", "history", "asked", "asked_names", "indieners", "made_in", "commitments",
    ]
    assert (postponed["due"], postponed["first_due"], postponed["days_to_due"]) == ("2025-09-01", "2025-03-01", 91)
    assert postponed["by_name"] == "J.J.M. Uitermark"
    assert postponed["letters"] == [{
        "name": "uitstelbrief", "document": "out/uitstelbrief.docx", "title": "Uitstel tweede voortgangsbrief",
        "kamerstuk": "Kamerstukken II 2024/25, 30 950, nr. 440", "status": "verzonden", "date": "2025-02-20",
        "role": "uitstel",
    }]
    assert postponed["history"][1] == {
        "kind": "uitgesteld", "date": "2025-02-20", "letter": "uitstelbrief", "due": "2025-09-01",
        "previous_due": "2025-03-01", "note": "onderzoek loopt uit", "late_days": None,
        "text": "20 februari 2025: uitgesteld bij brief uitstelbrief naar 1 september 2025 (onderzoek loopt uit)",
    }
    assert items["t-laat"]["late_days"] == 44 and items["t-laat"]["flags"] == ["answered-late"]
    assert items["t-laat"]["days_to_due"] is None  # closed: no countdown
    assert items["motie-x"]["by"] is None and items["motie-x"]["by_name"] is None


# --- the page as HTML -----------------------------------------------------------------------------


def page(repository, tmp_path: Path, rows=None, page_dir: Path | None = None) -> str:
    out = tmp_path / "out"
    return dashboard.as_html(
        example_rows() if rows is None else rows, as_of=AS_OF, repository=repository, title="Toezeggingen — BZK",
        template_dir=REPO / "templates", out_dir=out, page_dir=page_dir or out,
    )


def test_every_text_from_data_is_escaped_and_nothing_is_fetched(repository, tmp_path):
    text = page(repository, tmp_path)
    assert "<script>alert(1)</script>" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &#34;quoted&#34; &amp; &lt;b&gt;" in text
    assert text.count("<script>") == 1  # the page's own, which holds no data
    script = text.split("<script>", 1)[1].split("</script>", 1)[0]
    assert not any(row.id in script for row in example_rows())
    assert "http://" not in text and "https://" not in text  # nothing to fetch
    assert 'content="default-src \'none\'; style-src \'unsafe-inline\'; script-src \'unsafe-inline\'"' in text


def test_letters_are_linked_relative_to_where_the_page_is(repository, tmp_path):
    def links(page_dir):
        document = html.fromstring(page(repository, tmp_path, page_dir=page_dir))
        return document.xpath("//tr[@data-id='t-laat']//td[9]//a/@href")

    assert links(tmp_path / "out") == ["voortgang-aanpak-racisme.docx"]
    assert links(tmp_path) == ["out/voortgang-aanpak-racisme.docx"]
    assert links(tmp_path / "verslagen" / "2025") == ["../../out/voortgang-aanpak-racisme.docx"]
    assert dashboard.out_prefix(Path("/srv/mijn map/out"), Path("/srv")) == "mijn%20map/out/"


def test_letters_show_title_kamerstuk_and_role(repository, tmp_path):
    document = html.fromstring(page(repository, tmp_path))
    letter = document.xpath("//tr[@data-id='t-uitgesteld']//td[9]/div[@class='letter']")[0]
    assert letter.xpath("string(a)") == "Uitstel tweede voortgangsbrief"
    assert letter.xpath("string(div)") == "Kamerstukken II 2024/25, 30 950, nr. 440 · uitstel · verzonden 20 februari 2025"
    def due(row_id):
        (cell,) = document.xpath(f"//tr[@data-id='{row_id}']/td[7]")
        return [text.strip() for text in cell.itertext()]

    assert due("t-uitgesteld") == ["2025-09-01", "voor het zomerreces 2025", "nog 91 dagen", "in het zomerreces 2025"]
    assert due("t-over") == ["2025-05-01", "32 dagen over tijd"]
    assert due("t-voldaan") == ["2025-03-01"]  # closed: no countdown


def test_the_timeline_has_a_mark_per_due_month_stacked_by_outcome(repository, tmp_path):
    document = html.fromstring(page(repository, tmp_path))
    months = {g.get("data-month"): g for g in document.xpath("//svg[@id='timeline']/g[@class='due-month']")}
    assert sorted(months) == ["2024-12", "2025-03", "2025-05", "2025-06", "2025-07", "2025-09", "2025-12"]
    march = months["2025-03"]
    assert march.get("data-count") == "2"
    assert [rect.get("class") for rect in march.xpath("rect")] == ["on-time", "late"]
    assert march.xpath("string(title)") == "maa 2025: 2 uiterlijk, 1 op tijd afgedaan, 1 te laat beantwoord"
    answered = {g.get("data-month"): g.get("data-count") for g in document.xpath("//g[@class='answered-month']")}
    assert answered == {"2024-11": "1", "2025-01": "1", "2025-04": "1"}


def test_the_timeline_leaves_out_a_typo_centuries_away(repository, tmp_path):
    rows = [*example_rows(), Row("t-tikfout", due=dt.date(2205, 1, 1))]
    chart = dashboard.timeline(rows, AS_OF)
    assert chart is not None and chart.outside == 1
    assert chart.months[-1].key == "2025-12"
    assert dashboard.timeline([Row("t-zonder")], AS_OF) is None


def test_rows_from_before_the_lifecycle_still_make_a_page(project, repository):
    from builder.pipeline import status

    _, rows, _ = status(project, AS_OF)
    document = html.fromstring(dashboard.as_html(
        rows, as_of=AS_OF, repository=repository, title="t", template_dir=REPO / "templates",
        out_dir=project.out_dir, page_dir=project.out_dir,
    ))
    assert len(document.xpath("//table[@id='coverage']/tbody/tr")) == len(rows)


# --- in Chromium ----------------------------------------------------------------------------------


@pytest.fixture
def open_page(browser):
    """Open a page file in a fresh tab; fail the test on any script error or blocked request."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="nl-NL")
    errors: list[str] = []

    def open_(path: Path):
        tab = context.new_page()
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        tab.on("request", lambda request: errors.append(f"request {request.url}") if request.url != path.as_uri() else None)
        tab.goto(path.as_uri())
        return tab

    yield open_
    context.close()
    assert errors == []


def visible_ids(tab) -> list[str]:
    return tab.eval_on_selector_all("#coverage tbody tr:not([hidden])", "rows => rows.map(row => row.dataset.id)")


@pytest.fixture
def dashboard_file(repository, tmp_path) -> Path:
    path = tmp_path / "out" / "status.html"
    path.parent.mkdir()
    path.write_text(page(repository, tmp_path), encoding="utf-8")
    return path


def test_counters_filter_the_rows(open_page, dashboard_file):
    tab = open_page(dashboard_file)
    assert visible_ids(tab) == URGENT_FIRST
    overdue = tab.get_by_role("button", name="1 over tijd")
    assert overdue.get_attribute("aria-pressed") == "false"
    overdue.click()
    assert visible_ids(tab) == ["t-over"]
    assert overdue.get_attribute("aria-pressed") == "true"
    assert tab.locator("#shown").text_content() == "1 van 9 getoond"
    tab.get_by_role("button", name="2 binnen 30 dagen").click()
    assert visible_ids(tab) == ["t-binnenkort", "t-jaarlijks"]
    assert overdue.get_attribute("aria-pressed") == "false"  # one counter at a time
    tab.get_by_role("button", name="2 afgedaan in 2025").press("Enter")  # a counter is a button: keys work
    assert visible_ids(tab) == ["t-laat", "t-voldaan"]
    tab.get_by_role("button", name="2 afgedaan in 2025").click()  # again: the filter is off
    assert visible_ids(tab) == URGENT_FIRST


def test_the_search_and_the_filters_narrow_the_rows(open_page, dashboard_file):
    tab = open_page(dashboard_file)
    tab.get_by_label("Zoeken").fill("klachtencommissie")
    assert visible_ids(tab) == ["t-binnenkort", "t-voldaan"]
    tab.get_by_label("Kamer").select_option("TK")
    assert visible_ids(tab) == ["t-voldaan"]
    tab.get_by_label("Kamer").select_option("")
    tab.get_by_label("Zoeken").fill("30 950, nr. 440")  # a letter's Kamerstuk
    assert visible_ids(tab) == ["t-uitgesteld"]
    tab.get_by_label("Zoeken").fill("")
    people = tab.get_by_label("Bewindspersoon")
    assert people.locator("option").all_text_contents() == [
        "alle", "Alexandra C. van Huffelen (staatssecretaris van BZK)", "J.J.M. Uitermark (minister van BZK)",
    ]
    people.select_option(label="Alexandra C. van Huffelen (staatssecretaris van BZK)")
    assert visible_ids(tab) == ["t-laat"]
    tab.get_by_label("Status").select_option("open")
    assert visible_ids(tab) == []
    assert tab.locator("#shown").text_content() == "0 van 9 getoond"
    tab.get_by_role("button", name="Alles tonen, urgentste eerst").click()
    assert visible_ids(tab) == URGENT_FIRST


def test_headers_sort_by_mouse_and_keyboard(open_page, dashboard_file):
    tab = open_page(dashboard_file)
    due = tab.get_by_role("columnheader", name="uiterlijk")
    assert due.get_attribute("aria-sort") == "none"
    due.get_by_role("button").click()
    assert due.get_attribute("aria-sort") == "ascending"
    assert visible_ids(tab) == [
        "t-2024", "t-laat", "t-voldaan", "t-over", "t-binnenkort", "t-jaarlijks", "t-uitgesteld", "t-deels", "motie-x",
    ]  # equal dates keep the urgent order; no due date sorts last
    identifier = tab.get_by_role("columnheader", name="id")
    identifier.get_by_role("button").focus()
    tab.keyboard.press("Enter")
    assert identifier.get_attribute("aria-sort") == "ascending" and due.get_attribute("aria-sort") == "none"
    assert visible_ids(tab) == sorted(URGENT_FIRST)
    tab.keyboard.press("Enter")
    assert identifier.get_attribute("aria-sort") == "descending"
    assert visible_ids(tab) == sorted(URGENT_FIRST, reverse=True)


def test_a_history_expands_and_links_its_letters(open_page, dashboard_file):
    tab = open_page(dashboard_file)
    row = tab.locator("tr[data-id='t-uitgesteld']")
    history = row.locator("details")
    assert not history.locator("ol").is_visible()
    history.locator("summary").click()
    assert history.get_attribute("open") == ""
    steps = history.locator("li").all_text_contents()
    assert steps == [
        "12 september 2024: gedaan",
        "20 februari 2025: uitgesteld bij brief uitstelbrief naar 1 september 2025 (onderzoek loopt uit)"
        " (brief openen)",
    ]
    link = history.locator("li a")
    assert link.get_attribute("title") == "Uitstel tweede voortgangsbrief"
    assert link.get_attribute("href") == "uitstelbrief.docx"
    assert link.evaluate("a => a.href") == (dashboard_file.parent / "uitstelbrief.docx").as_uri()


def test_the_timeline_is_drawn_and_a_screenshot_is_kept(open_page, dashboard_file):
    tab = open_page(dashboard_file)
    chart = tab.locator("svg#timeline")
    assert chart.is_visible()
    due_months = {row.due.strftime("%Y-%m") for row in example_rows() if row.due}
    marks = tab.locator("svg#timeline g.due-month")
    assert marks.count() == len(due_months)
    assert sorted(marks.evaluate_all("gs => gs.map(g => g.dataset.month)")) == sorted(due_months)
    box = marks.first.locator("rect").bounding_box()
    assert box is not None and box["height"] > 0  # drawn, not only in the DOM
    tab.locator("tr[data-id='t-uitgesteld'] summary").click()
    shot = dashboard_file.parent / "status.png"
    tab.screenshot(path=shot, full_page=True)
    assert shot.read_bytes().startswith(b"\x89PNG")
    # For a person to look at after `make test`: the repository's own out/.
    kept = REPO / "out" / "status-dashboard.png"
    kept.parent.mkdir(exist_ok=True)
    shutil.copyfile(shot, kept)


def test_a_ministry_sized_page_shows_rows_a_step_at_a_time(open_page, repository, tmp_path):
    """A browser lays out a few hundred rows at once; the rest stay a search or a button away."""
    closed = [
        Row(f"t-{number:04d}", status="voldaan", due=dt.date(2024, 1 + number % 12, 1), closed_on=dt.date(2024, 12, 1))
        for number in range(450)
    ]
    rows = [*closed, Row("t-laatste", text="Het allerlaatste onderzoek.", status="voldaan")]
    path = tmp_path / "out" / "status.html"
    path.parent.mkdir()
    path.write_text(page(repository, tmp_path, rows=rows), encoding="utf-8")
    tab = open_page(path)
    step = dashboard.STEP
    assert len(visible_ids(tab)) == step
    assert tab.locator("#shown").text_content() == f"de eerste {step} van 451 gevonden getoond (451 in totaal)"
    more = tab.get_by_role("button", name=f"{step} meer tonen")
    more.click()
    assert len(visible_ids(tab)) == 2 * step
    more.click()
    assert len(visible_ids(tab)) == 451 and more.is_hidden()
    tab.get_by_label("Zoeken").fill("allerlaatste")  # found beyond the first step
    assert visible_ids(tab) == ["t-laatste"]
    tab.get_by_label("Zoeken").fill("")
    assert len(visible_ids(tab)) == step  # a new selection starts with one step again
    tab.get_by_role("columnheader", name="id").get_by_role("button").click()
    tab.get_by_role("columnheader", name="id").get_by_role("button").click()
    assert visible_ids(tab)[:2] == ["t-laatste", "t-0449"]  # sorted over every row, not only those shown


def test_kamervragen_are_filtered_and_linked_to_the_toezegging_made_in_the_answers(open_page, project, tmp_path):
    """The real rows of a repository with two sets (builder.coverage), one answered with a toezegging."""
    from builder.pipeline import status

    from .test_kamervragen_clock import step_type_registered
    from .test_status import kamervragen_project

    with step_type_registered():
        kamervragen_project(project)
        repository, rows, problems = status(project, dt.date(2025, 2, 20))
    assert repository is not None, problems
    path = tmp_path / "status.html"
    path.write_text(dashboard.as_html(
        rows, as_of=dt.date(2025, 2, 20), repository=repository, title="t", template_dir=REPO / "templates",
        out_dir=project.out_dir, page_dir=tmp_path,
    ), encoding="utf-8")
    tab = open_page(path)
    tab.get_by_label("Soort").select_option("Kamervragen")
    assert visible_ids(tab)[0] == "2025Z00042"  # the overdue one first
    assert sorted(visible_ids(tab)) == ["2024Z18656", "2024Z21910", "2025Z00042"]
    assert tab.locator("tr[data-id='2025Z00042'] td").nth(9).text_content() == "te laat zonder uitstel"
    tab.locator("#filter-status").select_option("beantwoord")
    assert sorted(visible_ids(tab)) == ["2024Z18656", "2024Z21910"]
    tab.locator("tr[data-id='2024Z21910']").get_by_role("link", name="kv-toezegging").click()
    # The link clears the filters and searches the toezegging: its row, and the set that lists it.
    assert tab.locator("#filter-kind").input_value() == "" and tab.get_by_label("Zoeken").input_value() == "kv-toezegging"
    assert visible_ids(tab) == ["kv-toezegging", "2024Z21910"]
    tab.locator("tr[data-id='kv-toezegging']").get_by_role("link", name="de vragen van het lid Erkens (VVD) (2024Z21910)").click()
    assert visible_ids(tab) == ["kv-toezegging", "2024Z21910"]  # the set's number is in the toezegging's row too
    assert tab.evaluate("location.hash") == "#item-2024Z21910"
