"""The `kazwire` command line: run the flow, segment an article, manage models, validate items."""
from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

from articles.errors import InputError
from translators.home import kazwire_home, packages_dir

EXIT_BAD_INPUT = 2
SCHEMAS_ENV = "KAZWIRE_SCHEMAS"


class UsageError(RuntimeError):
    """A problem the user can fix (bad option, missing model): one line, exit code 2."""


def _targets(value: str) -> tuple[str, ...]:
    langs = tuple(x.strip() for x in value.split(",") if x.strip())
    bad = [x for x in langs if x not in ("en", "kk")]
    if not langs or bad:
        raise argparse.ArgumentTypeError(f"expected a comma list of en and kk, got {value!r}")
    return langs


def _flow_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of every command that runs the translate_article flow (run, watch, serve)."""
    parser.add_argument("--to", type=_targets, default=("en", "kk"), metavar="LANGS",
                        help="target languages, comma separated (default: en,kk)")
    parser.add_argument("--out", type=Path, default=Path("output"), help="publication root (default: output/)")
    parser.add_argument("--schemas", type=Path, default=os.environ.get(SCHEMAS_ENV),
                        help=f"folder with the IPTC NewsML-G2 XSDs; when given (or ${SCHEMAS_ENV}), every item is "
                             "validated before anything is published")
    parser.add_argument("--beam", type=int, default=4, help="beam size for decoding (default 4)")
    parser.add_argument("--glossary", type=Path, help="glossary CSV (default: locales/glossary.csv)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kazwire",
        description="Offline trilingual wire pipeline: a Russian article in, Kazakh and English NewsML-G2 and "
                    "HTML editions out. State (installed models, Prefect's database) lives in $KAZWIRE_HOME, "
                    "default ./.kazwire.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="translate and publish an article through the Prefect flow",
                         description="Read a Russian article, translate it offline through the translate_article "
                                     "Prefect flow (a temporary local Prefect server starts by itself) and publish "
                                     "NewsML-G2 items and HTML pages under OUT/<yyyy>/<mm>/<dd>/<slug>/.")
    run.add_argument("article", type=Path, help="Russian article: plain text (headline line, blank-line "
                                                "paragraphs), an HTML page or a NewsML-G2 item")
    _flow_arguments(run)
    run.add_argument("--json", action="store_true", help="print the run report as JSON")

    seg = sub.add_parser("segment", help="show an article's paragraphs, segments and quotes",
                         description="Segment a Russian article and show its paragraphs, segment ids and quotes "
                                     "with their speakers. --json prints the stable contract documented in the README.")
    seg.add_argument("article", type=Path)
    seg.add_argument("--json", action="store_true", help="print the JSON contract instead of the editor's view")

    models = sub.add_parser("models", help="list, install, convert or train translation models")
    msub = models.add_subparsers(dest="models_command", required=True, metavar="ACTION")
    msub.add_parser("list", help="installed models and the bundled demo models")
    install = msub.add_parser("install", help="install a model: PATH.argosmodel, a URL, or argos:ru_en from the "
                                              "Argos index (URL and index need the internet)")
    install.add_argument("source")
    convert = msub.add_parser("convert", help="turn a local Hugging Face Marian/T5/NLLB/M2M100 checkpoint into an "
                                              "Argos package (needs requirements/train.txt)")
    convert.add_argument("checkpoint", type=Path)
    convert.add_argument("--from", dest="from_code", required=True)
    convert.add_argument("--to", dest="to_code", required=True)
    convert.add_argument("--version", default="1.0")
    convert.add_argument("--out", type=Path, required=True, help="the .argosmodel file to write")
    convert.add_argument("--source-prefix", default="", help="token put before every source sentence (>>kaz_Cyrl<<)")
    convert.add_argument("--target-prefix", default="", help="token the decoder starts from (kaz_Cyrl for NLLB)")
    convert.add_argument("--quantization", default="int8")
    train = msub.add_parser("train", help="train a demo model on corpus/ (needs requirements/train.txt)")
    train.add_argument("--to", dest="to_code", choices=("en", "kk"), required=True)
    train.add_argument("--corpus", type=Path, default=Path("corpus/parts"))
    train.add_argument("--out", type=Path, help="default: translators/bundled/translate-ru_<to>-<version>.argosmodel")
    train.add_argument("--version", default="0.1")
    train.add_argument("--epochs", type=int, default=30)
    train.add_argument("--vocab-size", type=int, default=3000)
    train.add_argument("--threads", type=int, default=1)
    train.add_argument("--work", type=Path, default=None, help="scratch folder (default: $KAZWIRE_HOME/train/<pair>)")

    watch = sub.add_parser("watch", help="translate and publish every article dropped into a folder",
                           description="Watch INBOX: each .txt/.html/.xml file dropped there is claimed atomically, "
                                       "run through the translate_article flow and moved to INBOX/done/ or "
                                       "INBOX/failed/ (with a .error.txt saying why).")
    watch.add_argument("inbox", type=Path)
    watch.add_argument("--interval", type=float, default=5.0, help="seconds between looks (default 5)")
    watch.add_argument("--once", action="store_true", help="process what is there now, then stop")
    serve = sub.add_parser("serve", help="serve the flow as a Prefect deployment (for the UI, API and workers)",
                           description="Serve translate_article as a Prefect deployment named NAME; trigger runs "
                                       "with `prefect deployment run 'translate_article/NAME' --param path=...`. "
                                       "Set PREFECT_API_URL to use a real Prefect server.")
    serve.add_argument("--name", default="desk")
    _flow_arguments(watch)
    _flow_arguments(serve)

    check = sub.add_parser("check", help="print the QA flags of a published article",
                           description="Print the QA flags (critical, functional, cosmetic) recorded when an article "
                                       "was published. PATH is its output folder or its manifest.json.")
    check.add_argument("path", type=Path)
    check.add_argument("--strict", action="store_true", help="exit 1 when any flag is critical")

    tm = sub.add_parser("tm", help="translation memory: import or export TMX, add an approved segment")
    tsub = tm.add_subparsers(dest="tm_command", required=True, metavar="ACTION")
    tsub.add_parser("import", help="import approved translations from a TMX file").add_argument("tmx", type=Path)
    tsub.add_parser("export", help="export the memory as TMX").add_argument("tmx", type=Path)
    add = tsub.add_parser("add", help="add one approved translation")
    add.add_argument("source")
    add.add_argument("lang", choices=("en", "kk"))
    add.add_argument("target")

    validate = sub.add_parser("validate", help="validate NewsML-G2 files against the IPTC XSDs")
    validate.add_argument("files", type=Path, nargs="+")
    validate.add_argument("--schemas", type=Path, default=os.environ.get(SCHEMAS_ENV), required=not os.environ.get(SCHEMAS_ENV),
                          help=f"folder with the IPTC XSDs (or ${SCHEMAS_ENV})")
    return parser


def cmd_segment(args) -> int:
    from articles.contract import article_json
    from articles.reader import read_article

    article = read_article(args.article)
    if args.json:
        print(json.dumps(article_json(article), ensure_ascii=False, indent=2))
        return 0
    print(f"# {article.headline.text}")
    for block in article.blocks:
        print(f"\n[{block.index}] {block.id} ({block.kind})")
        for seg in block.segments:
            tag = f" «{seg.quote_id}»" if seg.role == "quote" else f" ←{seg.quote_id}" if seg.role == "attribution" else ""
            print(f"  {seg.id:>8}{tag}: {seg.display}")
    print("\nQuotes:")
    for q in article.quotes:
        where = "headline" if q.paragraph_index is None else f"paragraph {q.paragraph_index}"
        print(f"  {q.id} [{q.kind}] {q.speaker or '?'} ({q.verb or '-'}), {where}: «{q.text[:90]}»")
    if article.normalisations:
        print("\nNormalised for translation (homoglyph fixes also show in the Russian edition):")
        for n in article.normalisations:
            print(f"  {n.block_id} at {n.offset}: {n.original!r} → {n.replacement!r} ({n.reason})")
    for warning in article.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def preflight(args, home: Path) -> None:
    """Fail fast, before Prefect starts: bad input and missing models are the user's to fix."""
    from articles.reader import read_article
    from translators.engine import installed_models
    from translators.pipeline import plan_route

    article = read_article(args.article)
    models = installed_models(home, log=lambda m: print(f"kazwire: {m}", file=sys.stderr))
    for target in args.to:
        plan_route(models, article.language, target)
    if args.schemas is not None:
        from editions.validate import load_schema

        load_schema(Path(args.schemas).resolve())
    for warning in article.warnings:
        print(f"kazwire: warning: {warning}", file=sys.stderr)


