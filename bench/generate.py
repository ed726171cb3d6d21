"""Write a synthetic Briefbouwer repository the size of a large ministry.

Usage: python bench/generate.py DIR

5,000 commitments, 1,000 motions, 3,000 documents, 60 schriftelijke overleggen,
600 sets of Kamervragen and 410 briefs (150 Kamerbrieven, 90 nota's, 60 replies
to an overleg, 80 answers to Kamervragen and 30 Mededelingen) that cite the data
with the real citation syntax. The output depends only on SEED and
this file: the benchmark keys its cache on the file's hash.

Beside the repository, ``registry/toezeggingen.json`` is what the Tweede Kamer's
Gegevensmagazijn would return for the ministry's toezeggingen (OData v4/2.0, all
pages in one envelope): every Tweede Kamer commitment of data/ under its id,
a few with a changed text, due date or status, and 100 new ones. The benchmark
times ``brief import`` on it. ``registry/schriftelijke-vragen.json`` is the same
for the ministry's schriftelijke vragen (Zaken with ZaakActor and Document): 200
sets of data/, 40 of them with a corrected subject or a Medeindiener added, and
100 new; ``registry/vragen-<number>.txt`` is the published text (tweedekamer.nl's
"Vraag n" form) of a set that data/ holds without its questions yet, for
``brief import-vragen``.

The repository passes ``brief check`` with 0 errors and ``brief fmt --check``:
the YAML is written directly in the canonical layout (schema key order, block
style, two-space indent, dashes under their key, folded ``>-`` prose). Open
commitments are due from mid-2027 on, so ``overdue`` warnings stay rare until
then; a handful of overdue ones are there on purpose, as in a real repository.
The Kamervragen keep to the same rule: their answers are in time but for a
handful; how the older sets stay quiet is said at KAMERVRAGEN below.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
import sys
import textwrap
import uuid
from dataclasses import dataclass, field
from pathlib import Path

SEED = 20250414
COMMITMENTS = 5000
MOTIONS = 1000
DEBATES = 700  # handelingen: every commitment was made in one of them
TK_KAMERSTUKKEN = 1900
EK_KAMERSTUKKEN = 200
WEB_SOURCES = 120
REPORTS = 80
KAMERBRIEVEN = 150
NOTAS = 90
REPLIES = 60  # one overleg each
OVERDUE_ON_PURPOSE = 5
# The registry export: how many of its toezeggingen differ from data/, and how many are new.
REGISTRY_NEW = 100
REGISTRY_CHANGED_TEXTS = 40
REGISTRY_CHANGED_DUE_DATES = 150
REGISTRY_FULFILLED = 150  # open in data/, Voldaan in the registry
REGISTRY_LAGGING = 50  # voldaan in data/, still Openstaand in the registry: the import keeps ours

FIRST_DAY = dt.date(2019, 1, 7)
LAST_DAY = dt.date(2026, 10, 30)
FIRST_LETTER_DAY = dt.date(2021, 3, 1)
OPEN_DUE_FROM = dt.date(2027, 6, 1)  # open commitments fall due after this: few overdue warnings

REPO = Path(__file__).resolve().parent.parent
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)

# --- vocabulary ------------------------------------------------------------------------------

TOPICS = (
    "de aanpak van discriminatie en racisme binnen de Rijksoverheid",
    "het strategisch personeelsbeleid van het Rijk",
    "de informatiehuishouding van de Rijksoverheid",
    "de uitvoering van de Wet open overheid",
    "de rijksbrede klachtencommissie",
    "het integriteitsbeleid voor politieke ambtsdragers",
    "de huisvesting van de Rijksdienst",
    "de regeldruk voor gemeenten",
    "de Wet digitale overheid",
    "de organisatie van de verkiezingen",
    "de financiële verhoudingen met medeoverheden",
    "de weerbaarheid van het openbaar bestuur",
    "de verduurzaming van maatschappelijk vastgoed",
    "de Caribische delen van het Koninkrijk",
    "de informatiebeveiliging bij de Rijksoverheid",
    "het gebruik van algoritmes door de overheid",
    "de toegankelijkheid van overheidswebsites",
    "de dienstverlening aan burgers en ondernemers",
    "de arbeidsmarkttoeleiding van mensen met een beperking",
    "de sociale veiligheid op de werkvloer",
    "de bescherming van klokkenluiders",
    "de evaluatie van de Ambtenarenwet",
    "het vertrouwen in de overheid",
    "de samenwerking tussen Rijk en provincies",
    "de versterking van de lokale democratie",
    "de basisregistratie personen",
    "de digitale identiteit",
    "de inzet van externe inhuur",
    "de opleiding van rijksambtenaren",
    "de spreiding van rijkswerkgelegenheid",
)
PARTNERS = (
    "de VNG", "het IPO", "de Unie van Waterschappen", "de vakbonden", "de Algemene Bestuursdienst",
    "het CBS", "de Autoriteit Persoonsgegevens", "de Raad van State", "het Sociaal en Cultureel Planbureau",
    "de Nationale ombudsman", "de medeoverheden", "maatschappelijke organisaties", "de uitvoeringsorganisaties",
    "de Interdepartementale Commissie Bedrijfsvoering Rijk", "het Adviescollege ICT-toetsing",
    "de Algemene Rekenkamer", "de Kiesraad", "de decentrale overheden",
)
PERIODS = (
    "het eerste kwartaal van volgend jaar", "het voorjaar", "de tweede helft van dit jaar",
    "de zomer", "december", "de komende maanden", "het najaar",
)
FINDINGS = (
    "de meeste organisaties de maatregelen inmiddels hebben ingevoerd",
    "de verschillen tussen departementen groter zijn dan verwacht",
    "medewerkers de meldprocedure nog onvoldoende kennen",
    "de kosten lager uitvallen dan eerder geraamd",
    "een aanzienlijk deel van de gemeenten meer ondersteuning nodig heeft",
    "de uitvoering op schema ligt",
    "de doelgroep beter bereikt wordt dan in eerdere jaren",
    "er behoefte is aan een eenduidig kader",
    "de bestaande instrumenten onvoldoende samenhangen",
    "de administratieve lasten voor uitvoerders zijn toegenomen",
)
MEASURES = (
    "een rijksbreed kader met heldere afspraken",
    "een verplichte training voor leidinggevenden",
    "een jaarlijkse monitor die de voortgang zichtbaar maakt",
    "een centraal meldpunt voor alle departementen",
    "een pilot bij drie uitvoeringsorganisaties",
    "extra capaciteit bij de betrokken directies",
    "een handreiking voor decentrale overheden",
    "een wetsvoorstel dat de bevoegdheden verduidelijkt",
    "een onafhankelijke evaluatie na twee jaar",
    "een kennisplatform voor uitvoerders",
)
ASPECTS = (
    "de privacy van betrokkenen", "de uitvoerbaarheid", "de financiële gevolgen", "de rol van leidinggevenden",
    "de positie van kleine gemeenten", "de samenhang met bestaand beleid", "de gevolgen voor burgers",
    "de betrokkenheid van medewerkers", "de toegankelijkheid", "de rechtsbescherming",
)
DEBATE_KINDS = (
    "commissiedebat", "commissiedebat", "plenair debat", "tweeminutendebat", "notaoverleg",
    "wetgevingsoverleg", "dertigledendebat", "mondelinge vragenuur",
)
EK_DEBATE_KINDS = ("plenair debat", "deskundigenbijeenkomst", "mondeling overleg")
SURNAMES = (
    "De Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "De Boer", "Mulder", "De Groot", "Bos",
    "Vos", "Peters", "Hendriks", "Van Leeuwen", "Dekker", "Brouwer", "De Wit", "Dijkstra", "Smits",
    "De Graaf", "Van der Meer", "Van der Linden", "Kok", "Jacobs", "De Haan", "Vermeulen", "Van den Berg",
    "Van Dijk", "Van Dam", "Koster", "Prins", "Huisman", "Kuipers", "Van Beek", "Postma", "Boersma",
    "Hoekstra", "Willems", "Maas", "Verhoeven", "Koning", "Van Wijk", "Schouten", "Sanders", "Timmermans",
)
TK_FRACTIES = (
    "VVD", "D66", "GroenLinks-PvdA", "PVV", "CDA", "SP", "ChristenUnie", "SGP", "PvdD", "JA21", "BBB",
    "NSC", "DENK", "Volt",
)
EK_FRACTIES = TK_FRACTIES[:12] + ("OSF", "50PLUS")
QUESTION_PREFIX = {"GroenLinks-PvdA": "GLPvdA", "ChristenUnie": "CU"}
DOSSIERS = (
    "30950", "31490", "35741", "36410", "29362", "32813", "26643", "32761", "35925 VII", "36200 VII",
    "36410 VII", "31066", "34775 VII", "29279", "35510", "33328", "21501-02", "28844", "35300 VII",
    "32847", "34477", "35165", "30821", "31142", "28684", "35788", "32761", "36132", "25268", "29614",
)
EK_DOSSIERS = ("35741", "36410", "35510", "35925", "36132", "34477", "35165", "33328")
PUBLISHERS = (
    "Sociaal en Cultureel Planbureau", "Rijksoverheid", "Algemene Rekenkamer", "Raad voor het Openbaar Bestuur",
    "Kennisplatform Inclusief Samenleven", "Wetenschappelijke Raad voor het Regeringsbeleid", "I&O Research",
)
TER = ("ondertekening", "beslissing", "informatie", "accordering")
OPTIONAL_NOTA_SECTIONS = ("Interdepartementale afstemming", "Uitvoering", "Financiële gevolgen")
DEPARTMENTS = ("IenW", "JenV", "Financiën", "OCW", "SZW", "VWS", "EZ", "AZ", "Defensie", "LVVN")


# --- canonical YAML ----------------------------------------------------------------------------


class Folded(str):
    """Prose written as a folded ``>-`` block, wrapped once here; ``brief fmt`` keeps the breaks."""


_PLAIN = re.compile(r"^(?:https?://[^\s#]+|[\wÀ-ÿ(«][^:#\"\n]*[^\s:]|\w)$")
# What YAML 1.2 reads as something other than a string: numbers, booleans, null, dates.
_NOT_TEXT = re.compile(
    r"^(?:[-+]?[\d_]*\.?[\d_]+(?:[eE][-+]?\d+)?|0x[\da-fA-F_]+|0o[0-7_]+|true|false|null|~|\d{4}-\d\d?-\d\d?.*)$", re.I
)


def scalar(value: object) -> str:
    """A value as YAML: plain where it reads back as the same string, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    text = str(value)
    if _PLAIN.match(text) and not _NOT_TEXT.match(text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def emit_mapping(pairs: dict, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for key, value in pairs.items():
        if value is None or value == [] or value == ():
            continue
        if isinstance(value, Folded):
            lines.append(f"{pad}{key}: >-")
            lines += [f"{pad}  {line}" for line in textwrap.wrap(value, width=max(40, 84 - indent))]
        elif isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines += emit_mapping(value, indent + 2)
        elif isinstance(value, (list, tuple)):
            lines.append(f"{pad}{key}:")
            for item in value:
                lines += emit_item(item, indent + 2)
        else:
            lines.append(f"{pad}{key}: {scalar(value)}")
    return lines


def emit_item(item: object, indent: int) -> list[str]:
    """A list item: '- ' takes the place of the first key's indent."""
    if not isinstance(item, dict):
        return [f"{' ' * indent}- {scalar(item)}"]
    lines = emit_mapping(item, indent + 2)
    lines[0] = f"{' ' * indent}- {lines[0][indent + 2:]}"
    return lines


def yaml_file(comment: str, key: str | None, records: list[dict] | dict) -> str:
    """A data file: a comment header, then one list of records (blank line between) or one mapping."""
    lines = [f"# {line}".rstrip() for line in comment.strip().splitlines()]
    if key is None:
        lines += emit_mapping(records, 0)
    else:
        lines.append(f"{key}:")
        for n, record in enumerate(records):
            if n:
                lines.append("")
            lines += emit_item(record, 2)
    return "\n".join(lines) + "\n"


# --- Dutch-ish dates ---------------------------------------------------------------------------


def prinsjesdag(year: int) -> dt.date:
    first = dt.date(year, 9, 1)
    return first + dt.timedelta(days=(1 - first.weekday()) % 7 + 14)


def vergaderjaar_compact(date: dt.date) -> str:
    """'20232024': how handelingen ids spell the parliamentary year."""
    start = date.year if date >= prinsjesdag(date.year) else date.year - 1
    return f"{start}{start + 1}"


def long_date(date: dt.date) -> str:
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def bare(topic: str) -> str:
    """'de aanpak van …' -> 'aanpak van …', for titles."""
    return topic.removeprefix("de ").removeprefix("het ")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("ë", "e").replace("é", "e")).strip("-")


# --- the world ---------------------------------------------------------------------------------


@dataclass
class Item:
    """A commitment or motion, with what the briefs decided about it."""

    record: dict
    kind: str  # "commitment" or "motion"
    kamer: str
    date: dt.date
    answered_by: list[dict] = field(default_factory=list)  # the letters (front matter) that answer it

    @property
    def id(self) -> str:
        return self.record["id"]


@dataclass
class Debate:
    document: dict
    kamer: str
    topic: str
    kind: str
    commitments: list[Item] = field(default_factory=list)


@dataclass
class World:
    rng: random.Random
    bewindspersonen: list[str]
    documents: list[dict] = field(default_factory=list)
    debates: list[Debate] = field(default_factory=list)
    motions: list[Item] = field(default_factory=list)
    commitments: list[Item] = field(default_factory=list)
    overleggen: list[dict] = field(default_factory=list)
    used_documents: set[str] = field(default_factory=set)
    brief_files: dict[str, str] = field(default_factory=dict)

    def day(self, start: dt.date = FIRST_DAY, end: dt.date = LAST_DAY) -> dt.date:
        """A working day between two dates."""
        date = start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))
        return date - dt.timedelta(days=max(0, date.weekday() - 4))

    def pick(self, options):
        return self.rng.choice(options)


