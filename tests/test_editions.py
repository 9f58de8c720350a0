"""NewsML-G2 items against the official IPTC XSDs, HTML pages, versioned atomic publishing."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from lxml import etree, html

from editions.body import original_view, translated_view
from editions.newsml import NAR, ItemInfo, guid_for, news_item, package_item
from editions.publish import PublishError, publish
from editions.validate import validate_file, validate_tree
from translators.pipeline import Route, translate_article

NS = {"n": NAR, "x": "http://www.w3.org/1999/xhtml"}
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone(timedelta(hours=5)))


class Echo:
    model_id = "echo-ru_xx-1.0"

    def translate(self, texts):
        return list(texts)


@pytest.fixture(scope="module")
def translations(sample_article, glossary):
    return [translate_article(sample_article, lang, Route((Echo(),)), glossary) for lang in ("en", "kk")]


def _items(article, translations, glossary):
    ru_info = ItemInfo(guid_for(article.slug, "ru", 2026), 1, NOW, NOW, NOW)
    items = {"ru": news_item(article, original_view(article), ru_info, glossary)}
    for t in translations:
        info = ItemInfo(guid_for(article.slug, t.language, 2026), 1, NOW, NOW, NOW, None, ru_info.guid, 1)
        items[t.language] = news_item(article, translated_view(article, t), info, glossary, t)
    return items


def test_items_validate_against_iptc_xsd(sample_article, translations, glossary, schemas):
    for lang, item in _items(sample_article, translations, glossary).items():
        report = validate_tree(item.getroottree(), schemas, lang)
        assert report.valid, report.errors


def test_broken_item_fails_validation(sample_article, translations, glossary, schemas):
    item = _items(sample_article, translations, glossary)["en"]
    meta = item.find("n:itemMeta", NS)
    meta.insert(0, meta.find("n:versionCreated", NS))  # wrong order: the schema enforces it
    assert not validate_tree(item.getroottree(), schemas).valid
    item.set("standardversion", "2.35.0")
    assert any("standardversion" in e for e in validate_tree(item.getroottree(), schemas).errors)


def test_translation_links_original_and_discloses_mt(sample_article, translations, glossary):
    en = _items(sample_article, translations, glossary)["en"]
    link = en.find("n:itemMeta/n:link", NS)
    assert link.get("rel") == "kzrel:translatedFrom" and link.get("residref").endswith(":ru")
    assert en.find("n:contentMeta/n:digitalSourceType", NS).get("qcode") == "digsrctype:trainedAlgorithmicMedia"
    assert "echo-ru_xx-1.0" in en.find("n:itemMeta/n:generator", NS).text
    assert en.find("n:contentMeta/n:contributor", NS).get("role") == "kzrole:machineTranslator"


def test_quotes_and_segments_marked_up_in_every_language(sample_article, translations, glossary):
    items = _items(sample_article, translations, glossary)
    seg_ids = {}
    for lang, item in items.items():
        body = item.find(".//x:body", NS)
        seg_ids[lang] = [e.get("id")[len(lang) + 1:] for e in body.iter("{*}span") if "seg" in (e.get("class") or "")]
        quotes = {q.get("id") for q in body.iter("{*}q")}
        assert f"{lang}-q3" in quotes  # the first direct quote, same id in every language
        q3 = next(q for q in body.iter("{*}q") if q.get("id") == f"{lang}-q3")
        speaker = body.find(f".//*[@id='{q3.get('cite')[1:]}']")
        assert speaker is not None and "speaker" in speaker.get("class")
        persons = item.findall("n:contentMeta/n:subject[@type='cpnat:person']", NS)
        assert persons and {n.get("{http://www.w3.org/XML/1998/namespace}lang") for n in persons[0]} == {"ru", "en", "kk"}
    assert seg_ids["ru"] == seg_ids["en"] == seg_ids["kk"]


def test_package_groups_the_editions(sample_article, schemas):
    info = ItemInfo(guid_for(sample_article.slug, "package", 2026), 1, NOW, NOW, NOW)
    pkg = package_item(sample_article, info, [("g-ru", "ru", 1, "a"), ("g-en", "en", 1, "b")])
    assert validate_tree(pkg.getroottree(), schemas).valid
    assert [r.get("residref") for r in pkg.iter(f"{{{NAR}}}itemRef")] == ["g-ru", "g-en"]


def test_publish_writes_versions_and_keeps_the_previous(sample_article, translations, glossary, schemas, tmp_path):
    first = publish(sample_article, translations, glossary, tmp_path, schema_dir=schemas, now=NOW)
    assert first.version == 1 and first.validated
    assert {"ru.xml", "en.xml", "kk.xml", "package.xml", "ru.html", "en.html", "kk.html", "manifest.json"} <= set(first.files)
    second = publish(sample_article, translations, glossary, tmp_path, schema_dir=schemas, now=NOW + timedelta(hours=1))
    assert second.directory == first.directory and second.version == 2
    ru2 = etree.parse(str(second.directory / "ru.xml")).getroot()
    ru1 = etree.parse(str(second.directory / "v1" / "ru.xml")).getroot()
    assert ru2.get("guid") == ru1.get("guid") and (ru1.get("version"), ru2.get("version")) == ("1", "2")
    assert ru2.find("n:itemMeta/n:signal", NS).get("qcode") == "sig:update"
    assert ru2.find("n:itemMeta/n:firstCreated", NS).text == ru1.find("n:itemMeta/n:firstCreated", NS).text
    assert validate_file(second.directory / "ru.xml", schemas).valid
    manifest = json.loads((second.directory / "manifest.json").read_text())
    assert manifest["version"] == 2 and manifest["validated_against_xsd"]


def test_failed_validation_publishes_nothing(sample_article, translations, glossary, tmp_path):
    bad_schemas = tmp_path / "xsd"
    bad_schemas.mkdir()
    (bad_schemas / "NewsML-G2_2.35-spec-All-Power.xsd").write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://iptc.org/std/nar/2006-10-01/">'
        '<xs:element name="somethingElse"/></xs:schema>')
    out = tmp_path / "out"
    with pytest.raises(PublishError):
        publish(sample_article, translations, glossary, out, schema_dir=bad_schemas, now=NOW)
    assert not any(p.is_file() for p in out.rglob("*")) if out.exists() else True


def test_html_editions(sample_article, translations, glossary, schemas, tmp_path):
    published = publish(sample_article, translations, glossary, tmp_path, now=NOW, schema_dir=schemas)
    for lang in ("ru", "en", "kk"):
        doc = html.fromstring((published.directory / f"{lang}.html").read_bytes())
        assert doc.get("lang") == lang
        assert {a.get("hreflang") for a in doc.iter("link") if a.get("rel") == "alternate"} == {"ru", "en", "kk"}
        assert doc.xpath("//q[@id]"), "quotes are marked up"
    kk = (published.directory / "kk.html").read_text()
    assert "қараша" in kk  # Babel's Kazakh month name for November


def test_xliff_for_cat_tools(sample_article, translations, glossary, tmp_path):
    from translate.storage.xliff import xlifffile

    published = publish(sample_article, translations, glossary, tmp_path, now=NOW)
    store = xlifffile.parsefile(str(published.directory / "review.kk.xlf"))
    units = [u for u in store.units if u.xmlelement.get("id")]
    assert [u.xmlelement.get("id") for u in units] == [s.id for s in sample_article.segments()]
    p2 = next(u for u in units if u.xmlelement.get("id") == "p2.s1")
    assert p2.source == next(s.text for s in sample_article.segments() if s.id == "p2.s1")
    assert "speaker: Касым-Жомарт Токаев" in p2.getnotes() and not p2.isapproved()
