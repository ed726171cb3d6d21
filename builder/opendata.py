"""Tweede Kamer Open Data: toezeggingen, moties and schriftelijke vragen in, our commitments out.

``read_tk_json`` reads what the Gegevensmagazijn's OData API returns (an
envelope with ``value``, or one bare entity) and gives, per Toezegging, Motie or
set of Schriftelijke vragen, only the fields the registry owns, in our YAML data
format. The caller merges them into ``data/`` and keeps what is ours (short,
reason, notes, dictum, a motion's status unless the Kamer rejected it or it was
withdrawn: then it is vervallen; the questions' text, which the registry's Zaak
does not hold). ``export_commitments`` goes the other way, with the registry's field
names, so that an export can be read back; ``as_csv`` defuses it for spreadsheets.

The JSON is held to more than the json module asks: a duplicate key, a number no
field can take (5,000 digits, 1e999, NaN) and a Nummer that cannot be an id are
located errors, not silently the last value, a crash, or an id nothing can refer to.

A library: nothing here prints or writes files. Field names and values follow
the v4/2.0 vocabulary (see the reference tk-open-data.md); the names the API
that replaced it in June 2026 (OData v5) gave some fields are read too
(``FIELD_ALIASES``), and every name in any case, as the SyncFeed writes them.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from .coverage import letters_answering
from .lifecycle import Lifecycle, lifecycles
from .csvsafe import csv_text
from .codes import finding
from .diagnostics import CONTROL_CHARACTER, Diagnostic, Location, describe_control, shortened
from .dutch import dossier_number, long_date
from .load import line_and_column, line_starts
from .model import Brief, Commitment, Organisation, Repository, id_problem

JsonPath = tuple[str | int, ...]

ImportedKind = Literal["commitment", "motion", "kamervragen"]
# OData entity set -> the kind of record its entities become; a Zaak's Soort says which (ZAAK_SOORTEN).
KIND_OF_ENTITY_SET: dict[str, ImportedKind] = {"Toezegging": "commitment", "Zaak": "motion"}
# The Zaak soorten imported (tkapi's ZaakSoort spells them so), by their casefolded Soort.
ZAAK_SOORTEN: dict[str, ImportedKind] = {"motie": "motion", "schriftelijke vragen": "kamervragen"}

# The registry's vocabulary drifted from its schema (Afgedaan next to Voldaan; reference 2.2).
COMMITMENT_STATUSES = {
    "openstaand": "open",
    "voldaan": "voldaan",
    "afgedaan": "voldaan",
    "deels voldaan": "deels voldaan",
    "deels afgedaan": "deels voldaan",
    "vervallen": "vervallen",
}
TK_STATUSES = {"open": "Openstaand", "voldaan": "Voldaan", "deels voldaan": "Deels voldaan", "vervallen": "Vervallen"}

# What follows "Stemmen - " in a Besluit's BesluitSoort.
VOTES = {
    "aangenomen": "aangenomen",
    "zonder stemming aannemen": "aangenomen",
    "verworpen": "verworpen",
    "ingetrokken": "ingetrokken",
    "uitstellen": "aangehouden",
    "aangehouden": "aangehouden",
    "aanhouden": "aangehouden",
}
FINAL_VOTES = ("aangenomen", "verworpen", "ingetrokken")
# A rejected or withdrawn motion asks nothing of the government any more. After any
# other vote, whether it is carried out is ours to say, so its status is left alone.
MOTION_STATUSES = {"verworpen": "vervallen", "ingetrokken": "vervallen"}

_SURROGATE = re.compile(r"[\ud800-\udfff]")

EXPORT_COLUMNS = (
    "Nummer",
    "Tekst",
    "Status",
    "Aanmaakdatum",
    "DatumNakoming",
    "Naam",
    "Functie",
    "Kamer",
    "KamerbriefNakoming",
    "Id",
)


# A field's names in the APIs after v4/2.0, tried after the v4/2.0 name. OData v5 (live since
# 12 June 2026) renamed and dropped attributes (OpenDataPortaal#175, #193); its Toezegging names
# are not published, so these are inferred (tests/fixtures/tk-opendata/README.md says from what).
# tkconv, which serves the SyncFeed as JSON, calls the bewindspersoon's name naamToezegger.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {"Naam": ("Toezegger", "NaamToezegger")}


def field_key(data: dict[str, Any], name: str) -> str:
    """The key ``data`` holds field ``name`` under: the name itself, a later API's name for it, or
    either in another case (the SyncFeed's ``datumNakoming``); ``name`` itself when it holds none."""
    names = (name, *FIELD_ALIASES.get(name, ()))
    for candidate in names:
        if candidate in data:
            return candidate
    folded = {candidate.casefold() for candidate in names}
    return next((key for key in data if key.casefold() in folded), name)


def field_value(data: dict[str, Any], name: str) -> Any:
    return data.get(field_key(data, name))


@dataclass(frozen=True)
class Fulfilment:
    """A letter the registry records as fulfilling a toezegging (``KamerbriefNakoming``).

    OData expands it as a Document; the SyncFeed (and a JSON rendering of it) holds the
    document's number as text; our own export writes a letter's name and its kamerstuk.
    """

    text: str  # as the registry identifies it, for people: "2022D25123 (27 juni 2022)"
    document_number: str | None = None  # "2022D25123"
    date: dt.date | None = None
    dossier: str | None = None  # "31490", "36600 VII"
    number: int | None = None  # the kamerstuk's nr. (Document.Volgnummer)


@dataclass(frozen=True)
class RegistryFacts:
    """What ``brief reconcile`` compares beyond the imported fields, as the registry has it."""

    status: str | None  # as written: "Afgedaan", "Deels Voldaan"
    toezegger: str | None  # "Uitermark, J.J.M."
    ministerie: str | None
    fulfilments: tuple[Fulfilment, ...]
    places: dict[str, Location]  # Status, DatumNakoming, KamerbriefNakoming: where each is (or its entity)


@dataclass(frozen=True)
class Imported:
    """One Toezegging, Motie or set of Schriftelijke vragen from the registry, as the fields it owns."""

    kind: ImportedKind
    key: str  # Toezegging.Nummer ("TZ202503-112") or Zaak.Nummer ("2025Z04567")
    fields: dict[str, Any]
    by: str | None  # the bewindspersoon id matched for a commitment; None when nobody matched
    loc: Location
    registry: RegistryFacts | None = None  # a Toezegging's; None for a Motie
    document: str | None = None  # Schriftelijke vragen: the questions' DocumentNummer ("2024D50997")


# --- positions in the JSON text, and what the json module lets pass -----------------------

_WHITESPACE = re.compile(r"[ \t\n\r]*")

# The registry's numbers are counts and Kamerstuk numbers. A longer literal is no value
# it sends, and from 4,300 digits on Python refuses to convert it at all.
MAX_NUMBER_CHARACTERS = 32


@dataclass(frozen=True)
class _Unreadable:
    """What the decoder gives for a number it must not turn into a value; says why."""

    problem: str


def _integer(literal: str) -> int | _Unreadable:
    if len(literal) > MAX_NUMBER_CHARACTERS:
        return _Unreadable(_too_long(literal))
    return int(literal)


def _real(literal: str) -> float | _Unreadable:
    if len(literal) > MAX_NUMBER_CHARACTERS:
        return _Unreadable(_too_long(literal))
    value = float(literal)
    return value if math.isfinite(value) else _Unreadable(f"number {literal} is too large to read")


def _constant(name: str) -> _Unreadable:
    """NaN, Infinity and -Infinity, which Python's json accepts and JSON does not have."""
    return _Unreadable(f"{name} is not a JSON number")


def _too_long(literal: str) -> str:
    return f"number of {len(literal):,} characters: the registry's numbers have at most {MAX_NUMBER_CHARACTERS}"


_DECODER = json.JSONDecoder(parse_int=_integer, parse_float=_real, parse_constant=_constant)


@dataclass
class JsonScan:
    """Where each value of valid JSON text starts, and what makes the text unfit to import.

    ``duplicate_keys`` holds (key, offset of its first occurrence, offset of the repeat):
    json.loads keeps the last silently, other readers the first. ``unreadable`` holds
    (path, problem) for numbers no field can take faithfully.
    """

    offsets: dict[JsonPath, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[str, int, int]] = field(default_factory=list)
    unreadable: list[tuple[JsonPath, str]] = field(default_factory=list)


def scan_json(text: str) -> JsonScan:
    """Walk valid JSON text. The json module gives no positions, so this walks the objects
    and lists itself and leaves the keys and scalars to the decoder."""
    scan = JsonScan()
    _walk(text, _skip_space(text, 0), (), scan)
    return scan


def value_offsets(text: str) -> dict[JsonPath, int]:
    """Where each value of valid JSON text starts, by its path of keys and list indexes."""
    return scan_json(text).offsets


def _walk(text: str, at: int, path: JsonPath, scan: JsonScan) -> int:
    """Record the value at ``at`` and all values inside it; return the offset just after it."""
    scan.offsets[path] = at
    opener = text[at]
    if opener not in "{[":
        value, end = _DECODER.raw_decode(text, at)
        if isinstance(value, _Unreadable):
            scan.unreadable.append((path, value.problem))
        return end
    closer = "}" if opener == "{" else "]"
    at = _skip_space(text, at + 1)
    index = 0
    keys: dict[str, int] = {}
    while text[at] != closer:
        step: str | int = index
        if opener == "{":
            key_at = at
            step, at = _DECODER.raw_decode(text, at)
            if step in keys:
                scan.duplicate_keys.append((step, keys[step], key_at))
            keys.setdefault(step, key_at)
            at = _skip_space(text, _skip_space(text, at) + 1)  # past the colon
        at = _skip_space(text, _walk(text, at, (*path, step), scan))
        if text[at] == ",":
            at = _skip_space(text, at + 1)
        index += 1
    return at + 1


def _skip_space(text: str, at: int) -> int:
    return _WHITESPACE.match(text, at).end()  # type: ignore[union-attr]


@dataclass
class _Source:
    """One JSON file being read: its positions and the diagnostics found so far."""

    text: str
    shown: str
    offsets: dict[JsonPath, int]
    problems: list[Diagnostic] = field(default_factory=list)
    starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.starts = line_starts(self.text)

    def at(self, path: JsonPath) -> Location:
        """The position of a value; of its nearest enclosing value when it is absent."""
        while path and path not in self.offsets:
            path = path[:-1]
        return self.at_offset(self.offsets.get(path, 0))

    def at_offset(self, offset: int) -> Location:
        return Location(self.shown, *line_and_column(self.starts, offset))

    def fail(self, path: JsonPath, message: str) -> None:
        self.problems.append(finding(self.at(path), message, "tk-json"))

    def warn(self, path: JsonPath, message: str, code: str) -> None:
        self.problems.append(finding(self.at(path), message, code))

    @property
    def error_count(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")


# --- reading -----------------------------------------------------------------------------


def read_tk_json(text: str, shown: str, organisation: Organisation) -> tuple[list[Imported], list[Diagnostic]]:
    """The toezeggingen, moties and schriftelijke vragen in an OData response, and every
    problem, located in ``shown``.

    An entity with an error is left out; one with only a warning (no status) is
    returned. Deleted entities and Zaken of other soorten are left out with a warning.
    """
    text = text.removeprefix("\ufeff")  # editors do not count a byte order mark as a column
    try:
        data = _DECODER.decode(text)
        scan = scan_json(text)
    except json.JSONDecodeError as exc:
        return [], [finding(Location(shown, exc.lineno, exc.colno), f"invalid JSON: {exc.msg}", "tk-json")]
    except RecursionError:
        return [], [finding(Location(shown), "invalid JSON: nested too deeply", "tk-json")]
    source = _Source(text, shown, scan.offsets)
    if _unfit_to_import(source, scan):
        return [], sorted(source.problems)
    if not isinstance(data, dict):
        source.fail((), f"expected an OData response (a JSON object with 'value') or one entity, got {_describe(data)}")
        return [], source.problems
    entity_set = _entity_set(data)
    imported: list[Imported] = []
    first_seen: dict[str, Location] = {}
    for path, entity in _entities(data, entity_set, source):
        found = _read_entity(source, path, entity, entity_set, organisation)
        if found is None:
            continue
        if found.key in first_seen:
            source.fail(
                (*path, "Nummer"), f"duplicate Nummer '{found.key}': already on line {first_seen[found.key].line}"
            )
            continue
        first_seen[found.key] = source.at((*path, "Nummer"))
        imported.append(found)
    return imported, sorted(source.problems)


def _unfit_to_import(source: _Source, scan: JsonScan) -> bool:
    """Report what valid JSON can still hold that would be imported wrongly; True if anything."""
    for key, first, repeat in scan.duplicate_keys:
        message = (
            f"duplicate key '{shortened(key)}' (first on line {source.at_offset(first).line}):"
            " JSON readers differ in which one they keep; remove one"
        )
        source.problems.append(finding(source.at_offset(repeat), message, "tk-json"))
    for path, problem in scan.unreadable:
        source.fail(path, problem)
    return bool(source.problems)


def _entity_set(data: dict[str, Any]) -> str | None:
    """'Toezegging' from ".../$metadata#Toezegging" or "...#Zaak(ZaakActor(),Document(...))"."""
    context = data.get("@odata.context")
    match = re.search(r"\$metadata#([A-Za-z]+)", context) if isinstance(context, str) else None
    return match.group(1) if match else None


def _entities(data: dict[str, Any], entity_set: str | None, source: _Source) -> list[tuple[JsonPath, Any]]:
    """The entities of an envelope, or the one bare entity, each with its path."""
    if entity_set is not None and entity_set not in KIND_OF_ENTITY_SET:
        source.fail(("@odata.context",), f"cannot import entity set '{entity_set}': use Toezegging or Zaak")
        return []
    if "value" not in data:
        return [((), data)]
    if not isinstance(data["value"], list):
        source.fail(("value",), f"expected a list of entities in 'value', got {_describe(data['value'])}")
        return []
    if data.get("@odata.nextLink"):
        # Importing one page of 250 would make everything on later pages look gone.
        source.warn(
            ("@odata.nextLink",),
            "this is one page of the result: follow @odata.nextLink and import every page",
            "tk-next-page",
        )
    return [(("value", index), item) for index, item in enumerate(data["value"])]


def _read_entity(
    source: _Source, path: JsonPath, data: Any, entity_set: str | None, organisation: Organisation
) -> Imported | None:
    if not isinstance(data, dict):
        source.fail(path, f"expected an entity (a JSON object), got {_describe(data)}")
        return None
    kind = entity_set or _kind_from_fields(data)
    label = _label(kind, data)
    if field_value(data, "Verwijderd") is True:
        source.warn(path, f"skipped {label}: it is deleted in the registry (Verwijderd: true)", "tk-deleted")
        return None
    if kind is None:
        source.fail(
            path, "cannot tell whether this is a Toezegging or a Zaak: give '@odata.context', or 'Tekst' or 'Soort'"
        )
        return None
    entity = _Entity(source, path, data, label)
    errors_before = source.error_count
    imported_kind = _zaak_kind(entity) if kind == "Zaak" else KIND_OF_ENTITY_SET[kind]
    if imported_kind is None:
        return None
    key = entity.text("Nummer", required=True)
    # The model's one id rule, applied here too so that the error points into the JSON.
    if key is not None and (problem := id_problem(key)):
        entity.fail("Nummer", f"cannot use Nummer '{shortened(key)}' as an id: {problem}")
        key = None
    registry = document = None
    if imported_kind == "commitment":
        fields, by = _commitment_fields(entity), match_bewindspersoon(data, organisation)
        registry = _registry_facts(entity)
    elif imported_kind == "kamervragen":
        fields, by, document = _kamervragen_fields(entity, organisation), None, _vragen_document(entity)
    else:
        fields, by = _motion_fields(entity), None
    if key is None or source.error_count > errors_before:
        return None
    return Imported(imported_kind, key, fields, by, source.at(path), registry, document)


def _label(kind: str | None, data: dict[str, Any]) -> str:
    """ "Toezegging 'TZ202503-112'", or just "Toezegging" when it has no Nummer, for messages."""
    nummer = field_value(data, "Nummer")
    noun = kind or "entity"
    return f"{noun} '{shortened(nummer)}'" if isinstance(nummer, str) and nummer.strip() else noun


def _kind_from_fields(data: dict[str, Any]) -> str | None:
    # Our own export has Tekst but keeps our ids as Nummer, so Tekst alone says Toezegging.
    if field_key(data, "Soort") in data:
        return "Zaak"
    nummer = field_value(data, "Nummer")
    if field_key(data, "Tekst") in data or (isinstance(nummer, str) and nummer.startswith("TZ")):
        return "Toezegging"
    return None


def _zaak_kind(entity: _Entity) -> ImportedKind | None:
    """What a Zaak becomes by its Soort; None (with a warning) for the soorten not imported."""
    soort = entity.text("Soort", required=True)
    if soort is None:
        return None
    kind = ZAAK_SOORTEN.get(" ".join(soort.split()).casefold())
    if kind is None:
        message = f"skipped {entity.label} of Soort '{soort}': only moties and schriftelijke vragen are imported"
        entity.warn("", message, "tk-skipped")
    return kind


class _Entity:
    """One JSON object, read field by field; problems go to its source, located at the field."""

    def __init__(self, source: _Source, path: JsonPath, data: dict[str, Any], label: str):
        self.source, self.path, self.data, self.label = source, path, data, label

    def key(self, name: str) -> str:
        return field_key(self.data, name)

    def at(self, name: str) -> Location:
        return self.source.at((*self.path, self.key(name)))

    def warn(self, name: str, message: str, code: str) -> None:
        self.source.warn((*self.path, self.key(name)) if name else self.path, message, code)

    def fail(self, name: str, message: str) -> None:
        self.source.fail((*self.path, self.key(name)), message)

    def text(self, name: str, required: bool = False) -> str | None:
        name = self.key(name)
        if name not in self.data and required:
            self.fail(name, f"missing field '{name}' in {self.label}")
            return None
        value = self.data.get(name)
        if value is None and not required:
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(name, f"expected text in field '{name}' of {self.label}, got {_describe(value)}")
            return None
        control = CONTROL_CHARACTER.search(value)
        if control:
            self.fail(name, f"{describe_control(control.group())} in field '{name}' of {self.label}; remove it")
            return None
        surrogate = _SURROGATE.search(value)
        if surrogate:
            # JSON's \ud800 escape decodes to half a character, which cannot be written as UTF-8.
            code = ord(surrogate.group())
            self.fail(
                name, f"a lone surrogate (U+{code:04X}) in field '{name}' of {self.label}: it is not a character; fix the text"
            )
            return None
        return value

    def date(self, name: str, required: bool = False) -> dt.date | None:
        name = self.key(name)
        value = self.text(name, required)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.fail(
                name, f"bad date '{value}' in field '{name}' of {self.label}: expected e.g. 2025-03-12T16:05:41+01:00"
            )
        return parsed

    def number(self, name: str, required: bool = False) -> int | None:
        name = self.key(name)
        value = self.data.get(name)
        if value is None and not required:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(name, f"expected a whole number in field '{name}' of {self.label}, got {_describe(value)}")
            return None
        return value

    def children(self, name: str) -> list[_Entity]:
        """The objects of an expanded navigation, without the deleted ones an unfiltered $expand returns."""
        name = self.key(name)
        value = self.data.get(name)
        items = [((*self.path, name), value)] if isinstance(value, dict) else None
        if isinstance(value, list):
            items = [((*self.path, name, index), item) for index, item in enumerate(value)]
        if value is not None and items is None:
            self.fail(name, f"expected a list in field '{name}' of {self.label}, got {_describe(value)}")
        children = []
        for path, item in items or []:
            if not isinstance(item, dict):
                self.source.fail(path, f"expected an object in field '{name}' of {self.label}, got {_describe(item)}")
            elif field_value(item, "Verwijderd") is not True:
                children.append(_Entity(self.source, path, item, f"{name} of {self.label}"))
        return children


_DATE_TIME_OFFSET = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?")


def parse_date(text: str) -> dt.date | None:
    """The calendar date as written: '2025-03-12T23:30:00+01:00' is 12 March, whatever UTC says."""
    match = _DATE_TIME_OFFSET.fullmatch(text.strip())
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


# --- Toezegging -> commitment ------------------------------------------------------------


def _commitment_fields(entity: _Entity) -> dict[str, Any]:
    fields: dict[str, Any] = {"kamer": _kamer(entity)}
    text = entity.text("Tekst", required=True)
    if text is not None:
        fields["text"] = " ".join(text.split())
    fields["made"] = _made(entity)
    due = entity.date("DatumNakoming")
    if due is not None and due.year > 1:  # some responses write 0001-01-01 for "no date"
        fields["due"] = {"date": due}
    status = _commitment_status(entity)
    if status is not None:
        fields["status"] = status
    return fields


def _kamer(entity: _Entity) -> str:
    # The registry holds no Eerste Kamer data; 'Kamer' is only in our own export, where it keeps EK items EK.
    kamer = field_value(entity.data, "Kamer")
    return kamer if kamer in ("TK", "EK") else "TK"


def _made(entity: _Entity) -> dict[str, Any]:
    """The debate it was made in: the first Activiteit, else the day it was registered.

    Without an Activiteit the registry does not say what kind of debate it was, so
    ``kind`` is left out: a local value must not be overwritten by a guess.
    """
    activities = entity.children("Activiteit")
    first = activities[0] if activities else None
    kind = first.text("Soort") if first else None
    held_on = first.date("Datum") if first else None
    registered_on = entity.date("Aanmaakdatum", required=held_on is None)
    made = {"kind": kind.strip().lower()} if kind and kind.strip() else {}
    return made | {"date": held_on or registered_on}


def _commitment_status(entity: _Entity) -> str | None:
    value = field_value(entity.data, "Status")
    status = COMMITMENT_STATUSES.get(" ".join(value.split()).casefold()) if isinstance(value, str) else None
    if status is None:
        shown = f"unknown status '{value}'" if value else "no status"
        entity.warn("Status", f"{entity.label} has {shown}; its status is left out", "tk-status")
    return status


def _registry_facts(entity: _Entity) -> RegistryFacts:
    """The status as written, who made it, and the letters recorded as fulfilling it.

    The names are read leniently, as matching the bewindspersoon does: an odd Naam makes
    no match, not an error.
    """
    status, toezegger, ministerie = (field_value(entity.data, name) for name in ("Status", "Naam", "Ministerie"))
    return RegistryFacts(
        status=" ".join(status.split()) if isinstance(status, str) and status.strip() else None,
        toezegger=toezegger.strip() if isinstance(toezegger, str) and toezegger.strip() else None,
        ministerie=ministerie.strip() if isinstance(ministerie, str) and ministerie.strip() else None,
        fulfilments=_fulfilments(entity),
        places={name: entity.at(name) for name in ("Status", "DatumNakoming", "KamerbriefNakoming")},
    )


def _fulfilments(entity: _Entity) -> tuple[Fulfilment, ...]:
    """``KamerbriefNakoming``: expanded Documents, document numbers as text, or both mixed.

    The live SyncFeed repeats the element, so one value or a list of them may come.
    """
    name = entity.key("KamerbriefNakoming")
    value = entity.data.get(name)
    items = value if isinstance(value, list) else [] if value is None else [value]
    found = []
    for index, item in enumerate(items):
        path = (*entity.path, name, index) if isinstance(value, list) else (*entity.path, name)
        if isinstance(item, str):
            if item.strip():
                found.append(fulfilment_of_text(item))
        elif isinstance(item, dict):
            document = _Entity(entity.source, path, item, f"KamerbriefNakoming of {entity.label}")
            if field_value(item, "Verwijderd") is not True:
                found.append(_fulfilment_of_document(document))
        else:
            entity.source.fail(
                path, f"expected a document or a document number in 'KamerbriefNakoming' of {entity.label}, "
                f"got {_describe(item)}"
            )
    return tuple(found)


_DOCUMENT_NUMBER = re.compile(r"\d{4}D\d{5}")
# "Kamerstukken II 2021/22, 31 490, nr. 317", and the bare "31 490, nr. 317" or "31490-317".
_KAMERSTUK = re.compile(r"(?:Kamerstukken\s+I{1,2}\s+\d{4}/\d{2},\s*)?(\d[\d ]*\d|\d)(\s+[A-Z]+)?(?:,\s*nr\.\s*|-)(\d+)")


def fulfilment_of_text(text: str) -> Fulfilment:
    """One letter as text: a document number ("2022D25123"), a kamerstuk, or a name as given."""
    text = " ".join(text.split())
    if _DOCUMENT_NUMBER.fullmatch(text):
        return Fulfilment(text, document_number=text)
    dossier, number = kamerstuk_number(text)
    return Fulfilment(text, dossier=dossier, number=number)


def kamerstuk_number(text: str) -> tuple[str | None, int | None]:
    """('31490', 317) from "Kamerstukken II 2021/22, 31 490, nr. 317"; (None, None) when it names none."""
    match = _KAMERSTUK.fullmatch(" ".join(text.split()))
    if match is None:
        return None, None
    dossier = match.group(1).replace(" ", "") + (match.group(2) or "")
    return dossier, int(match.group(3))


def _fulfilment_of_document(document: _Entity) -> Fulfilment:
    """An expanded Document: its number and date, and its kamerstuk when Kamerstukdossier came along."""
    number = document.text("DocumentNummer")
    date = document.date("Datum")
    volgnummer = document.number("Volgnummer")
    dossiers = document.children("Kamerstukdossier")
    dossier = None
    if dossiers:
        nummer, suffix = dossiers[0].number("Nummer"), (dossiers[0].text("Toevoeging") or "").strip()
        dossier = f"{nummer} {suffix}".strip() if nummer is not None else None
    if volgnummer is not None and volgnummer <= 0:  # -1: a document that is no kamerstuk
        volgnummer = None
    number = number.strip() if number and number.strip() else None
    details = [f"Kamerstuk {dossier_number(dossier)}, nr. {volgnummer}" if dossier and volgnummer else None]
    details.append(long_date(date) if date else None)
    shown = "; ".join(part for part in details if part)
    text = f"{number} ({shown})" if number and shown else number or shown or "een document zonder nummer"
    return Fulfilment(text, number, date, dossier, volgnummer)


def match_bewindspersoon(data: dict[str, Any], organisation: Organisation) -> str | None:
    """The bewindspersoon a Toezegging names: by surname, and by Functie when surnames are shared."""
    surname = _surname(data)
    if not surname:
        return None
    found = [b for b in organisation.bewindspersonen if _ends_with_words(b.name, surname)]
    if len(found) > 1:
        functie = _without_article(field_value(data, "Functie"))
        found = [b for b in found if _without_article(b.role) == functie]
    return found[0].id if len(found) == 1 else None


def _surname(data: dict[str, Any]) -> str:
    """'van Huffelen' from Achternaam and Tussenvoegsel, or from Naam 'Huffelen, A.C. van'.

    A Naam without a comma (our own export writes 'J.J.M. Uitermark') is used whole.
    """
    achternaam, tussenvoegsel, naam = (field_value(data, k) for k in ("Achternaam", "Tussenvoegsel", "Naam"))
    if isinstance(achternaam, str) and achternaam.strip():
        prefix = tussenvoegsel if isinstance(tussenvoegsel, str) else ""
        return f"{prefix} {achternaam}".strip()
    if not isinstance(naam, str):
        return ""
    if "," not in naam:
        return naam.strip()
    last, initials = naam.split(",", 1)
    prefix = [word for word in initials.split() if word.islower() and "." not in word]
    return " ".join([*prefix, last.strip()])


def _ends_with_words(name: str, surname: str) -> bool:
    words, tail = name.casefold().split(), surname.casefold().split()
    return 0 < len(tail) <= len(words) and words[-len(tail) :] == tail


def _without_article(role: Any) -> str:
    """'minister van bzk' for both 'De Minister van BZK' (ours) and 'Minister van BZK' (the registry's)."""
    words = role.casefold().split() if isinstance(role, str) else []
    return " ".join(words[1:] if words[:1] == ["de"] else words)


# --- Zaak (Motie) -> motion ----------------------------------------------------------------


def _motion_fields(entity: _Entity) -> dict[str, Any]:
    """What the registry knows of a motie; its dictum and whether it was carried out are ours.

    Only a vote that ends the motion (verworpen, ingetrokken) sets its status: vervallen.
    """
    document = _motie_document(entity)
    fields: dict[str, Any] = {"kamer": "TK", "dossier": _dossier(entity, document)}
    number = (document.number("Volgnummer") if document else None) or entity.number("Volgnummer")
    if number is not None:
        fields["number"] = number
    fields["date"] = entity.date("GestartOp", required=True)
    fields["submitters"], co_submitters = _submitters(entity)
    onderwerp = entity.text("Onderwerp")
    fields["cs"] = _cum_suis(onderwerp, co_submitters)
    if onderwerp and onderwerp.strip():
        fields["subject"] = _subject(onderwerp)
    fields["vote"] = _vote(entity)
    if fields["vote"] in MOTION_STATUSES:
        fields["status"] = MOTION_STATUSES[fields["vote"]]
    return fields


def _motie_document(entity: _Entity) -> _Entity | None:
    """The motie itself among the Zaak's documents (Soort 'Motie' or 'Motie (gewijzigd/nader)')."""
    moties = [d for d in entity.children("Document") if (d.text("Soort") or "").casefold().startswith("motie")]
    return moties[0] if moties else None


def _dossier(entity: _Entity, document: _Entity | None) -> str | None:
    """'30950' or '36600 VII'; Zaak.Volgnummer alone is not unique, so the dossier must come along (pitfall 11)."""
    for holder in (document, entity):
        dossiers = holder.children("Kamerstukdossier") if holder else []
        if dossiers:
            number = dossiers[0].number("Nummer", required=True)
            suffix = (dossiers[0].text("Toevoeging") or "").strip()
            return None if number is None else f"{number} {suffix}".strip()
    entity.fail(
        "Document",
        f"no Kamerstukdossier for {entity.label}: expand Document($expand=Kamerstukdossier) or Kamerstukdossier",
    )
    return None


def _submitters(entity: _Entity) -> tuple[list[dict[str, str]], int]:
    """Indieners first, then Medeindieners, with how many Medeindieners there are."""
    by_relation: dict[str, list[dict[str, str]]] = {"indiener": [], "medeindiener": []}
    for actor in entity.children("ZaakActor"):
        relation = (actor.text("Relatie") or "").strip().casefold()
        if relation not in by_relation:
            continue  # 'Gericht aan', committees
        name = actor.text("ActorNaam", required=True)
        fractie = actor.text("ActorFractie")
        if name is not None:
            member = {"member": prose_surname(name)}
            by_relation[relation].append({**member, "fractie": fractie} if fractie else member)
    if not by_relation["indiener"]:
        entity.fail("ZaakActor", f"no Indiener for {entity.label}: expand ZaakActor")
    return by_relation["indiener"] + by_relation["medeindiener"], len(by_relation["medeindiener"])


def prose_surname(actor_name: str) -> str:
    """'A. de Vries' -> 'De Vries', 'J.J. Bamenga' -> 'Bamenga': the name as a sentence writes it."""
    surname = " ".join(word for word in actor_name.split() if not word.endswith(".")) or actor_name.strip()
    return surname[:1].upper() + surname[1:]


def _cum_suis(onderwerp: str | None, co_submitters: int) -> bool:
    """Whether the registry's own title says 'c.s.', as motions.yaml uses cs.

    'Motie van de leden X en Y' (one Medeindiener) has no c.s.; without a title,
    any Medeindiener counts.
    """
    if onderwerp is None or not onderwerp.strip():
        return co_submitters > 0
    return "c.s." in onderwerp.split(" over ", 1)[0]


def _subject(onderwerp: str) -> str:
    """'over betere treinverbindingen' from 'Motie van de leden X en Y over betere treinverbindingen'."""
    text = " ".join(onderwerp.split())
    at = text.find(" over ")
    return text[at + 1 :] if at >= 0 else text


def _vote(entity: _Entity) -> str:
    """The outcome of the vote; a final one wins over a postponement, whatever the order of the list."""
    outcomes = []
    for besluit in entity.children("Besluit"):
        soort = " ".join((besluit.text("BesluitSoort") or "").split()).casefold()
        outcome = VOTES.get(soort.removeprefix("stemmen - ")) if soort.startswith("stemmen - ") else None
        if outcome is not None:
            outcomes.append(outcome)
    final = [vote for vote in outcomes if vote in FINAL_VOTES]
    return (final or outcomes or ["onbekend"])[-1]


# --- Zaak (Schriftelijke vragen) -> kamervragen ------------------------------------------------


def _kamervragen_fields(entity: _Entity, organisation: Organisation) -> dict[str, Any]:
    """Who asked whom, when, about what: the registry's Zaak holds no question text, which
    ``brief import-vragen`` reads from the published questions."""
    fields: dict[str, Any] = {"kamer": _zaak_kamer(entity)}
    fields["indieners"], _ = _submitters(entity)
    fields["aan"] = _asked(entity, organisation)
    fields["ingezonden"] = entity.date("GestartOp", required=True)
    onderwerp = entity.text("Onderwerp", required=True)
    if onderwerp is not None:
        fields["subject"] = kamervragen_subject(onderwerp)
    return fields


def _zaak_kamer(entity: _Entity) -> str:
    """'EK' for a Zaak of the Eerste Kamer alone; the Gegevensmagazijn's are the Tweede Kamer's."""
    organisatie = " ".join((entity.text("Organisatie") or "").split()).casefold()
    return "EK" if organisatie == "eerste kamer" else "TK"


def _asked(entity: _Entity, organisation: Organisation) -> list[str]:
    """The bewindspersonen a ZaakActor with Relatie 'Gericht aan' names, matched as a Toezegging's
    Naam is: by surname, and by Functie ('minister van Financiën') when surnames are shared."""
    asked: list[str] = []
    actors = [a for a in entity.children("ZaakActor") if " ".join((a.text("Relatie") or "").split()).casefold() == "gericht aan"]
    for actor in actors:
        name = actor.text("ActorNaam", required=True)
        if name is None:
            continue
        functie = actor.text("Functie")
        found = match_bewindspersoon({"Achternaam": prose_surname(name), "Functie": functie}, organisation)
        if found is None:
            shown = f"{name} ({functie.strip()})" if functie and functie.strip() else name
            message = (
                f"{entity.label} is asked of {shown}, whom no bewindspersoon in data/organisation.yaml matches "
                "(by surname, and by role when surnames are shared); add them there"
            )
            entity.source.problems.append(finding(actor.at("ActorNaam"), message, "tk-bewindspersoon"))
        elif found not in asked:
            asked.append(found)
    if not actors:
        entity.fail(
            "ZaakActor", f"no 'Gericht aan' for {entity.label}: expand ZaakActor, whose Relatie 'Gericht aan' names whom it asks"
        )
    return asked


# "Vragen van het lid X (VVD) aan de Minister van … over …": what follows "over" is the subject.
_VRAGEN_ONDERWERP = re.compile(r"^(?:schriftelijke\s+)?vragen\s+van\s+.+?\s+over\s+(?P<subject>\S.*)$", re.IGNORECASE | re.DOTALL)


def kamervragen_subject(onderwerp: str) -> str:
    """'overbodige functies …' from 'Vragen van het lid Erkens aan de Minister van … over overbodige
    functies …'; an Onderwerp of another form is the subject whole."""
    text = " ".join(onderwerp.split())
    match = _VRAGEN_ONDERWERP.match(text)
    subject = match.group("subject") if match else text
    subject = re.sub(r"\s*\(ingezonden [^()]*\)\s*\.?$", "", subject)
    return subject.removesuffix(".") if match else subject


def _vragen_document(entity: _Entity) -> str | None:
    """The DocumentNummer of the questions themselves among the Zaak's documents: where the
    Kamer's site shows their text (tweedekamer.nl/kamerstukken/kamervragen/detail?did=…)."""
    for document in entity.children("Document"):
        if " ".join((document.text("Soort") or "").split()).casefold() == "schriftelijke vragen":
            number = document.text("DocumentNummer")
            if number and number.strip():
                return number.strip()
    return None


# --- export ----------------------------------------------------------------------------------


def export_commitments(repository: Repository, briefs: list[Brief]) -> list[dict[str, Any]]:
    """One row per commitment, with the registry's field names where it has one."""
    answering = letters_answering(briefs)
    states = lifecycles(repository, briefs, dt.date.today())
    return [_export_row(c, states[c.id], repository, answering.get(c.id, [])) for c in repository.commitments.values()]


def _export_row(commitment: Commitment, lifecycle: Lifecycle, repository: Repository, letters: list[Brief]) -> dict[str, Any]:
    bewindspersoon = repository.bewindspersonen.get(commitment.by)
    return {
        "Nummer": commitment.id,
        "Tekst": commitment.text,
        # The registry knows open, deels voldaan, voldaan and vervallen: a postponed or a
        # recurring item is open there.
        "Status": TK_STATUSES.get(lifecycle.status, TK_STATUSES["open"]),
        "Aanmaakdatum": commitment.made.date.isoformat(),
        "DatumNakoming": lifecycle.due.isoformat() if lifecycle.due else None,
        "Naam": bewindspersoon.name if bewindspersoon else None,
        "Functie": bewindspersoon.role if bewindspersoon else None,
        "Kamer": commitment.kamer,
        "KamerbriefNakoming": _sent_letters(letters),
        "Id": None,  # the registry's Guid, which we do not keep
    }


def _sent_letters(letters: list[Brief]) -> list[str]:
    """Each sent letter's name, followed by the kamerstuk it was published as when known."""
    names = []
    for brief in letters:
        if brief.meta.status == "verzonden":
            names.append(brief.name)
            if brief.meta.kamerstuk:
                names.append(brief.meta.kamerstuk)
    return names


def as_json(rows: list[dict[str, Any]]) -> str:
    """An OData-like envelope, so that ``read_tk_json`` reads it back."""
    return json.dumps({"value": rows}, ensure_ascii=False, indent=2, default=_iso_date) + "\n"


def as_csv(rows: list[dict[str, Any]]) -> str:
    """For a spreadsheet, defused (unlike ``as_json``, which is for reading back and stays exact)."""
    columns = list(dict.fromkeys(key for row in rows for key in row)) or list(EXPORT_COLUMNS)
    return csv_text(columns, ([_cell(row.get(column)) for column in columns] for row in rows))


def _cell(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(item) for item in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _iso_date(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "empty text" if not value.strip() else "text"
    return "a list" if isinstance(value, list) else "an object"