class Prose:
    """Sentences of plausible civil-service Dutch around a topic."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def sentence(self, topic: str) -> str:
        r = self.rng
        templates = (
            f"In de afgelopen periode is {topic} verder uitgewerkt in nauwe samenwerking met {r.choice(PARTNERS)}.",
            f"Ik hecht eraan uw Kamer te informeren over de stand van zaken rond {topic}.",
            f"Uit recent onderzoek blijkt dat {r.choice(FINDINGS)}.",
            f"Het kabinet zet daarom in op {r.choice(MEASURES)}.",
            f"Daarbij is nadrukkelijk aandacht voor {r.choice(ASPECTS)} en voor {r.choice(ASPECTS)}.",
            f"Naar verwachting wordt deze stap in {r.choice(PERIODS)} afgerond.",
            f"Met de betrokken departementen en {r.choice(PARTNERS)} is afgesproken dat de voortgang"
            f" jaarlijks wordt besproken.",
            "De komende maanden werk ik dit verder uit, zodat de maatregelen ook in de praktijk het verschil maken.",
            f"Dit sluit aan bij eerdere afspraken over {r.choice(TOPICS)}.",
            f"Ook {r.choice(PARTNERS)} heeft aangegeven het belang hiervan te onderschrijven.",
            f"Tegelijkertijd constateer ik dat {r.choice(FINDINGS)}.",
            "Dat vraagt om een zorgvuldige afweging tussen snelheid en draagvlak.",
            f"Een eerste verkenning laat zien dat {r.choice(MEASURES)} daarvoor het meest geschikt is.",
            f"Bij de uitwerking betrek ik {r.choice(PARTNERS)} en {r.choice(PARTNERS)}.",
            f"Over de resultaten informeer ik uw Kamer in {r.choice(PERIODS)}.",
            f"De evaluatie besteedt in het bijzonder aandacht aan {r.choice(ASPECTS)}.",
        )
        return r.choice(templates)

    def sentences(self, topic: str, count: int) -> list[str]:
        return [self.sentence(topic) for _ in range(count)]


def wrap(text: str) -> str:
    """Wrap prose at 88 columns, never starting a line with something Markdown reads as a block."""
    lines: list[str] = []
    for word in text.split(" "):
        risky = re.match(r"^(?:[-+*>#]|\d+[.)])$|^\d+[.)]\s", word)
        if lines and (len(lines[-1]) + 1 + len(word) <= 88 or risky):
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


# --- data --------------------------------------------------------------------------------------


def make_documents(world: World) -> None:
    make_debates(world)
    make_kamerstukken(world, "II", DOSSIERS, TK_KAMERSTUKKEN)
    make_kamerstukken(world, "I", EK_DOSSIERS, EK_KAMERSTUKKEN)
    for n in range(WEB_SOURCES):
        topic = world.pick(TOPICS)
        date = world.day()
        title = f"Factsheet {bare(topic)} {date.year}"
        url = f"https://www.rijksoverheid.nl/documenten/publicaties/{date:%Y/%m/%d}/{slug(title)}-{n}"
        world.documents.append(
            {"id": f"web-{slug(title)[:40].strip('-')}-{n}", "kind": "web", "title": title, "url": url,
             "publisher": "Rijksoverheid" if n % 3 else None}
        )
    for n in range(REPORTS):
        topic = world.pick(TOPICS)
        title = f"Rapport {world.pick(('Monitor', 'Evaluatie', 'Verkenning', 'Onderzoek'))} {topic}"
        world.documents.append(
            {"id": f"rapport-{n + 1:03d}-{slug(topic)[:30].strip('-')}", "kind": "report", "title": title,
             "publisher": world.pick(PUBLISHERS)}
        )


def make_debates(world: World) -> None:
    dates = sorted(world.day() for _ in range(DEBATES))
    numbers: dict[tuple[str, str], int] = {}
    for date in dates:
        kamer = "I" if world.rng.random() < 0.15 else "II"
        year = vergaderjaar_compact(date)
        number = numbers[(kamer, year)] = numbers.get((kamer, year), 0) + world.rng.randint(1, 3)
        topic = world.pick(TOPICS)
        kinds = EK_DEBATE_KINDS if kamer == "I" else DEBATE_KINDS
        kind = world.pick(kinds)
        document = {
            "id": f"h-{'ek' if kamer == 'I' else 'tk'}-{year}-{number}",
            "kind": "handelingen",
            "kamer": kamer,
            "number": number,
            "item": world.rng.randint(2, 12) if world.rng.random() < 0.6 else None,
            "date": date,
            "title": f"{kind[:1].upper()}{kind[1:]} over {topic}",
        }
        world.documents.append(document)
        world.debates.append(Debate(document, "EK" if kamer == "I" else "TK", topic, kind))


def make_kamerstukken(world: World, kamer: str, dossiers: tuple[str, ...], count: int) -> None:
    per_dossier: dict[str, list[dt.date]] = {}
    for _ in range(count):
        per_dossier.setdefault(world.pick(dossiers), []).append(world.day())
    for dossier, dates in per_dossier.items():
        number = world.rng.randint(150, 400)
        for index, date in enumerate(sorted(dates)):
            topic = world.pick(TOPICS)
            title = world.pick(("Voortgangsbrief", "Kabinetsreactie op", "Brief over", "Stand van zaken"))
            document = {"id": "", "kind": "kamerstuk", "kamer": kamer, "dossier": dossier}
            if kamer == "II":
                number += world.rng.randint(1, 4)
                document["number"] = number
                suffix = str(number)
            else:
                suffix = letters_for(index)
                document["letter"] = suffix
            document["id"] = f"kst-{dossier.replace(' ', '-')}-{suffix}"
            document.update(date=date, title=f"{title} {topic}")
            world.documents.append(document)


def letters_for(index: int) -> str:
    """A, B, … Z, AA, AB, …: the letters of Eerste Kamer documents in a dossier."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def make_motions(world: World) -> None:
    numbers: dict[str, int] = {}
    seen: set[str] = set()
    for n in range(MOTIONS):
        kamer = "EK" if world.rng.random() < 0.08 else "TK"
        dossier = world.pick(EK_DOSSIERS if kamer == "EK" else DOSSIERS)
        date = world.day()
        numbers[dossier] = number = numbers.get(dossier, world.rng.randint(300, 700)) + world.rng.randint(1, 3)
        fracties = EK_FRACTIES if kamer == "EK" else TK_FRACTIES
        submitters = [
            {"member": world.pick(SURNAMES), "fractie": world.pick(fracties)}
            for _ in range(world.rng.choice((1, 1, 1, 2, 2, 3)))
        ]
        registry_only = world.rng.random() < 0.03  # imported, no number or dictum yet
        ident = f"motie-{slug(submitters[0]['member'])}-{slug(dossier)}-{number}"
        if ident in seen:
            ident += f"-{n}"
        seen.add(ident)
        topic = world.pick(TOPICS)
        vote = world.rng.choices(("aangenomen", "verworpen", "aangehouden", "ingetrokken"), (75, 15, 6, 4))[0]
        record = {
            "id": ident, "kamer": kamer, "dossier": dossier,
            "number": None if registry_only else number, "date": date, "submitters": submitters,
            "cs": len(submitters) == 1 and world.rng.random() < 0.3,
            "subject": f"over {topic}",
            "dictum": None if registry_only else Folded(
                f"verzoekt de regering {world.pick(MEASURES)} in te voeren voor {topic}, daarbij"
                f" {world.pick(PARTNERS)} te betrekken en de Kamer voor {world.pick(PERIODS)} te informeren"
            ),
            "vote": vote, "status": "open", "reason": None, "notes": None,
        }
        world.motions.append(Item(record, "motion", kamer, date))


