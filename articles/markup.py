"""Article pages (HTML) and Russian NewsML-G2 items (XHTML or NITF body) as headline + blocks, safely.

No network, no external entities, no DTDs: partners' files are data, never instructions.
"""
from __future__ import annotations

import re

from lxml import etree, html

from articles.errors import InputError

NAR = "http://iptc.org/std/nar/2006-10-01/"
XHTML = "http://www.w3.org/1999/xhtml"
NITF = "http://iptc.org/std/NITF/2006-10-18/"
IGNORED = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe", "template", "svg",
           "figure", "button", "menu")
BLOCKS = ("p", "blockquote", "h2", "h3", "li")

Blocks = tuple[str, list[tuple[int, str]]]


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _text(element) -> str:
    """Text of an element with <q> turned back into «…», so the segmenter sees the quotation."""
    element = _copy(element)
    for q in list(element.iter()):
        if _local(q.tag) == "q":
            q.text = "«" + (q.text or "")
            if len(q):
                q[-1].tail = (q[-1].tail or "") + "»"
            else:
                q.text += "»"
    return " ".join("".join(element.itertext()).split())


def _copy(element):
    if isinstance(element, html.HtmlElement):
        return html.fragment_fromstring(html.tostring(element, encoding="unicode", with_tail=False))
    return etree.fromstring(etree.tostring(element, with_tail=False))


def blocks_of(root, path: str) -> Blocks:
    """Headline from the first <h1> (or <hl1>), blocks from p / blockquote / h2 / h3 / li in order."""
    for element in list(root.iter()):
        if _local(element.tag) in IGNORED and element.getparent() is not None:
            element.drop_tree() if isinstance(element, html.HtmlElement) else element.getparent().remove(element)
    headline_el = next((e for e in root.iter() if _local(e.tag) in ("h1", "hl1")), None)
    blocks: list[tuple[int, str]] = []
    for element in root.iter():
        name = _local(element.tag)
        if name not in BLOCKS or any(_local(a.tag) in ("blockquote", "li") for a in element.iterancestors()):
            continue
        if name == "blockquote" and any(_local(c.tag) == "p" for c in element):
            parts = [_text(c) for c in element if _local(c.tag) == "p"]
            text = " ".join(p for p in parts if p)
        else:
            text = _text(element)
        if name == "blockquote" and text and text[0] not in "«\"„“":
            text = f"«{text}»"
        if text:
            blocks.append((element.sourceline or 0, text))
    headline = _text(headline_el) if headline_el is not None else ""
    if not headline or not blocks:
        raise InputError(path, "no article found (expected a headline <h1> and paragraphs <p>)")
    return headline, blocks


def read_html(raw: bytes, path: str) -> Blocks:
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, encoding="utf-8")
    try:
        document = html.document_fromstring(raw, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(path, f"not an HTML page ({exc})") from None
    root = next(iter(document.xpath("//article | //main")), None)
    if root is None or not root.xpath(".//h1"):
        root = document
    return blocks_of(root, path)


def read_newsml(raw: bytes, path: str) -> Blocks:
    """A Russian NewsML-G2 newsItem; its body in inlineXML as XHTML or NITF."""
    if re.search(rb"<!(?:ENTITY|DOCTYPE)", raw[:4096]):
        raise InputError(path, "DOCTYPE and entity declarations are not allowed in NewsML-G2 input")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        raise InputError(path, f"malformed XML: {exc.msg}", line, column) from None
    if etree.QName(root).localname != "newsItem" or etree.QName(root).namespace != NAR:
        raise InputError(path, f"expected a NewsML-G2 newsItem, found <{etree.QName(root).localname}>", root.sourceline)
    lang = root.get("{http://www.w3.org/XML/1998/namespace}lang") or root.findtext(f".//{{{NAR}}}language") or ""
    tag = root.find(f".//{{{NAR}}}contentMeta/{{{NAR}}}language")
    lang = tag.get("tag") if tag is not None else lang
    if lang and not lang.lower().startswith("ru"):
        raise InputError(path, f"the item's language is {lang!r}, expected a Russian (ru) item", root.sourceline)
    inline = root.find(f".//{{{NAR}}}inlineXML")
    if inline is None or not len(inline):
        raise InputError(path, "no inlineXML body (expected XHTML or NITF inside contentSet)")
    body = inline[0]
    headline = root.findtext(f".//{{{NAR}}}contentMeta/{{{NAR}}}headline")
    try:
        found_headline, blocks = blocks_of(body, path)
    except InputError:
        if not headline:
            raise
        found_headline, blocks = headline, []
        for element in body.iter():
            if _local(element.tag) in BLOCKS and _text(element):
                blocks.append((element.sourceline or 0, _text(element)))
        if not blocks:
            raise
    return (headline.strip() if headline else found_headline), blocks
