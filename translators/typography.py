"""Target-language typography: quote marks, and rebuilding a paragraph around quotes and attributions."""
from __future__ import annotations

import re
from dataclasses import dataclass

MARKS = {"ru": ("«", "»", "„", "“"), "kk": ("«", "»", "„", "“"), "en": ("“", "”", "‘", "’")}
_ANY_QUOTE = "«»„“”\""


@dataclass(frozen=True)
class Unit:
    """One translated segment as the assembler needs it."""

    text: str
    role: str  # text | quote | attribution
    quote_id: str | None


def marks(lang: str) -> tuple[str, str, str, str]:
    return MARKS.get(lang, MARKS["en"])


def retype_quotes(text: str, lang: str) -> str:
    """Replace whatever quote glyphs MT produced by the target language's outer and inner marks."""
    open_, close, inner_open, inner_close = marks(lang)
    out, depth = [], 0
    for i, c in enumerate(text):
        if c not in _ANY_QUOTE:
            out.append(c)
            continue
        opening = c in "«„" or (c in "\"“" and (i == 0 or not text[i - 1].isalnum()) and
                                 i + 1 < len(text) and not text[i + 1].isspace())
        if opening:
            out.append(open_ if depth == 0 else inner_open)
            depth += 1
        else:
            depth = max(0, depth - 1)
            out.append(close if depth == 0 else inner_close)
    return "".join(out)


def _nest(text: str, lang: str) -> str:
    """Quotes inside a quote take the inner marks."""
    _, _, inner_open, inner_close = marks(lang)
    return retype_quotes(text, lang).replace(marks(lang)[0], inner_open).replace(marks(lang)[1], inner_close)


@dataclass(frozen=True)
class Piece:
    """One item of a laid-out paragraph: a quote opening or closing, connecting text, or a segment."""

    kind: str  # open | close | text | seg
    text: str = ""
    index: int = -1  # the unit this segment piece shows
    quote_id: str | None = None
    part: int = 1  # 2, 3 … for the later parts of a quote interrupted by its attribution


def layout(units: list[Unit], lang: str) -> list[Piece]:
    """Lay out a paragraph with the punctuation of `lang` around quotes and attributions.

    en: “Quote,” Tokayev said.   kk/ru: «Quote», — деді Тоқаев.   A quote interrupted by its
    attribution becomes two parts: “A,” he said, “b.” / «A», — деді ол, — «b».
    """
    pieces: list[Piece] = []
    parts: dict[str, int] = {}
    for i, u in enumerate(units):
        prev = units[i - 1] if i else None
        nxt = units[i + 1] if i + 1 < len(units) else None
        if u.role == "quote":
            first_of_run = not (prev and prev.role == "quote" and prev.quote_id == u.quote_id)
            last_of_run = not (nxt and nxt.role == "quote" and nxt.quote_id == u.quote_id)
            attr_after = last_of_run and nxt is not None and nxt.role == "attribution" and nxt.quote_id == u.quote_id
            text = _nest(u.text.strip(), lang)
            if first_of_run:
                if pieces and pieces[-1].kind != "text":
                    pieces.append(Piece("text", " "))
                parts[u.quote_id or ""] = parts.get(u.quote_id or "", 0) + 1
                pieces.append(Piece("open", quote_id=u.quote_id, part=parts[u.quote_id or ""]))
            elif pieces:
                pieces.append(Piece("text", " "))
            after = ""
            if attr_after:
                text = re.sub(r"[.,;:]+$", "", text)
                punct = "" if re.search(r"[?!…]$", text) else ","
                if lang == "en":
                    text += punct
                else:
                    after = punct
            elif last_of_run and lang != "en" and re.search(r"[^.]\.$", text):
                text, after = text[:-1], "."  # Russian and Kazakh put the full stop after »
            pieces.append(Piece("seg", text, i, u.quote_id))
            if last_of_run:
                pieces.append(Piece("close", quote_id=u.quote_id, part=parts[u.quote_id or ""]))
                if after:
                    pieces.append(Piece("text", after))
        elif u.role == "attribution" and prev and prev.role == "quote" and prev.quote_id == u.quote_id:
            middle = nxt is not None and nxt.role == "quote" and nxt.quote_id == u.quote_id
            text = _lower_first(u.text.strip())
            if middle:
                text = text.rstrip(" .") + ","
            pieces.append(Piece("text", " " if lang == "en" else " — "))
            pieces.append(Piece("seg", text, i, u.quote_id))
            if middle:
                pieces.append(Piece("text", " " if lang == "en" else " — "))
        else:
            if pieces:
                pieces.append(Piece("text", " "))
            pieces.append(Piece("seg", u.text.strip(), i, u.quote_id))
    return pieces


def render_text(pieces: list[Piece], lang: str) -> str:
    open_, close = marks(lang)[:2]
    out = []
    for p in pieces:
        out.append(open_ if p.kind == "open" else close if p.kind == "close" else p.text)
    return _join(["".join(out)], lang)


def assemble(units: list[Unit], lang: str) -> str:
    """Paragraph text from its units with the quote marks and attribution punctuation of `lang`."""
    return render_text(layout(units, lang), lang)


def _join(parts: list[str], lang: str) -> str:
    text = " ".join(p.strip() for p in parts if p.strip())
    text = re.sub(r"\s+([,.;:?!])", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:1].isupper() and not text[1:2].isupper() and not \
        _starts_with_name(text) else text


def _starts_with_name(text: str) -> bool:
    return bool(re.match(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w'-]+\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]", text)) or \
        bool(re.match(r"(Tokayev|Тоқаев)", text))
