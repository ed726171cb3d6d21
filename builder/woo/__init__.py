"""Publication under the Woo (Wet open overheid): what a published document may not show.

The redactions a brief marks (``[tekst]{.lak grond="5.1.2e"}``) and the personal data
its type names, the document with those passages gone, its inventory and its DiWoo
metadata; and the proposals of Dutch names a person has still to decide on.
"""
