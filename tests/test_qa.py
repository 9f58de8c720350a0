"""Each QA check fails on a crafted bad translation and passes a good one."""
from __future__ import annotations

import pytest

from translators.model import TranslatedSegment
from translators.qa import check_segment, numbers_of, roman_to_int


def seg(source: str, text: str, origin: str = "mt:x") -> TranslatedSegment:
    return TranslatedSegment("p1.s1", source, text, origin)


def checks(source, text, lang, glossary):
    return {f.check for f in check_segment(seg(source, text), lang, glossary)}


def test_numbers_with_decimal_commas(glossary):
    assert numbers_of("рост 1,5 % и 30-летие, 2 000 человек") == ["1.5", "30", "2000"]
    assert numbers_of("the 30th anniversary, 21st century") == ["30", "21"]
    assert "numbers" not in checks("Инфляция составила 1,5 процента.", "Inflation was 1.5 percent.", "en", glossary)
    assert "numbers" in checks("Инфляция составила 1,5 процента.", "Inflation was 15 percent.", "en", glossary)


def test_roman_numerals(glossary):
    assert roman_to_int("XXXIV") == 34
    ok = checks("Прошла XXXIV сессия.", "The 34th session was held.", "en", glossary)
    bad = checks("Прошла XXXIV сессия.", "The session was held.", "en", glossary)
    assert "roman" not in ok and "roman" in bad


def test_untranslated_copy(glossary):
    assert "untranslated" in checks("Президент выступил на сессии.", "Президент выступил на сессии.", "en", glossary)
    assert "untranslated" in checks("Президент выступил на важной сессии.", "Президент выступил на важной сессии.",
                                    "kk", glossary)


def test_repetition_loop(glossary):
    assert "repetition" in checks("Он сказал.", "He said said said.", "en", glossary)
    assert "repetition" in checks("Мы пойдём вперёд.", "We will go forward we will go forward.", "en", glossary)
    assert "repetition" not in checks("Мы пойдём вперёд.", "We will go forward.", "en", glossary)


def test_length_ratio(glossary):
    assert "length" in checks("Президент провёл совещание по вопросам экономики.", "Yes.", "en", glossary)


def test_unbalanced_quotes(glossary):
    assert "quotes" in checks("Он назвал это «ошибкой».", "He called it “a mistake.", "en", glossary)
    assert "quotes" not in checks("Он назвал это «ошибкой».", "He called it “a mistake”.", "en", glossary)


def test_glossary_names_in_target_form(glossary):
    good = checks("Токаев прибыл в Астану.", "Тоқаев Астанаға келді.", "kk", glossary)
    bad = checks("Токаев прибыл в Астану.", "Токаев келді.", "kk", glossary)
    assert "glossary" not in good and "glossary" in bad


@pytest.mark.parametrize("lang, text", [("kk", "The president spoke at the session of the assembly today."),
                                        ("en", "Президент сегодня выступил на сессии ассамблеи народа.")])
def test_output_language(glossary, lang, text):
    assert "language" in checks("Президент сегодня выступил на сессии Ассамблеи народа.", text, lang, glossary)
