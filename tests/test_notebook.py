"""The example notebook (docs/notebook.ipynb) runs from top to bottom, so it cannot rot."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "notebook.ipynb"


def test_the_example_notebook_runs_and_plots(monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.delenv("MARSAD_DB", raising=False)
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 2  # the monthly series and the network
    printed = "".join(o.get("text", "") for o in outputs)
    assert "canonical events" in printed


def test_open_says_what_is_missing(tmp_path):
    import marsad

    with pytest.raises(FileNotFoundError, match="no store at"):
        marsad.open(tmp_path / "none.duckdb")


def test_frames_have_actors_joined_and_canonical_rows(tmp_path, monkeypatch):
    pytest.importorskip("pandas")
    import marsad
    from test_store import ingest_meeting

    db = ingest_meeting(tmp_path / "m.duckdb", monkeypatch)
    with marsad.open(db) as m:
        events = m.events()
        assert len(events) == 2 and len(m.events(mentions=True)) == 4
        consult = events.set_index("type").loc["CONSULT"]
        assert list(consult["source_names"]) == ["Abdel Fattah el-Sisi"] and consult["num_sources"] == 2
        assert str(consult["day"].date()) == "2019-09-16" and consult["goldstein"] == 2.8
        assert len(m.events(type="ACCUSE")) == 1
        stories = m.stories().set_index("type")
        assert list(stories.loc["CONSULT", "target_names"]) == ["Sergey Lavrov"]
        actors = m.actors().set_index("name")
        assert actors.loc["Sergey Lavrov", "num_events"] == 3
