"""Reading the knowledge-base TSV files into records, keeping every problem with its line."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from marsad.knowledge.records import (
    AmbiguityRule,
    OfficeTerm,
    OfficeTitle,
    Organisation,
    Person,
    Place,
    Problem,
    SectorTerm,
    State,
)

DATA_DIR = Path(__file__).parent / "data"
EXTRA_DIR_VARIABLE = "MARSAD_KB_EXTRA"


@dataclass
class RawKnowledge:
    """All rows of all files, before any index is built."""

    states: list[State] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    offices: list[OfficeTerm] = field(default_factory=list)
    office_titles: list[OfficeTitle] = field(default_factory=list)
    sector_terms: list[SectorTerm] = field(default_factory=list)
    stop_forms: list[str] = field(default_factory=list)
    ambiguities: list[AmbiguityRule] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def data_dirs() -> list[Path]:
    """The bundled data folder, then the user's extra folder when `MARSAD_KB_EXTRA` names one."""
    dirs = [DATA_DIR]
    extra = os.environ.get(EXTRA_DIR_VARIABLE)
    if extra:
        dirs.append(Path(extra))
    return dirs


def knowledge_files(dirs: list[Path]) -> list[Path]:
    return sorted(p for d in dirs if d.is_dir() for p in d.glob("*.tsv"))


def _values(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split("|") if v.strip())


def _optional(cell: str) -> str | None:
    return cell.strip() or None


def _rows(path: Path, problems: list[Problem]) -> Iterator[tuple[str, dict[str, str]]]:
    """Yield (origin, row) for each data line; malformed lines become problems."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(str(path.name), f"cannot read: {exc}"))
        return
    header: list[str] | None = None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            continue
        origin = f"{path.name}:{number}"
        if len(cells) > len(header):
            problems.append(Problem(origin, f"{len(cells)} cells, the header has {len(header)}"))
            continue
        cells += [""] * (len(header) - len(cells))
        yield origin, dict(zip(header, cells, strict=True))


def _read_state(origin: str, row: dict[str, str]) -> State:
    return State(
        row["code"].strip(), row["name"].strip(), _values(row["arabic"]), _values(row["nisba"]),
        _values(row.get("plural", "")), row.get("capital", "").strip(), _values(row.get("metonyms", "")),
        origin,
    )


def _coordinate(cell: str) -> float | None:
    return float(cell) if cell.strip() else None


def _read_place(origin: str, row: dict[str, str]) -> Place:
    return Place(
        row["name"].strip(), row["country"].strip(), row["kind"].strip(),
        _coordinate(row.get("lat", "")), _coordinate(row.get("lon", "")), _values(row["arabic"]), origin,
        _optional(row.get("admin1", "")),
    )


def _read_organisation(origin: str, row: dict[str, str]) -> Organisation:
    coded_as = row.get("coded_as", "").strip()
    if coded_as not in ("", "state"):
        raise ValueError(f"coded_as {coded_as!r} is not empty or 'state'")
    return Organisation(
        row["id"].strip(), row["name"].strip(), _optional(row.get("country", "")),
        row.get("sector", "").strip() or "UNK", _values(row["arabic"]), origin, _optional(row.get("seat", "")),
        coded_as == "state",
    )


def _read_person(origin: str, row: dict[str, str]) -> Person:
    return Person(
        row["id"].strip(), row["name"].strip(), _optional(row.get("country", "")),
        row.get("sector", "").strip() or "GOV", _optional(row.get("wikidata", "")), _values(row["arabic"]),
        origin,
    )


def _read_office(origin: str, row: dict[str, str]) -> OfficeTerm:
    return OfficeTerm(
        row["person"].strip(), row["office"].strip(), row["country"].strip(), row["start"].strip(),
        _optional(row.get("end", "")), _optional(row.get("topic", "")), row.get("note", "").strip(), origin,
    )


def _read_office_title(origin: str, row: dict[str, str]) -> OfficeTitle:
    return OfficeTitle(row["office"].strip(), _optional(row.get("country", "")), _values(row["arabic"]), origin)


def _read_sector_term(origin: str, row: dict[str, str]) -> SectorTerm:
    return SectorTerm(row["sector"].strip(), _values(row["arabic"]), origin)


def _read_stop_forms(origin: str, row: dict[str, str]) -> tuple[str, ...]:
    return _values(row["arabic"])


NO_READING = "none"


def _read_ambiguity(origin: str, row: dict[str, str]) -> AmbiguityRule:
    """A rule of ambiguous.tsv; its reading is `kind:key` ("place:Amman") or "none"."""
    cell = row["reading"].strip()
    if cell == NO_READING:
        reading = None
    else:
        kind, separator, key = cell.partition(":")
        if not separator or not kind.strip() or not key.strip():
            raise ValueError(f"reading {cell!r} is not kind:key (place:Amman) or {NO_READING!r}")
        reading = (kind.strip(), key.strip())
    return AmbiguityRule(
        row["form"].strip(), reading, _values(row.get("before", "")), _values(row.get("after", "")),
        _values(row.get("context", "")), origin,
    )


# File-name prefix → (attribute of RawKnowledge, row reader).
_READERS = {
    "states": ("states", _read_state),
    "places": ("places", _read_place),
    "organisations": ("organisations", _read_organisation),
    "people": ("people", _read_person),
    "offices": ("offices", _read_office),
    "office_titles": ("office_titles", _read_office_title),
    "sector_terms": ("sector_terms", _read_sector_term),
    "stop_forms": ("stop_forms", _read_stop_forms),
    "ambiguous": ("ambiguities", _read_ambiguity),
}


def _reader_for(path: Path):
    stem = path.stem
    for prefix in sorted(_READERS, key=len, reverse=True):
        if stem == prefix or stem.startswith(prefix + "_"):
            return _READERS[prefix]
    return None


def read_knowledge(dirs: list[Path] | None = None) -> RawKnowledge:
    """Every row of every knowledge file in `dirs` (default: `data_dirs()`)."""
    raw = RawKnowledge()
    for path in knowledge_files(dirs or data_dirs()):
        reader = _reader_for(path)
        if reader is None:
            raw.problems.append(Problem(path.name, "unknown file: its name starts with no known kind"))
            continue
        attribute, read_row = reader
        rows = getattr(raw, attribute)
        for origin, row in _rows(path, raw.problems):
            try:
                record = read_row(origin, row)
                rows.extend(record) if attribute == "stop_forms" else rows.append(record)
            except (KeyError, ValueError) as exc:
                raw.problems.append(Problem(origin, f"bad row: {exc}"))
    return raw
