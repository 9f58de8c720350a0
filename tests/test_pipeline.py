"""Translation orchestration with fake translators: routes, batching, masking, quote typography."""
from __future__ import annotations

import pytest

from translators.glossary import PLACEHOLDERS
from translators.kazakh import attach_suffix
from translators.pipeline import NoModelError, Route, mask, plan_route, translate_article, unmask
from translators.typography import Unit, assemble, retype_quotes


class Echo:
    """Copies its input (placeholders included) and counts batch calls."""

    def __init__(self, model_id: str, tag: str = ""):
        self.model_id, self.tag, self.calls = model_id, tag, []

    def translate(self, texts):
        self.calls.append(list(texts))
        return [f"{self.tag}{t}" for t in texts]


def test_direct_route_preferred():
    direct, en, en_kk = Echo("ru-kk"), Echo("ru-en"), Echo("en-kk")
    route = plan_route({("ru", "kk"): direct, ("ru", "en"): en, ("en", "kk"): en_kk}, "ru", "kk")
    assert route.path == "direct" and route.origin == "mt:ru-kk"


def test_pivot_through_english_is_recorded():
    route = plan_route({("ru", "en"): Echo("ru-en"), ("en", "kk"): Echo("en-kk")}, "ru", "kk")
    assert route.path == "pivot:en" and route.origin == "mt:ru-en+en-kk via en"


def test_no_model_is_a_clear_error():
    with pytest.raises(NoModelError, match="ru→kk"):
        plan_route({("ru", "en"): Echo("ru-en")}, "ru", "kk")


def test_one_batch_per_model_for_the_whole_article(sample_article, glossary):
    ru_en, en_kk = Echo("ru-en"), Echo("en-kk")
    result = translate_article(sample_article, "kk", Route((ru_en, en_kk), "en"), glossary)
    assert len(ru_en.calls) == 1 and len(en_kk.calls) == 1
    assert [s.id for s in result.segments()] == [s.id for s in sample_article.segments()]
    assert result.provenance.path == "pivot:en"
    assert all(s.origin in ("mt:ru-en+en-kk via en", "rule:attribution") for s in result.segments())


def test_names_are_masked_and_rendered_in_target_form(glossary):
    masked, names = mask("Президент Касым-Жомарт Токаев прибыл в Астану.", glossary)
    assert "Токаев" not in masked and "⟦" in masked
    text, flags = unmask(masked, names, "en", "x")
    assert "Kassym-Jomart Tokayev" in text and "Astana" in text and not flags


def test_dropped_name_is_a_critical_flag(glossary):
    masked, names = mask("Токаев прибыл в Астану.", glossary)
    text, flags = unmask("He arrived.", names, "en", "p1.s1")
    assert {f.severity for f in flags} == {"critical"} and len(flags) == 2


def test_invented_placeholder_is_flagged(glossary):
    text, flags = unmask(f"{PLACEHOLDERS[6]} arrived", {}, "en", "s")
    assert "⟦" not in text and flags[0].check == "glossary"


def test_kazakh_case_endings_follow_the_name():
    assert attach_suffix("Тоқаев", "ның") == "Тоқаевтың"
    assert attach_suffix("Астана", "тың") == "Астананың"
    assert attach_suffix("Қазақстан", "та") == "Қазақстанда"
    assert attach_suffix("Қазақстан халқы Ассамблеясы", "ға", "organization") == "Қазақстан халқы Ассамблеясына"
    assert attach_suffix("Мәжіліс", "ның") == "Мәжілістің"


@pytest.mark.parametrize("lang, expected", [
    ("en", "“We will act,” Tokayev said."),
    ("kk", "«Біз әрекет етеміз», — деді Тоқаев."),
])
def test_attribution_typography(lang, expected):
    quote = "We will act." if lang == "en" else "Біз әрекет етеміз."
    attribution = "Tokayev said." if lang == "en" else "деді Тоқаев."
    assert assemble([Unit(quote, "quote", "q1"), Unit(attribution, "attribution", "q1")], lang) == expected


def test_middle_attribution_typography():
    units = [Unit("A", "quote", "q1"), Unit("he said.", "attribution", "q1"), Unit("b.", "quote", "q1")]
    assert assemble(units, "en") == "“A,” he said, “b.”"


def test_retype_quotes_nests():
    assert retype_quotes('He said "we back «the plan»" today', "en") == "He said “we back ‘the plan’” today"
    assert retype_quotes("“Алға”", "kk") == "«Алға»"


def test_quotes_survive_with_speakers_in_target_form(sample_article, glossary):
    result = translate_article(sample_article, "en", Route((Echo("ru-en"),)), glossary)
    direct = [q for q in result.quotes if q.kind == "direct"]
    assert len(direct) == 3 and all(q.speaker == "Kassym-Jomart Tokayev" for q in direct)
    p2 = next(b for b in result.blocks if b.id == "p2")
    assert p2.text.startswith("“") and p2.text.endswith("Tokayev noted.")
