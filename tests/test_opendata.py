"""Tweede Kamer Open Data: reading OData JSON into our fields, and exporting commitments.

The fixtures in fixtures/tk-opendata/ have the shape of real API responses with
invented values; every diagnostic is asserted as the exact located line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.load import line_and_column, line_starts
from builder.model import Bewindspersoon, Organisation
from builder.lifecycle import lifecycles
from builder.opendata import (
    TK_STATUSES,
    EXPORT_COLUMNS,
    as_csv,
    as_json,
    export_commitments,
    prose_surname,
    read_tk_json,
    value_offsets,
)
from builder.pipeline import Project, load_briefs, load_repository

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "tk-opendata"
CONTEXT = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata#"
UITERMARK = {"Naam": "Uitermark, J.J.M.", "Functie": "Minister van Binnenlandse Zaken en Koninkrijksrelaties"}


@pytest.fixture(scope="module")
def example():
    """The example repository and its briefs, read once."""
    project = Project(Path(__file__).resolve().parents[1])
    repository, problems = load_repository(project)
    assert repository is not None, problems
    briefs, problems = load_briefs(project)
    assert problems == []
    return repository, briefs


@pytest.fixture(scope="module")
def organisation(example) -> Organisation:
    return example[0].organisation


def read_fixture(name: str, organisation: Organisation):
    return read_tk_json((FIXTURES / name).read_text(encoding="utf-8"), f"tk/{name}", organisation)


def read_entity(entity: dict, organisation: Organisation, entity_set: str | None = None):
    """One entity as a response of its own: an envelope when an entity set is given, else bare."""
    data = {"@odata.context": CONTEXT + entity_set, "value": [entity]} if entity_set else entity
    return read_tk_json(json.dumps(data, indent=2), "tk/one.json", organisation)


def shown(diagnostics) -> list[str]:
    return [str(d) for d in diagnostics]


def spot(text: str, before: str, shown_as: str = "tk/one.json") -> str:
    """'path:line:col' just after the first ``before`` in ``text``, found by plain text search."""
    at = text.index(before) + len(before)
    return f"{shown_as}:{text.count(chr(10), 0, at) + 1}:{at - text.rfind(chr(10), 0, at)}"


ENTITY = '"value": [\n    '  # where the first entity of an indented envelope starts
NEXT_LINK, ZAAK_ACTOR, DOCUMENT = '"@odata.nextLink": ', '"ZaakActor": ', '"Document": '


def toezegging(**changes) -> dict:
    entity = {
        "Id": "9b2d6c1e-0f4a-4e8b-a1c3-5d7e9f0a2b4c",
        "Nummer": "TZ202503-112",
        "Aanmaakdatum": "2025-03-12T16:05:41.12+01:00",
        "Status": "Openstaand",
        "DatumNakoming": "2025-07-01T00:00:00+02:00",
        "Tekst": "De minister zegt toe de Kamer voor de zomer te informeren.",
        "Verwijderd": False,
        **UITERMARK,
    }
    entity.update(changes)
    return {key: value for key, value in entity.items() if value is not ...}


def motie(**changes) -> dict:
    entity = {
        "Id": "5d1f2e3a-4b5c-4d6e-8f70-8192a3b4c5d6",
        "Nummer": "2025Z04567",
        "Soort": "Motie",
        "Onderwerp": "Motie van het lid De Vries over betere treinverbindingen",
        "GestartOp": "2025-03-05T00:00:00+01:00",
        "Volgnummer": 433,
        "Verwijderd": False,
        "ZaakActor": [{"ActorNaam": "A. de Vries", "ActorFractie": "VVD", "Relatie": "Indiener", "Verwijderd": False}],
        "Document": [
            {"Soort": "Motie", "Volgnummer": 433, "Kamerstukdossier": [{"Nummer": 30950, "Toevoeging": None}]}
        ],
        "Besluit": [],
    }
    entity.update(changes)
    return {key: value for key, value in entity.items() if value is not ...}


# --- Toezegging -> commitment -----------------------------------------------------------------


def test_toezeggingen_become_commitment_fields(organisation):
    imported, _ = read_fixture("toezeggingen.json", organisation)
    assert [(i.kind, i.key, i.by, str(i.loc)) for i in imported] == [
        ("commitment", "TZ202409-071", "minister-bzk-uitermark", "tk/toezeggingen.json:4:5"),
        ("commitment", "TZ202303-118", "minister-bzk-bruins-slot", "tk/toezeggingen.json:35:5"),
        ("commitment", "TZ202410-009", None, "tk/toezeggingen.json:72:5"),
    ]
    open_one, done, without_status = (i.fields for i in imported)
    assert open_one == {
        "kamer": "TK",
        "text": "De minister zegt toe de Kamer voor eind januari 2025 te informeren over de rijksbrede gegevens "
        "over integriteitsmeldingen.",
        "made": {"kind": "plenair debat", "date": dt.date(2024, 9, 12)},
        "due": {"date": dt.date(2025, 1, 31)},
        "status": "open",
    }
    assert done == {  # 0001-01-01 is the registry's "no date": no due date
        "kamer": "TK",
        "text": "De minister zegt toe de Kamer te informeren over de uitkomsten van de pilot weerbaarheidsscan.",
        "made": {"kind": "commissiedebat", "date": dt.date(2023, 3, 8)},
        "status": "voldaan",
    }
    assert without_status == {  # no Activiteit: a 'debat' on the day of Aanmaakdatum, as written (UTC says 2 October)
        "kamer": "TK",
        "text": "De minister zegt toe de Kamer te informeren over de voortgang van de woningbouwimpuls.",
        "made": {"date": dt.date(2024, 10, 3)},
    }


def test_toezeggingen_warn_of_a_missing_status_and_skip_deleted_ones(organisation):
    _, diagnostics = read_fixture("toezeggingen.json", organisation)
    assert shown(diagnostics) == [
        "tk/toezeggingen.json:86:17: warning: Toezegging 'TZ202410-009' has no status; its status is left out "
        "[tk-status]",
        "tk/toezeggingen.json:96:5: warning: skipped Toezegging 'TZ202409-072': it is deleted in the registry "
        "(Verwijderd: true) [tk-deleted]",
    ]


@pytest.mark.parametrize(
    "status, expected",
    [
        ("Openstaand", "open"),
        ("Voldaan", "voldaan"),
        ("Afgedaan", "voldaan"),
        ("Deels voldaan", "deels voldaan"),
        ("Deels Voldaan", "deels voldaan"),
        ("Deels Afgedaan", "deels voldaan"),
        ("Vervallen", "vervallen"),
        ("OPENSTAAND", "open"),
        (" deels  afgedaan ", "deels voldaan"),
    ],
)
def test_status_mapping(organisation, status, expected):
    (imported,), diagnostics = read_entity(toezegging(Status=status), organisation)
    assert imported.fields["status"] == expected
    assert diagnostics == []


@pytest.mark.parametrize(
    "status, message",
    [
        ("Ingetrokken", "Toezegging 'TZ202503-112' has unknown status 'Ingetrokken'; its status is left out"),
        ("", "Toezegging 'TZ202503-112' has no status; its status is left out"),
        (None, "Toezegging 'TZ202503-112' has no status; its status is left out"),
        (..., "Toezegging 'TZ202503-112' has no status; its status is left out"),
    ],
)
def test_an_unknown_or_empty_status_is_left_out_with_a_warning(organisation, status, message):
    (imported,), (diagnostic,) = read_entity(toezegging(Status=status), organisation, "Toezegging")
    assert "status" not in imported.fields
    assert (diagnostic.severity, diagnostic.message, diagnostic.code) == ("warning", message, "tk-status")


@pytest.mark.parametrize(
    "names, expected",
    [
        ({"Naam": "Uitermark, J.J.M."}, "minister-bzk-uitermark"),
        ({"Achternaam": "uitermark"}, "minister-bzk-uitermark"),
        ({"Naam": "Bruins Slot, H.G.J.", "Achternaam": "Bruins Slot"}, "minister-bzk-bruins-slot"),
        ({"Achternaam": "Huffelen", "Tussenvoegsel": "van"}, "staatssecretaris-bzk-van-huffelen"),
        ({"Naam": "Huffelen, A.C. van"}, "staatssecretaris-bzk-van-huffelen"),
        ({"Naam": "J.J.M. Uitermark"}, "minister-bzk-uitermark"),  # as our own export writes it
        ({"Naam": "Keijzer, M.C.G.", "Achternaam": "Keijzer"}, None),
        ({"Naam": None}, None),
    ],
)
def test_by_is_matched_on_the_surname(organisation, names, expected):
    entity = {**toezegging(Naam=...), **names}
    (imported,), _ = read_entity(entity, organisation)
    assert imported.by == expected


def test_a_shared_surname_is_told_apart_by_functie():
    def bewindspersoon(ident: str, role: str) -> Bewindspersoon:
        return Bewindspersoon(id=ident, role=role, name="P.R. de Jong")

    organisation = Organisation(
        ministry="Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        directorate="DGDOO",
        postal_address=("Postbus 20011",),
        bewindspersonen=(
            bewindspersoon("minister-de-jong", "De Minister van Binnenlandse Zaken en Koninkrijksrelaties"),
            bewindspersoon(
                "staatssecretaris-de-jong", "De Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"
            ),
        ),
    )
    names = {"Naam": "Jong, P.R. de", "Achternaam": "Jong", "Tussenvoegsel": "de"}
    for functie, expected in [
        ("Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties", "staatssecretaris-de-jong"),
        ("Minister van Binnenlandse Zaken en Koninkrijksrelaties", "minister-de-jong"),
        ("Minister van Financiën", None),
    ]:
        (imported,), _ = read_entity(toezegging(**names, Functie=functie), organisation)
        assert imported.by == expected, functie


@pytest.mark.parametrize(
    "changes, made, due",
    [
        ({}, {"date": dt.date(2025, 3, 12)}, {"date": dt.date(2025, 7, 1)}),
        (  # the calendar date as written: no conversion to UTC (22:30 on 30 June)
            {"Aanmaakdatum": "2025-03-12T00:30:00+01:00", "DatumNakoming": "2025-07-01T00:30:00+02:00"},
            {"date": dt.date(2025, 3, 12)},
            {"date": dt.date(2025, 7, 1)},
        ),
        ({"DatumNakoming": None}, {"date": dt.date(2025, 3, 12)}, None),
        ({"DatumNakoming": "0001-01-01T00:00:00Z"}, {"date": dt.date(2025, 3, 12)}, None),
        (
            {"DatumNakoming": "2025-07-01"},
            {"date": dt.date(2025, 3, 12)},
            {"date": dt.date(2025, 7, 1)},
        ),
        (
            {"Activiteit": [{"Soort": "Tweeminutendebat", "Datum": "2025-03-11T00:00:00+01:00"}]},
            {"kind": "tweeminutendebat", "date": dt.date(2025, 3, 11)},
            {"date": dt.date(2025, 7, 1)},
        ),
        (  # a deleted Activiteit is not the debate; a later live one is
            {
                "Activiteit": [
                    {"Soort": None, "Datum": None, "Verwijderd": True},
                    {"Soort": "Commissiedebat", "Datum": None, "Verwijderd": False},
                ]
            },
            {"kind": "commissiedebat", "date": dt.date(2025, 3, 12)},
            {"date": dt.date(2025, 7, 1)},
        ),
    ],
)
def test_made_and_due(organisation, changes, made, due):
    (imported,), diagnostics = read_entity(toezegging(**changes), organisation)
    assert imported.fields["made"] == made
    assert imported.fields.get("due") == due
    assert diagnostics == []


def test_text_is_whitespace_normalised(organisation):
    (imported,), _ = read_entity(toezegging(Tekst="  De minister\n zegt toe\t dat.  "), organisation)
    assert imported.fields["text"] == "De minister zegt toe dat."


# --- Zaak (Motie) -> motion -------------------------------------------------------------------


def test_moties_become_motion_fields(organisation):
    imported, _ = read_fixture("moties.json", organisation)
    assert [(i.kind, i.key, i.by, str(i.loc)) for i in imported] == [
        ("motion", "2025Z04567", None, "tk/moties.json:4:5"),
        ("motion", "2024Z19873", None, "tk/moties.json:189:5"),
    ]
    aangenomen, verworpen = (i.fields for i in imported)
    # Indiener first; the deleted Medeindiener and the minister it is 'Gericht aan' are left out
    assert aangenomen == {
        "kamer": "TK",
        "dossier": "30950",
        "number": 461,
        "date": dt.date(2025, 3, 5),
        "submitters": [{"member": "De Vries", "fractie": "VVD"}, {"member": "Bakker", "fractie": "D66"}],
        "cs": False,  # the registry's title: "Motie van de leden De Vries en Bakker"
        "subject": "over een rijksbrede meldcode voor discriminatie op de werkvloer",
        "vote": "aangenomen",  # the deleted 'Stemmen - verworpen' does not count
    }
    assert verworpen == {
        "kamer": "TK",
        "dossier": "36600 VII",
        "number": 38,
        "date": dt.date(2024, 11, 20),
        "submitters": [{"member": "Van der Meer", "fractie": "GroenLinks-PvdA"}],
        "cs": False,
        "subject": "over het jaarlijks publiceren van het aantal integriteitsmeldingen per departement",
        "vote": "verworpen",  # after 'Stemmen - uitstellen', listed after it
        "status": "vervallen",
    }


def test_other_zaken_are_skipped_with_a_warning(organisation):
    _, diagnostics = read_fixture("moties.json", organisation)
    assert shown(diagnostics) == [
        "tk/moties.json:275:5: warning: skipped Zaak '2025Z05012' of Soort 'Amendement': only moties and schriftelijke vragen "
        "are imported [tk-skipped]",
    ]


def test_a_deleted_zaak_is_skipped_with_a_warning(organisation):
    imported, diagnostics = read_entity(motie(Verwijderd=True, Soort=None, Onderwerp=None), organisation, "Zaak")
    assert imported == []
    assert shown(diagnostics) == [
        "tk/one.json:4:5: warning: skipped Zaak '2025Z04567': it is deleted in the registry (Verwijderd: true) "
        "[tk-deleted]"
    ]


def test_motion_status_and_dictum_are_ours(organisation):
    (imported,), _ = read_entity(motie(Afgedaan=True), organisation)
    assert "status" not in imported.fields and "dictum" not in imported.fields


@pytest.mark.parametrize(
    "besluiten, vote",
    [
        ([], "onbekend"),
        (["Ingediend"], "onbekend"),
        (["Stemmen - aangenomen"], "aangenomen"),
        (["Stemmen - zonder stemming aannemen"], "aangenomen"),
        (["Stemmen - verworpen"], "verworpen"),
        (["Stemmen - uitstellen"], "aangehouden"),
        (["Stemmen - aangehouden"], "aangehouden"),
        (["Stemmen - ingetrokken"], "ingetrokken"),
        (["Stemmen - aangenomen", "Stemmen - uitstellen"], "aangenomen"),
        (["stemmen -  Verworpen"], "verworpen"),
    ],
)
def test_vote_from_the_besluiten(organisation, besluiten, vote):
    entity = motie(Besluit=[{"BesluitSoort": soort, "Verwijderd": False} for soort in besluiten])
    (imported,), _ = read_entity(entity, organisation, "Zaak")
    assert imported.fields["vote"] == vote


@pytest.mark.parametrize(
    "besluit, vote, status",
    [
        ("Stemmen - verworpen", "verworpen", "vervallen"),
        ("Stemmen - ingetrokken", "ingetrokken", "vervallen"),
        ("Stemmen - aangenomen", "aangenomen", None),  # whether it is carried out is ours to say
        ("Stemmen - uitstellen", "aangehouden", None),  # it may still be voted on
        ("Ingediend", "onbekend", None),
    ],
)
def test_a_rejected_or_withdrawn_motion_is_vervallen(organisation, besluit, vote, status):
    entity = motie(Besluit=[{"BesluitSoort": besluit, "Verwijderd": False}])
    (imported,), diagnostics = read_entity(entity, organisation, "Zaak")
    assert (imported.fields["vote"], imported.fields.get("status"), diagnostics) == (vote, status, [])


def test_cs_follows_the_registry_title(organisation):
    actors = [
        {"ActorNaam": "A. de Vries", "ActorFractie": "VVD", "Relatie": "Indiener"},
        {"ActorNaam": "P.J. Bakker", "ActorFractie": "D66", "Relatie": "MedeIndiener"},
        {"ActorNaam": "L.M. Smit", "ActorFractie": None, "Relatie": "Medeindiener"},
    ]
    entity = motie(ZaakActor=actors, Onderwerp="Motie van het lid De Vries c.s. over betere treinverbindingen")
    (imported,), _ = read_entity(entity, organisation)
    assert imported.fields["cs"] is True
    assert imported.fields["submitters"] == [
        {"member": "De Vries", "fractie": "VVD"},
        {"member": "Bakker", "fractie": "D66"},
        {"member": "Smit"},
    ]
    (imported,), _ = read_entity(motie(ZaakActor=actors, Onderwerp=None), organisation)
    assert imported.fields["cs"] is True  # without a title: there are Medeindieners
    assert "subject" not in imported.fields


def test_dossier_and_number_fall_back_to_the_zaak(organisation):
    entity = motie(Document=[], Kamerstukdossier=[{"Nummer": 36600, "Toevoeging": "VII"}], Volgnummer=12)
    (imported,), _ = read_entity(entity, organisation)
    assert (imported.fields["dossier"], imported.fields["number"]) == ("36600 VII", 12)
    (imported,), _ = read_entity(
        motie(Volgnummer=None, Document=[{"Soort": "Motie", "Kamerstukdossier": [{"Nummer": 30950}]}]), organisation
    )
    assert "number" not in imported.fields


@pytest.mark.parametrize(
    "actor_name, member",
    [
        ("A. de Vries", "De Vries"),
        ("J.J. Bamenga", "Bamenga"),
        ("S.R.T. van Baarle", "Van Baarle"),
        ("Chakor", "Chakor"),
        ("C.A.M. van der Plas", "Van der Plas"),
    ],
)
def test_submitters_are_named_as_prose_names_them(actor_name, member):
    assert prose_surname(actor_name) == member


# --- which entity, from the context or the fields ----------------------------------------------


def test_the_kind_comes_from_the_context_or_else_the_fields(organisation):
    (bare_toezegging,), _ = read_entity(toezegging(), organisation)
    (bare_zaak,), _ = read_entity(motie(), organisation)
    single = {"@odata.context": CONTEXT + "Toezegging/$entity", **toezegging(Tekst="Iets.", Nummer="X-1")}
    (from_entity_context,), _ = read_tk_json(json.dumps(single), "tk/one.json", organisation)
    assert [bare_toezegging.kind, bare_zaak.kind, from_entity_context.kind] == ["commitment", "motion", "commitment"]


def test_an_unsupported_entity_set_is_an_error(organisation):
    text = json.dumps({"@odata.context": CONTEXT + "Document", "value": [{"Soort": "Motie"}]}, indent=2)
    assert shown(read_tk_json(text, "tk/one.json", organisation)[1]) == [
        "tk/one.json:2:21: error: cannot import entity set 'Document': use Toezegging or Zaak [tk-json]"
    ]


def test_a_next_page_is_a_warning(organisation):
    text = json.dumps(
        {
            "@odata.context": CONTEXT + "Toezegging",
            "value": [toezegging()],
            "@odata.nextLink": CONTEXT + "?$skiptoken=1",
        },
        indent=2,
    )
    imported, diagnostics = read_tk_json(text, "tk/one.json", organisation)
    assert len(imported) == 1
    assert shown(diagnostics) == [
        f"{spot(text, NEXT_LINK)}: warning: this is one page of the result: follow @odata.nextLink and "
        "import every page [tk-next-page]"
    ]


# --- the API that replaced v4/2.0: OData v5, and names in other cases -----------------------------


def test_the_v5_toezeggingen_read_as_the_v4_ones(organisation):
    """The same toezeggingen in both shapes (fixtures/tk-opendata/README.md says which v5 names are inferred)."""
    v4, v4_diagnostics = read_fixture("toezeggingen.json", organisation)
    v5, v5_diagnostics = read_fixture("toezeggingen-v5.json", organisation)
    assert [(i.kind, i.key, i.by, i.fields) for i in v5] == [(i.kind, i.key, i.by, i.fields) for i in v4]
    assert [i.registry.toezegger for i in v5] == ["Uitermark, J.J.M.", "Bruins Slot, H.G.J.", "Keijzer, M.C.G."]
    assert [d.message for d in v5_diagnostics] == [d.message for d in v4_diagnostics]
    assert [str(d.location) for d in v5_diagnostics] == ["tk/toezeggingen-v5.json:63:17", "tk/toezeggingen-v5.json:72:5"]


def test_the_v5_file_imports_as_the_v4_file_does(tmp_path):
    """``brief import`` says the same of both, new commitment by new commitment."""
    from .conftest import REPO, run_cli

    outputs = []
    for name in ("toezeggingen.json", "toezeggingen-v5.json"):
        root = tmp_path / name
        for folder in ("data", "briefs", "templates"):
            shutil.copytree(REPO / folder, root / folder)
        shutil.copy(FIXTURES / name, root / "tk.json")
        result = run_cli("import", "tk.json", "--by", "minister-bzk-uitermark", cwd=root)
        assert result.returncode == 0, result.stderr
        outputs.append((result.stdout, (root / "data" / "commitments.yaml").read_text(encoding="utf-8")))
    assert outputs[0] == outputs[1]
    assert "data/commitments.yaml: new commitment TZ202409-071\n" in outputs[0][0]


SYNCFEED_NAMES = {
    "nummer": "TZ202503-112", "aanmaakdatum": "2025-03-12T16:05:41.12+01:00", "status": "Openstaand",
    "datumNakoming": "2025-07-01T00:00:00+02:00", "tekst": "De minister zegt toe de Kamer voor de zomer te informeren.",
    "naam": "Uitermark, J.J.M.", "functie": "Minister van Binnenlandse Zaken en Koninkrijksrelaties",
    "verwijderd": False, "kamerbriefNakoming": "2025D30001",
}


def test_names_are_read_in_any_case_as_the_syncfeed_writes_them(organisation):
    (pascal,), _ = read_entity(toezegging(), organisation, "Toezegging")
    (camel,), diagnostics = read_entity(SYNCFEED_NAMES, organisation, "Toezegging")
    assert diagnostics == []
    assert (camel.key, camel.by, camel.fields) == (pascal.key, pascal.by, pascal.fields)
    assert [f.document_number for f in camel.registry.fulfilments] == ["2025D30001"]


@pytest.mark.parametrize("name", ["Naam", "Toezegger", "NaamToezegger", "naamToezegger"])
def test_the_toezegger_under_each_of_its_names(organisation, name):
    entity = {key: value for key, value in toezegging().items() if key != "Naam"}
    (imported,), _ = read_entity({**entity, name: "Uitermark, J.J.M."}, organisation, "Toezegging")
    assert (imported.by, imported.registry.toezegger) == ("minister-bzk-uitermark", "Uitermark, J.J.M.")


def test_a_problem_is_located_at_the_field_as_the_file_names_it(organisation):
    text = json.dumps({**SYNCFEED_NAMES, "datumNakoming": "1 juli 2025"}, indent=2)
    _, diagnostics = read_tk_json(text, "tk/one.json", organisation)
    at = spot(text, '"datumNakoming": ')
    assert shown(diagnostics) == [
        f"{at}: error: bad date '1 juli 2025' in field 'datumNakoming' of Toezegging "
        "'TZ202503-112': expected e.g. 2025-03-12T16:05:41+01:00 [tk-json]"
    ]


def test_the_letters_recorded_as_fulfilment(organisation):
    recorded = [
        {"DocumentNummer": "2022D25123", "Datum": "2022-06-27T00:00:00+02:00", "Volgnummer": 317,
         "Kamerstukdossier": [{"Nummer": 31490, "Toevoeging": None}]},
        {"DocumentNummer": "2022D25124", "Datum": "2022-06-28T00:00:00+02:00", "Volgnummer": -1},
        {"DocumentNummer": "2022D25125", "Verwijderd": True},
        "2023D01234",
        "Kamerstukken II 2024/25, 36 600 VII, nr. 12",
        "voortgang-aanpak-racisme",
    ]
    entity = toezegging(KamerbriefNakoming=recorded)
    (imported,), diagnostics = read_entity(entity, organisation, "Toezegging")
    assert diagnostics == []
    assert [(f.text, f.document_number, f.date, f.dossier, f.number) for f in imported.registry.fulfilments] == [
        ("2022D25123 (Kamerstuk 31 490, nr. 317; 27 juni 2022)", "2022D25123", dt.date(2022, 6, 27), "31490", 317),
        ("2022D25124 (28 juni 2022)", "2022D25124", dt.date(2022, 6, 28), None, None),  # Volgnummer -1: no kamerstuk
        ("2023D01234", "2023D01234", None, None, None),
        ("Kamerstukken II 2024/25, 36 600 VII, nr. 12", None, None, "36600 VII", 12),
        ("voortgang-aanpak-racisme", None, None, None, None),  # a letter's name, as our export writes it
    ]
    assert imported.registry.status == "Openstaand"
    text = json.dumps({"@odata.context": CONTEXT + "Toezegging", "value": [entity]}, indent=2)  # as read_entity writes it
    assert str(imported.registry.places["KamerbriefNakoming"]) == spot(text, '"KamerbriefNakoming": ')


@pytest.mark.parametrize(("value", "fulfilments"), [(None, 0), ([], 0), ("2023D01234", 1), ({"DocumentNummer": "2023D01234"}, 1)])
def test_one_recorded_letter_need_not_be_a_list(organisation, value, fulfilments):
    (imported,), diagnostics = read_entity(toezegging(KamerbriefNakoming=value), organisation, "Toezegging")
    assert (len(imported.registry.fulfilments), diagnostics) == (fulfilments, [])


def test_a_recorded_letter_that_is_neither_text_nor_a_document_is_an_error(organisation):
    text = json.dumps({"@odata.context": CONTEXT + "Toezegging", "value": [toezegging(KamerbriefNakoming=[12])]}, indent=2)
    imported, diagnostics = read_tk_json(text, "tk/one.json", organisation)
    assert imported == []
    at = spot(text, '"KamerbriefNakoming": [\n        ')
    assert shown(diagnostics) == [
        f"{at}: error: expected a document or a document number in "
        "'KamerbriefNakoming' of Toezegging 'TZ202503-112', got a number [tk-json]"
    ]


# --- errors --------------------------------------------------------------------------------------


def test_every_error_in_a_file_is_reported_where_it_is(organisation):
    imported, diagnostics = read_fixture("broken.json", organisation)
    assert [i.key for i in imported] == ["TZ202501-001"]
    assert shown(diagnostics) == [
        "tk/broken.json:18:5: error: missing field 'Nummer' in Toezegging [tk-json]",
        "tk/broken.json:36:16: error: expected text in field 'Tekst' of Toezegging 'TZ202501-003', got a number "
        "[tk-json]",
        "tk/broken.json:45:24: error: bad date '31-01-2025' in field 'DatumNakoming' of Toezegging 'TZ202501-004': "
        "expected e.g. 2025-03-12T16:05:41+01:00 [tk-json]",
        "tk/broken.json:49:117: error: bad date '2025-02-30T00:00:00+01:00' in field 'Datum' of Activiteit of "
        "Toezegging 'TZ202501-004': expected e.g. 2025-03-12T16:05:41+01:00 [tk-json]",
        "tk/broken.json:54:17: error: duplicate Nummer 'TZ202501-001': already on line 6 [tk-json]",
        "tk/broken.json:61:5: error: expected an entity (a JSON object), got text [tk-json]",
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        (
            '{\n  "value": [\n    {"Nummer": "TZ1",}\n  ]\n}',
            "tk/x.json:3:22: error: invalid JSON: Expecting property name enclosed in double quotes [tk-json]",
        ),
        ("", "tk/x.json:1:1: error: invalid JSON: Expecting value [tk-json]"),
        (
            '[\n  {"Nummer": "TZ1"}\n]',
            "tk/x.json:1:1: error: expected an OData response (a JSON object with 'value') "
            "or one entity, got a list [tk-json]",
        ),
        (
            '{\n  "@odata.context": "x",\n  "value": {"Nummer": "TZ1"}\n}',
            "tk/x.json:3:12: error: expected a list of entities in 'value', got an object [tk-json]",
        ),
        (
            '{"Nummer": "2025A01234", "Titel": "x"}',
            "tk/x.json:1:1: error: cannot tell whether this is a Toezegging or a "
            "Zaak: give '@odata.context', or 'Tekst' or 'Soort' [tk-json]",
        ),
    ],
)
def test_what_is_not_an_odata_response(organisation, text, message):
    imported, diagnostics = read_tk_json(text, "tk/x.json", organisation)
    assert imported == []
    assert shown(diagnostics) == [message]


def test_a_motie_without_what_a_motion_needs(organisation):
    entity = motie(GestartOp=..., ZaakActor=[], Document=[{"Soort": "Motie", "Volgnummer": 433}])
    text = json.dumps({"@odata.context": CONTEXT + "Zaak", "value": [entity]}, indent=2)
    imported, diagnostics = read_tk_json(text, "tk/one.json", organisation)
    assert imported == []
    assert shown(diagnostics) == [
        f"{spot(text, ENTITY)}: error: missing field 'GestartOp' in Zaak '2025Z04567' [tk-json]",
        f"{spot(text, ZAAK_ACTOR)}: error: no Indiener for Zaak '2025Z04567': expand ZaakActor [tk-json]",
        f"{spot(text, DOCUMENT)}: error: no Kamerstukdossier for Zaak '2025Z04567': expand "
        "Document($expand=Kamerstukdossier) or Kamerstukdossier [tk-json]",
    ]


def test_wrong_types_in_a_toezegging(organisation):
    entity = toezegging(Nummer=112, Tekst=None, Activiteit={"Soort": 3}, Aanmaakdatum="gisteren")
    text = json.dumps({"@odata.context": CONTEXT + "Toezegging", "value": [entity]}, indent=2)
    imported, diagnostics = read_tk_json(text, "tk/one.json", organisation)
    assert imported == []
    assert [(str(d.location), d.message) for d in diagnostics] == [
        (spot(text, '"Nummer": '), "expected text in field 'Nummer' of Toezegging, got a number"),
        (
            spot(text, '"Aanmaakdatum": '),
            "bad date 'gisteren' in field 'Aanmaakdatum' of Toezegging: expected e.g. 2025-03-12T16:05:41+01:00",
        ),
        (spot(text, '"Tekst": '), "expected text in field 'Tekst' of Toezegging, got null"),
        (spot(text, '"Soort": '), "expected text in field 'Soort' of Activiteit of Toezegging, got a number"),
    ]


# --- JSON the json module reads without complaint, but that cannot be imported faithfully ----------


def test_a_duplicate_key_is_an_error_where_it_repeats(organisation):
    text = (
        '{\n  "value": [\n    {\n      "Nummer": "TZ202503-112",\n      "Tekst": "Eerste",\n'
        '      "Status": "Openstaand",\n      "Tekst": "Tweede"\n    }\n  ]\n}'
    )
    imported, diagnostics = read_tk_json(text, "tk/dup.json", organisation)
    assert imported == []
    assert shown(diagnostics) == [
        "tk/dup.json:7:7: error: duplicate key 'Tekst' (first on line 5): JSON readers differ in which one they"
        " keep; remove one [tk-json]"
    ]


def test_duplicate_keys_are_found_at_any_depth_and_after_escapes(organisation):
    text = '{"value": [], "@odata.context": "x", "@odata.c\\u006fntext": "y", "a": [{"b": 1, "b": 2}]}'
    _, diagnostics = read_tk_json(text, "tk/dup.json", organisation)
    repeats = [text.index('"@odata.c\\u006fntext"'), text.rindex('"b"')]
    assert [str(d.location) for d in diagnostics] == [f"tk/dup.json:1:{at + 1}" for at in repeats]
    assert [d.message.split(" (")[0] for d in diagnostics] == [
        "duplicate key '@odata.context'",
        "duplicate key 'b'",
    ]


@pytest.mark.parametrize(
    "number, message",
    [
        ("1" * 5000, "number of 5,000 characters: the registry's numbers have at most 32"),
        ("-" + "9" * 40, "number of 41 characters: the registry's numbers have at most 32"),
        ("0." + "1" * 5000, "number of 5,002 characters: the registry's numbers have at most 32"),
        ("1e999", "number 1e999 is too large to read"),
        ("-1E400", "number -1E400 is too large to read"),
        ("NaN", "NaN is not a JSON number"),
        ("Infinity", "Infinity is not a JSON number"),
        ("-Infinity", "-Infinity is not a JSON number"),
    ],
)
def test_a_number_that_cannot_be_read_faithfully_is_a_located_error(organisation, number, message):
    text = '{\n  "value": [\n    {"Nummer": "2025Z04567", "Soort": "Motie", "Volgnummer": ' + number + "}\n  ]\n}"
    imported, diagnostics = read_tk_json(text, "tk/one.json", organisation)
    assert imported == []
    where = spot(text, '"Volgnummer": ')
    assert shown(diagnostics) == [f"{where}: error: {message} [tk-json]"]


def test_a_number_of_32_characters_is_still_read(organisation):
    entity = motie(Document=[], Kamerstukdossier=[{"Nummer": 30950}], Volgnummer=-(10**30))
    (imported,), diagnostics = read_entity(entity, organisation, "Zaak")
    assert (imported.fields["number"], diagnostics) == (-(10**30), [])


def test_a_lone_surrogate_is_an_error_in_the_json_not_in_the_yaml_it_would_make(organisation):
    text = json.dumps({"value": [toezegging(Tekst="Een \ud800 toezegging")]}, indent=2)
    assert "\\ud800" in text
    imported, diagnostics = read_tk_json(text, "tk/one.json", organisation)
    assert imported == []
    where = spot(text, '"Tekst": ')
    assert shown(diagnostics) == [
        f"{where}: error: a lone surrogate (U+D800) in field 'Tekst' of Toezegging"
        " 'TZ202503-112': it is not a character; fix the text [tk-json]"
    ]


# --- ids -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "nummer, problem",
    [
        ("TZ 2025-112", "an id cannot hold a space"),
        ("TZ2025\n112", "an id cannot hold a line break"),
        ("TZ2025#112", "an id cannot hold '#' (U+0023)"),
        ("TZ2025\u202e211", "an id cannot hold the invisible formatting character U+202E"),
        ("TZ2025\u200b112", "an id cannot hold the invisible formatting character U+200B"),
        ("TZ2025/112", "an id cannot hold '/' (U+002F)"),
        ("-TZ2025", "an id starts and ends with a letter or digit, so that @id can cite it"),
        ("T" * 5000, "an id has at most 100 characters, this one 5,000"),
    ],
)
def test_a_nummer_that_cannot_be_an_id_is_refused(organisation, nummer, problem):
    """The model's one id rule, reported where the Nummer stands in the JSON."""
    text = json.dumps({"value": [toezegging(Nummer=nummer)]}, indent=2)
    imported, diagnostics = read_tk_json(text, "tk/one.json", organisation)
    assert imported == []
    (diagnostic,) = diagnostics
    assert str(diagnostic.location) == spot(text, '"Nummer": ')
    assert f"' as an id: {problem}" in diagnostic.message
    assert "\u202e" not in str(diagnostic) and "\u200b" not in str(diagnostic)  # shown escaped, never raw
    assert len(str(diagnostic)) < 300


