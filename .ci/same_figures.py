"""CI: the bundled model is what its documented training command makes — the same file, or at least the
same real-test figures within 0.01 (issue 11). Usage: same_figures.py BUNDLED.npz RETRAINED.npz TEST.jsonl"""

import sys

from marsad.evaluation.files import read_gold
from marsad.evaluation.scorer import score
from marsad.extracting.models import Bundle
from marsad.extracting.pipeline import Extractor
from marsad.model import Document


def figures(path: str, documents) -> dict[str, float]:
    extractor = Extractor(model=path)
    result = score((d.doc_id, d.events, extractor.process(Document(d.doc_id, d.text, d.published, url=d.url)).events)
                   for d in documents)
    return {"country F1": result.overall["country"].f1, "person F1": result.overall["person"].f1,
            "date accuracy": result.attributes["date"].value or 0.0}


bundled, retrained, test = sys.argv[1:4]
if Bundle.header(bundled)["about"]["version"] == Bundle.header(retrained)["about"]["version"]:
    print(f"retrained model is the bundled one ({Bundle.header(bundled)['about']['version']})")
    sys.exit(0)
documents = read_gold(test)
ours, theirs = figures(bundled, documents), figures(retrained, documents)
for name in ours:
    print(f"{name:14} bundled {ours[name]:.3f}  retrained {theirs[name]:.3f}")
sys.exit(0 if all(abs(ours[k] - theirs[k]) <= 0.01 + 1e-9 for k in ours) else 1)
