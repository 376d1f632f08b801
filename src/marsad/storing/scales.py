"""Analysts' scales of an event, from its CAMEO code: the Goldstein weight and the QuadClass.

GDELT and ICEWS users compare events by these. The weights are data (cameo.tsv beside this
file); a code missing there takes its root's weight. PLOVER itself defines no intensity scale,
so Marsad gives none beyond Goldstein's.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from marsad.model import QUAD_CLASS

# CAMEO root (2 digits) → QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal
# conflict, 4 material conflict.
_QUAD_OF_ROOT = {f"{root:02d}": 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
                 for root in range(1, 21)}


@cache
def goldstein_table() -> dict[str, float]:
    """CAMEO code (2 or 3 digits) → Goldstein weight, from cameo.tsv."""
    table = {}
    text = resources.files("marsad.storing").joinpath("cameo.tsv").read_text("utf-8")
    for line in text.splitlines()[1:]:
        if line.strip() and not line.startswith(("#", "code\t")):
            code, weight, _ = line.split("\t", 2)
            table[code] = float(weight)
    return table


def goldstein(cameo: str | None) -> float | None:
    """The Goldstein weight of a CAMEO code, else of its root; None for no or an unknown code."""
    if not cameo:
        return None
    table = goldstein_table()
    return table.get(cameo, table.get(cameo[:2]))


def quad_class(cameo: str | None, event_type: str | None = None) -> int | None:
    """The QuadClass of a CAMEO code's root; without a usable code, that of the PLOVER type."""
    quad = _QUAD_OF_ROOT.get((cameo or "")[:2])
    return quad if quad is not None else QUAD_CLASS.get(event_type or "")