def test_the_empty_nummer_is_refused(organisation):
    (diagnostic,) = read_entity(toezegging(Nummer=""), organisation, "Toezegging")[1]
    assert diagnostic.message == "expected text in field 'Nummer' of Toezegging, got empty text"


@pytest.mark.parametrize("nummer", ["TZ202503-112", "2025Z04567", "per-racisme-c", "T03545", "a_b-c", "x" * 100])
def test_a_nummer_that_can_be_an_id_is_kept(organisation, nummer):
    (imported,), diagnostics = read_entity(toezegging(Nummer=nummer), organisation, "Toezegging")
    assert (imported.key, diagnostics) == (nummer, [])


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.sampled_from(["Motie", "TZ1", "2025-01-01"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "value",
                    "Nummer",
                    "Tekst",
                    "Soort",
                    "GestartOp",
                    "ZaakActor",
                    "Document",
                    "Besluit",
                    "Activiteit",
                    "Status",
                    "Verwijderd",
                    "Kamerstukdossier",
                    "Relatie",
                    "ActorNaam",
                    "x",
                ]
            ),
            inner,
            max_size=6,
        )
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES, st.sampled_from([None, "Toezegging", "Zaak"]))
def test_any_json_gives_diagnostics_never_an_exception(organisation, value, entity_set):
    document = {"@odata.context": CONTEXT + entity_set, "value": value} if entity_set else value
    imported, diagnostics = read_tk_json(json.dumps(document, indent=1), "tk/any.json", organisation)
    assert all(d.location.line >= 1 and d.location.col >= 1 for d in diagnostics)


