"""What an analyst may change in an event, checked field by field, and applied to a spec §3 record."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from marsad.model import CONSULT_MODES, EVENT_TYPES, ORGANISATION_CODES, SECTORS

EDITABLE = ("type", "mode", "cameo", "date", "location", "source", "target", "contexts")
# The CAMEO code an event gets when an analyst changes its type (or its CONSULT mode) without giving one.
DEFAULT_CAMEO = {
    "CONSULT": "040", "AGREE": "030", "SUPPORT": "050", "COOPERATE": "060", "AID": "070", "CONCEDE": "080",
    "RETREAT": "084", "ACCUSE": "110", "REQUEST": "100", "REJECT": "120", "THREATEN": "130", "PROTEST": "140",
    "MOBILIZE": "150", "SANCTION": "160", "COERCE": "170", "ASSAULT": "190",
}
MODE_CAMEO = {"phone": "041", "visit": "042", "host": "043", "third-party": "044"}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_CODE = re.compile(r"^[A-Z]{3}$")
_CAMEO = re.compile(r"^\d{3,4}$")
MAX_NAME = 200


class CorrectionError(ValueError):
    """A correction that cannot be made; `status` is the HTTP status an API answers with."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


def clean_changes(changes: dict[str, Any], resolve_actor) -> dict[str, Any]:
    """The changes with every value checked and normalised; `resolve_actor(actor_id)` gives a stored
    actor's {name, country, sector} or None. A bad value raises CorrectionError naming the field."""
    if not isinstance(changes, dict):
        raise CorrectionError("changes must be an object of field: value")
    out: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in EDITABLE:
            raise CorrectionError(f"{key}: not an editable field (one of {', '.join(EDITABLE)})")
        out[key] = _FIELDS[key](value, resolve_actor) if key in ("source", "target") else _FIELDS[key](value)
    return out


def _type(value: Any) -> str:
    if not isinstance(value, str) or value.upper() not in EVENT_TYPES:
        raise CorrectionError(f"type: unknown event type {value!r} (one of {', '.join(EVENT_TYPES)})")
    return value.upper()


def _mode(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if value not in CONSULT_MODES:
        raise CorrectionError(f"mode: unknown mode {value!r} (one of {', '.join(CONSULT_MODES)})")
    return value


def _cameo(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str) or not _CAMEO.match(value.strip()):
        raise CorrectionError(f"cameo: {value!r} is not a CAMEO code of 3 or 4 digits")
    return value.strip()


def _date(value: Any) -> str | None:
    if value in (None, ""):
        return None
    match = _DATE.match(value.strip()) if isinstance(value, str) else None
    if not match:
        raise CorrectionError(f"date: {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        date(year, month, day)
    except ValueError as exc:
        raise CorrectionError(f"date: {value!r} is not a calendar date ({exc})") from None
    return value.strip()


def _code(value: Any, where: str) -> str | None:
    if value in (None, ""):
        return None
    code = value.strip().upper() if isinstance(value, str) else None
    if not code or not _CODE.match(code):
        raise CorrectionError(f"{where}: {value!r} is not an ISO-3 country or organisation code "
                              f"({', '.join(ORGANISATION_CODES)})")
    return code


def _name(value: Any, where: str) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str) or len(value) > MAX_NAME:
        raise CorrectionError(f"{where}: a name is a string of at most {MAX_NAME} characters")
    return " ".join(value.split()) or None


def _location(value: Any) -> dict[str, Any] | None:
    if value in (None, "", {}):
        return None
    if not isinstance(value, dict):
        raise CorrectionError("location: expected {name, country} or null")
    location = {"name": _name(value.get("name"), "location.name"),
                "country": _code(value.get("country"), "location.country")}
    return location if location["name"] or location["country"] else None


def _actors(value: Any, resolve_actor) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise CorrectionError("actors: expected a list of {actor_id} or {name, country, sector}")
    actors = []
    for n, given in enumerate(value, 1):
        where = f"actor {n}"
        if not isinstance(given, dict):
            raise CorrectionError(f"{where}: expected an object")
        if given.get("actor_id"):
            known = resolve_actor(str(given["actor_id"]))
            if known is None:
                raise CorrectionError(f"{where}: no actor {given['actor_id']!r} in the store")
            actors.append(known)
            continue
        sector = (given.get("sector") or "UNK").upper()
        if sector not in SECTORS:
            raise CorrectionError(f"{where}: unknown sector {given.get('sector')!r} (one of {', '.join(SECTORS)})")
        actor = {"name": _name(given.get("name"), where), "country": _code(given.get("country"), where),
                 "sector": sector}
        if not actor["name"] and not actor["country"]:
            raise CorrectionError(f"{where}: give a name or a country")
        actors.append(actor)
    return actors


def _contexts(value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CorrectionError("contexts: expected a list of strings")
    return [v.strip() for v in value if v.strip()]


_FIELDS = {"type": _type, "mode": _mode, "cameo": _cameo, "date": _date, "location": _location,
           "source": _actors, "target": _actors, "contexts": _contexts}


def precision(value: str | None) -> str | None:
    return {10: "day", 7: "month", 4: "year"}.get(len(value)) if value else None


def apply_changes(record: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """A spec §3 record with an analyst's changes: the CAMEO code follows a new type or mode unless
    given, a mode is kept only for CONSULT, and the date's precision follows the date."""
    out = dict(record)
    out.update({key: value for key, value in changes.items() if key in EDITABLE})
    if out["type"] != "CONSULT" and "mode" not in changes:
        out["mode"] = None
    retyped = out["type"] != record.get("type") or out.get("mode") != record.get("mode")
    if (retyped and "cameo" not in changes) or not out.get("cameo"):
        default = DEFAULT_CAMEO[out["type"]]
        out["cameo"] = MODE_CAMEO.get(out.get("mode") or "", default) if out["type"] == "CONSULT" else default
    out["date_precision"] = precision(out.get("date"))
    return out
