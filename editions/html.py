"""HTML editions from Jinja2 templates, with strings from the gettext catalogs in locales/ (via Babel)."""
from __future__ import annotations

import io
import json
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import jinja2
from babel.dates import format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from markupsafe import Markup

from editions.body import EditionView
from editions.xhtml import body_fragment
from translators.model import TranslatedArticle

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
LOCALES = ROOT / "locales"
LANGUAGE_NAMES = {"ru": "Русский", "en": "English", "kk": "Қазақша"}


@lru_cache(maxsize=8)
def translations(lang: str) -> Translations:
    """The catalog for `lang`, compiled in memory from its .po file (nothing generated is committed)."""
    po = LOCALES / lang / "LC_MESSAGES" / "messages.po"
    if not po.is_file():
        return Translations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def environment(lang: str) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             extensions=["jinja2.ext.i18n"], undefined=jinja2.StrictUndefined)
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    return env


def json_ld(view: EditionView, published: datetime, langs: list[str], translated: TranslatedArticle | None) -> str:
    """schema.org NewsArticle; `</` is escaped so article text can never close the script element."""
    data: dict = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": view.headline,
                  "inLanguage": view.lang, "datePublished": published.isoformat(timespec="seconds"),
                  "publisher": {"@type": "Organization", "name": "Kazwire"}}
    if translated is not None:
        data["translationOfWork"] = {"@type": "NewsArticle", "inLanguage": "ru", "url": "ru.html"}
        data["translator"] = {"@type": "SoftwareApplication", "name": " + ".join(translated.provenance.models)}
    else:
        data["workTranslation"] = [{"@type": "NewsArticle", "inLanguage": lang, "url": f"{lang}.html"}
                                   for lang in langs if lang != "ru"]
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def render_edition(view: EditionView, *, langs: list[str], published: datetime, version: int,
                   dateline: str | None, translated: TranslatedArticle | None) -> str:
    lang = view.lang
    speakers: dict[str, int] = {}
    for q in view.quotes:
        if q.speaker and q.kind != "indirect":
            speakers[q.speaker] = speakers.get(q.speaker, 0) + 1
    template = environment(lang).get_template("edition.html")
    return template.render(
        lang=lang, headline=view.headline, body=Markup(body_fragment(view)),
        alternates=[{"lang": code, "href": f"{code}.html", "name": LANGUAGE_NAMES.get(code, code)} for code in langs],
        json_ld=Markup(json_ld(view, published, langs, translated)),
        published=format_datetime(published, "d MMMM y, HH:mm", locale=lang), published_iso=published.isoformat(),
        version=version, dateline=dateline if lang == "ru" else None, machine=translated is not None,
        model=" + ".join(translated.provenance.models) if translated else "",
        signature=translated.provenance.signature() if translated else "",
        speakers=[{"name": name, "count": count} for name, count in speakers.items()])
