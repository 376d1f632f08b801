"""The GDELT 2.0 event table: Marsad's events in GDELT's 61 columns, every derivable one filled.

Left empty: ethnic and religion codes, Type2/3 codes, AvgTone (Marsad measures no tone),
actor geography (GDELT's is where each actor is mentioned; Marsad locates the event), and
the FIPS country, ADM1 and feature codes of the geography (Marsad keeps ISO-3 codes and
admin-1 names, which are in the other formats). Three columns follow GDELT's 61: Marsad's
version, the knowledge base's fingerprint and the model's version.
"""

from __future__ import annotations

import hashlib
from typing import Any

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{field}" for n in (1, 2) for field in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{field}" for who in ("Actor1", "Actor2", "Action") for field in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
VERSION_COLUMNS = ("marsad_version", "kb_version", "model_version")
ORGANISATION_SECTOR = "IGO"
# GDELT's ActionGeo_Type: 1 a country, 4 a world city (Marsad's named places).
_GEO_TYPE = {"place": 4, "country": 1}

EXTRA_SQL = """
SELECT e.event_id,
       CASE WHEN e.evidence_start IS NULL THEN 0
            WHEN instr(d.text, chr(10)) = 0 OR e.evidence_start < instr(d.text, chr(10)) THEN 1 ELSE 0 END,
       strftime(d.ingested_at, '%Y%m%d%H%M%S')
FROM events e JOIN documents d USING (doc_id)
"""


def gdelt_row(record: dict[str, Any], extra: dict[str, Any]) -> list[str]:
    """The 61 GDELT 2.0 values of an event record, then its 3 version stamps (`extra`: root flag, date added)."""
    values: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
    day = record["date"] if record["date"] and len(record["date"]) == 10 else record["published"]
    if day:
        year, month, dom = (int(p) for p in day.split("-"))
        values.update(
            SQLDATE=f"{year:04d}{month:02d}{dom:02d}", MonthYear=f"{year:04d}{month:02d}", Year=year,
            FractionDate=f"{year + (month * 30 + dom) / 365:.4f}",  # GDELT's own formula
        )
    values["GLOBALEVENTID"] = int.from_bytes(hashlib.sha1(record["event_id"].encode()).digest()[:8]) >> 1
    for n, side in ((1, "source"), (2, "target")):
        if record[side]:
            values.update(_actor(n, record[side][0]))
    cameo = record["cameo"] or ""
    goldstein = record.get("goldstein")
    values.update(
        IsRootEvent=extra["is_root"], EventCode=cameo, EventBaseCode=cameo[:3], EventRootCode=cameo[:2],
        QuadClass=record["quad_class"] or "", GoldsteinScale="" if goldstein is None else f"{goldstein:.1f}",
        NumMentions=record["num_mentions"], NumSources=record["num_sources"], NumArticles=record["num_articles"],
        DATEADDED=extra["added"], SOURCEURL=record["url"] or "",
    )
    location = record["location"]
    if location and (location.get("name") or location.get("country")):
        values.update(ActionGeo_Type=_GEO_TYPE.get(record.get("geo_precision") or "", 4 if location.get("name")
                                                  else 1),
                      ActionGeo_FullName=", ".join(p for p in (location.get("name"), record.get("admin1"),
                                                               location.get("country")) if p))
    if record.get("latitude") is not None:
        values.update(ActionGeo_Lat=f"{record['latitude']:.4f}", ActionGeo_Long=f"{record['longitude']:.4f}")
    row = ["" if values[c] is None else str(values[c]) for c in GDELT_COLUMNS]
    return row + [record.get(c) or "" for c in VERSION_COLUMNS]


def _actor(n: int, actor: dict[str, Any]) -> dict[str, Any]:
    country, sector = actor.get("country") or "", actor.get("sector") or ""
    is_igo = sector == ORGANISATION_SECTOR
    type_code = "" if sector == "UNK" else sector
    return {
        f"Actor{n}Code": ("IGO" + country) if is_igo else country + type_code,
        f"Actor{n}Name": actor.get("name") or country,
        f"Actor{n}CountryCode": "" if is_igo else country,
        f"Actor{n}KnownGroupCode": country if is_igo else "",
        f"Actor{n}Type1Code": type_code,
    }
