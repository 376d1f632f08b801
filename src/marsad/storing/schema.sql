-- The Marsad store (DuckDB). One file; every table is rebuilt-safe and keyed by stable ids.
-- Documents are keyed by the given id or a content hash; events by doc_id + position.

CREATE TABLE IF NOT EXISTS documents (
    doc_id        VARCHAR PRIMARY KEY,   -- given id (SaudiNewsNet, WARC: the URL), else "sha1:<hash of text as read>"
    source        VARCHAR,               -- outlet id (e.g. "aawsat"), null when unknown
    url           VARCHAR,
    published     DATE,                  -- null when unknown
    title         VARCHAR,
    text          VARCHAR NOT NULL,      -- the cleaned text that evidence spans refer to
    content_hash  VARCHAR NOT NULL,      -- sha1 of the cleaned text
    cluster_id    VARCHAR,               -- near-duplicate cluster (MinHash LSH); doc_id of its first member
    origin        VARCHAR,               -- where it was read from: "file.zip:2015-07-21.json#12"
    num_events    INTEGER NOT NULL DEFAULT 0,
    ingested_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    seq           BIGINT                 -- ingest order, 1, 2, …: a cluster's first member has the lowest
);

-- MinHash signature of each document's cleaned text (128 uint32, word 3-shingles), kept so
-- that near-duplicate detection continues across ingests.
CREATE TABLE IF NOT EXISTS signatures (
    doc_id     VARCHAR PRIMARY KEY,
    signature  BLOB NOT NULL
);

CREATE TABLE IF NOT EXISTS events (
    event_id        VARCHAR PRIMARY KEY,  -- "<doc_id>#<n>", n = 0, 1, … in document order
    doc_id          VARCHAR NOT NULL,
    type            VARCHAR NOT NULL,     -- PLOVER type
    mode            VARCHAR,
    cameo           VARCHAR,
    quad_class      TINYINT,              -- 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    date            VARCHAR,              -- YYYY-MM-DD, YYYY-MM or YYYY
    date_precision  VARCHAR,
    date_start      DATE,                 -- first day the date can mean, for range filters
    location_name   VARCHAR,
    location_country VARCHAR,
    contexts        VARCHAR[],
    evidence        VARCHAR,
    evidence_start  INTEGER,
    evidence_end    INTEGER,
    confidence      DOUBLE,
    story_id        VARCHAR
);

CREATE TABLE IF NOT EXISTS event_actors (
    event_id  VARCHAR NOT NULL,
    role      VARCHAR NOT NULL,           -- 'source' or 'target'
    position  INTEGER NOT NULL,
    actor_id  VARCHAR NOT NULL,           -- actors.actor_id
    name      VARCHAR,
    country   VARCHAR,
    sector    VARCHAR
);

CREATE TABLE IF NOT EXISTS actors (
    actor_id  VARCHAR PRIMARY KEY,        -- knowledge-base id (slug of the English name) for a named actor,
                                          -- "<country>:<sector>" for a generic one ("unknown:<sector>" without country)
    name      VARCHAR,
    country   VARCHAR,
    sector    VARCHAR,
    kind      VARCHAR,                    -- person, organisation, generic (null when not known)
    kb_id     VARCHAR,                    -- knowledge-base id where resolved, else null
    arabic    VARCHAR[]                   -- Arabic names from the knowledge base (empty without one)
);

CREATE TABLE IF NOT EXISTS stories (
    story_id       VARCHAR PRIMARY KEY,   -- event_id of its earliest event
    type           VARCHAR NOT NULL,
    date_start     DATE,
    date_end       DATE,
    num_events     INTEGER NOT NULL,
    num_documents  INTEGER NOT NULL,      -- distinct near-duplicate clusters
    num_sources    INTEGER NOT NULL,      -- distinct outlets (of each cluster's first member)
    actor_key      VARCHAR                -- country-level actor key of its first event: "EGY+RUS" or "SYR>ISR"
);

CREATE TABLE IF NOT EXISTS errors (
    location  VARCHAR NOT NULL,           -- file and record: "dump.jsonl:line 17"; one row per location and reason
    reason    VARCHAR NOT NULL,
    stage     VARCHAR NOT NULL,           -- read, clean, extract, store
    "at"      TIMESTAMP NOT NULL DEFAULT current_timestamp  -- quoted: AT is a keyword in DuckDB 2.0
);

-- Dates checked against publication (storing/dates.py) and version stamps (storing/versions.py).
-- Added with ALTER so that a store written before them gains them when next opened for writing.
ALTER TABLE events ADD COLUMN IF NOT EXISTS date_flag VARCHAR;       -- after_publication (date clamped to it), long_before_publication, or null
ALTER TABLE events ADD COLUMN IF NOT EXISTS date_original VARCHAR;   -- the extracted date, where the check replaced it
ALTER TABLE events ADD COLUMN IF NOT EXISTS marsad_version VARCHAR;  -- marsad.__version__ of the ingest that extracted it
ALTER TABLE events ADD COLUMN IF NOT EXISTS kb_version VARCHAR;      -- knowledge-base fingerprint: "kb-" + 12 hex digits
ALTER TABLE events ADD COLUMN IF NOT EXISTS model_version VARCHAR;   -- the trained extractor's version, null without one
