"""Linear models over string features, and the bundle of them that a trained extractor is.

A model keeps one weight vector per class for each feature it saw in training; predicting
sums the weights of a row's known features. The bundle is one `.npz` file: vocabularies,
weights, decision thresholds and what the model was trained on, so it is plain data that
`marsad train` writes and `marsad extract --model` reads, with no pickled code.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

FORMAT = "marsad-model/1"


class ModelError(Exception):
    """A model file that cannot be read: missing, corrupt, or of another format."""


@dataclass(slots=True)
class LinearModel:
    """Logistic regression: `classes` with one weight column each over `features`."""

    classes: list[str]
    features: dict[str, int]
    weights: np.ndarray  # (len(features), len(classes)), float32
    bias: np.ndarray  # (len(classes),)
    binary: bool = False  # one column: the probability of the positive class

    def indices(self, row: list[str]) -> set[int]:
        """The columns of a row's known features."""
        index = self.features
        return {index[f] for f in row if f in index}

    def scores(self, rows: list[list[str]]) -> np.ndarray:
        """(len(rows), len(classes)) linear scores: each row's known features' weights summed, plus the bias."""
        return self.scores_of([self.indices(row) for row in rows])

    def scores_of(self, rows: list[set[int]]) -> np.ndarray:
        """`scores` of rows given as sets of feature columns."""
        offsets, columns = [0], []
        for row in rows:
            columns.extend(row)
            offsets.append(len(columns))
        totals = np.zeros((len(rows), self.weights.shape[1]), dtype=np.float32)
        lengths = np.diff(offsets)
        filled = lengths > 0
        if filled.any():  # sums of consecutive runs of weight rows, one run per row that has known features
            totals[filled] = np.add.reduceat(self.weights[columns], np.asarray(offsets[:-1])[filled], axis=0)
        return totals + self.bias

    def probability(self, row: list[str]) -> float:
        """P(positive) of a binary model's first class."""
        return float(self.probabilities([row])[0, 0])

    def probabilities(self, rows: list[list[str]]) -> np.ndarray:
        """(len(rows), len(classes)) probabilities: a softmax over the classes, or for a binary model one
        independent P(yes) per class."""
        return self.probabilities_of([self.indices(row) for row in rows])

    def probabilities_of(self, rows: list[set[int]]) -> np.ndarray:
        """`probabilities` of rows given as sets of feature columns."""
        if not rows:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        scores = self.scores_of(rows)
        if self.binary:
            return 1.0 / (1.0 + np.exp(-scores))
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)


def vocabulary(rows: list[list[str]], min_count: int = 2) -> dict[str, int]:
    """Features seen in at least `min_count` rows, in sorted order (the same rows give the same vocabulary)."""
    counts: dict[str, int] = {}
    for row in rows:
        for feature in set(row):
            counts[feature] = counts.get(feature, 0) + 1
    return {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}


def _matrix(rows: list[list[str]], features: dict[str, int]):
    from scipy import sparse

    indptr, indices = [0], []
    for row in rows:
        indices.extend(sorted({features[f] for f in row if f in features}))
        indptr.append(len(indices))
    return sparse.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(features)))


def fit(rows: list[list[str]], labels: list, c: float = 1.0, min_count: int = 2) -> LinearModel:
    """Train a logistic regression (lbfgs: deterministic) on string-feature rows; labels bool or str."""
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    features = vocabulary(rows, min_count)
    matrix = _matrix(rows, features)
    y = np.array(labels)
    classifier = LogisticRegression(C=c, max_iter=5000)
    with threadpool_limits(1):  # one BLAS thread: sums in one order, the same weights on every run
        classifier.fit(matrix, y)
    classes = [str(k) for k in classifier.classes_]
    binary = len(classes) == 2
    weights = classifier.coef_.T.astype(np.float32)
    bias = classifier.intercept_.astype(np.float32)
    if binary:
        classes = ["True"]
    return LinearModel(classes, features, weights, bias, binary)


