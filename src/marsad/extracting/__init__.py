"""extracting stage."""