def make_commitments(world: World) -> None:
    per_debate, extra = divmod(COMMITMENTS, DEBATES)
    adopted = [m for m in world.motions if m.record["vote"] == "aangenomen"]
    number = 3000
    for index, debate in enumerate(world.debates):
        for _ in range(per_debate + (index < extra)):
            number += world.rng.randint(1, 2)
            debate.commitments.append(commitment(world, debate, f"T{number:05d}", adopted))
    world.commitments = [c for d in world.debates for c in d.commitments]


def commitment(world: World, debate: Debate, ident: str, adopted: list[Item]) -> Item:
    r = world.rng
    topic = r.choice(TOPICS) if r.random() < 0.4 else debate.topic
    text = r.choice((
        f"De Kamer voor {r.choice(PERIODS)} informeren over {topic}.",
        f"Onderzoeken of {r.choice(MEASURES)} bijdraagt aan {topic}, en de Kamer over de uitkomsten informeren.",
        f"In overleg met {r.choice(PARTNERS)} een voorstel uitwerken voor {r.choice(MEASURES)}.",
        f"De Kamer een brief sturen over {topic}, met daarin aandacht voor {r.choice(ASPECTS)}.",
        f"Bezien hoe {r.choice(PARTNERS)} beter kan worden betrokken bij {topic}.",
        f"De resultaten van de evaluatie van {topic} met de Kamer delen, inclusief een kabinetsreactie.",
    ))
    date = debate.document["date"]
    motion = r.choice([m for m in adopted[:: 7] if m.kamer == debate.kamer] or [None]) if r.random() < 0.1 else None
    record = {
        "id": ident,
        "kamer": debate.kamer,
        "short": f"de toezegging over {topic}" if r.random() < 0.8 else None,
        "text": Folded(text),
        "made": {"kind": debate.kind, "date": date, "source": debate.document["id"],
                 "subject": debate.topic if r.random() < 0.5 else None},
        "by": r.choice(world.bewindspersonen),
        "to": {"member": r.choice(SURNAMES), "fractie": r.choice(TK_FRACTIES if debate.kamer == "TK" else EK_FRACTIES)}
        if r.random() < 0.6 else None,
        "due": None, "status": "open", "reason": None,
        "motion": motion.id if motion else None,
        "notes": Folded(f"Toezegging gedaan in antwoord op vragen over {r.choice(ASPECTS)}.") if r.random() < 0.1 else None,
    }
    return Item(record, "commitment", debate.kamer, date)


# --- statuses follow from the letters ------------------------------------------------------------


def settle_statuses(world: World) -> None:
    """Set each item's status and due date so that the check finds no contradictions."""
    overdue = 0
    for item in world.commitments + world.motions:
        record = item.record
        sent = any(letter["status"] == "verzonden" for letter in item.answered_by)
        roll = world.rng.random()
        closed, partly = ("voldaan", "deels voldaan") if item.kind == "commitment" else ("uitgevoerd", "deels uitgevoerd")
        if item.kind == "motion" and record["vote"] != "aangenomen":
            record["status"] = "vervallen" if record["vote"] != "aangehouden" else "open"
        elif sent:
            record["status"] = closed if roll < 0.9 else partly
        elif item.answered_by or roll < 0.4:
            record["status"] = "open"
        elif roll < 0.75:
            record["status"] = closed
            record["reason"] = f"Afgedaan in de voortgangsbrief van {long_date(world.day(item.date, LAST_DAY))}."
        else:
            record["status"] = world.rng.choice(("vervallen", partly))
        if item.kind == "commitment":
            late = record["status"] == "open" and overdue < OVERDUE_ON_PURPOSE and roll < 0.01
            overdue += late
            record["due"] = due_date(world, item, late)


def due_date(world: World, item: Item, late: bool):
    if late:
        return world.day(dt.date(2026, 1, 5), dt.date(2026, 6, 30))
    if item.record["status"] == "open":
        date = world.day(OPEN_DUE_FROM, dt.date(2029, 12, 20))
    else:
        date = world.day(item.date + dt.timedelta(days=30), item.date + dt.timedelta(days=400))
    roll = world.rng.random()
    if roll < 0.3:
        return None
    if roll < 0.6:
        season = "voor de zomer" if date.month <= 7 else "voor het einde van het jaar"
        return {"phrase": f"{season} {date.year}", "date": date}
    return date


# --- briefs --------------------------------------------------------------------------------------


class Citer:
    """Hands out the documents each brief cites, so that every document is cited somewhere."""

    def __init__(self, world: World, briefs: int):
        pool = [d["id"] for d in world.documents if d["id"] not in world.used_documents]
        world.rng.shuffle(pool)
        self.world, self.pool, self.left = world, pool, briefs

    def take(self) -> list[str]:
        share = len(self.pool) // max(1, self.left)
        count = min(len(self.pool), max(1, share + self.world.rng.randint(-2, 2)) if self.left > 1 else len(self.pool))
        taken, self.pool = self.pool[:count], self.pool[count:]
        self.left -= 1
        return taken


def citation(world: World, keys: list[str]) -> str:
    """One of the citation forms a writer uses, for one or two documents."""
    r = world.rng
    if len(keys) == 2:
        return f"[@{keys[0]}; @{keys[1]}]"
    key = keys[0]
    roll = r.random()
    if roll < 0.6:
        return f"[@{key}]"
    if roll < 0.8:
        return f"[{r.choice(('Zie', 'Vgl.', 'Zie ook'))} @{key}, {r.choice(('p.', 'par.', 'blz.'))} {r.randint(2, 40)}]"
    return f"^[{r.choice(('Zie voor de achtergrond', 'Meer hierover in', 'Zie ook'))} @{key}.]"


def cited_paragraphs(world: World, prose: Prose, topic: str, keys: list[str], count: int) -> list[str]:
    """Paragraphs of prose with the given documents cited in them, spread evenly.

    A sentence takes at most one note: "…[@a][@b]" would not read as two citations.
    """
    r = world.rng
    paragraphs = [prose.sentences(topic, r.randint(3, 6)) for _ in range(count)]
    pending = list(keys)
    while pending:
        sentences = r.choice(paragraphs)
        at = r.randrange(len(sentences))
        if r.random() < 0.15:
            sentences.insert(at, f"Zie hierover ook @{pending.pop()}.")
        elif sentences[at].endswith("]"):
            sentences.insert(at + 1, r.choice(("Zie voor een overzicht", "Zie daarnaast")) + f" @{pending.pop()}.")
        else:
            take = 2 if len(pending) >= 2 and r.random() < 0.1 else 1
            sentences[at] += citation(world, [pending.pop() for _ in range(take)])
    return [wrap(" ".join(sentences)) for sentences in paragraphs]


def relative_phrase(world: World, date: dt.date) -> str:
    """'op 3 april jl.' for a day in the past year, as the check expects."""
    earlier = date - dt.timedelta(days=world.rng.randint(10, 250))
    return f"op {earlier.day} {MONTHS[earlier.month - 1]} jl."


def letter_front_matter(world: World, kind: str, date: dt.date, betreft: str, kamer: str, signer: str) -> dict:
    sent = world.rng.random() < 0.75
    return {
        "type": kind, "date": date, "kenmerk": f"{date.year}-{world.rng.randrange(10**10):010d}",
        "betreft": betreft, "addressee": kamer, "signatories": [signer],
        "status": "verzonden" if sent else "concept",
    }


