"""The learned extractor: training is deterministic, models survive a file, and a trained model beats
a trivial one on documents it never saw."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.evaluation.files import read_gold
from marsad.evaluation.scorer import score
from marsad.extracting.calibration import calibrated, fit_steps
from marsad.extracting.decoding import event_date
from marsad.extracting.learn import cross_validate, train
from marsad.extracting.models import Bundle, ModelError, fit
from marsad.extracting.pipeline import Extractor
from marsad.model import Actor, Document, Event

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "expected.jsonl"
REAL_TRAIN = ROOT.parent / "shared" / "dev" / "real" / "train.jsonl"


def marsad_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def rules_extractor():
    return Extractor(model=Bundle({}))


@pytest.fixture(scope="module")
def example_model(rules_extractor, tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "examples.npz"
    bundle = train(rules_extractor, read_gold(EXAMPLES), folds_count=2, quiet=True)
    bundle.save(path)
    return path, bundle


def test_a_linear_model_learns_a_separable_rule_and_scores_unknown_features_as_absent():
    rows = [["w=زار", "bias"], ["w=التقى", "bias"], ["w=الطقس", "bias"], ["w=المباراة", "bias"]] * 5
    labels = [True, True, False, False] * 5
    model = fit(rows, labels, min_count=1)
    meeting, weather, unseen = model.probabilities([["w=زار", "bias"], ["w=الطقس", "bias"], ["w=جديد", "bias"]])[:, 0]
    assert meeting > 0.5 > weather
    assert weather < unseen < meeting  # an unseen word weighs nothing either way


def test_calibration_steps_never_decrease_and_map_into_probabilities():
    draw = random.Random(7)
    pairs = [(score, draw.random() < score) for score in (draw.random() for _ in range(2000))]
    steps = fit_steps(pairs)
    probabilities = [p for _, p in steps]
    assert probabilities == sorted(probabilities)
    assert calibrated(steps, 0.05) < 0.3 < 0.7 < calibrated(steps, 0.95)
    assert calibrated([], 0.42) == 0.42  # no steps: the raw score stands


def test_training_twice_on_the_same_documents_gives_the_same_model(rules_extractor, example_model, tmp_path):
    path, bundle = example_model
    again = train(rules_extractor, read_gold(EXAMPLES), folds_count=2, quiet=True)
    again.save(tmp_path / "again.npz")
    assert again.version == bundle.version
    assert (tmp_path / "again.npz").read_bytes() == path.read_bytes()


def test_a_saved_model_extracts_what_the_trained_one_does(example_model):
    path, bundle = example_model
    loaded = Bundle.load(path)
    assert loaded.version == bundle.version and loaded.settings == bundle.settings
    assert loaded.about["documents"] == 15
    documents = read_gold(EXAMPLES)[:5]
    fresh, reread = Extractor(model=bundle), Extractor(model=loaded)
    for document in documents:
        one = [e.to_dict() for e in fresh.process(Document(document.doc_id, document.text, document.published)).events]
        two = [e.to_dict() for e in reread.process(Document(document.doc_id, document.text, document.published)).events]
        assert one == two


def test_a_broken_or_foreign_model_file_is_a_one_line_error(tmp_path):
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a zip at all")
    with pytest.raises(ModelError, match=r"broken\.npz"):
        Bundle.load(broken)
    done = marsad_cli("extract", "--input", str(EXAMPLES), "--model", str(tmp_path / "missing.npz"))
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "missing.npz" in done.stderr and "Traceback" not in done.stderr


def test_marsad_train_writes_a_model_that_extract_uses(tmp_path):
    model = tmp_path / "m.npz"
    done = marsad_cli("train", str(EXAMPLES), "--output", str(model), "--folds", "2")
    assert done.returncode == 0, done.stderr
    assert "fold 2/2" in done.stderr and model.exists()  # progress is shown
    article = tmp_path / "article.txt"
    article.write_text(json.loads(EXAMPLES.read_text(encoding="utf-8").splitlines()[0])["text"], encoding="utf-8")
    extracted = marsad_cli("extract", "--input", str(article), "--published", "2021-03-10", "--model", str(model))
    assert extracted.returncode == 0, extracted.stderr
    assert any(json.loads(line)["type"] == "CONSULT" for line in extracted.stdout.splitlines())


def test_marsad_train_refuses_too_few_documents_in_one_line(tmp_path):
    tiny = tmp_path / "tiny.jsonl"
    tiny.write_text("\n".join(EXAMPLES.read_text(encoding="utf-8").splitlines()[:3]) + "\n", encoding="utf-8")
    done = marsad_cli("train", str(tiny), "--output", str(tmp_path / "m.npz"))
    assert done.returncode == 2 and "too few" in done.stderr and "Traceback" not in done.stderr


def test_a_weighted_file_counts_its_articles_that_many_times(rules_extractor, tmp_path):
    documents = read_gold(EXAMPLES)
    plain = train(rules_extractor, documents, folds_count=2, quiet=True)
    for document in documents[:5]:
        document.weight = 3
    weighted = train(rules_extractor, documents, folds_count=2, quiet=True, weights={str(EXAMPLES): 3})
    assert weighted.about["weights"] == {str(EXAMPLES): 3} and plain.about["weights"] == {}
    assert weighted.about["training_data"] != plain.about["training_data"]  # the weight is part of the data
    sentence, unweighted = weighted.models["sentence"], plain.models["sentence"]
    assert sentence.weights.shape != unweighted.weights.shape or (sentence.weights != unweighted.weights).any()
    assert weighted.about["documents"] == plain.about["documents"] == len(documents)


@pytest.mark.parametrize(("weight", "message"), [
    ("other.jsonl=2", "is not one of the gold files given"),
    ("{gold}=two", "whole number"),
    ("{gold}=0", "whole number"),
])
def test_marsad_train_refuses_a_bad_weight_in_one_line(tmp_path, weight, message):
    done = marsad_cli("train", str(EXAMPLES), "--weight", weight.format(gold=EXAMPLES), "--output",
                      str(tmp_path / "m.npz"))
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def _trivial(document) -> list[Event]:
    """A baseline with no learning: one CONSULT between the first two countries the text names."""
    from marsad.knowledge import load_knowledge_base

    countries = []
    for mention in load_knowledge_base().find(document.text):
        if mention.kind == "state" and mention.key not in countries:
            countries.append(mention.key)
    if len(countries) < 2:
        return []
    return [Event("CONSULT", "040", [Actor(None, countries[0], "GOV")], [Actor(None, countries[1], "GOV")])]


@pytest.mark.skipif(not REAL_TRAIN.exists(), reason="needs ../shared/dev/real/train.jsonl beside the project")
def test_a_model_trained_on_coded_news_beats_a_trivial_coder_on_articles_it_never_saw(rules_extractor):
    documents = read_gold(REAL_TRAIN)
    random.Random(3).shuffle(documents)
    held_out, training = documents[:64], documents[64:]
    bundle = train(rules_extractor, training, folds_count=3, quiet=True)
    bundle.settings["policy"] = {}  # the learned models alone, not the rules beside them
    learned = Extractor(model=bundle)
    ours = score((d.doc_id, d.events, learned.process(Document(d.doc_id, d.text, d.published, url=d.url)).events)
                 for d in held_out)
    trivial = score((d.doc_id, d.events, _trivial(d)) for d in held_out)
    assert ours.overall["country"].f1 > trivial.overall["country"].f1 + 0.1
    assert ours.overall["country"].f1 > 0.25


def test_a_date_something_has_lasted_since_does_not_date_the_event():
    text = "أردوغان في جدة في أول زيارة للمملكة منذ 2017\nوصل الرئيس التركي رجب طيب أردوغان مساء الخميس إلى مدينة جدة."
    units, _ = Extractor().read(text, "2022-04-29")
    date, precision, from_the_sentence = event_date(units.context, units.units[0], "CONSULT", "042")
    assert (date, precision, from_the_sentence) == ("2022-04-28", "day", False)  # the article's Thursday, not 2017


def test_cross_validation_predicts_every_document_from_a_model_that_never_saw_it(rules_extractor):
    documents = read_gold(EXAMPLES)
    results = cross_validate(rules_extractor, documents, 3, quiet=True)
    assert sorted(doc_id for doc_id, _, _ in results) == sorted(d.doc_id for d in documents)
    system = [event for _, _, events in results for event in events]
    assert system and all(event.evidence for event in system)  # `--errors` quotes each event's sentence
    assert score(results).overall["country"].f1 > 0.3


def test_evaluate_cv_reports_cross_validated_accuracy():
    done = marsad_cli("evaluate", str(EXAMPLES), "--cv", "3")
    assert done.returncode == 0, done.stderr
    assert "3-fold cross-validation by document" in done.stdout and "country" in done.stdout


def test_the_learned_extractor_reads_the_four_states_as_those_listed_before():
    text = ("اجتمع وزراء خارجية السعودية والإمارات والبحرين ومصر اليوم في القاهرة. "
            "وأدانت الدول الأربع في بيان مشترك الهجوم الذي شنته ميليشيا الحوثي على ناقلة نفط.")
    (accuse,) = [e for e in Extractor().process(Document("d", text, "2021-03-10")).events if e.type == "ACCUSE"]
    assert [a.country for a in accuse.source] == ["SAU", "ARE", "BHR", "EGY"]