def test_deep_nesting_is_an_error_not_a_crash(organisation):
    (diagnostic,) = read_tk_json("[" * 100_000, "tk/deep.json", organisation)[1]
    assert diagnostic.code == "tk-json"


# --- positions --------------------------------------------------------------------------------------


def test_value_offsets_find_every_value_by_its_path():
    text = '{"a": [1, {"b\\"]": "x}, ]"}, []],\r\n "c": {}, "ë": null}'
    offsets = value_offsets(text)
    assert {path: text[at : at + 6] for path, at in offsets.items()} == {
        (): '{"a": ',
        ("a",): '[1, {"',
        ("a", 0): '1, {"b',
        ("a", 1): '{"b\\"]',
        ("a", 1, 'b"]'): '"x}, ]',
        ("a", 2): "[]],\r\n",
        ("c",): '{}, "ë',
        ("ë",): "null}",
    }


def test_lines_and_columns_are_counted_as_the_json_module_counts_them():
    text = '{\n  "a": 1,\n  "b": ]\n}'
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(text)
    assert line_and_column(line_starts(text), caught.value.pos) == (caught.value.lineno, caught.value.colno) == (3, 8)


def test_a_byte_order_mark_is_not_a_column(organisation):
    text = "\ufeff" + json.dumps({"value": [toezegging()]})
    (imported,), _ = read_tk_json(text, "tk/bom.json", organisation)
    assert str(imported.loc) == "tk/bom.json:1:12"