def flow_options(args, home: Path):
    """Settings for Prefect first (it reads them when imported), then the flow's options."""
    from flows import settings

    settings.apply(home)
    print("kazwire: starting the Prefect flow (a temporary local server unless PREFECT_API_URL is set; the "
          "first run creates its database and takes ~15 s)", file=sys.stderr, flush=True)
    from flows.translate_article import Options

    return Options(targets=tuple(args.to), out=str(args.out.resolve()), home=str(home),
                   schema_dir=str(Path(args.schemas).resolve()) if args.schemas else None, beam=args.beam,
                   glossary=str(args.glossary.resolve()) if args.glossary else None)


def cmd_run(args, home: Path) -> int:
    preflight(args, home)
    options = flow_options(args, home)
    from flows.translate_article import translate_article

    report = _quiet_heartbeat(lambda: translate_article(str(args.article.resolve()), options))
    if args.json:
        print(json.dumps(asdict(report), ensure_ascii=False, indent=2))
        return 0
    print_report(report, args.out)
    return 0


def _quiet_heartbeat(run):
    # A sync flow joins a heartbeat thread that sleeps in 1 s steps; switching it off saves ~1 s a run.
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        return run()


def print_report(report, out: Path) -> None:
    directory = Path(report.directory)
    try:
        shown = directory.relative_to(Path.cwd())
    except ValueError:
        shown = directory
    print(f"Published version {report.version} in {shown}/")
    print(f"  files: {', '.join(report.files)}")
    print(f"  XSD validation: {'passed' if report.validated else 'skipped (give --schemas DIR)'}")
    print(f"  source: {report.source_segments} segments, {report.source_quotes} quotes")
    print(f"  {'lang':<5}{'segments':>9}{'quotes':>8}{'flags':>7}{'critical':>9}{'seconds':>9}  route")
    for r in report.languages:
        print(f"  {r.language:<5}{r.segments:>9}{r.quotes_kept:>5}/{r.quotes:<2}{r.flags:>7}{r.critical:>9}"
              f"{r.seconds:>9.2f}  {r.route} ({', '.join(r.models)})")
    for warning in report.warnings:
        print(f"  needs a look: {warning}")
    print(f"  total {report.seconds:.1f} s in the flow")


