-- Analysts' corrections (marsad serve --review), kept apart from the extracted events.
-- A log: each row is one thing an analyst did to one event. Rows of one event share chain_id;
-- the newest (superseded_by IS NULL) says what holds now. event_id and status follow re-extraction.

CREATE SEQUENCE IF NOT EXISTS correction_ids START 1;

CREATE TABLE IF NOT EXISTS corrections (
    correction_id  BIGINT PRIMARY KEY,
    chain_id       BIGINT NOT NULL,      -- the first correction of the same event
    doc_id         VARCHAR NOT NULL,
    action         VARCHAR NOT NULL,     -- what the analyst did: confirm, reject, edit, add, undo
    effect         VARCHAR NOT NULL,     -- what holds: keep (with `changes`), drop, none (undone)
    reviewer       VARCHAR NOT NULL,
    "at"           TIMESTAMP NOT NULL,   -- UTC
    note           VARCHAR,
    changes        VARCHAR NOT NULL,     -- JSON: the fields the analyst set (every field of an added event)
    before         VARCHAR,              -- JSON: the event as extracted (spec §3), null for an added event
    after          VARCHAR,              -- JSON: the event as corrected, null when dropped
    anchor         VARCHAR NOT NULL,     -- JSON: how to find the event again after re-extraction (anchoring.py)
    superseded_by  BIGINT,               -- the next correction of the same event
    event_id       VARCHAR,              -- the event it applies to now (null: dropped, or no longer extracted)
    status         VARCHAR NOT NULL      -- applied; absent (a dropped event no longer extracted); kept (an
                                         -- event the extractor no longer finds, kept on the analyst's word)
);

-- The events of each corrected document as corrections left them: a different fingerprint means the
-- document was extracted again and its corrections must be re-applied.
CREATE TABLE IF NOT EXISTS corrected_documents (
    doc_id       VARCHAR PRIMARY KEY,
    fingerprint  VARCHAR NOT NULL,
    applied_at   TIMESTAMP NOT NULL
);