# --- export ---------------------------------------------------------------------------------------------


def test_export_rows_use_the_registry_names(example):
    repository, briefs = example
    rows = {row["Nummer"]: row for row in export_commitments(repository, briefs)}
    assert list(rows) == list(repository.commitments)
    assert rows["per-racisme-c"] == {
        "Nummer": "per-racisme-c",
        "Tekst": repository.commitments["per-racisme-c"].text,
        "Status": "Voldaan",
        "Aanmaakdatum": "2024-09-12",
        "DatumNakoming": "2025-05-31",  # postponed by the first letter to the spring
        "Naam": "J.J.M. Uitermark",
        "Functie": "De Minister van Binnenlandse Zaken en Koninkrijksrelaties",
        "Kamer": "TK",
        "KamerbriefNakoming": ["voortgang-aanpak-racisme", "kst-30950-451"],
        "Id": None,
    }
    assert rows["tk-2022-discriminatie"]["KamerbriefNakoming"] == ["sociale-veiligheid-rijksoverheid", "kst-31490-317"]
    assert rows["per-racisme-j"]["KamerbriefNakoming"] == []  # closed with a reason, no letter in briefs/
    assert (rows["T03545"]["Kamer"], rows["T03545"]["Naam"], rows["T03545"]["DatumNakoming"]) == (
        "EK",
        "H.G.J. Bruins Slot",
        "2024-07-01",
    )


