"""recognising stage."""
