"""Translation orchestration with fake translators: routes, batching, masking, quote typography."""
from __future__ import annotations

import re

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
    assert attach_suffix("ҚХА", "ның", "organization") == "ҚХА-ның"
    assert attach_suffix("БҰҰ", "ға", "organization") == "БҰҰ-ға"


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


def test_cache_means_an_unchanged_article_translates_nothing(sample_article, glossary, tmp_path):
    from translators.cache import SegmentCache

    cache = SegmentCache(tmp_path / "cache.sqlite")
    model = Echo("ru-en", tag="EN:")
    first = translate_article(sample_article, "en", Route((model,)), glossary, cache=cache)
    second = translate_article(sample_article, "en", Route((model,)), glossary, cache=cache)
    assert first.sent_to_mt > 0 and second.sent_to_mt == 0 and len(model.calls) == 1
    assert [s.text for s in first.segments()] == [s.text for s in second.segments()]
    other = translate_article(sample_article, "en", Route((Echo("ru-en-2", tag="EN2:"),)), glossary, cache=cache)
    assert other.sent_to_mt == first.sent_to_mt  # another model is another key


def test_memory_exact_is_published_and_fuzzy_only_suggested(sample_article, glossary, tmp_path):
    from translators.memory import TranslationMemory

    tm = TranslationMemory(tmp_path / "tm.sqlite")
    seg = next(s for s in sample_article.segments() if s.id == "p2.s2")  # "Все равны перед законом."
    tm.add(seg.text, "en", "Everyone is equal before the law.")
    near = next(s for s in sample_article.segments() if s.id == "p7.s2")  # "В этом году АНК отмечает свое 30-летие."
    tm.add(near.text.replace("свое", "своё юбилейное"), "en", "This year the APK marks its 30th anniversary.")
    result = {s.id: s for s in translate_article(sample_article, "en", Route((Echo("ru-en"),)), glossary,
                                                 memory=tm).segments()}
    assert result["p2.s2"].text == "Everyone is equal before the law." and result["p2.s2"].origin.startswith("tm:exact")
    assert result["p7.s2"].origin == "mt:ru-en" and result["p7.s2"].suggestion[0] >= 75


def test_tmx_round_trip(tmp_path):
    from translators.memory import TranslationMemory

    tm = TranslationMemory(tmp_path / "a.sqlite")
    tm.add("Все равны перед законом.", "en", "Everyone is equal before the law.")
    tm.add("Все равны перед законом.", "kk", "Заң алдында бәрі тең.")
    assert tm.export_tmx(tmp_path / "out.tmx") == 2
    other = TranslationMemory(tmp_path / "b.sqlite")
    assert other.import_tmx(tmp_path / "out.tmx") == 2
    assert other.exact("Все равны перед законом.", "kk").target == "Заң алдында бәрі тең."


def test_numbers_are_protected_and_take_the_target_decimal_style(glossary):
    masked, names = mask("Инфляция составила 9,5 процента в 2024 году, к 30-летию.", glossary)
    assert "9,5" not in masked and "2024" not in masked and "30-летию" in masked
    assert unmask(masked, names, "en", "s")[0].startswith("Инфляция составила 9.5 процента в 2024")
    assert "9,5" in unmask(masked, names, "kk", "s")[0]
    dropped = unmask(masked.replace(PLACEHOLDERS[0], ""), names, "en", "s")[1]
    assert [f.check for f in dropped] == ["numbers"] and dropped[0].severity == "critical"


def test_training_masks_names_and_numbers_alike_in_all_three_languages(glossary):
    import random

    from translators.corpus import Triple
    from translators.train import mask_triple

    t = Triple("Токаев прибыл в Астану 20 марта.", "Tokayev arrived in Astana on March 20.",
               "Тоқаев 20 наурызда Астанаға келді.", "test")
    masked = mask_triple(t, glossary, random.Random(3))
    tokens = {lang: sorted(set(__import__("re").findall(r"⟦\d⟧", masked.text(lang)))) for lang in ("ru", "en", "kk")}
    assert len(tokens["ru"]) == 3 and tokens["ru"] == tokens["en"] == tokens["kk"]
    assert "Астанаға" not in masked.kk and "ға" in masked.kk  # the Kazakh ending stays after the placeholder


class Forgetful(Echo):
    """Drops placeholders in its best output; its n-best list holds a complete one further down."""

    def translate(self, texts):
        self.calls.append(list(texts))
        return [re.sub(r"⟦\d⟧", "", t) for t in texts]

    def candidates(self, texts, n=8):
        return [[re.sub(r"⟦\d⟧", "", t), t] for t in texts]


def test_dropped_names_are_repaired_from_the_n_best(glossary, sample_article):
    model = Forgetful("ru-en")
    result = translate_article(sample_article, "en", Route((model,)), glossary)
    lead = next(s for s in result.segments() if s.id == "l1.s1")
    assert "Kassym-Jomart Tokayev" in lead.text and not [f for f in lead.flags if f.check == "glossary"]


def test_repair_is_skipped_for_models_without_n_best(glossary, sample_article):
    class Plain(Echo):
        translate = Forgetful.translate

    model = Plain("ru-en")
    result = translate_article(sample_article, "en", Route((model,)), glossary)
    lead = next(s for s in result.segments() if s.id == "l1.s1")
    assert any(f.check == "glossary" and f.severity == "critical" for f in lead.flags)


def test_a_retrained_model_with_the_same_id_misses_the_old_cache(sample_article, glossary, tmp_path):
    from translators.cache import SegmentCache

    cache = SegmentCache(tmp_path / "cache.sqlite")
    old, new = Echo("ru-en-0.1", tag="OLD:"), Echo("ru-en-0.1", tag="NEW:")
    old.fingerprint, new.fingerprint = "ru-en-0.1@aaa", "ru-en-0.1@bbb"
    translate_article(sample_article, "en", Route((old,)), glossary, cache=cache)
    again = translate_article(sample_article, "en", Route((new,)), glossary, cache=cache)
    assert again.sent_to_mt > 0 and all(not s.text.startswith("OLD:") for s in again.segments())


def test_repairs_are_cached_too(glossary, sample_article, tmp_path):
    from translators.cache import SegmentCache

    cache = SegmentCache(tmp_path / "cache.sqlite")
    model = Forgetful("ru-en")
    first = translate_article(sample_article, "en", Route((model,)), glossary, cache=cache)
    model.candidates = lambda texts, n=8: (_ for _ in ()).throw(AssertionError("repaired again"))
    second = translate_article(sample_article, "en", Route((model,)), glossary, cache=cache)
    assert second.sent_to_mt == 0 and [s.text for s in first.segments()] == [s.text for s in second.segments()]
