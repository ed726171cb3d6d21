"""The weigeringsgronden of the Woo: the grounds on which a passage may be withheld, by code.

Source: Wet open overheid (BWBR0045754, https://wetten.overheid.nl/BWBR0045754),
artikel 5.1, eerste lid (absolute gronden, a–e), tweede lid (relatieve gronden, a–i) and
vijfde lid (onevenredige benadeling), and artikel 5.2 (persoonlijke beleidsopvattingen);
the codes as Woo decisions and the VWS publication platform cite them ("5.1.2e",
minvws/nl-rdo-woo-web, src/Citation.php). The descriptions paraphrase the law's wording
in the form an inventarislijst uses. Older texts number the draft bill's articles
differently (5.1.2.e, 5.1 lid 2 sub e): those are not codes here.
"""

from __future__ import annotations

import re
from typing import Mapping

from ..body import Span, find_spans
from ..diagnostics import did_you_mean

GROUNDS: Mapping[str, str] = {
    # artikel 5.1, eerste lid: absolute gronden
    "5.1.1a": "de eenheid van de Kroon",
    "5.1.1b": "de veiligheid van de Staat",
    "5.1.1c": "vertrouwelijk aan de overheid meegedeelde bedrijfs- en fabricagegegevens",
    "5.1.1d": "bijzondere persoonsgegevens",
    "5.1.1e": "identificatienummers",
    # artikel 5.1, tweede lid: relatieve gronden
    "5.1.2a": "de betrekkingen van Nederland met andere staten en met internationale organisaties",
    "5.1.2b": "de economische of financiële belangen van de Staat of andere publiekrechtelijke lichamen",
    "5.1.2c": "de opsporing en vervolging van strafbare feiten",
    "5.1.2d": "inspectie, controle en toezicht door bestuursorganen",
    "5.1.2e": "de eerbiediging van de persoonlijke levenssfeer",
    "5.1.2f": "concurrentiegevoelige bedrijfs- en fabricagegegevens",
    "5.1.2g": "de bescherming van het milieu",
    "5.1.2h": "de beveiliging van personen en bedrijven en het voorkomen van sabotage",
    "5.1.2i": "het goed functioneren van de Staat of andere publiekrechtelijke lichamen",
    # artikel 5.1, vijfde lid
    "5.1.5": "onevenredige benadeling",
    # artikel 5.2
    "5.2": "persoonlijke beleidsopvattingen in documenten voor intern beraad",
}

# The class that marks a passage to withhold: [tekst]{.lak grond="5.1.2e"} ("zwartlakken").
REDACTION_CLASS = "lak"

# The ground of personal data the document type names (an author's name): privacy.
PRIVACY = "5.1.2e"

# A ground's code where it stands in text: "5.1.2e" but not the "5.2" of "15.2" or "5.2e".
CODE_PATTERN = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(code) for code in sorted(GROUNDS, key=len, reverse=True)) + r")(?!\w)"
)


def ground_problem(value: str | None) -> str | None:
    """Why ``value`` (a span's ``grond``) is no ground of the Woo, or None when it is one."""
    if value is None:
        return "a passage marked .lak needs its ground: grond=\"5.1.2e\" (a code of artikel 5.1 or 5.2 Woo)"
    if value in GROUNDS:
        return None
    hint = did_you_mean(value.replace(" ", ""), list(GROUNDS))
    return f"unknown ground '{value}' for a passage marked .lak{hint}; the Woo's are 5.1.1a–e, 5.1.2a–i, 5.1.5 and 5.2"


def marked_spans(text: str, path: str, first_line: int) -> list[Span]:
    """Every span of ``text`` marked ``.lak``, in order (nested ones too)."""
    return [span for span in find_spans(text, path, first_line) if span.has_class(REDACTION_CLASS)]
