"""End to end: the real `kazwire run` command, a real Prefect flow, the project's own models."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree, html

from editions.validate import validate_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "tokayev-assembly.ru.txt"
NS = {"n": "http://iptc.org/std/nar/2006-10-01/", "x": "http://www.w3.org/1999/xhtml"}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory, schemas):
    import os
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("published")
    exe = Path(sys.executable).with_name("kazwire")
    result = subprocess.run([str(exe), "run", str(SAMPLE), "--to", "en,kk", "--out", str(out), "--schemas",
                             str(schemas), "--json"], capture_output=True, text=True, timeout=900,
                            env=os.environ.copy(), cwd=tmp_path_factory.mktemp("cwd"))
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    return Path(report["directory"]), report, result.stderr


def test_all_items_valid_against_the_xsd(run_dir, schemas):
    directory, report, _ = run_dir
    assert report["validated"]
    for name in ("ru.xml", "en.xml", "kk.xml", "package.xml"):
        assert validate_file(directory / name, schemas).valid, name


def test_same_segment_ids_in_every_language(run_dir):
    directory = run_dir[0]
    ids = {}
    for lang in ("ru", "en", "kk"):
        body = etree.parse(str(directory / f"{lang}.xml")).find(".//x:body", NS)
        ids[lang] = [e.get("id")[3:] for e in body.iter("{*}span") if "seg" in (e.get("class") or "").split()]
    assert ids["ru"] and ids["ru"] == ids["en"] == ids["kk"]


def test_every_source_quote_is_in_each_translation(run_dir):
    directory = run_dir[0]
    ru = etree.parse(str(directory / "ru.xml"))
    quote_ids = {q.get("id")[3:] for q in ru.iter("{*}q")} | {
        e.get("id")[3:] for e in ru.iter("{*}span") if "indirect" in (e.get("class") or "")}
    assert len(quote_ids) >= 9
    for lang in ("en", "kk"):
        doc = etree.parse(str(directory / f"{lang}.xml"))
        found = {q.get("id")[3:] for q in doc.iter("{*}q") if "".join(q.itertext()).strip()} | {
            e.get("id")[3:] for e in doc.iter("{*}span") if "indirect" in (e.get("class") or "")}
        assert quote_ids <= found, quote_ids - found


def test_models_recorded(run_dir):
    directory, report, _ = run_dir
    manifest = json.loads((directory / "manifest.json").read_text())
    assert manifest["models"] == {"en": ["kazwire-demo-ru_en-0.1"], "kk": ["kazwire-demo-ru_kk-0.1"]}
    en = etree.parse(str(directory / "en.xml"))
    assert "kazwire-demo-ru_en-0.1" in en.find(".//n:generator", NS).text
    assert {r["language"] for r in report["languages"]} == {"en", "kk"}


def test_html_pages_parse(run_dir):
    directory = run_dir[0]
    for lang in ("ru", "en", "kk"):
        doc = html.fromstring((directory / f"{lang}.html").read_bytes())
        assert doc.get("lang") == lang and doc.xpath("//h1")


def test_progress_is_reported(run_dir):
    assert "translating ru→kk" in run_dir[2] and "publishing" in run_dir[2]


@pytest.mark.parametrize("content, message", [
    (None, "no such file"),
    (b"", "empty"),
    (b"\xff\xfe\x00\x00", "binary"),
    (b"Hello world\n\nThis is English.", "no Russian text"),
])
def test_bad_input_exits_2_and_writes_nothing(kazwire_cli, tmp_path, content, message):
    article = tmp_path / "article.txt"
    if content is not None:
        article.write_bytes(content)
    out = tmp_path / "out"
    result = kazwire_cli("run", str(article), "--out", str(out))
    assert result.returncode == 2
    assert message in result.stderr and "article.txt" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_missing_model_exits_2(kazwire_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("KAZWIRE_HOME", str(tmp_path / "empty-home"))
    monkeypatch.setenv("KAZWIRE_BUNDLED_MODELS", "0")
    out = tmp_path / "out"
    result = kazwire_cli("run", str(SAMPLE), "--to", "kk", "--out", str(out))
    assert result.returncode == 2
    assert "no installed model translates ru→kk" in result.stderr
    assert not out.exists()


def test_help_explains(kazwire_cli):
    result = kazwire_cli("run", "--help")
    assert result.returncode == 0 and "--to" in result.stdout and "--out" in result.stdout


def test_iptc_reader_reads_the_items_back(run_dir):
    """IPTC's own python-newsmlg2 reader: guid, version, language, headline, translation link, package refs."""
    import NewsMLG2

    directory = run_dir[0]
    ru = NewsMLG2.NewsMLG2Document(str(directory / "ru.xml")).get_item()
    ru_guid = ru.guid
    for lang in ("en", "kk"):
        item = NewsMLG2.NewsMLG2Document(str(directory / f"{lang}.xml")).get_item()
        assert item.guid.endswith(f":{lang}") and str(item.version) == "1" and item.xml_lang == lang
        assert str(item.contentmeta.headline).strip()
        link = item.itemmeta.link[0]
        assert (link.rel, link.residref, str(link.version)) == ("kzrel:translatedFrom", ru_guid, "1")
    package = NewsMLG2.NewsMLG2Document(str(directory / "package.xml")).get_item()
    refs = package.groupset.group[0].itemref
    assert [r.residref for r in refs] == [ru_guid, ru_guid[:-3] + ":en", ru_guid[:-3] + ":kk"]


