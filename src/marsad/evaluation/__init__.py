"""Scoring extracted events against gold files (spec §6) and external suites."""
