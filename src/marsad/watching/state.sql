-- What `marsad watch` remembers between runs (watching/state.py). Times are UTC.

CREATE TABLE IF NOT EXISTS watch_sources (
    name         VARCHAR PRIMARY KEY,   -- the source's name in the sources file
    kind         VARCHAR NOT NULL,      -- feed, sitemap or folder
    location     VARCHAR NOT NULL,      -- URL or folder
    last_polled  TIMESTAMP,
    next_poll    TIMESTAMP,
    failures     INTEGER NOT NULL DEFAULT 0,  -- polls failed in a row
    last_status  VARCHAR,               -- "links 12, new 3", "not modified", "HTTP 500", "timed out after 20 s"
    last_ok      TIMESTAMP              -- the last poll that worked
);

CREATE TABLE IF NOT EXISTS watch_items (
    url           VARCHAR PRIMARY KEY,  -- the article's address as the feed or sitemap gives it
    source        VARCHAR NOT NULL,
    title         VARCHAR,
    published     VARCHAR,              -- YYYY-MM-DD from the feed, when it says
    found_at      TIMESTAMP NOT NULL,
    status        VARCHAR NOT NULL,     -- pending, done, retry (transient failure: tried again later), failed
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_attempt  TIMESTAMP,
    last_error    VARCHAR,
    doc_id        VARCHAR               -- the stored document it became
);

CREATE TABLE IF NOT EXISTS watch_files (
    path     VARCHAR PRIMARY KEY,       -- a file of a folder source, read once (again when it changes)
    source   VARCHAR NOT NULL,
    size     BIGINT NOT NULL,
    mtime    DOUBLE NOT NULL,
    seen_at  TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS watch_http (
    url            VARCHAR PRIMARY KEY, -- a feed or sitemap
    etag           VARCHAR,
    last_modified  VARCHAR,
    seen_at        TIMESTAMP NOT NULL
);