def cmd_models(args, home: Path) -> int:
    from translators import packages as pk

    target_dir = packages_dir(home)
    if args.models_command == "list":
        rows = pk.installed(target_dir)
        print(f"Installed in {target_dir}:" if rows else f"No models installed in {target_dir} yet.")
        for info in rows:
            scores = info.metadata.get("held_out_scores", {})
            score = f" held-out chrF {scores['chrF']}" if scores else ""
            demo = " [demo-grade]" if info.metadata.get("demo_grade") else ""
            print(f"  {info.from_code}→{info.to_code}  {info.model_id}{demo}{score}")
        print("Bundled demo models (installed automatically when a pair has none):")
        for archive in pk.bundled():
            print(f"  {archive.name}")
        return 0
    if args.models_command == "install":
        from translators.remote import fetch_package

        archive = fetch_package(args.source, home)
        info = pk.install(archive, target_dir)
        print(f"installed {info.from_code}→{info.to_code} {info.model_id} in {info.path}")
        return 0
    if args.models_command == "convert":
        from translators.convert import convert_checkpoint

        out = convert_checkpoint(args.checkpoint, args.out, args.from_code, args.to_code, args.version,
                                 quantization=args.quantization, source_prefix=args.source_prefix,
                                 target_prefix=args.target_prefix)
        print(f"wrote {out}")
        return 0
    from translators.train import TrainSettings, build

    out = args.out or Path("translators/bundled") / f"translate-ru_{args.to_code}-{args.version.replace('.', '_')}.argosmodel"
    work = args.work or home / "train" / f"ru_{args.to_code}"
    settings = TrainSettings(vocab_size=args.vocab_size, epochs=args.epochs, threads=args.threads)
    print(f"wrote {build(args.corpus, args.to_code, out, args.version, work, settings)}")
    return 0


