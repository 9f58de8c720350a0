"""XLIFF for translators' CAT tools (translate-toolkit): one file per target language, units by segment id."""
from __future__ import annotations

from articles.model import Article
from translators.model import TranslatedArticle

NEEDS_REVIEW = "needs-review-translation"


def review_xliff(article: Article, translated: TranslatedArticle) -> bytes:
    """Source, machine translation, QA flags as notes, fuzzy memory matches as alt-trans."""
    from translate.storage.xliff import xlifffile

    store = xlifffile(sourcelanguage="ru", targetlanguage=translated.language)
    quotes = {q.id: q for q in article.quotes}
    flags = {}
    for flag in translated.all_flags():
        flags.setdefault(flag.segment_id, []).append(flag)
    for seg in translated.segments():
        unit = store.addsourceunit(seg.source)
        unit.setid(seg.id)
        unit.settarget(seg.text)
        human = seg.origin.startswith(("tm:", "human"))
        unit.markapproved(human)
        unit.xmlelement.find(unit.namespaced("target")).set("state", "translated" if human else NEEDS_REVIEW)
        unit.addnote(f"origin: {seg.origin}", origin="developer")
        if seg.quote_id in quotes:
            q = quotes[seg.quote_id]
            unit.addnote(f"{seg.role} of quote {q.id} ({q.kind}), speaker: {q.speaker or 'unknown'}", origin="developer")
        for flag in flags.get(seg.id, []):
            unit.addnote(f"QA {flag.severity} [{flag.check}]: {flag.message}", origin="translator")
        if seg.suggestion:
            score, text = seg.suggestion
            unit.addalttrans(text, origin="tm", lang=translated.language, matchquality=f"{score:.0f}")
    for node in store.document.getroot().iter(store.namespaced("file")):
        node.set("original", f"{article.slug}.ru.txt")
    return bytes(store)
