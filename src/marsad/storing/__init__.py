"""storing stage."""