def cmd_watch(args, home: Path) -> int:
    from flows.inbox import watch

    if not args.inbox.is_dir():
        raise UsageError(f"{args.inbox}: no such folder (expected the inbox to watch)")
    options = flow_options(args, home)
    from flows.translate_article import translate_article

    def run(path: Path) -> str:
        report = _quiet_heartbeat(lambda: translate_article(str(path), options))
        return f"version {report.version} in {report.directory}"

    outcomes = watch(args.inbox, run, interval=args.interval, once=args.once,
                     log=lambda m: print(f"kazwire: {m}", file=sys.stderr, flush=True))
    return 1 if any(not o.ok for o in outcomes) else 0


def cmd_serve(args, home: Path) -> int:
    options = flow_options(args, home)
    from dataclasses import asdict

    from flows.translate_article import translate_article

    translate_article.serve(name=args.name, parameters={"options": asdict(options)},
                            description="Translate a Russian article (parameter path) and publish its editions.")
    return 0


def cmd_check(args) -> int:
    manifest = args.path / "manifest.json" if args.path.is_dir() else args.path
    if not manifest.is_file():
        raise UsageError(f"{args.path}: no manifest.json (expected a published article folder)")
    data = json.loads(manifest.read_text(encoding="utf-8"))
    critical = 0
    print(f"{data['slug']} version {data['version']} ({', '.join(data['languages'])})")
    for report in data.get("report", {}).get("languages", []):
        flags = report.get("flag_list", [])
        print(f"  {report['language']}: {len(flags)} flags")
        order = {"critical": 0, "functional": 1, "cosmetic": 2}
        for flag in sorted(flags, key=lambda f: (order.get(f["severity"], 3), f["segment_id"])):
            critical += flag["severity"] == "critical"
            print(f"    {flag['severity']:<10} {flag['segment_id'] or '-':<8} {flag['check']:<12} {flag['message']}")
    return 1 if args.strict and critical else 0


def cmd_tm(args, home: Path) -> int:
    from translators.home import memory_path
    from translators.memory import TranslationMemory

    memory = TranslationMemory(memory_path(home))
    if args.tm_command == "import":
        if not args.tmx.is_file():
            raise UsageError(f"{args.tmx}: no such file (expected a TMX file)")
        print(f"imported {memory.import_tmx(args.tmx)} translations into {memory.path}")
    elif args.tm_command == "export":
        print(f"exported {memory.export_tmx(args.tmx)} translations to {args.tmx}")
    else:
        memory.add(args.source, args.lang, args.target)
        print(f"added; the memory holds {len(memory)} translations")
    return 0


def cmd_validate(args) -> int:
    from editions.validate import validate_file

    failed = 0
    for path in args.files:
        report = validate_file(path, Path(args.schemas))
        failed += not report.valid
        print(("VALID   " if report.valid else "INVALID ") + str(path))
        for error in report.errors[:20]:
            print(f"   {error}")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    home = kazwire_home()
    from editions.publish import PublishError
    from editions.validate import SchemaError
    from translators.glossary import GlossaryError
    from translators.packages import PackageError
    from translators.pipeline import NoModelError

    try:
        if args.command == "segment":
            return cmd_segment(args)
        if args.command == "run":
            return cmd_run(args, home)
        if args.command == "models":
            return cmd_models(args, home)
        if args.command == "check":
            return cmd_check(args)
        if args.command == "watch":
            return cmd_watch(args, home)
        if args.command == "serve":
            return cmd_serve(args, home)
        if args.command == "tm":
            return cmd_tm(args, home)
        return cmd_validate(args)
    except (InputError, NoModelError, PackageError, SchemaError, GlossaryError, UsageError) as exc:
        print(f"kazwire: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except PublishError as exc:
        print(f"kazwire: error: nothing was published: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