def fit_each(rows: list[list[str]], label_sets: list[set[str]], classes: list[str], c: float = 1.0,
             min_count: int = 2) -> LinearModel:
    """One binary logistic regression per class over the same rows and vocabulary, stored as one model
    whose columns are independent P(class); classes with fewer than two positive rows get no column."""
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    features = vocabulary(rows, min_count)
    matrix = _matrix(rows, features)
    kept, columns, biases = [], [], []
    for name in classes:
        y = np.array([name in labels for labels in label_sets])
        if y.sum() < 2 or y.all():
            continue
        with threadpool_limits(1):
            classifier = LogisticRegression(C=c, max_iter=5000).fit(matrix, y)
        kept.append(name)
        columns.append(classifier.coef_[0])
        biases.append(classifier.intercept_[0])
    weights = np.stack(columns, axis=1).astype(np.float32) if columns else np.zeros((len(features), 0), np.float32)
    return LinearModel(kept, features, weights, np.array(biases, dtype=np.float32), binary=True)


@dataclass(slots=True)
class Bundle:
    """Every model of a trained extractor, its thresholds and its provenance."""

    models: dict[str, LinearModel]
    settings: dict = field(default_factory=dict)  # thresholds, per-type policy, sector table …
    about: dict = field(default_factory=dict)  # what it was trained on, when, with which Marsad

    @property
    def version(self) -> str:
        return self.about.get("version", "untrained")

    def save(self, path: str | Path) -> None:
        arrays: dict[str, np.ndarray] = {}
        header = {"format": FORMAT, "settings": self.settings, "about": self.about, "models": {}}
        for name, model in sorted(self.models.items()):
            header["models"][name] = {"classes": model.classes, "binary": model.binary}
            arrays[f"{name}.features"] = np.array("\n".join(model.features), dtype=np.str_)
            arrays[f"{name}.weights"] = model.weights
            arrays[f"{name}.bias"] = model.bias
        digest = hashlib.sha256(json.dumps(header, sort_keys=True, ensure_ascii=False).encode())
        for key in sorted(arrays):
            digest.update(key.encode())
            digest.update(np.ascontiguousarray(arrays[key]).tobytes())
        self.about["version"] = header["about"]["version"] = digest.hexdigest()[:12]
        arrays["header"] = np.array(json.dumps(header, sort_keys=True, ensure_ascii=False), dtype=np.str_)
        _write_npz(Path(path), arrays)

    @staticmethod
    def header(path: str | Path) -> dict:
        """The model file's header (format, settings, provenance) without its weights."""
        try:
            with np.load(path, allow_pickle=False) as data:
                return json.loads(str(data["header"]))
        except FileNotFoundError:
            raise ModelError(f"{path}: no such model file") from None
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, json.JSONDecodeError) as error:
            raise ModelError(f"{path}: not a readable Marsad model ({error})") from None

    @classmethod
    def load(cls, path: str | Path) -> Bundle:
        path = Path(path)
        try:
            with np.load(path, allow_pickle=False) as data:
                header = json.loads(str(data["header"]))
                if header.get("format") != FORMAT:
                    raise ModelError(f"{path}: not a Marsad model (format {header.get('format')!r})")
                models = {}
                for name, meta in header["models"].items():
                    text = str(data[f"{name}.features"])
                    names = text.split("\n") if text else []
                    models[name] = LinearModel(meta["classes"], {f: i for i, f in enumerate(names)},
                                               data[f"{name}.weights"], data[f"{name}.bias"], meta["binary"])
        except FileNotFoundError:
            raise ModelError(f"{path}: no such model file") from None
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, json.JSONDecodeError) as error:
            raise ModelError(f"{path}: not a readable Marsad model ({error})") from None
        return cls(models, header.get("settings", {}), header.get("about", {}))


def _write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """`np.savez_compressed` with fixed entry times and order, so that the same model is the same file."""
    import io

    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".partial")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for key in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.asanyarray(arrays[key]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())
    temporary.replace(path)
