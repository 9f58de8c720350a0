"""Render an EditionView as (X)HTML elements: segments, quotes and speakers marked up with ids."""
from __future__ import annotations

from lxml import etree

from editions.body import BlockView, EditionView, SegView
from translators.typography import Piece

XHTML = "http://www.w3.org/1999/xhtml"
TAGS = {"headline": ("h1", None), "crosshead": ("h2", None), "lead": ("p", "lead"), "body": ("p", None),
        "dateline": ("p", "dateline"), "byline": ("p", "byline")}


class Builder:
    """Builds elements in the XHTML namespace (for NewsML-G2) or in none (for HTML pages)."""

    def __init__(self, view: EditionView, namespace: str | None):
        self.view = view
        self.ns = namespace
        self.lang = view.lang

    def tag(self, name: str) -> str:
        return f"{{{self.ns}}}{name}" if self.ns else name

    def el(self, parent, name: str, text: str | None = None, **attrs: str):
        node = etree.SubElement(parent, self.tag(name), {k.rstrip("_"): v for k, v in attrs.items() if v})
        if text:
            node.text = text
        return node

    def ref(self, local_id: str) -> str:
        """Ids carry the language so several items can share one document."""
        return f"{self.lang}-{local_id}"

    def body(self, parent) -> None:
        for block in self.view.blocks:
            self.block(parent, block)

    def block(self, parent, block: BlockView) -> None:
        name, cls = TAGS.get(block.kind, ("p", None))
        # headline and crosshead blocks are one segment whose span carries the id
        node = self.el(parent, name, class_=cls,
                       id=None if block.kind in ("headline", "crosshead") else self.ref(block.id))
        stack = [node]
        for piece in block.pieces:
            if piece.kind == "open":
                stack.append(self.open_quote(stack[-1], piece))
            elif piece.kind == "close":
                if len(stack) > 1:
                    stack.pop()
            elif piece.kind == "text":
                _append_text(stack[-1], piece.text)
            else:
                seg = block.segs[piece.index]
                self.segment(stack[-1], seg, piece.text)

    def open_quote(self, parent, piece: Piece):
        quote = self.view.quote(piece.quote_id)
        qid = self.ref(piece.quote_id or "q") + (f"-{piece.part}" if piece.part > 1 else "")
        cite = f"#{self.ref(piece.quote_id)}-by" if quote and quote.attribution_id and self._has_speaker(quote) else None
        return self.el(parent, "q", id=qid, class_="quote" + (" continued" if piece.part > 1 else ""),
                       cite=cite, title=quote.speaker if quote and quote.speaker else None)

    def _has_speaker(self, quote) -> bool:
        return any(s.id == quote.attribution_id and s.speaker for b in self.view.blocks for s in b.segs)

    def segment(self, parent, seg: SegView, text: str) -> None:
        node = self.el(parent, "span", id=self.ref(seg.id), class_=f"seg {seg.role}")
        marks = [(s, e, "quote", qid) for s, e, qid in seg.inline]
        if seg.speaker:
            marks.append((seg.speaker[0], seg.speaker[1], "speaker", seg.quote_id or _inline_quote(seg)))
        cursor = 0
        shown = text if seg.text.startswith(text) or not text else text
        for start, end, kind, qid in sorted(m for m in marks if m[1] <= len(shown)):
            if start < cursor:
                continue
            _append_text(node, shown[cursor:start])
            quote = self.view.quote(qid)
            if kind == "speaker":
                self.el(node, "span", shown[start:end], class_="speaker", id=f"{self.ref(qid)}-by" if qid else None,
                        title=quote.speaker if quote and quote.speaker else None)
            elif quote and quote.kind in ("indirect",):
                self.el(node, "span", shown[start:end], class_="quote indirect", id=self.ref(qid),
                        title=quote.speaker or None)
            else:
                self.el(node, "q", shown[start:end], class_=f"quote {quote.kind if quote else ''}".strip(),
                        id=self.ref(qid), cite=f"#{self.ref(qid)}-by" if quote and quote.kind == "headline" else None,
                        title=quote.speaker if quote and quote.speaker else None)
            cursor = end
        _append_text(node, shown[cursor:])


def _inline_quote(seg: SegView) -> str | None:
    return seg.inline[0][2] if seg.inline else None


def _append_text(node, text: str) -> None:
    if not text:
        return
    if len(node):
        last = node[-1]
        last.tail = (last.tail or "") + text
    else:
        node.text = (node.text or "") + text


def body_fragment(view: EditionView) -> str:
    """The body's blocks as an HTML fragment (escaped by lxml) for the Jinja2 page templates."""
    holder = etree.Element("div")
    Builder(view, None).body(holder)
    return "".join(etree.tostring(child, encoding="unicode", method="html") for child in holder)


def xhtml_document(view: EditionView, title: str):
    html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML})
    html.set("{http://www.w3.org/XML/1998/namespace}lang", view.lang)
    html.set("lang", view.lang)
    head = etree.SubElement(html, f"{{{XHTML}}}head")
    etree.SubElement(head, f"{{{XHTML}}}title").text = title
    body = etree.SubElement(html, f"{{{XHTML}}}body")
    Builder(view, XHTML).body(body)
    return html