def publish_as(world: World, meta: dict, chamber: str, redate: bool) -> None:
    """A sent letter is a Kamerstuk: take an unused one of its Kamer (and date a letter on it)."""
    if meta["status"] != "verzonden":
        return
    candidates = [
        d for d in world.documents
        if d["kind"] == "kamerstuk" and d["kamer"] == chamber and d["id"] not in world.used_documents
        and d["date"] >= FIRST_LETTER_DAY
    ]
    document = world.rng.choice(candidates)
    world.used_documents.add(document["id"])
    meta["kamerstuk"] = document["id"]
    if redate:
        meta["date"] = document["date"]
        meta["kenmerk"] = f"{meta['date'].year}{meta['kenmerk'][4:]}"


def make_kamerbrieven(world: World) -> list[tuple[str, dict, Debate]]:
    """Front matter and answered items of each Kamerbrief; bodies follow once citations are handed out."""
    letters = []
    for n in range(KAMERBRIEVEN):
        kamer = "EK" if world.rng.random() < 0.12 else "TK"
        signer = world.pick(world.bewindspersonen)
        meta = letter_front_matter(world, "kamerbrief", world.day(FIRST_LETTER_DAY), "", kamer, signer)
        publish_as(world, meta, "I" if kamer == "EK" else "II", redate=True)
        debate = pick_debate(world, kamer, meta["date"])
        meta["betreft"] = f"Voortgang {bare(debate.topic)}"
        answered = [c for c in debate.commitments if not c.answered_by]
        world.rng.shuffle(answered)
        answered = answered[: world.rng.randint(2, 6)]
        motions = [
            m for m in world.motions
            if m.kamer == kamer and not m.answered_by and m.record["vote"] == "aangenomen"
            and m.record["dictum"] and m.record["number"] and m.date < meta["date"]
        ]
        if motions and world.rng.random() < 0.5:
            answered.append(world.rng.choice(motions))
        for item in answered:
            item.answered_by.append(meta)
        meta["answers"] = [item.id for item in answered]
        meta["citation_style"] = world.rng.choice(("leidraad", "leidraad", "kamer"))
        if world.rng.random() < 0.2:
            meta["bijlagen"] = [f"Rapport «{world.pick(MEASURES)}»"]
        name = f"kb-{n + 1:03d}-{slug(debate.topic)[:40].strip('-')}"
        letters.append((name, meta, debate))
    return letters


def pick_debate(world: World, kamer: str, before: dt.date) -> Debate:
    """A debate of that Kamer, held before the letter, with commitments still unanswered."""
    options = [
        d for d in world.debates
        if d.kamer == kamer and before - dt.timedelta(days=900) < d.document["date"] < before - dt.timedelta(days=20)
        and sum(not c.answered_by for c in d.commitments) >= 2
    ]
    return world.rng.choice(options or [d for d in world.debates if d.kamer == kamer])


