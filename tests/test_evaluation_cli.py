"""`marsad evaluate` and `marsad evaluate-gsr` as CI and people use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.cli import main
from marsad.extracting import pipeline
from marsad.model import Actor, Event, Extraction

LAVROV = {"name": "Sergey Lavrov", "country": "RUS", "sector": "GOV"}
SAFADI = {"name": "Ayman Safadi", "country": "JOR", "sector": "GOV"}
CONSULT = {
    "type": "CONSULT",
    "mode": "phone",
    "cameo": "041",
    "source": [LAVROV],
    "target": [SAFADI],
    "date": "2021-03-10",
    "location": None,
    "contexts": [],
    "evidence": "تلقى الصفدي اتصالا",
}
ACCUSE = {**CONSULT, "type": "ACCUSE", "mode": None, "cameo": "111", "evidence": "انتقد"}


def write_jsonl(path: Path, records: list) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str]:
    gold = write_jsonl(
        tmp_path / "gold.jsonl",
        [
            {
                "doc_id": "d1",
                "published": "2021-03-10",
                "text": "تلقى الصفدي اتصالا … انتقد",
                "events": [CONSULT, ACCUSE],
            },
            {"doc_id": "d2", "published": None, "text": "لا شيء", "events": []},
        ],
    )
    # One event a line, as the extractor writes them: the CONSULT right, date wrong, plus a spurious one.
    system = write_jsonl(
        tmp_path / "system.jsonl",
        [
            {
                **CONSULT,
                "doc_id": "d1",
                "source": [{**LAVROV, "name": "Sergei Lavrov"}],
                "date": "2021-03-11",
            },
            {**ACCUSE, "doc_id": "d2"},
        ],
    )
    return str(gold), str(system)


def test_report_with_system_file(files, capsys):
    gold, system = files
    assert main(["evaluate", gold, "--system", system]) == 0
    out = capsys.readouterr().out
    assert "2 documents, 2 gold events, 2 system events" in out
    assert "person      0.500  0.500  0.500   1/2/2" in out
    assert "date" in out and "(0/1)" in out


def test_json_output_and_errors(files, capsys):
    gold, system = files
    assert main(["evaluate", gold, "--system", system, "--json", "--errors"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["overall"]["country"] == {
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
        "gold": 2,
        "system": 2,
        "matched": 1,
    }
    assert data["per_type"]["ACCUSE"]["person"]["matched"] == 0
    assert data["attributes"]["date"] == {"accuracy": 0.0, "correct": 0, "total": 1}
    assert data["attributes"]["mode"]["accuracy"] == 1.0
    assert [(e["doc_id"], e["type"]) for e in data["misses"]] == [("d1", "ACCUSE")]
    assert [(e["doc_id"], e["type"]) for e in data["spurious"]] == [("d2", "ACCUSE")]


def test_errors_listing_names_document_actors_and_evidence(files, capsys):
    gold, system = files
    main(["evaluate", gold, "--system", system, "--errors"])
    out = capsys.readouterr().out
    assert "misses (1)" in out and "spurious (1)" in out
    assert "d1  ACCUSE  Sergey Lavrov (RUS GOV) → Ayman Safadi (JOR GOV)" in out
    assert "«انتقد»" in out


@pytest.mark.parametrize(
    ("options", "code", "message"),
    [
        (["--min-country-f1", "0.5"], 0, None),
        (["--min-country-f1", "0.6"], 1, "country-level F1 0.500 is below the bar 0.6"),
        (["--min-person-f1", "0.9"], 1, "person-level F1 0.500 is below the bar 0.9"),
        (["--min-date-accuracy", "0.1"], 1, "date accuracy 0.000 is below the bar 0.1"),
    ],
)
def test_bars_set_the_exit_code(files, capsys, options, code, message):
    gold, system = files
    assert main(["evaluate", gold, "--system", system, *options]) == code
    err = capsys.readouterr().err
    assert (message in err) if message else ("FAILED" not in err)


def test_bar_outside_zero_one_is_refused(files):
    with pytest.raises(SystemExit):
        main(["evaluate", files[0], "--min-person-f1", "80"])


def test_bad_gold_line_is_named(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        '{"doc_id": "a", "text": "", "events": []}\n\n{"doc_id": "b", "text": "",'
        ' "events": [{"type": "MEET"}]}\n',
        encoding="utf-8",
    )
    assert main(["evaluate", str(gold)]) == 2
    assert f"{gold}:3: b event 1: unknown event type 'MEET'" in capsys.readouterr().err


def test_invalid_json_is_named(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc_id": "a", "text": "", "events": []}\n{"doc_id": \n', encoding="utf-8")
    assert main(["evaluate", str(gold)]) == 2
    assert f"{gold}:2: invalid JSON" in capsys.readouterr().err


def test_without_system_the_extractor_runs_on_each_gold_text(files, monkeypatch, capsys):
    calls = []

    class FakeExtractor:
        def process(self, document):
            calls.append((document.doc_id, document.published))
            events = [Event.from_dict({**CONSULT, "doc_id": document.doc_id})] if document.doc_id == "d1" else []
            return Extraction(document.doc_id, document.text, events)

    monkeypatch.setattr(pipeline, "default_extractor", FakeExtractor)
    assert main(["evaluate", files[0], "--json"]) == 0
    assert calls == [("d1", "2021-03-10"), ("d2", None)]
    assert json.loads(capsys.readouterr().out)["overall"]["person"]["matched"] == 1


def test_real_extractor_runs_on_the_examples(capsys):
    examples = Path(__file__).resolve().parents[1] / "examples" / "expected.jsonl"
    assert main(["evaluate", str(examples), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["overall"]["person"]["gold"] >= 30


def test_evaluate_gsr_on_a_tiny_file(tmp_path, monkeypatch, capsys):
    def coding(type_, country):
        return {
            "type": type_,
            "source": {"country": country, "sector": None},
            "target": {"country": None, "sector": None},
            "trigger": "",
            "source_text": "",
            "target_text": "",
        }

    path = write_jsonl(
        tmp_path / "gsr.jsonl",
        [
            {
                "doc_id": "s1",
                "published": "2008-01-01",
                "text": "تظاهر الاسرائيليين",
                "codings": [coding("PROTEST", "ISR")],
            },
            {"doc_id": "s2", "published": "2008-01-01", "text": "قصف", "codings": [coding("ASSAULT", "USA")]},
            {
                "doc_id": "s3",
                "published": "2008-01-01",
                "text": "لا شيء",
                "codings": [coding("ASSAULT", "IMG")],
            },
        ],
    )
    israelis = Actor(None, "ISR", "CVL")
    outputs = {
        "s1": [Event("PROTEST", "141", [israelis], [])],
        "s2": [Event("ACCUSE", "111", [Actor(None, "USA", "GOV")], [])],
        "s3": [],
    }
    seen_dates = []

    class FakeExtractor:
        def process(self, document):
            seen_dates.append(document.published)
            return Extraction(document.doc_id, document.text, outputs[document.doc_id])

    monkeypatch.setattr(pipeline, "default_extractor", FakeExtractor)
    assert main(["evaluate-gsr", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert seen_dates == ["2008-01-01"] * 3
    assert data["type_recall"] == {"accuracy": 0.3333, "correct": 1, "total": 3}
    assert data["type_recall_by_type"]["PROTEST"]["accuracy"] == 1.0
    assert data["confusion"] == {"ASSAULT": {"ACCUSE": 1, "nothing": 1}}
    # IMG is not a country: only s1 and s2 count, and s2 has no ASSAULT at all.
    assert data["source_country_accuracy"] == {"accuracy": 0.5, "correct": 1, "total": 2}
    assert main(["evaluate-gsr", str(path)]) == 0
    assert "nothing 1" in capsys.readouterr().out
    assert main(["evaluate-gsr", str(path), "--min-type-recall", "0.3"]) == 0
    assert main(["evaluate-gsr", str(path), "--min-type-recall", "0.5"]) == 1
    assert "below the bar 0.5" in capsys.readouterr().err
