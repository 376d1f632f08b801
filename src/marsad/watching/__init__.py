"""watching stage: poll feeds, sitemaps and folders, fetch new articles and ingest them as they appear."""