def kamerbrief_body(world: World, prose: Prose, meta: dict, debate: Debate, cites: list[str]) -> str:
    r = world.rng
    answered = [i for i in world.commitments + world.motions if i.id in meta["answers"]]
    commitments = [i for i in answered if i.kind == "commitment"]
    motions = [i for i in answered if i.kind == "motion"]
    templated = r.random() < 0.4
    opening = (
        f"Tijdens het {debate.kind} van {long_date(debate.document['date'])} over {debate.topic}"
        f" (@{debate.document['id']}) heb ik toegezegd uw Kamer te informeren over een aantal onderwerpen."
    )
    if r.random() < 0.5:
        opening += f" Eerder heb ik u daarover {relative_phrase(world, meta['date'])} een eerste indruk gegeven."
    blocks = [wrap(opening)]
    if templated:
        blocks.append(
            "Met deze brief ga ik in op de volgende toezeggingen:\n\n"
            "{% for commitment in answered_commitments %}\n- {{ commitment.text }}\n{%- endfor %}"
        )
        if motions:
            blocks.append(
                "{% for motion in answered_motions %}\nDaarnaast ga ik in op {{ name(motion.id) }}, die de"
                " regering als volgt verzoekt.\n\n> {{ sentence(motion.dictum) }}\n{% endfor %}"
            )
    sections = max(2, len(commitments) // 2 + 1)
    chunks = [cites[i::sections] for i in range(sections)]
    for number, chunk in enumerate(chunks, 1):
        topic = r.choice(TOPICS) if number > 1 else debate.topic
        own = [] if templated else commitments[(number - 1) * 2 : number * 2]
        heading = f"# {number}. {topic[:1].upper()}{topic[1:]}"
        if own and r.random() < 0.4:
            heading += ' {answers="' + " ".join(item.id for item in own) + '"}'
            own = []
        blocks.append(heading)
        paragraphs = cited_paragraphs(world, prose, topic, chunk, r.randint(2, 5))
        for item in own:
            paragraphs.insert(1, commitment_passage(world, item))
        if number == 1 and r.random() < 0.3:
            blocks.append(f"## Wat is er sinds {long_date(debate.document['date'])} gebeurd?")
        blocks += paragraphs
    if motions and not templated:
        blocks.append(f"# {len(chunks) + 1}. Moties")
        blocks += [motion_passage(world, item) for item in motions]
    blocks.append(wrap(
        "Ik vertrouw erop uw Kamer hiermee voldoende te hebben geïnformeerd. Over de verdere voortgang"
        f" informeer ik u in {r.choice(PERIODS)}."
    ))
    return "\n\n".join(blocks) + "\n"


def commitment_passage(world: World, item: Item) -> str:
    r = world.rng
    roll = r.random()
    if roll < 0.4:
        text = f"Hiermee doe ik @{item.id} gestand. {prose_line(world)}"
    elif roll < 0.7:
        text = f'Ik heb toegezegd: "@{item.id}:text" {prose_line(world)}'
    else:
        text = f"{prose_line(world)} Daarmee is ook @{item.id}:short afgedaan.[@{item.id}]"
    return wrap(text)


def motion_passage(world: World, item: Item) -> str:
    text = (
        f'In @{item.id} verzoekt uw Kamer het volgende: "@{item.id}:text".[@{item.id}]'
        f" {prose_line(world)} Met deze brief geef ik uitvoering aan @{item.id}:short."
    )
    return wrap(text)


def prose_line(world: World) -> str:
    return Prose(world.rng).sentence(world.pick(TOPICS))


def nota_for(world: World, name: str, letter: dict | None, debate: Debate | None, cites: list[str]) -> tuple[dict, str]:
    r = world.rng
    prose = Prose(r)
    topic = debate.topic if debate else r.choice(TOPICS)
    date = letter["date"] - dt.timedelta(days=r.randint(2, 14)) if letter else world.day(FIRST_LETTER_DAY)
    bijlagen = [
        {"id": f"bijlage-{k + 1}", "naam": f"{kind} {topic}", "informatie": Folded(f"{kind} over {topic}, ter {r.choice(TER)}.") if r.random() < 0.7 else None}
        for k, kind in enumerate(r.sample(("Tekenexemplaar van de brief over", "Rapport over", "Overzicht van maatregelen voor", "Factsheet"), r.randint(0, 3)))
    ]
    meta = {
        "type": "nota", "ter": r.choice(TER), "date": date,
        "onze_referentie": f"{date.year}-{r.randrange(10**10):010d}",
        "actief_openbaar": r.random() < 0.6,
        "opgesteld_door": f"{r.choice('ABCDEFGHJKLMNPRSTW')}. {r.choice(SURNAMES)}, DGDOO",
        "aan": letter["signatories"][0] if letter else r.choice(world.bewindspersonen),
        "title": f"Kamerbrief {letter['betreft'].lower()}" if letter else f"Stand van zaken {bare(topic)}",
        "status": r.choice(("concept", "verzonden")),
        "samengewerkt_met": r.sample(DEPARTMENTS, r.randint(0, 2)),
        "bijlagen": bijlagen,
        "kamerbrief": name if letter else None,
        "citation_style": r.choice(("leidraad", "kamer")),
    }
    return meta, nota_body(world, prose, meta, topic, debate, cites)


def nota_body(world: World, prose: Prose, meta: dict, topic: str, debate: Debate | None, cites: list[str]) -> str:
    r = world.rng
    parts = [cites[i::4] for i in range(4)]
    blocks = ["# Aanleiding", *cited_paragraphs(world, prose, topic, parts[0], r.randint(1, 2))]
    blocks.append("# Geadviseerd besluit")
    advice = f"U wordt geadviseerd in te stemmen met de voorgestelde aanpak van {topic}."
    for bijlage in meta["bijlagen"]:
        advice += f" Zie hiervoor @{bijlage['id']}."
    blocks.append(wrap(advice))
    blocks.append("# Kern")
    if meta["kamerbrief"] and r.random() < 0.6:
        blocks.append(
            "De voorliggende brief behandelt de volgende toezeggingen:\n\n"
            "{% for commitment in answered_commitments %}\n- {{ commitment.text }}\n{%- endfor %}"
        )
    blocks += cited_paragraphs(world, prose, topic, parts[1], r.randint(1, 3))
    if r.random() < 0.5:
        blocks += [f"# {r.choice(OPTIONAL_NOTA_SECTIONS)}", *cited_paragraphs(world, prose, topic, parts[2], 1)]
    else:
        parts[3] = parts[2] + parts[3]
    blocks.append("# Toelichting")
    if debate and r.random() < 0.5:
        blocks.append(
            f"In het {debate.kind} van {long_date(debate.document['date'])} zijn de volgende toezeggingen gedaan:\n\n"
            f"{{% for commitment in made_on(\"{debate.document['date'].isoformat()}\") %}}\n"
            "- {{ commitment.text | trim(\".\") }}\n{%- endfor %}"
        )
    blocks += cited_paragraphs(world, prose, topic, parts[3], r.randint(1, 3))
    if r.random() < 0.3:
        blocks += ["# Communicatie", wrap(prose.sentence(topic) + " " + prose.sentence(topic))]
    return "\n\n".join(blocks) + "\n"


def make_overleg(world: World) -> dict:
    r = world.rng
    kamer = "EK" if r.random() < 0.4 else "TK"
    chamber = "I" if kamer == "EK" else "II"
    letter = r.choice([
        d for d in world.documents
        if d["kind"] == "kamerstuk" and d["kamer"] == chamber and d["id"] not in world.used_documents
        and FIRST_LETTER_DAY <= d["date"] <= LAST_DAY - dt.timedelta(days=60)
    ])
    world.used_documents.add(letter["id"])
    date = letter["date"] + dt.timedelta(days=r.randint(14, 45))
    fracties = r.sample(EK_FRACTIES if kamer == "EK" else TK_FRACTIES, r.randint(2, 5))
    subject = letter["title"][:1].lower() + letter["title"][1:]
    committee = r.choice(("vaste commissie voor Binnenlandse Zaken", "vaste commissie voor Digitale Zaken"))
    return {
        "id": f"so-{kamer.lower()}-{letter['id'].removeprefix('kst-')}",
        "kamer": kamer,
        "committee": committee,
        "date": date,
        "kenmerk": f"{r.randint(170000, 179999)}.{r.randint(10, 40)}U" if kamer == "EK" else f"{date.year}Z{r.randrange(10**5):05d}",
        "addressed_to": r.choice(world.bewindspersonen),
        "responds_to": letter["id"],
        "subject": subject,
        "deadline": date + dt.timedelta(days=28),
        "closing": Folded(
            f"De {committee} ziet met belangstelling uit naar uw reactie en ontvangt deze graag binnen vier"
            " weken na dagtekening van deze brief."
        ) if r.random() < 0.7 else None,
        "fracties": [fractie_questions(world, name, subject) for name in fracties],
    }


def fractie_questions(world: World, name: str, subject: str) -> dict:
    r = world.rng
    prefix = QUESTION_PREFIX.get(name, name)
    questions = []
    for k in range(r.randint(1, 5)):
        sentences = Prose(r).sentences(subject, r.randint(2, 4))
        ask = r.choice((
            f"Kunt u aangeven hoe {r.choice(ASPECTS)} hierbij wordt geborgd?",
            f"Hoe beoordeelt u de rol van {r.choice(PARTNERS)} hierin?",
            "Wanneer verwacht u de eerste resultaten?",
            f"Bent u bereid {r.choice(MEASURES)} te overwegen?",
        ))
        text = f"De leden van de fractie van {name} lezen in de brief het volgende. {' '.join(sentences)} {ask}"
        questions.append({"id": f"{prefix}-{k + 1}", "text": Folded(text)})
    intro = Folded(
        f"De leden van de fractie van {name} hebben met belangstelling kennisgenomen van de brief over {subject}."
        " Zij hebben hierover enkele vragen."
    ) if r.random() < 0.6 else None
    return {"fractie": name, "article": "de" if name in ("PVV", "SP", "SGP", "PvdD", "BBB") and r.random() < 0.5 else None,
            "intro": intro, "questions": questions}


def reply_meta(world: World, overleg: dict) -> tuple[dict, list[Item]]:
    """A reply's front matter, dated before the committee's deadline, and the commitments it answers."""
    r = world.rng
    date = overleg["date"] + dt.timedelta(days=r.randint(7, 27))
    meta = letter_front_matter(
        world, "so-beantwoording", date, f"Beantwoording vragen schriftelijk overleg over {overleg['subject']}",
        overleg["kamer"], overleg["addressed_to"],
    )
    meta = {"type": meta.pop("type"), "overleg": overleg["id"], **meta, "uw_kenmerk": overleg["kenmerk"]}
    publish_as(world, meta, "I" if overleg["kamer"] == "EK" else "II", redate=False)
    candidates = [c for c in world.commitments if c.kamer == overleg["kamer"] and not c.answered_by and c.date < date]
    answered = r.sample(candidates, r.choice((0, 0, 1, 1, 2)))
    for item in answered:
        item.answered_by.append(meta)
    meta["answers"] = [item.id for item in answered]
    meta["citation_style"] = r.choice(("leidraad", "kamer"))
    return meta, answered


def reply_body(world: World, overleg: dict, answered: list[Item], cites: list[str]) -> str:
    r = world.rng
    answered = list(answered)
    prose = Prose(r)
    questions = [(f, q) for f in overleg["fracties"] for q in f["questions"]]
    per_question = [cites[i::len(questions)] for i in range(len(questions))]
    blocks = []
    if r.random() < 0.3:
        blocks.append(wrap(prose.sentence(overleg["subject"])))
    index = 0
    for fractie in overleg["fracties"]:
        if r.random() < 0.2:
            blocks += [f"# {fractie['fractie']}", wrap(f"Graag dank ik de leden van de fractie van {fractie['fractie']} voor hun vragen.")]
        keys = [q["id"] for q in fractie["questions"]]
        while keys:
            group = keys[:2] if len(keys) > 1 and r.random() < 0.15 else keys[:1]
            keys = keys[len(group):]
            chunk = sum(per_question[index : index + len(group)], [])
            index += len(group)
            blocks.append("# " + ", ".join(group))
            blocks += cited_paragraphs(world, prose, overleg["subject"], chunk, r.randint(1, 3))
            if index > 2 and r.random() < 0.15:
                _, other = questions[r.randrange(index - 1)]
                blocks.append(wrap(f"Zie in dit verband ook mijn antwoord op @{other['id']}."))
            if answered and r.random() < 0.5:
                blocks.append(wrap(f"Hiermee doe ik ook @{answered.pop().id} gestand."))
    for item in answered:
        blocks.insert(len(blocks) - 1, wrap(f"Ik heb in dit verband toegezegd: \"@{item.id}:text\""))
    blocks += ["# slot", "Ik dank u voor de gestelde vragen."]
    return "\n\n".join(blocks) + "\n"


def brief_file(meta: dict, body: str, comment: str) -> str:
    front = [f"# {comment}", *emit_mapping(meta, 0)]
    return "---\n" + "\n".join(front) + "\n---\n" + body


def make_briefs(world: World) -> None:
    letters = make_kamerbrieven(world)
    world.overleggen = [make_overleg(world) for _ in range(REPLIES)]
    replies = [reply_meta(world, overleg) for overleg in world.overleggen]
    citer = Citer(world, KAMERBRIEVEN + NOTAS + REPLIES)
    prose = Prose(world.rng)
    for name, meta, debate in letters:
        body = kamerbrief_body(world, prose, meta, debate, citer.take())
        world.brief_files[name] = brief_file(meta, body, "Synthetic Kamerbrief (bench/generate.py).")
    accompanied = world.rng.sample(letters, NOTAS * 2 // 3)
    for n in range(NOTAS):
        name, letter, debate = accompanied[n] if n < len(accompanied) else (None, None, None)
        meta, body = nota_for(world, name, letter, debate, citer.take())
        world.brief_files[f"nota-{n + 1:03d}"] = brief_file(meta, body, "Synthetic nota (bench/generate.py).")
    for n, (overleg, (meta, answered)) in enumerate(zip(world.overleggen, replies, strict=True)):
        body = reply_body(world, overleg, answered, citer.take())
        world.brief_files[f"so-{n + 1:03d}-{overleg['id']}"] = brief_file(meta, body, "Synthetic reply (bench/generate.py).")


# --- the Tweede Kamer's registry ----------------------------------------------------------------

REGISTRY_CONTEXT = (
    "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata"
    "#Toezegging(Activiteit(Id,Nummer,Soort,Datum),KamerbriefNakoming(Id,DocumentNummer,Datum))"
)
# The registry says Afgedaan as often as Voldaan (its vocabulary drifted from its schema).
REGISTRY_STATUSES = {
    "open": ("Openstaand",), "voldaan": ("Voldaan", "Afgedaan"), "deels voldaan": ("Deels voldaan",),
    "vervallen": ("Vervallen",),
}
NEW_TEXTS = (
    "De Kamer voor {period} informeren over {topic}.",
    "Onderzoeken of {measure} bijdraagt aan {topic}, en de Kamer over de uitkomsten informeren.",
    "De Kamer een brief sturen over {topic}, met daarin aandacht voor {aspect}.",
)


def write_registry(world: World, target: Path) -> None:
    """registry/toezeggingen.json: the Tweede Kamer's toezeggingen of this ministry, as the API returns them."""
    rng = random.Random(f"{SEED}-registry")  # a stream of its own: the repository stays as it was without it
    people = registry_people()
    records = [c.record for c in world.commitments if c.kamer == "TK"]  # the registry holds no Eerste Kamer data
    entities = [toezegging(rng, people, record) for record in records]
    change_some(rng, entities, records)
    entities += [toezegging(rng, people, new_record(rng, n), activity=rng.random() < 0.9) for n in range(REGISTRY_NEW)]
    (target / "registry").mkdir(exist_ok=True)
    # Compact, as the API sends it; every page of the result in one envelope, so no nextLink.
    text = json.dumps({"@odata.context": REGISTRY_CONTEXT, "value": entities}, ensure_ascii=False)
    (target / "registry" / "toezeggingen.json").write_text(text + "\n", encoding="utf-8")


def change_some(rng: random.Random, entities: list[dict], records: list[dict]) -> None:
    """What a month brings: reworded texts, moved due dates, toezeggingen the Kamer has closed,
    and some the ministry closed before the registry did (which the import must not reopen)."""
    pairs = list(zip(entities, records, strict=True))
    for entity, _ in rng.sample(pairs, REGISTRY_CHANGED_TEXTS):
        entity["Tekst"] += f" Daarbij wordt ook {rng.choice(ASPECTS)} meegenomen."
    for entity, record in rng.sample(pairs, REGISTRY_CHANGED_DUE_DATES):
        due = due_of(record)
        moved = due + dt.timedelta(days=rng.randint(30, 180)) if due else world_day(rng, OPEN_DUE_FROM, dt.date(2029, 12, 20))
        entity["DatumNakoming"] = midnight(moved)
    for entity, _ in rng.sample([p for p in pairs if p[1]["status"] == "open"], REGISTRY_FULFILLED):
        entity["Status"] = rng.choice(REGISTRY_STATUSES["voldaan"])
    for entity, _ in rng.sample([p for p in pairs if p[1]["status"] == "voldaan"], REGISTRY_LAGGING):
        entity["Status"] = "Openstaand"


def new_record(rng: random.Random, index: int) -> dict:
    """A toezegging made after data/ was last updated, in the shape of a commitment record."""
    made = world_day(rng, dt.date(2026, 9, 1), LAST_DAY)
    text = rng.choice(NEW_TEXTS).format(
        period=rng.choice(PERIODS), topic=rng.choice(TOPICS), measure=rng.choice(MEASURES), aspect=rng.choice(ASPECTS)
    )
    return {
        "id": f"TZ{made:%Y%m}-{index + 1:03d}", "text": text, "made": {"kind": rng.choice(DEBATE_KINDS), "date": made},
        "by": rng.choice(bewindspersonen()), "due": world_day(rng, dt.date(2027, 1, 4), dt.date(2027, 12, 17)),
        "status": "voldaan" if rng.random() < 0.1 else "open",
    }


def toezegging(rng: random.Random, people: dict[str, dict], record: dict, activity: bool = True) -> dict:
    """One Toezegging entity with the fields and expansions the API returns, in its order."""
    made = record["made"]
    number = f"{made['date'].year}A{rng.randrange(1, 10**5):05d}" if activity else None
    due = due_of(record)
    activities = [{"Id": guid(rng), "Nummer": number, "Soort": made["kind"][:1].upper() + made["kind"][1:],
                   "Datum": midnight(made["date"])}] if activity else []
    edited = clock(rng, made["date"] + dt.timedelta(days=rng.randint(0, 3)))
    return {
        "Id": guid(rng), "Nummer": record["id"], "Aanmaakdatum": clock(rng, made["date"]).isoformat(), "ActiviteitNummer": number,
        **people[record["by"]],
        "Status": rng.choice(REGISTRY_STATUSES[record["status"]]),
        # Without a date the API writes null or, in older records, the year 1.
        "DatumNakoming": midnight(due) if due else rng.choice((None, "0001-01-01T00:00:00Z")),
        "Tekst": str(record["text"]), "Notities": None,
        "GewijzigdOp": edited.isoformat(), "ApiGewijzigdOp": api_stamp(rng, edited), "Verwijderd": False,
        "Activiteit": activities, "KamerbriefNakoming": [],
    }


def due_of(record: dict) -> dt.date | None:
    due = record["due"]
    return due["date"] if isinstance(due, dict) else due


def registry_people() -> dict[str, dict]:
    """Each bewindspersoon of organisation.yaml, by id, with the name fields a Toezegging carries."""
    text = (REPO / "data" / "organisation.yaml").read_text(encoding="utf-8")
    ministry = re.search(r"^ministry: Ministerie van (.+)$", text, re.M).group(1)
    people = {}
    for block in re.split(r"^\s+- id: ", bewindspersonen_section(text), flags=re.M)[1:]:
        role = re.search(r"^\s+role: (.+)$", block, re.M).group(1)
        name = re.search(r"^\s+name: (.+)$", block, re.M).group(1)
        people[block.split()[0]] = {**registry_name(name), "Functie": role.removeprefix("De "), "Ministerie": ministry}
    return people


def registry_name(name: str) -> dict:
    """'Alexandra C. van Huffelen' as the registry splits it: Naam 'Huffelen, A.C. van', Achternaam 'Huffelen'."""
    words = name.split()
    # The surname follows the last initial, first name or lowercase prefix.
    start = 1 + max(i for i, word in enumerate(words[:-1]) if i == 0 or "." in word or word.islower())
    given = [word for word in words[:start] if not word.islower()]
    prefix = " ".join(word for word in words[:start] if word.islower()) or None
    initials = "".join(word if "." in word else f"{word[0]}." for word in given)
    surname = " ".join(words[start:])
    return {
        "Naam": f"{surname}, {initials}" + (f" {prefix}" if prefix else ""), "Achternaam": surname,
        "Initialen": initials, "Tussenvoegsel": prefix, "Voornaam": next((w for w in given if "." not in w), None),
        "Achtervoegsel": None, "Titulatuur": None,
    }


def world_day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def guid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def amsterdam(day: dt.date) -> dt.timezone:
    """CEST from the last Sunday of March to the last Sunday of October, else CET."""
    def last_sunday(month: int) -> dt.date:
        end = dt.date(day.year, month, 31)
        return end - dt.timedelta(days=(end.weekday() + 1) % 7)

    return dt.timezone(dt.timedelta(hours=2 if last_sunday(3) <= day < last_sunday(10) else 1))


def midnight(day: dt.date) -> str:
    """An Edm.DateTimeOffset that stands for a calendar date: '2025-01-31T00:00:00+01:00'."""
    return dt.datetime.combine(day, dt.time(), amsterdam(day)).isoformat()


def clock(rng: random.Random, day: dt.date) -> dt.datetime:
    """A moment in office hours on ``day``, Amsterdam time."""
    time = dt.time(rng.randint(8, 18), rng.randrange(60), rng.randrange(60), rng.randrange(10**6))
    return dt.datetime.combine(day, time, amsterdam(day))


def api_stamp(rng: random.Random, moment: dt.datetime) -> str:
    """ApiGewijzigdOp: the same moment in UTC, with seven fractional digits."""
    stamp = moment.astimezone(dt.timezone.utc)
    return f"{stamp:%Y-%m-%dT%H:%M:%S}.{stamp.microsecond:06d}{rng.randrange(10)}Z"


# --- Kamervragen ---------------------------------------------------------------------------------

# A large ministry is sent several hundred sets of schriftelijke vragen a year (the Aanhangsel
# prints some 2,500 a year for all ministries together; BZK's share is a few hundred). The
# corpus keeps 600 spread over 2021–2026: about two years' worth at that rate, enough that
# loading, checking and listing sets costs what it will in a real repository, without making
# data/ an order of magnitude bigger than the toezeggingen that dominate it now.
KAMERVRAGEN = 600
KV_FIRST_DAY = dt.date(2021, 1, 4)
# Answers and Mededelingen are briefs, and each brief is built (the serial build's time per
# brief is a measurement): 80 answers and 30 Mededelingen, for the most recent sets. The sets
# before those were answered before the ministry wrote its answers here; the repository has
# no status for "answered elsewhere", so kamervragen-overdue would warn for each of some 500
# sets, and data/rules.yaml turns that one warning off (CHECKED_RULES_OFF). The late answers
# and Mededelingen below still warn: answered-late and uitstel-late stay on.
KV_ANSWERS = 80
KV_CONCEPT_ANSWERS = 8  # the newest answered sets: their answers are still drafts
KV_UITSTEL = 30
KV_UITSTEL_LATE_ON_PURPOSE = 2  # Mededelingen sent after the deadline: uitstel-late
KV_LATE_ON_PURPOSE = 4  # answers sent after the deadline without a Mededeling: answered-late
KV_AWAITING_TEXT = 3  # imported from the registry, their text not yet read in (kamervragen-empty)
KV_EK_SHARE = 0.03
CHECKED_RULES_OFF = ("kamervragen-overdue",)
# The registry export of the ministry's schriftelijke vragen: sets of data/, a few changed, and new ones.
KV_REGISTRY_KNOWN = 200
KV_REGISTRY_CHANGED = 40
KV_REGISTRY_NEW = 100

NEWS_SOURCES = ("NOS", "NRC", "de Volkskrant", "Trouw", "Binnenlands Bestuur", "AD", "Het Parool", "RTL Nieuws")
KV_REASONS = (
    "De reden van het uitstel is dat de afstemming ten behoeve van de beantwoording meer tijd vergt.",
    "Voor de beantwoording is afstemming met andere departementen nodig.",
    "Voor de beantwoording van enkele vragen is informatie van de uitvoeringsorganisaties nodig.",
    "De beantwoording vergt een zorgvuldige inventarisatie bij alle departementen.",
)


@dataclass
class KvSet:
    """A set of Kamervragen with what the briefs do to it."""

    record: dict
    date: dt.date  # ingezonden
    published: list[dict] = field(default_factory=list)  # the questions as the Kamer printed them
    uitstel: dict | None = None  # the Mededeling's front matter
    answer: dict | None = None  # the answer's front matter

    @property
    def id(self) -> str:
        return self.record["id"]


def kv_day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A working day between two dates, from the Kamervragen' own random stream."""
    date = start + dt.timedelta(days=rng.randrange((end - start).days + 1))
    return date - dt.timedelta(days=max(0, date.weekday() - 4))


def kv_headline(rng: random.Random) -> str:
    topic = bare(rng.choice(TOPICS))
    return rng.choice((
        f"«Zorgen over {topic}»", f"«Kritiek op {topic} neemt toe»", f"«Onderzoek: {rng.choice(FINDINGS)}»",
        f"«Gemeenten luiden noodklok over {topic}»", f"«Ambtenaren ontevreden over {topic}»",
    ))


def kv_question(rng: random.Random, topic: str, number: int, date: dt.date) -> str:
    if number == 1 and rng.random() < 0.6:
        return f"Bent u bekend met het bericht {kv_headline(rng)}?"
    return rng.choice((
        f"Deelt u de mening dat {rng.choice(FINDINGS)}? Zo nee, waarom niet?",
        f"Kunt u aangeven hoe {rng.choice(ASPECTS)} wordt geborgd bij {topic}?",
        f"Hoeveel meldingen over {topic} zijn er in {date.year - 1} gedaan? Kunt u deze uitsplitsen per departement?",
        f"Bent u bereid {rng.choice(MEASURES)} in te voeren? Zo ja, wanneer? Zo nee, waarom niet?",
        f"Welke rol spelen {rng.choice(PARTNERS)} en {rng.choice(PARTNERS)} bij {topic}?",
        f"Wanneer ontvangt de Kamer de toegezegde brief over {topic}?",
        f"Wat is de stand van zaken van {rng.choice(MEASURES)}, en welke resultaten heeft dit tot nu toe opgeleverd?",
        f"Hoe verhoudt {topic} zich tot de afspraken over {rng.choice(TOPICS)}?",
        f"Klopt het dat {rng.choice(FINDINGS)}? Zo ja, welke maatregelen neemt u?",
    ))


def make_kamervragen(rng: random.Random, people: list[str]) -> list[KvSet]:
    dates = sorted(kv_day(rng, KV_FIRST_DAY, LAST_DAY - dt.timedelta(days=7)) for _ in range(KAMERVRAGEN))
    numbers: set[str] = set()
    sets = []
    for index, date in enumerate(dates):
        kamer = "EK" if rng.random() < KV_EK_SHARE else "TK"
        while (ident := f"{date.year}Z{rng.randrange(1000, 25000):05d}") in numbers:
            pass
        numbers.add(ident)
        fracties = EK_FRACTIES if kamer == "EK" else TK_FRACTIES
        indieners = [{"member": rng.choice(SURNAMES), "fractie": rng.choice(fracties)} for _ in range(rng.choice((1, 1, 1, 2, 2, 3)))]
        topic = rng.choice(TOPICS)
        subject = f"het bericht {kv_headline(rng)}" if rng.random() < 0.4 else topic
        awaiting = index >= len(dates) - KV_AWAITING_TEXT
        vragen = []
        for number in range(1, rng.randint(2, 12) + 1):
            text, footnotes = kv_question(rng, topic, number, date), []
            while any(str(vraag["text"]) == text for vraag in vragen):  # a member asks each thing once
                text = kv_question(rng, topic, number, date)
            # The published text read in by the benchmark carries a footnote, as most do.
            if rng.random() < (0.5 if number == 1 else 0.08) or (awaiting and number == 1):
                text += "[^1]"
                source_day = date - dt.timedelta(days=rng.randint(1, 10))
                footnotes.append(f"{rng.choice(NEWS_SOURCES)}, {long_date(source_day)}.")
            vragen.append({"number": number, "text": Folded(text), "footnotes": footnotes})
        first = indieners[0]
        record = {
            "id": ident, "kamer": kamer, "indieners": indieners,
            "aan": rng.sample(people, 2) if rng.random() < 0.15 else [rng.choice(people)],
            "ingezonden": date, "subject": subject, "vragen": [] if awaiting else vragen,
            "toelichting": Folded(
                f"Deze vragen dienen ter aanvulling op eerdere vragen terzake van het lid {first['member']}"
                f" ({first['fractie']}), ingezonden {long_date(date - dt.timedelta(days=rng.randint(7, 60)))}."
            ) if not awaiting and rng.random() < 0.05 else None,
        }
        sets.append(KvSet(record, date, published=vragen))
    return sets


def kv_front(rng: random.Random, kind: str, kv: KvSet, date: dt.date, status: str) -> dict:
    aan = kv.record["aan"]
    return {
        "type": kind, "kamervragen": kv.id, "date": date, "kenmerk": f"{date.year}-{rng.randrange(10**10):010d}",
        "signatories": list(aan) if len(aan) > 1 and rng.random() < 0.5 else [aan[0]], "status": status,
    }


def settle_kamervragen(rng: random.Random, sets: list[KvSet]) -> None:
    """Which recent sets get a Mededeling and an answer, and when: in time but for a handful."""
    pool = [kv for kv in sets if kv.record["vragen"] and kv.date <= LAST_DAY - dt.timedelta(days=50)][-(KV_ANSWERS + 10):]
    answered = sorted(rng.sample(pool, KV_ANSWERS), key=lambda kv: kv.date)
    concept = answered[-KV_CONCEPT_ANSWERS:]
    late = rng.sample(answered[:-KV_CONCEPT_ANSWERS], KV_LATE_ON_PURPOSE)
    postponed = rng.sample([kv for kv in pool if kv not in late], KV_UITSTEL)
    for n, kv in enumerate(postponed):
        deadline = kv.date + dt.timedelta(weeks=3)
        sent = deadline + dt.timedelta(days=rng.randint(2, 6)) if n < KV_UITSTEL_LATE_ON_PURPOSE else deadline - dt.timedelta(days=rng.randint(0, 6))
        kv.uitstel = kv_front(rng, "kamervragen-uitstel", kv, sent, "verzonden")
        kv.uitstel["reason"] = Folded(rng.choice(KV_REASONS))
        if rng.random() < 0.6:
            kv.uitstel["expected"] = f"voor {long_date(deadline + dt.timedelta(weeks=3))}"
    for kv in answered:
        deadline = kv.date + dt.timedelta(weeks=6 if kv.uitstel else 3)
        if kv in late:
            date = deadline + dt.timedelta(days=rng.randint(3, 20))
        elif kv.uitstel:
            date = kv.uitstel["date"] + dt.timedelta(days=rng.randint(1, max(1, (deadline - kv.uitstel["date"]).days)))
        else:
            date = kv.date + dt.timedelta(days=rng.randint(8, 21))
        kv.answer = kv_front(rng, "kamervragen-antwoord", kv, date, "concept" if kv in concept else "verzonden")
        if rng.random() < 0.1:
            kv.answer["aanbiedingsbrief"] = False


def kv_answer_body(rng: random.Random, kv: KvSet, kamerstukken: list[str]) -> str:
    """Answers under '# n', consecutive questions sometimes answered together, some referring to another."""
    prose = Prose(rng)
    topic = kv.record["subject"]
    numbers = [vraag["number"] for vraag in kv.record["vragen"]]
    blocks = [wrap(prose.sentence(topic))] if rng.random() < 0.1 else []
    while numbers:
        group = numbers[: rng.choice((2, 3))] if len(numbers) > 1 and rng.random() < 0.25 else numbers[:1]
        numbers = numbers[len(group):]
        blocks.append("# " + ", ".join(map(str, group)))
        sentences = prose.sentences(topic, rng.randint(1, 4))
        if rng.random() < 0.3:
            sentences[0] = rng.choice(("Ja.", "Nee.", "Ja, daarmee ben ik bekend.")) if group[0] == 1 else sentences[0]
        if group[0] > 1 and rng.random() < 0.2:
            sentences.append(f"Zie ook @vraag-{rng.randint(1, group[0] - 1)}.")
        if rng.random() < 0.15:
            sentences[-1] = sentences[-1].removesuffix(".") + f".[@{rng.choice(kamerstukken)}]"
        blocks.append(wrap(" ".join(sentences)))
    return "\n\n".join(blocks) + "\n"


def kamervragen_briefs(rng: random.Random, sets: list[KvSet], documents: list[dict]) -> dict[str, str]:
    kamerstukken = [d["id"] for d in documents if d["kind"] == "kamerstuk" and d["kamer"] == "II"]
    files = {}
    for n, kv in enumerate(kv for kv in sets if kv.answer):
        body = kv_answer_body(rng, kv, kamerstukken)
        files[f"kv-antwoord-{n + 1:03d}-{kv.id}"] = brief_file(kv.answer, body, "Synthetic answer to Kamervragen (bench/generate.py).")
    for n, kv in enumerate(kv for kv in sets if kv.uitstel):
        files[f"kv-uitstel-{n + 1:03d}-{kv.id}"] = brief_file(kv.uitstel, "", "Synthetic Mededeling (bench/generate.py).")
    return files


def kamervragen_file(kv: KvSet) -> str:
    """One set in the canonical layout; a set awaiting its text has 'vragen: []', as the import writes it."""
    lines = ["# Synthetic schriftelijke vragen for the benchmark (bench/generate.py, seed %d)." % SEED]
    lines += emit_mapping(kv.record, 0)
    if not kv.record["vragen"]:
        lines.append("vragen: []")
    return "\n".join(lines) + "\n"


def published_text(kv: KvSet, people: dict[str, dict]) -> str:
    """The set's questions as tweedekamer.nl prints them, footnotes numbered through the text."""
    record = kv.record
    indieners = record["indieners"]
    named = [f"{m['member']} ({m['fractie']})" for m in indieners]
    who = f"het lid {named[0]}" if len(named) == 1 else "de leden " + ", ".join(named[:-1]) + f" en {named[-1]}"
    roles = " en ".join("de " + people[key]["Functie"][:1].upper() + people[key]["Functie"][1:] for key in record["aan"])
    lines = [record["id"], "", f"Vragen van {who} aan {roles} over {record['subject']} (ingezonden {long_date(kv.date)}).", ""]
    notes = []
    for vraag in kv.published:
        text = str(vraag["text"])
        for footnote in vraag["footnotes"]:
            notes.append(footnote)
            text = text.replace("[^1]", str(len(notes)), 1)
        lines += [f"Vraag {vraag['number']}", text, ""]
    lines += [f"{n} {note}" for n, note in enumerate(notes, 1)]
    return "\n".join(lines).rstrip() + "\n"


KV_REGISTRY_CONTEXT = (
    "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/$metadata"
    "#Zaak(ZaakActor(),Document(Id,DocumentNummer,Soort,Datum,Volgnummer,Vergaderjaar))"
)


def write_kamervragen_registry(sets: list[KvSet], target: Path) -> None:
    """registry/schriftelijke-vragen.json: the ministry's Zaken of Soort 'Schriftelijke vragen', as the API
    returns them: sets of data/ (a few with a corrected subject or a Medeindiener added) and new ones."""
    rng = random.Random(f"{SEED}-kamervragen-registry")
    people = registry_people()
    known = rng.sample([kv for kv in sets if kv.record["kamer"] == "TK"], KV_REGISTRY_KNOWN)
    records = [dict(kv.record) for kv in known]
    for record in rng.sample(records, KV_REGISTRY_CHANGED):
        if rng.random() < 0.7:
            record["subject"] = f"{record['subject']} en de gevolgen daarvan voor {rng.choice(PARTNERS)}"
        else:
            record["indieners"] = [*record["indieners"], {"member": rng.choice(SURNAMES), "fractie": rng.choice(TK_FRACTIES)}]
    taken = {kv.id for kv in sets}
    for _ in range(KV_REGISTRY_NEW):
        date = kv_day(rng, dt.date(2026, 9, 1), LAST_DAY)
        while (ident := f"{date.year}Z{rng.randrange(1000, 25000):05d}") in taken:
            pass
        taken.add(ident)
        records.append({
            "id": ident, "indieners": [{"member": rng.choice(SURNAMES), "fractie": rng.choice(TK_FRACTIES)}
                                       for _ in range(rng.choice((1, 1, 2)))],
            "aan": [rng.choice(bewindspersonen())], "ingezonden": date,
            "subject": f"het bericht {kv_headline(rng)}" if rng.random() < 0.4 else rng.choice(TOPICS),
        })
    records.sort(key=lambda record: (record["ingezonden"], record["id"]))
    entities = [zaak(rng, people, record) for record in records]
    (target / "registry").mkdir(exist_ok=True)
    text = json.dumps({"@odata.context": KV_REGISTRY_CONTEXT, "value": entities}, ensure_ascii=False)
    (target / "registry" / "schriftelijke-vragen.json").write_text(text + "\n", encoding="utf-8")


def actor_name(surname: str) -> str:
    """'J. van der Meer' for 'Van der Meer': ActorNaam, which the import reads back as the surname."""
    words = surname.split()
    prefix = [word.lower() for word in words[:-1] if word.lower() in ("de", "van", "der", "den")]
    return " ".join([f"{surname[0] if not prefix else 'JAMPS'[len(surname) % 5]}.", *prefix, *words[len(prefix):]])


def zaak(rng: random.Random, people: dict[str, dict], record: dict) -> dict:
    """One Zaak of Soort 'Schriftelijke vragen', expanded with ZaakActor and Document, in the API's order."""
    date = record["ingezonden"]
    year = vergaderjaar_compact(date)
    year = f"{year[:4]}-{year[4:]}"
    ident = guid(rng)
    edited = clock(rng, date)

    def actor(name: str, fractie: str | None, functie: str, relatie: str) -> dict:
        return {
            "Id": guid(rng), "Zaak_Id": ident, "ActorNaam": name, "ActorFractie": fractie, "ActorAfkorting": None,
            "Functie": functie, "Relatie": relatie, "SidActor": None, "Persoon_Id": guid(rng),
            "Fractie_Id": guid(rng) if fractie else None, "Commissie_Id": None,
            "GewijzigdOp": edited.isoformat(), "ApiGewijzigdOp": api_stamp(rng, edited), "Verwijderd": False,
        }

    actors = []
    for key in record["aan"]:
        person = people[key]
        name = " ".join(part for part in (person["Initialen"], person["Tussenvoegsel"], person["Achternaam"]) if part)
        actors.append(actor(name, None, person["Functie"][:1].lower() + person["Functie"][1:], "Gericht aan"))
    for n, member in enumerate(record["indieners"]):
        actors.append(actor(actor_name(member["member"]), member["fractie"], "Tweede Kamerlid", "Medeindiener" if n else "Indiener"))
    named = [f"{m['member']} ({m['fractie']})" for m in record["indieners"]]
    who = f"het lid {named[0]}" if len(named) == 1 else "de leden " + ", ".join(named[:-1]) + f" en {named[-1]}"
    roles = " en ".join("de " + people[key]["Functie"][:1].lower() + people[key]["Functie"][1:] for key in record["aan"])
    # Most Onderwerpen are the Kamer's sentence; some only the subject, as in older records.
    onderwerp = f"Vragen van {who} aan {roles} over {record['subject']}" if rng.random() < 0.8 else record["subject"]
    return {
        "Id": ident, "Nummer": record["id"], "Soort": "Schriftelijke vragen", "Titel": None, "Citeertitel": None,
        "Alias": None, "Onderwerp": onderwerp, "GestartOp": midnight(date), "Organisatie": "Tweede Kamer",
        "Grondslagvoorhang": None, "Termijn": None, "Vergaderjaar": year, "Volgnummer": 0, "Status": "Vrijgegeven",
        "HuidigeBehandelstatus": None, "Afgedaan": rng.random() < 0.8, "GrootProject": False,
        "Kabinetsappreciatie": None, "GewijzigdOp": edited.isoformat(), "ApiGewijzigdOp": api_stamp(rng, edited),
        "Verwijderd": False, "ZaakActor": actors,
        "Document": [{
            "Id": guid(rng), "DocumentNummer": f"{date.year}D{rng.randrange(10**5):05d}", "Soort": "Schriftelijke vragen",
            "Datum": midnight(date), "Volgnummer": -1, "Vergaderjaar": year,
        }],
    }


def write_kamervragen(sets: list[KvSet], target: Path) -> None:
    """data/kamervragen/, data/rules.yaml, and the published text of the first set awaiting it."""
    folder = target / "data" / "kamervragen"
    folder.mkdir(parents=True, exist_ok=True)
    for kv in sets:
        (folder / f"{kv.id}.yaml").write_text(kamervragen_file(kv), encoding="utf-8")
    rules = [
        "# The benchmark's sets from before its answers were written here were answered elsewhere,",
        "# which a set cannot say: their deadlines would flood brief check (bench/generate.py).",
        *(f"{code}: off" for code in CHECKED_RULES_OFF),
    ]
    (target / "data" / "rules.yaml").write_text("\n".join(rules) + "\n", encoding="utf-8")
    awaiting = next(kv for kv in sets if not kv.record["vragen"])
    (target / "registry").mkdir(exist_ok=True)
    text = published_text(awaiting, registry_people())
    (target / "registry" / f"vragen-{awaiting.id}.txt").write_text(text, encoding="utf-8")


# --- writing -------------------------------------------------------------------------------------


def write_repository(world: World, target: Path) -> None:
    data = target / "data"
    (data / "overleggen").mkdir(parents=True, exist_ok=True)
    (target / "briefs").mkdir(exist_ok=True)
    shutil.copytree(REPO / "templates", target / "templates", dirs_exist_ok=True)
    shutil.copy(REPO / "data" / "organisation.yaml", data / "organisation.yaml")
    shutil.copy(REPO / ".gitignore", target / ".gitignore")
    header = "Synthetic {} for the benchmark (bench/generate.py, seed %d)." % SEED
    (data / "commitments.yaml").write_text(
        yaml_file(header.format("toezeggingen"), "commitments", [c.record for c in world.commitments]), encoding="utf-8"
    )
    (data / "motions.yaml").write_text(
        yaml_file(header.format("moties"), "motions", [m.record for m in world.motions]), encoding="utf-8"
    )
    (data / "documents.yaml").write_text(
        yaml_file(header.format("documents"), "documents", world.documents), encoding="utf-8"
    )
    for overleg in world.overleggen:
        text = yaml_file(header.format("schriftelijk overleg"), None, overleg)
        (data / "overleggen" / f"{overleg['id']}.yaml").write_text(text, encoding="utf-8")
    for name, text in world.brief_files.items():
        (target / "briefs" / f"{name}.md").write_text(text, encoding="utf-8")


def bewindspersonen() -> list[str]:
    """The ids in the copied organisation.yaml; read by pattern so that no YAML library is needed."""
    text = (REPO / "data" / "organisation.yaml").read_text(encoding="utf-8")
    return re.findall(r"^\s+- id: (\S+)", bewindspersonen_section(text), re.M)


def bewindspersonen_section(text: str) -> str:
    """The ``bewindspersonen:`` list of organisation.yaml, up to the next top-level key: the
    ``directorates:`` before it has ids too, of no one who signs or makes a toezegging."""
    section = re.split(r"^bewindspersonen:\s*$", text, maxsplit=1, flags=re.M)[1]
    return re.split(r"^\S", section, maxsplit=1, flags=re.M)[0]


def generate(target: Path) -> None:
    world = World(random.Random(SEED), bewindspersonen())
    make_documents(world)
    make_motions(world)
    make_commitments(world)
    world.used_documents.update(d.document["id"] for d in world.debates)  # cited as commitment sources
    make_briefs(world)
    settle_statuses(world)
    # The Kamervragen draw from a random stream of their own: the rest of the corpus stays as it was.
    rng = random.Random(f"{SEED}-kamervragen")
    sets = make_kamervragen(rng, world.bewindspersonen)
    settle_kamervragen(rng, sets)
    world.brief_files.update(kamervragen_briefs(rng, sets, world.documents))
    write_repository(world, target)
    write_registry(world, target)
    write_kamervragen(sets, target)
    write_kamervragen_registry(sets, target)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python bench/generate.py DIR", file=sys.stderr)
        return 2
    target = Path(argv[0])
    if target.exists() and any(target.iterdir()):
        print(f"generate.py: {target} is not empty", file=sys.stderr)
        return 2
    generate(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
