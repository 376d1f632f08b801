"""The extractor's own dictionaries: event triggers, cue words and context keywords.

They live in `lexicon/*.tsv` beside this module, one row per meaning, so that users can
extend them without touching code; `marsad kb check` validates them with the knowledge base.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from marsad.cleaning.normalize import normalize
from marsad.knowledge.matcher import STOP, TermMatcher
from marsad.model import EVENT_TYPES

LEXICON_DIR = Path(__file__).parent / "lexicon"
REFERS = "refers:"  # cue kind "refers:ASSAULT": a noun naming an earlier event of that type ("الهجمات")
NOT_A_TRIGGER = "NONE"  # type of rows listing words that contain a trigger but are none ("بحث" ⊃ "حث")
CUE_KINDS = frozenset({
    "negation", "future", "received", "passive", "joint", "counterpart", "pair", "presence",
    "sidelines", "multilateral", "anaphoric", "background", "off_topic", "joint_goal", "hypothetical", "content",
    "group", "denial", "same_as_before", "area", "reporting", "topic", "place_noun", "celebration", "own_country",
    "spokesperson", "own_ambassador", "kingdom", "honorific", "clause", "claim", "in_reply", "same_ones",
    "time_reference", "subject_matter", "armed_group", "consequence",
    "same_day", "addressee", "quantity", "accepted",
})


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    cameo: str
    mode: str | None
    needs: tuple[str, ...]  # normalised words of which one must stand near the trigger


@dataclass(frozen=True, slots=True)
class Lexicon:
    triggers: TermMatcher
    cues: TermMatcher
    contexts: TermMatcher
    honorifics: frozenset[str]
    area_words: frozenset[str]
    topic_words: frozenset[str]
    problems: tuple[str, ...]


def _rows(path: Path):
    header = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        cells += [""] * (len(header) - len(cells))
        yield f"{path.name}:{number}", dict(zip(header, cells, strict=False))


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def read_lexicon(directory: Path = LEXICON_DIR) -> Lexicon:
    """Read the three lexicon files; rows that break the format are reported in `problems`."""
    problems: list[str] = []
    triggers = []
    for origin, row in _rows(directory / "triggers.tsv"):
        if row["type"] == NOT_A_TRIGGER:
            triggers.extend((pattern, STOP) for pattern in _split(row["pattern"]))
            continue
        if row["type"] not in EVENT_TYPES:
            problems.append(f"{origin}: unknown event type {row['type']!r}")
            continue
        if not (row["cameo"].isdigit() and len(row["cameo"]) == 3):
            problems.append(f"{origin}: CAMEO code must be three digits, not {row['cameo']!r}")
            continue
        needs = tuple(normalize(w) for w in _split(row.get("needs", "")))
        trigger = Trigger(row["type"], row["cameo"], row.get("mode") or None, needs)
        triggers.extend((pattern, trigger) for pattern in _split(row["pattern"]))
    cues = []
    honorifics = set()
    area_words = set()
    topic_words = set()
    for origin, row in _rows(directory / "cues.tsv"):
        if row["kind"] not in CUE_KINDS and not (
                row["kind"].startswith(REFERS) and row["kind"][len(REFERS):] in EVENT_TYPES):
            problems.append(f"{origin}: unknown cue kind {row['kind']!r}")
            continue
        for pattern in _split(row["pattern"]):
            cues.append((pattern, row["kind"]))
            if row["kind"] == "honorific":
                honorifics.add(normalize(pattern))
            if row["kind"] == "area":
                area_words.add(normalize(pattern))
            if row["kind"] in ("topic", "place_noun"):
                topic_words.add(normalize(pattern))
    contexts = [(p, row["context"]) for _, row in _rows(directory / "contexts.tsv") for p in _split(row["arabic"])]
    return Lexicon(TermMatcher(triggers), TermMatcher(cues), TermMatcher(contexts), frozenset(honorifics),
                   frozenset(area_words), frozenset(topic_words), tuple(problems))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    return read_lexicon()