def test_drop_folder_publishes_good_articles_and_files_bad_ones(kazwire_cli, tmp_path, monkeypatch):
    # a new KAZWIRE_HOME: without `kazwire run`'s preflight the flow installs the bundled models itself
    monkeypatch.setenv("KAZWIRE_HOME", str(tmp_path / "fresh-home"))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "sample.txt").write_bytes(SAMPLE.read_bytes())
    (inbox / "broken.txt").write_bytes(b"\xff\xfe not text")
    out = tmp_path / "out"
    result = kazwire_cli("watch", str(inbox), "--once", "--out", str(out), "--to", "en")
    assert result.returncode == 1, result.stderr[-2000:]  # one article failed
    assert [p.name.split("-", 2)[-1] for p in (inbox / "done").iterdir()] == ["sample.txt"]
    failed = sorted(p.name for p in (inbox / "failed").iterdir())
    assert failed[0].endswith("broken.txt") and failed[1].endswith("broken.txt.error.txt")
    assert "UTF-8" in (inbox / "failed" / failed[1]).read_text()
    assert list(out.glob("*/*/*/*/en.xml")) and not list(inbox.glob("*.txt"))


def test_flow_can_be_served_as_a_deployment():
    from dataclasses import asdict

    from flows.translate_article import Options, translate_article

    options = Options(targets=("en", "kk"), out="output", home=".kazwire")
    deployment = translate_article.to_deployment(name="desk", parameters={"options": asdict(options)})
    assert deployment.name == "desk" and deployment.parameters["options"]["targets"] == ("en", "kk")
    assert "path" in deployment._parameter_openapi_schema.required
    # what a triggered run receives as JSON becomes the flow's Options again
    bound = translate_article.validate_parameters({"path": "a.txt", "options": json.loads(json.dumps(asdict(options)))})
    assert bound["options"] == options


def test_every_quote_keeps_its_speaker_and_every_name_its_target_form(run_dir, glossary, sample_article):
    """Issue 4's promise on the sample: speakers and glossary names survive MT in both languages."""
    from translators.attribution import speaker_name

    directory = run_dir[0]
    ru = {e.get("id")[3:]: "".join(e.itertext()) for e in etree.parse(str(directory / "ru.xml")).iter("{*}span")
          if "seg" in (e.get("class") or "").split()}
    for lang in ("en", "kk"):
        doc = etree.parse(str(directory / f"{lang}.xml"))
        speakers = {q.get("id")[3:]: q.get("title") for q in doc.iter("{*}q") if q.get("id")}
        for q in sample_article.quotes:
            if q.kind in ("direct", "headline"):
                assert speakers.get(q.id) == speaker_name(q.speaker, lang, glossary), (lang, q.id)
        target = {e.get("id")[3:]: "".join(e.itertext()) for e in doc.iter("{*}span")
                  if "seg" in (e.get("class") or "").split()}
        for seg_id, text in ru.items():
            wanted = {glossary.canonical(m.entry).id for m in glossary.find(text, "ru", protected_only=True)}
            found = {glossary.canonical(m.entry).id for m in glossary.find(target[seg_id], lang)}
            assert wanted <= found, (lang, seg_id, wanted - found, target[seg_id])
