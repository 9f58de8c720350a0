"""Every user-visible template string is in the ru, en and kk catalogs, translated."""
from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent


def template_messages() -> set:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / "templates"), method_map=[("**.html", "jinja2")],
            options_map={"**.html": {"extensions": "jinja2.ext.i18n"}}):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


@pytest.mark.parametrize("lang", ["ru", "en", "kk"])
def test_catalog_translates_every_template_string(lang):
    with (ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    missing = []
    for message in template_messages():
        key = message[0] if isinstance(message, tuple) else message
        entry = catalog.get(key)
        strings = entry.string if entry else None
        strings = strings if isinstance(strings, tuple) else (strings,)
        if entry is None or entry.fuzzy or not all(strings):
            missing.append(key)
    assert not missing, f"untranslated in {lang}: {missing}"


def test_kazakh_edition_uses_the_kazakh_catalog():
    from editions.html import translations

    assert translations("kk").gettext("Read the original") == "Түпнұсқасын оқу"
    assert translations("ru").ngettext("%(num)d quote", "%(num)d quotes", 5) == "%(num)d цитат"