def test_only_sent_letters_count(example):
    repository, briefs = example
    concept = [
        replace(b, meta=replace(b.meta, status="concept")) for b in briefs if b.name == "voortgang-aanpak-racisme"
    ]
    rows = {row["Nummer"]: row for row in export_commitments(repository, concept)}
    assert rows["per-racisme-c"]["KamerbriefNakoming"] == []


def test_as_json_and_as_csv(example):
    repository, briefs = example
    rows = export_commitments(repository, briefs)
    text = as_json(rows)
    assert text.endswith("}\n") and text.startswith('{\n  "value": [\n    {\n      "Nummer": "per-racisme-a",')
    assert json.loads(text) == {"value": rows}
    assert as_json([{"Tekst": "Personeelsenquête", "Datum": dt.date(2025, 4, 14)}]) == (
        '{\n  "value": [\n    {\n      "Tekst": "Personeelsenquête",\n      "Datum": "2025-04-14"\n    }\n  ]\n}\n'
    )
    table = list(csv.reader(io.StringIO(as_csv(rows))))
    assert table[0] == list(EXPORT_COLUMNS)
    by_id = {line[0]: dict(zip(table[0], line, strict=True)) for line in table[1:]}
    assert by_id["per-racisme-c"]["KamerbriefNakoming"] == "voortgang-aanpak-racisme; kst-30950-451"
    assert by_id["per-racisme-c"]["Id"] == ""
    assert as_csv([]) == ",".join(f'"{column}"' for column in EXPORT_COLUMNS) + "\n"


