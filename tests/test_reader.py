"""Reading and segmenting Russian articles: errors, blocks, stable ids, quotes never cut."""
from __future__ import annotations

from pathlib import Path

import pytest

from articles.errors import InputError
from articles.model import Source
from articles.normalize import normalise
from articles.reader import parse_text, read_article

SRC = Source("test", "0" * 64, "text")


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(InputError, match="nope.txt: no such file"):
        read_article(tmp_path / "nope.txt")


def test_non_utf8_names_line_and_column(tmp_path):
    p = tmp_path / "cp1251.txt"
    p.write_bytes("Заголовок\n\nТекст".encode("utf-8") + b"\n\xcf\xf0\xe8\xe2\xe5\xf2")
    with pytest.raises(InputError) as err:
        read_article(p)
    assert "cp1251.txt:4:1" in str(err.value) and "UTF-8" in str(err.value)


def test_sample_blocks_and_ids(sample_article):
    a = sample_article
    assert a.headline.segments[0].id == "h1"
    kinds = [b.kind for b in a.blocks]
    assert kinds[0] == "lead" and "crosshead" in kinds
    lead = a.blocks[0]
    # the repeated headline is not published twice
    assert all("Будем жестко" not in s.text for s in lead.segments)
    ids = [s.id for s in a.segments()]
    assert len(ids) == len(set(ids))
    assert "p2.s1" in ids and "c1" in ids


def test_indexes_count_blank_line_blocks(sample_article):
    assert [b.index for b in sample_article.blocks] == list(range(len(sample_article.blocks)))


def test_quote_is_never_cut_from_its_attribution(sample_article):
    a = sample_article
    direct = [q for q in a.quotes if q.kind == "direct"]
    assert len(direct) == 3
    segs = {s.id: s for s in a.segments()}
    for q in direct:
        assert q.attribution_id and segs[q.attribution_id].role == "attribution"
        assert all(segs[i].role == "quote" and segs[i].quote_id == q.id for i in q.segment_ids)
        assert segs[q.attribution_id].quote_id == q.id
        # the quote's segments are exactly its text, in order
        assert " ".join(segs[i].display for i in q.segment_ids) == q.text


def test_sample_speakers(sample_article):
    speakers = {q.id: (q.kind, q.speaker) for q in sample_article.quotes}
    assert ("headline", "Касым-Жомарт Токаев") in speakers.values()
    assert sum(1 for k, s in speakers.values() if k == "direct" and s == "Касым-Жомарт Токаев") == 3
    assert ("indirect", "Дмитрий Останькович") in speakers.values()


def test_title_in_quotes_is_not_a_quote_and_not_split(sample_article):
    p8 = next(b for b in sample_article.blocks if "Созидание" in b.text)
    assert len(p8.segments) == 2, [s.text for s in p8.segments]
    assert not any("Созидание" in q.text for q in sample_article.quotes)


def test_roman_numeral_homoglyph_fixed_and_recorded(sample_article):
    fixes = [n for n in sample_article.normalisations if n.reason == "homoglyph"]
    assert fixes and all(n.original == "І" and n.replacement == "I" for n in fixes)
    assert any("XXXIII" in s.display for s in sample_article.segments())


def test_normalise_keeps_offsets_and_display():
    n = normalise("Пpезидент\u00a0сказал")
    assert n.text == "Президент сказал" and n.display == "Президент\u00a0сказал"
    assert len(n.text) == len(n.display)


def test_unbalanced_quote_warns_but_segments():
    a = parse_text("Заголовок новости\n\n«Начало цитаты без конца. Второе предложение.\n\nОбычный абзац.", SRC)
    assert a.warnings and "paragraph 0" in a.warnings[0]
    assert len(a.segments()) >= 3


def test_middle_attribution_is_one_quote():
    a = parse_text("Заголовок\n\n«Мы построим дорогу, — сказал аким Ерлан Бекетов, — и откроем школу».", SRC)
    (q,) = [q for q in a.quotes if q.kind == "direct"]
    assert q.text == "Мы построим дорогу и откроем школу"
    assert q.speaker == "Ерлан Бекетов"


FIXTURES = Path(__file__).parent / "fixtures" / "articles"


def test_html_article_ignores_scripts_navigation_and_comments():
    a = read_article(FIXTURES / "assembly.html")
    assert a.source.format == "html" and a.headline.text.startswith("Аким Атырау")
    text = " ".join(b.text for b in a.blocks)
    assert "скрипт" not in text and "Меню" not in text and "Скрытый" not in text and "права защищены" not in text
    direct = [q for q in a.quotes if q.kind == "direct"]
    assert direct[0].text == "Уровень воды в реке Урал стабилизировался. Угрозы для жилых домов нет"
    assert direct[0].speaker == "Серик Шапкенов" and direct[1].speaker == "Серик Шапкенов"
    assert any(b.kind == "crosshead" for b in a.blocks)


def test_newsml_nitf_item_is_read():
    a = read_article(FIXTURES / "assembly-nitf.ru.xml")
    assert a.source.format == "newsml"
    kinds = {q.kind: q for q in a.quotes}
    assert kinds["headline"].speaker == "Серик Шапкенов" and kinds["direct"].text == "Угрозы для жилых домов нет"


def test_newsml_xhtml_items_we_publish_can_be_read_back(tmp_path, sample_article, glossary):
    from editions.publish import publish

    published = publish(sample_article, [], glossary, tmp_path)
    again = read_article(published.directory / "ru.xml")
    assert [s.text for s in again.segments()][1:] == [s.text for s in sample_article.segments()][1:]
    assert [(q.kind, q.speaker) for q in again.quotes] == [(q.kind, q.speaker) for q in sample_article.quotes]


def test_malformed_xml_names_line_and_column(tmp_path):
    p = tmp_path / "bad.xml"
    p.write_text('<?xml version="1.0"?>\n<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/">\n<contentMeta>\n</newsItem>')
    with pytest.raises(InputError) as err:
        read_article(p)
    assert "bad.xml:4:" in str(err.value) and "malformed XML" in str(err.value)


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"  \n\n", "empty"),
    ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    ("en.txt", b"President says\n\nThe president said things today in the capital.", "no Russian text"),
    ("kk.txt", "Мемлекет басшысы сөз сөйледі\n\nҚасым-Жомарт Тоқаев Қазақстан халқы Ассамблеясының сессиясында "
               "сөз сөйледі.".encode(), "Kazakh"),
    ("xxe.xml", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/">&e;</newsItem>', "entity declarations"),
    ("kk.xml", b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" xml:lang="kk"><contentMeta>'
               b'<language tag="kk"/></contentMeta></newsItem>', "expected a Russian"),
    ("empty.html", "<html><body><nav>Меню сайта</nav><script>x()</script></body></html>".encode(), "no article found"),
    ("big.txt", b"a" * 2_000_001, "more than"),
])
def test_bad_input_is_named(tmp_path, name, content, message):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(InputError, match=message) as err:
        read_article(p)
    assert str(err.value).startswith(str(p))


def test_dateline_opening_the_first_paragraph():
    a = parse_text("Заголовок\n\nАСТАНА, 14 марта. KAZINFORM – «Мы начнём работу», – заявил министр Ерлан Карин.", SRC)
    assert a.dateline == "АСТАНА, 14 марта. KAZINFORM"
    assert [(q.text, q.speaker) for q in a.quotes] == [("Мы начнём работу", "Ерлан Карин")]
