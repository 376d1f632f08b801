"""`marsad kb lookup|who|stats|check` as people use them."""

from __future__ import annotations

import json

from marsad.cli import main

EGYPT_FM = ["kb", "who", "--country", "EGY", "--office", "foreign_minister"]


def test_who_prints_the_canonical_name_first(capsys):
    assert main([*EGYPT_FM, "--date", "2019-06-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Sameh Shoukry"
    assert any("foreign_minister of EGY" in line for line in lines[1:])


def test_who_json_for_an_envoy(capsys):
    argv = ["kb", "who", "--country", "UNO", "--office", "envoy", "--topic", "YEM", "--date", "2019-06-01"]
    assert main([*argv, "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["name"] == "Martin Griffiths" and answer["topic"] == "YEM"
    assert answer["start"] <= "2019-06-01" and answer["origin"].startswith("offices")


def test_who_without_a_holder_fails(capsys):
    assert main([*EGYPT_FM, "--date", "1800-01-01"]) == 1
    assert "no foreign_minister of EGY" in capsys.readouterr().err


def test_who_rejects_a_malformed_date(capsys):
    assert main([*EGYPT_FM, "--date", "1/6/2019"]) == 2


def test_lookup_json_gives_spans_into_the_text(capsys):
    text = "التقى الجبير نظيره الروسي في موسكو"
    assert main(["kb", "lookup", text, "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert {(m["kind"], m["name"]) for m in found} >= {
        ("person", "Adel al-Jubeir"), ("nisba", "Russia"), ("place", "Moscow"),
    }
    assert all(text[m["start"]:m["end"]] == m["surface"] for m in found)


def test_stats_counts_files_and_offices(capsys):
    assert main(["kb", "stats"]) == 0
    out = capsys.readouterr().out
    assert "places.tsv" in out and "foreign_minister" in out and "envoy" in out


def test_check_passes_on_the_shipped_data(capsys):
    assert main(["kb", "check"]) == 0
    out = capsys.readouterr().out
    assert "0 error(s)" in out and "places: " in out and "office terms: " in out
