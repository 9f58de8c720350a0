"""Quote extraction scored on the hand-written hard cases (tests/fixtures/quotes/cases.yaml)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from articles.contract import article_json
from articles.model import Source
from articles.reader import parse_text

FIXTURES = Path(__file__).parent / "fixtures" / "quotes"
CASES = yaml.safe_load((FIXTURES / "cases.yaml").read_text(encoding="utf-8"))
# Floors at what was measured. cases.yaml was written first and tuned on; heldout.yaml and then
# heldout2.yaml were each scored untouched once and then used for development; heldout3.yaml has
# never been tuned on: it is the honest estimate for articles nobody has seen.
FLOORS = {"cases.yaml": (0.95, 0.95), "heldout.yaml": (0.95, 0.95), "heldout2.yaml": (0.95, 0.92),
          "heldout3.yaml": (0.92, 0.84)}


def _norm(text: str) -> str:
    return " ".join(text.split())


def score(cases) -> tuple[float, float, list[str]]:
    tp = fp = fn = speakers_ok = 0
    misses = []
    for case in cases:
        got = article_json(parse_text(case["text"], Source(case["id"], "0" * 64, "text")))["quotes"]
        found = {_norm(q["text"]): q for q in got}
        expected = {_norm(q["text"]): q for q in case["quotes"] or []}
        for key, q in expected.items():
            if key in found:
                tp += 1
                speakers_ok += found[key]["speaker"] == q["speaker"]
            else:
                fn += 1
                misses.append(f"{case['id']}: missed {key[:50]!r}")
        fp += sum(1 for key in found if key not in expected)
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return f1, speakers_ok / max(1, tp), misses


def test_there_are_enough_hard_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", list(FLOORS))
def test_quote_span_f1_and_speaker_accuracy(name):
    cases = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
    f1, speaker_accuracy, misses = score(cases)
    print(f"{name}: {len(cases)} cases, quote-span F1 {f1:.3f}, speaker accuracy {speaker_accuracy:.3f}")
    span_floor, speaker_floor = FLOORS[name]
    assert f1 >= span_floor, misses[:10]
    assert speaker_accuracy >= speaker_floor


def test_contract_shape(sample_article):
    data = article_json(sample_article)
    assert set(data) == {"headline", "paragraphs", "quotes"}
    assert all(set(p) == {"index", "id", "kind", "text", "segments"} for p in data["paragraphs"])
    assert all(set(q) == {"id", "text", "speaker", "verb", "kind", "paragraph_index", "segments"}
               for q in data["quotes"])
    headline_quotes = [q for q in data["quotes"] if q["kind"] == "headline"]
    assert headline_quotes and headline_quotes[0]["paragraph_index"] is None
