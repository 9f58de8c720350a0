"""The published pages in a real headless Chromium (Debian's): no console errors, offline, fonts, filters, XSS."""
from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from articles.model import Source
from articles.reader import parse_text
from editions.publish import publish
from translators.pipeline import Route, translate_article

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "artifacts" / "screenshots"  # CI artefacts, never committed
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
KAZAKH = "әғқңөұүһі"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone(timedelta(hours=5)))

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run scripts/browser.sh")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def published(sample_article, glossary, models, schemas, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    translations = [translate_article(sample_article, lang, Route((models[("ru", lang)],)), glossary)
                    for lang in ("en", "kk")]
    return publish(sample_article, translations, glossary, out, now=NOW, schema_dir=schemas)


def open_page(browser, path: Path):
    page = browser.new_page()
    problems = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: problems.append(f"request {r.url}") if not r.url.startswith(("file:", "data:")) else None)
    page.on("dialog", lambda d: (problems.append(f"dialog {d.message}"), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, problems


@pytest.mark.parametrize("name", ["ru.html", "en.html", "kk.html", "review.html"])
def test_pages_load_without_errors_or_network(browser, published, name):
    page, problems = open_page(browser, published.directory / name)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name.replace(".html", ".png")), full_page=True)
    assert problems == []
    assert page.locator("h1").count() >= 1
    page.close()


def test_kazakh_letters_render_with_a_real_font(browser, published):
    page, _ = open_page(browser, published.directory / "kk.html")
    page.evaluate(f"document.querySelector('h1').insertAdjacentHTML('beforeend', '<span id=\"kk-probe\">{KAZAKH}</span>')")
    # ask only once the probe is laid out and painted: before that Chromium reports no fonts at all
    page.evaluate("document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#kk-probe"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    assert fonts and sum(f["glyphCount"] for f in fonts) == len(KAZAKH)
    assert all("last resort" not in f["familyName"].lower() for f in fonts), fonts
    page.close()


def test_quotes_get_language_marks_and_speakers(browser, published):
    page, _ = open_page(browser, published.directory / "kk.html")
    marks = page.evaluate("getComputedStyle(document.querySelector('p q.quote')).quotes")
    assert marks.startswith('"«" "»"'), marks  # browsers draw the Kazakh marks around <q>
    assert page.evaluate("getComputedStyle(document.querySelector('h1 q.headline')).quotes") == "none"
    assert page.locator("q.quote[title]").count() >= 3 and page.locator(".speaker").count() >= 3
    page.close()


def test_review_filters_flagged_rows(browser, published):
    page, _ = open_page(browser, published.directory / "review.html")
    total = page.locator("#review tbody tr").count()
    flagged = page.locator("#review tbody tr.flagged").count()
    page.check("#only-flagged")
    visible = page.locator("#review tbody tr:not([hidden])").count()
    assert total == len(list((published.directory / "ru.xml").read_text().split('class="seg ')[1:]))
    assert visible == flagged
    page.uncheck("#only-flagged")
    page.check("#only-quotes")
    assert 0 < page.locator("#review tbody tr:not([hidden])").count() < total
    page.close()


def test_script_in_an_article_is_shown_as_text(browser, glossary, schemas, tmp_path):
    text = ("Заголовок <script>alert('x')</script> новости\n\n"
            "Депутат сказал, что <img src=x onerror=alert(1)> это тест.\n\n«Мы <b>всё</b> сделаем», — сказал аким.")
    article = parse_text(text, Source("xss.txt", "1" * 64, "text"))

    class Echo:
        model_id = "echo"

        def translate(self, texts):
            return list(texts)

    translations = [translate_article(article, "en", Route((Echo(),)), glossary)]
    result = publish(article, translations, glossary, tmp_path, now=NOW, schema_dir=schemas)
    for name in ("ru.html", "en.html", "review.html"):
        page, problems = open_page(browser, result.directory / name)
        assert problems == [], name
        assert "<script>alert('x')</script>" in page.inner_text("body")
        assert page.locator("body img").count() == 0
        page.close()
