"""Actor ids and what the knowledge base says about them (kind, Arabic names)."""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from marsad.model import Actor

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# (kind, file pattern, id column) of the knowledge-base files that name actors.
_KB_FILES = (
    ("person", "people*.tsv", "id"),
    ("organisation", "organisations*.tsv", "id"),
    ("state", "states*.tsv", "code"),
)
KB_DIR = Path(__file__).resolve().parent.parent / "knowledge" / "data"


def slug(name: str) -> str:
    """The knowledge base's id for an English name: "Sergey Lavrov" → "sergey-lavrov"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub("-", ascii_name.lower()).strip("-")


def actor_id(actor: Actor) -> str:
    """A named actor's knowledge-base id; "<country>:<sector>" for a generic one."""
    if actor.name:
        return slug(actor.name) or actor.name
    return f"{actor.country or 'unknown'}:{actor.sector or 'UNK'}"


@dataclass(slots=True)
class KnowledgeNames:
    """Arabic names and kinds by actor id, from the knowledge-base files (empty without them)."""

    arabic: dict[str, list[str]] = field(default_factory=dict)
    kind: dict[str, str] = field(default_factory=dict)
    states: dict[str, list[str]] = field(default_factory=dict)

    def describe(self, actor: Actor, aid: str) -> tuple[str | None, str | None, list[str]]:
        """(kind, kb_id, Arabic names) for an actor with id `aid`."""
        if not actor.name:
            return "generic", None, self.states.get(actor.country or "", [])
        kind = self.kind.get(aid) or ("organisation" if actor.sector == "IGO" else None)
        return kind, aid if aid in self.kind else None, self.arabic.get(aid, [])


@cache
def knowledge_names() -> KnowledgeNames:
    """Read people*.tsv, organisations*.tsv and states*.tsv of the knowledge base once."""
    names = KnowledgeNames()
    folders = [KB_DIR] + [Path(p) for p in os.environ.get("MARSAD_KB_EXTRA", "").split(os.pathsep) if p]
    for folder in folders:
        for kind, pattern, key in _KB_FILES:
            for path in sorted(folder.glob(pattern)):
                for row in _rows(path):
                    ident, arabic = row.get(key) or "", (row.get("arabic") or "").split("|")
                    forms = [a.strip() for a in arabic if a.strip()]
                    if kind == "state":
                        names.states.setdefault(ident, []).extend(forms)
                    elif ident:
                        names.kind[ident] = kind
                        names.arabic.setdefault(ident, []).extend(forms)
    return names


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
