"""Marsad's own coded corpus, kept in standoff form: references and offsets, never the articles' text."""
