"""One identity per actor: articles naming a person, an IGO, an armed group and a state, ingested with
the real extractor, give actors stored under their knowledge-base ids with its names, found by any alias.

The articles (tests/fixtures/identity.jsonl) are our own writing. Nothing here spells an id or a
canonical name: both are looked up in the knowledge base, which may rename its entries.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.cli import main
from marsad.knowledge.loader import load_knowledge_base
from marsad.serving.app import create_app
from marsad.storing.actors import knowledge_names
from marsad.storing.ingest import ingest
from marsad.storing.store import Store

ARTICLES = Path(__file__).parent / "fixtures" / "identity.jsonl"


def kb_entry(alias: str):
    """The knowledge base's person or organisation that has `alias` among its Arabic names."""
    kb = load_knowledge_base()
    found = [r for r in [*kb.people.values(), *kb.organisations.values()] if alias in r.arabic]
    assert len(found) == 1, f"{alias}: {found}"
    return found[0]


def state_code(alias: str) -> str:
    [code] = [s.code for s in load_knowledge_base().states.values() if alias in s.arabic]
    return code


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    knowledge_names.cache_clear()
    db = tmp_path_factory.mktemp("identity") / "identity.duckdb"
    ingest([ARTICLES], db)
    with Store.open(db, read_only=True) as opened:
        yield opened


@pytest.mark.parametrize("alias", ["الملك سلمان", "مجلس التعاون الخليجي", "حزب العمال الكردستاني"])
def test_named_actors_carry_their_knowledge_base_id_and_names(store, alias):
    entry = kb_entry(alias)
    actor = store.actor(entry.id)
    assert actor is not None, f"{entry.name} is not stored under its knowledge-base id {entry.id}"
    assert (actor["kb_id"], actor["name"]) == (entry.id, entry.name)
    assert actor["arabic"] == list(entry.arabic) and actor["num_events"] >= 1


def test_a_state_is_its_knowledge_base_entry(store):
    code = state_code("السعودية")
    actor = store.actor(f"{code}:GOV")
    assert actor["kind"] == "state" and actor["kb_id"] == code and "السعودية" in actor["arabic"]


def test_every_named_actor_of_every_event_has_a_knowledge_base_id(store):
    unresolved = store.con.execute(
        "SELECT DISTINCT ea.name FROM event_actors ea JOIN actors a USING (actor_id) "
        "WHERE ea.name IS NOT NULL AND a.kb_id IS NULL").fetchall()
    assert unresolved == []
    assert store.con.execute("SELECT count(DISTINCT ea.name) FROM event_actors ea").fetchone()[0] >= 5


@pytest.mark.parametrize(("query", "alias"), [
    ("الملك سلمان", "الملك سلمان"),            # his alias; KSrelief (مركز الملك سلمان للإغاثة) is not him
    ("King Salman", "الملك سلمان"),            # an English title and name
    ("خادم الحرمين الشريفين الملك سلمان", "الملك سلمان"),
    ("مجلس التعاون", "مجلس التعاون الخليجي"),
    ("GCC", "مجلس التعاون الخليجي"),
    ("Gulf Cooperation Council", "مجلس التعاون الخليجي"),
    ("PKK", "حزب العمال الكردستاني"),
    ("حزب العمال الكردستاني", "حزب العمال الكردستاني"),
    ("Kurdistan Workers Party", "حزب العمال الكردستاني"),
])
def test_search_by_any_alias_finds_the_actor_alone(store, query, alias):
    assert store.find_actors(query) == [kb_entry(alias).id]


@pytest.mark.parametrize("query", ["Saudi Arabia", "السعودية", "المملكة العربية السعودية"])
def test_search_for_a_state_finds_its_generic_actors(store, query):
    assert f"{state_code('السعودية')}:GOV" in store.find_actors(query)


def test_actors_show_offices_held_by_date(store, capsys):
    king = kb_entry("الملك سلمان")
    offices = store.actor(king.id)["offices"]
    assert any(o["office"] == "head_of_state" and o["country"] == "SAU" and o["start"] for o in offices)
    assert main(["actors", "--db", store.path, "الملك سلمان"]) == 0
    printed = capsys.readouterr().out
    assert king.id in printed and "head_of_state SAU" in printed


def test_the_actor_page_shows_offices_and_the_first_event(store):
    king = kb_entry("الملك سلمان")
    with TestClient(create_app(store.path)) as client:
        found = client.get(f"/api/actors/{king.id}").json()
        page = client.get(f"/actors/{king.id}").text
    assert found["knowledge"]["name"] == king.name
    assert any(o["office"] == "head_of_state" for o in found["offices"])
    assert str(found["actor"]["first_date"]) == "2015-08-02"
    assert 'id="offices"' in page


def test_a_states_page_is_named_after_the_state(store):
    code = state_code("السعودية")
    with TestClient(create_app(store.path)) as client:
        found = client.get(f"/api/actors/{code}:GOV").json()
        page = client.get(f"/actors/{code}:GOV").text
    name = load_knowledge_base().states[code].name
    assert found["knowledge"]["name"] == name and f"{name} · GOV" in page