EVIL = '=HYPERLINK("http://evil.example","klik")'


@pytest.mark.parametrize("text", [EVIL, "+31 70 426 6426", "-5", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "  =1+1"])
def test_csv_cells_read_back_as_text_never_as_a_formula(example, text):
    repository, briefs = example
    commitment = replace(repository.commitments["per-racisme-c"], text=text)
    rows = export_commitments(replace(repository, commitments={commitment.id: commitment}), briefs)
    (row,) = csv.DictReader(io.StringIO(as_csv(rows)))
    assert row["Tekst"] == "'" + text
    assert row["Nummer"] == "per-racisme-c" and row["Aanmaakdatum"] == "2024-09-12"  # nothing else touched


def test_csv_is_defused_and_json_is_not(example):
    repository, briefs = example
    commitment = replace(repository.commitments["per-racisme-c"], text=EVIL)
    rows = export_commitments(replace(repository, commitments={commitment.id: commitment}), briefs)
    assert as_csv(rows).splitlines()[1].startswith(f'"per-racisme-c","\'=HYPERLINK(""http://evil.example""')
    (imported,), diagnostics = read_tk_json(as_json(rows), "out/export.json", repository.organisation)
    assert (imported.fields["text"], diagnostics) == (EVIL, [])


@pytest.mark.parametrize("status", ["open", "voldaan", "deels voldaan", "vervallen"])
def test_every_status_survives_export_and_import(example, status):
    repository, _ = example
    # A status the letters do not give needs the reason the Kamer's register would be.
    commitment = replace(repository.commitments["per-racisme-c"], status=status, reason="Volgens het register.")
    rows = export_commitments(replace(repository, commitments={commitment.id: commitment}), [])
    (imported,), diagnostics = read_tk_json(as_json(rows), "out/export.json", repository.organisation)
    assert (imported.fields["status"], diagnostics) == (status, [])


def test_an_export_reads_back_as_the_same_commitments(example):
    repository, briefs = example
    imported, diagnostics = read_tk_json(
        as_json(export_commitments(repository, briefs)), "out/export.json", repository.organisation
    )
    assert diagnostics == []
    assert [i.key for i in imported] == list(repository.commitments)
    states = lifecycles(repository, briefs, dt.date.today())
    for item in imported:
        commitment, state = repository.commitments[item.key], states[item.key]
        assert item.fields["text"] == " ".join(commitment.text.split())
        # As the letters make it, in the register's words: postponed and recurring items are open there.
        assert item.fields["status"] == (state.status if state.status in TK_STATUSES else "open")
        assert item.fields.get("due") == ({"date": state.due} if state.due else None)
        assert item.fields["kamer"] == commitment.kamer
        assert item.by == commitment.by
