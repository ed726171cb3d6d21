"""The publication metadata of a Woo version: DiWoo XML (the ``diwoo:Document`` sitemap
extension) and the same as JSON.

The element names and value lists are those of DiWoo 0.9.8 (diwoo-metadata.xsd and
diwoo-metadata-lijsten.xsd, https://standaarden.overheid.nl/diwoo/metadata/; a copy is in
tests/fixtures/diwoo/, which the tests validate against). Values come from the TOOI
value lists the schema enumerates: documentsoort (ccw_plooi_documentsoorten),
informatiecategorie (scw_woo_informatiecategorieen), the ministries
(rwc_ministeries_compleet), documenthandeling (ccw_plooi_documenthandelingen) and
documentrelatie (scw_documentrelatie).

The metadata is made once as a tree of plain values (``diwoo_tree``): the JSON is that
tree, and the XML is written from it with lxml (every text escaped by the library), so
the two cannot disagree. A leaf with a TOOI value is ``{"@resource": uri, "#text": label}``;
a list is the element repeated.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from lxml import etree

from ..doctypes import WooPublication
from ..model import Ministry

DIWOO = "https://standaarden.overheid.nl/diwoo/metadata/"
TOOI_KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"
TOOI_MINISTERIE = "https://identifier.overheid.nl/tooi/id/ministerie/"

DOCUMENTSOORTEN = {
    "beslisnota": (TOOI_KERN + "c_2977c34f", "beslisnota"),
    "brief": (TOOI_KERN + "c_7652d853", "brief"),
}
INFORMATIECATEGORIEEN = {
    # Beslisnota's that go with Kamerstukken are published by cabinet policy (Kamerstuk 32 802,
    # nr. 73), not as one of the categories of artikel 3.3: the general duty of artikel 3.1.
    "inspanningsverplichting": (TOOI_KERN + "c_816e508d", "inspanningsverplichting art 3.1 Woo"),
    "vergaderstukken-staten-generaal": (TOOI_KERN + "c_c76862ab", "vergaderstukken Staten-Generaal"),
}
# The ministries of rwc_ministeries_compleet by their name (lower case), as
# data/organisation.yaml names them ("Ministerie van …"): the publisher is the ministry.
MINISTRIES = {
    "ministerie van algemene zaken": "mnre1010",
    "ministerie van asiel en migratie": "mnre1162",
    "ministerie van binnenlandse zaken en koninkrijksrelaties": "mnre1034",
    "ministerie van buitenlandse zaken": "mnre1013",
    "ministerie van defensie": "mnre1018",
    "ministerie van economische zaken": "mnre1045",
    "ministerie van economische zaken en klimaat": "mnre1045",
    "ministerie van financiën": "mnre1090",
    "ministerie van infrastructuur en waterstaat": "mnre1130",
    "ministerie van justitie en veiligheid": "mnre1058",
    "ministerie van klimaat en groene groei": "mnre1182",
    "ministerie van landbouw, natuur en voedselkwaliteit": "mnre1150",
    "ministerie van landbouw, visserij, voedselzekerheid en natuur": "mnre1153",
    "ministerie van onderwijs, cultuur en wetenschap": "mnre1109",
    "ministerie van sociale zaken en werkgelegenheid": "mnre1073",
    "ministerie van volksgezondheid, welzijn en sport": "mnre1025",
    "ministerie van volkshuisvesting en ruimtelijke ordening": "mnre1171",
}
VASTSTELLING = (TOOI_KERN + "c_641ecd76", "vaststelling")
VERWIJST_NAAR = (TOOI_KERN + "c_75fac459", "verwijst naar")
DUTCH = ("http://publications.europa.eu/resource/authority/language/NLD", "Nederlands")
PDF = ("http://publications.europa.eu/resource/authority/file-type/PDF", "PDF")


def ministry_resource(ministry: Ministry) -> str | None:
    """The TOOI identifier of the ministry, by its name; None when the list lacks it."""
    code = MINISTRIES.get(" ".join(ministry.name.split()).lower())
    return TOOI_MINISTERIE + code if code else None


def _value(pair: tuple[str, str]) -> dict[str, str]:
    return {"@resource": pair[0], "#text": pair[1]}


def diwoo_tree(publication: WooPublication, ministry: Ministry, resource: str) -> dict[str, Any]:
    """The metadata as plain values: ``{"Document": {"DiWoo": {...}}}``."""
    organisation = {"@resource": resource, "#text": ministry.name[:1].lower() + ministry.name[1:]}
    diwoo: dict[str, Any] = {
        "identifiers": {"identifier": [publication.identifier]},
        "publisher": organisation,
        "verantwoordelijke": organisation,
        "opsteller": organisation,
        "titelcollectie": {"officieleTitel": publication.title},
        "classificatiecollectie": {
            "informatiecategorieen": {"informatiecategorie": [_value(INFORMATIECATEGORIEEN[publication.informatiecategorie])]},
            "documentsoorten": {"documentsoort": [_value(DOCUMENTSOORTEN[publication.documentsoort])]},
        },
        "creatiedatum": publication.created.isoformat(),
        "language": _value(DUTCH),
        "format": _value(PDF),
        "documenthandelingen": {
            "documenthandeling": [{
                "soortHandeling": _value(VASTSTELLING),
                "atTime": dt.datetime.combine(publication.created, dt.time()).isoformat(),
                "wasAssociatedWith": organisation,
            }],
        },
    }
    if publication.related:
        diwoo["documentrelaties"] = {
            "documentrelatie": [
                {"role": _value(VERWIJST_NAAR), "relation": {"@resource": related.resource, "#text": related.label}}
                for related in publication.related
            ],
        }
    return {"Document": {"DiWoo": diwoo}}


def metadata_json(tree: dict[str, Any]) -> bytes:
    return (json.dumps(tree, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def metadata_xml(tree: dict[str, Any]) -> bytes:
    """The tree as DiWoo XML, ``diwoo:Document`` at the root (what a sitemap's ``url`` holds)."""
    (name, content), = tree.items()
    root = etree.Element(f"{{{DIWOO}}}{name}", nsmap={"diwoo": DIWOO})
    _fill(root, content)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _fill(element, content: Any) -> None:
    if isinstance(content, str):
        element.text = content
        return
    for key, value in content.items():
        if key == "@resource":
            element.set("resource", value)
        elif key == "#text":
            element.text = value
        else:
            for item in value if isinstance(value, list) else [value]:
                _fill(etree.SubElement(element, f"{{{DIWOO}}}{key}"), item)


def tree_of_xml(data: bytes, lists: frozenset[str] = frozenset({"identifier", "informatiecategorie", "documentsoort", "documenthandeling", "documentrelatie"})) -> dict[str, Any]:
    """The XML read back into the tree's form (for tests and tools comparing the two)."""
    root = etree.fromstring(data)

    def read(element) -> Any:
        children = list(element)
        if not children:
            if element.get("resource") is not None:
                return {"@resource": element.get("resource"), "#text": element.text or ""}
            return element.text or ""
        content: dict[str, Any] = {}
        for child in children:
            key = etree.QName(child).localname
            value = read(child)
            if key in lists:
                content.setdefault(key, []).append(value)
            else:
                content[key] = value
        return content

    return {etree.QName(root).localname: read(root)}
