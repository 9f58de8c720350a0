"""NewsML-G2 2.35 newsItems (original and translations) and the packageItem that groups them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from articles.model import Article
from editions.body import EditionView
from editions.xhtml import xhtml_document
from translators.glossary import Glossary
from translators.model import TranslatedArticle

NAR = "http://iptc.org/std/nar/2006-10-01/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_41.xml"
NEWSITEM_TYPE = "application/vnd.iptc.g2.newsitem+xml"
# IPTC has no "translation of" item relation; ours is declared inline (see the NewsML-G2 guide).
TRANSLATED_FROM = "kzrel:translatedFrom"
SCHEMES = {"kzrel": "https://kazwire.example/cv/itemrelation/", "kzrole": "https://kazwire.example/cv/role/",
           "kzgrp": "https://kazwire.example/cv/grouprole/", "kzmodel": "https://kazwire.example/cv/model/"}
PROVIDER = "https://kazwire.example/"
CITIES = {"astana": "1526273", "almaty": "1526384", "shymkent": "1518980"}
TOPICS = [  # IPTC Media Topics, matched on Russian stems in the article
    ("11000000", {"ru": "политика", "en": "politics", "kk": "саясат"},
     ("президент", "парламент", "мажилис", "сенат", "ассамбле", "выбор", "сесси", "закон", "политик")),
    ("04000000", {"ru": "экономика, бизнес и финансы", "en": "economy, business and finance", "kk": "экономика"},
     ("экономик", "инфляц", "бюджет", "тенге", "инвестиц", "банк", "нефт")),
    ("14000000", {"ru": "общество", "en": "society", "kk": "қоғам"},
     ("общест", "граждан", "межнационал", "согласи", "национальност", "традиц")),
    ("02000000", {"ru": "преступность, право и правосудие", "en": "crime, law and justice", "kk": "құқық"},
     ("суд", "прокурат", "преступ", "коррупц", "полици")),
]
DESK = {"ru": "Редакция Kazwire", "en": "Kazwire desk", "kk": "Kazwire редакциясы"}


@dataclass(frozen=True)
class ItemInfo:
    """What the writer needs besides the article: identity, versions and dates."""

    guid: str
    version: int
    first_created: datetime
    version_created: datetime
    content_created: datetime
    signal: str | None = None  # sig:update | sig:correction on republication
    original_guid: str | None = None
    original_version: int | None = None


def guid_for(slug: str, lang: str, year: int) -> str:
    return f"tag:kazwire.example,{year}:{slug}:{lang}"


def _sub(parent, name: str, text: str | None = None, **attrs: str | None):
    node = etree.SubElement(parent, f"{{{NAR}}}{name}", {k.rstrip("_"): v for k, v in attrs.items() if v is not None})
    if text is not None:
        node.text = text
    return node


def _stamp(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def _root(kind: str, info: ItemInfo, lang: str):
    root = etree.Element(f"{{{NAR}}}{kind}", nsmap={None: NAR})
    root.set("guid", info.guid)
    root.set("version", str(info.version))
    root.set("standard", "NewsML-G2")
    root.set("standardversion", "2.35")
    root.set("conformance", "power")
    root.set(XML_LANG, lang)
    _sub(root, "catalogRef", href=CATALOG)
    catalog = _sub(root, "catalog")
    for alias, uri in SCHEMES.items():
        _sub(catalog, "scheme", alias=alias, uri=uri)
    rights = _sub(root, "rightsInfo")
    holder = _sub(rights, "copyrightHolder", uri=PROVIDER)
    _sub(holder, "name", "Kazwire")
    _sub(rights, "copyrightNotice", f"© {info.first_created.year} Kazwire")
    return root


def _item_meta(root, info: ItemInfo, item_class: str, translated: TranslatedArticle | None, lang: str):
    meta = _sub(root, "itemMeta")
    _sub(meta, "itemClass", qcode=item_class)
    _sub(meta, "provider", uri=PROVIDER)
    _sub(meta, "versionCreated", _stamp(info.version_created))
    _sub(meta, "firstCreated", _stamp(info.first_created))
    _sub(meta, "pubStatus", qcode="stat:usable")
    if translated is not None:
        p = translated.provenance
        for model in p.models:
            _sub(meta, "generator", f"argostranslate/CTranslate2 {model}", versioninfo=model.rsplit("-", 1)[-1],
                 role="kzrole:machineTranslation")
        _sub(meta, "edNote", f"Machine translation from Russian ({' + '.join(p.models)}, {p.path}), not reviewed. "
                             f"Provenance: {p.signature()}").set(XML_LANG, "en")
    if info.signal:
        _sub(meta, "signal", qcode=info.signal)
    if translated is not None and info.original_guid:
        _sub(meta, "link", rel=TRANSLATED_FROM, residref=info.original_guid, version=str(info.original_version),
             contenttype=NEWSITEM_TYPE)
    return meta


def news_item(article: Article, view: EditionView, info: ItemInfo, glossary: Glossary,
              translated: TranslatedArticle | None = None):
    """One language edition as a newsItem (lxml element) with the body as XHTML in inlineXML."""
    lang = view.lang
    root = _root("newsItem", info, lang)
    _item_meta(root, info, "ninat:text", translated, lang)
    content = _sub(root, "contentMeta")
    _sub(content, "contentCreated", _stamp(info.content_created))
    if translated is not None:
        _sub(content, "digitalSourceType", qcode="digsrctype:trainedAlgorithmicMedia")
    _located(content, article, glossary, lang)
    creator = _sub(content, "creator", uri=PROVIDER + "staff/desk")
    _sub(creator, "name", DESK[lang])
    if translated is not None:
        for model in translated.provenance.models:
            contributor = _sub(content, "contributor", uri=f"{SCHEMES['kzmodel']}{model}", role="kzrole:machineTranslator")
            _sub(contributor, "name", f"{model} (argostranslate, CTranslate2)").set(XML_LANG, "en")
    _sub(content, "language", tag=lang)
    _subjects(content, article, lang)
    _speakers(content, article, glossary)
    for keyword in _keywords(article, glossary, lang):
        _sub(content, "keyword", keyword)
    _sub(content, "slugline", article.slug)
    _sub(content, "headline", _plain_headline(view))
    if article.dateline:
        _sub(content, "dateline", article.dateline)
    lead = next((b for b in view.blocks if b.kind == "lead"), None)
    if lead is not None:
        _sub(content, "description", "".join(p.text for p in lead.pieces if p.kind in ("text", "seg")),
             role="drol:summary")
    content_set = _sub(root, "contentSet")
    inline = _sub(content_set, "inlineXML", contenttype="application/xhtml+xml")
    inline.set(XML_LANG, lang)
    inline.append(xhtml_document(view, _plain_headline(view)))
    return root


def package_item(article: Article, info: ItemInfo, members: list[tuple[str, str, int, str]]):
    """The packageItem: one group of alternative language editions (guid, lang, version, title)."""
    root = _root("packageItem", info, "ru")
    _item_meta(root, info, "ninat:composite", None, "ru")
    content = _sub(root, "contentMeta")
    _sub(content, "headline", article.headline.segments[0].display if article.headline.segments else article.headline.text)
    group_set = _sub(root, "groupSet", root="G1")
    group = _sub(group_set, "group", id="G1", role="kzgrp:languageEditions", mode="pgrmod:alt")
    for guid, lang, version, title in members:
        ref = _sub(group, "itemRef", residref=guid, version=str(version), contenttype=NEWSITEM_TYPE)
        ref.set(XML_LANG, lang)
        _sub(ref, "itemClass", qcode="ninat:text")
        _sub(ref, "title", title)
    return root


def _plain_headline(view: EditionView) -> str:
    from translators.typography import render_text

    headline = view.blocks[0]
    return render_text(list(headline.pieces), view.lang) if view.lang != "ru" else view.headline


def _located(content, article: Article, glossary: Glossary, lang: str) -> None:
    text = " ".join(b.text for b in article.all_blocks())
    for match in glossary.find((article.dateline or "") + " " + text, "ru"):
        if match.entry.id in CITIES:
            located = _sub(content, "located", qcode=f"geonames:{CITIES[match.entry.id]}")
            _sub(located, "name", match.entry.form(lang))
            return


def _subjects(content, article: Article, lang: str) -> None:
    text = " ".join(b.text.lower() for b in article.all_blocks())
    for code, names, stems in TOPICS:
        if sum(text.count(s) for s in stems) >= 2:
            subject = _sub(content, "subject", type="cpnat:abstract", qcode=f"medtop:{code}")
            _sub(subject, "name", names[lang])


def _speakers(content, article: Article, glossary: Glossary) -> None:
    from translators.attribution import speaker_name

    seen = []
    for q in article.quotes:
        if q.speaker and q.speaker not in seen:
            seen.append(q.speaker)
    for n, speaker in enumerate(seen, 1):
        subject = _sub(content, "subject", type="cpnat:person", literal=f"speaker{n}")
        for lang in ("ru", "en", "kk"):
            _sub(subject, "name", speaker_name(speaker, lang, glossary)).set(XML_LANG, lang)


def _keywords(article: Article, glossary: Glossary, lang: str) -> list[str]:
    text = " ".join(b.text for b in article.all_blocks())
    out: list[str] = []
    for match in glossary.find(text, "ru"):
        entry = glossary.canonical(match.entry)
        if entry.kind in ("organization", "place") and entry.form(lang) not in out:
            out.append(entry.form(lang))
    return out[:10]


def serialize(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
