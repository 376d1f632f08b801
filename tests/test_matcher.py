"""The matching automaton: several matchers in one pass give what each finds alone."""

from __future__ import annotations

import pickle

from marsad.cleaning.normalize import normalize
from marsad.knowledge.loader import matcher_set
from marsad.knowledge.matcher import STOP, MatcherSet, TermMatcher

PLACES = TermMatcher([("الرياض", "Riyadh"), ("جدة", "Jeddah"), ("الولايات المتحدة", "USA"), ("الولايات", STOP)])
WORDS = TermMatcher([("زيارة", "visit"), ("لا", "negation"), ("الرياض", "capital-word")])
TEXT = normalize("وصل الوزير إلى الرياض، ثم زار جدة وبالرياض لا زيارة #زيارة_جدة للولايات المتحدة والولايات")


def _spans(matches) -> list[tuple[int, int, tuple]]:
    return [(m.start, m.end, m.payload) for m in matches]


def test_one_pass_finds_what_each_matcher_finds_alone():
    places, words = MatcherSet([PLACES, WORDS]).find(TEXT, (False, True))
    assert [(s, e, p) for s, e, p, _ in places] == _spans(PLACES.find(TEXT))
    assert [(s, e, p) for s, e, p, _ in words] == _spans(WORDS.find(TEXT, overlapping=True))


def test_matches_are_whole_words_after_a_proclitic_and_carry_its_length():
    (places,) = MatcherSet([PLACES]).find(TEXT, (False,))
    found = [(TEXT[start - proclitic:end], payloads) for start, end, payloads, proclitic in places]
    assert (normalize("وبالرياض"), ("Riyadh",)) in found
    assert (normalize("للولايات المتحدة"), ("USA",)) in found
    assert sum(payloads == ("Jeddah",) for _, payloads in found) == 2  # after "_" too: hashtag words are words
    assert len(found) == 5  # the bare "والولايات" is a stop form: it names nothing


def test_a_letter_before_the_word_that_is_not_a_proclitic_blocks_it():
    assert [m.start for m in TermMatcher([("رياض", "x")]).find("مرياض رياض")] == [6]


def test_a_pickled_matcher_set_finds_the_same():
    matchers = MatcherSet([PLACES, WORDS])
    assert pickle.loads(pickle.dumps(matchers)).find(TEXT, (False, True)) == matchers.find(TEXT, (False, True))


def test_the_combined_automaton_is_cached_and_replaces_a_stale_one(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_CACHE", str(tmp_path))
    stale = tmp_path / "automaton-test-0000000000000000.pickle"
    other = tmp_path / "automaton-other-0000000000000000.pickle"
    other.write_bytes(b"another user's automaton")
    stale.write_bytes(b"an automaton of other knowledge")
    built = matcher_set([PLACES, WORDS], "test")
    cached = sorted(p.name for p in tmp_path.glob("automaton-test-*"))
    assert len(cached) == 1 and cached[0] != stale.name
    assert other.exists()  # another user's automaton is not stale
    assert matcher_set([PLACES, WORDS], "test").find(TEXT, (False, True)) == built.find(TEXT, (False, True))


def test_an_unwritable_cache_only_costs_the_build(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("MARSAD_CACHE", str(blocker))
    places, words = matcher_set([PLACES, WORDS], "test").find(TEXT, (False, True))
    assert [(s, e, p) for s, e, p, _ in places] == _spans(PLACES.find(TEXT))
    assert [(s, e, p) for s, e, p, _ in words] == _spans(WORDS.find(TEXT, overlapping=True))


def test_a_recompiled_knowledge_base_replaces_its_stale_copies_only(tmp_path, monkeypatch):
    """Each change of a knowledge file leaves a pickle behind; the next compile removes it, not the automata."""
    from marsad.knowledge.loader import compile_knowledge_base

    monkeypatch.setenv("MARSAD_CACHE", str(tmp_path))
    stale = tmp_path / "kb-0000000000000000.pickle"
    stale.write_bytes(b"a knowledge base of older files")
    automaton = tmp_path / "automaton-kb-0000000000000000.pickle"
    automaton.write_bytes(b"an automaton")
    kb = compile_knowledge_base()
    cached = [p.name for p in tmp_path.glob("kb-*.pickle")]
    assert len(cached) == 1 and cached[0] != stale.name
    assert automaton.exists()
    assert len(compile_knowledge_base().people) == len(kb.people)  # read back from the one left
