"""Validate items against the official IPTC XSDs (a directory the user provides) plus XHTML sanity checks."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

NEWSML_XSD = "NewsML-G2_2.35-spec-All-Power.xsd"
NITF_XSD = "nitf-3-6.xsd"
IPTC_URL = "https://iptc.org/standards/newsml-g2/ (XSDs in github.com/iptc/newsml-g2, folder specification/)"


class SchemaError(ValueError):
    """The schema directory is missing or does not hold the IPTC XSDs."""


@dataclass(frozen=True)
class Report:
    name: str
    errors: tuple[str, ...]

    @property
    def valid(self) -> bool:
        return not self.errors


@lru_cache(maxsize=4)
def load_schema(schema_dir: Path) -> etree.XMLSchema:
    """NewsML-G2 plus NITF through a wrapper, so NITF inside inlineXML is checked too."""
    newsml = schema_dir / NEWSML_XSD
    if not newsml.is_file():
        raise SchemaError(f"{schema_dir}: no {NEWSML_XSD} here; download the IPTC schemas from {IPTC_URL}")
    imports = f'<xs:import namespace="http://iptc.org/std/nar/2006-10-01/" schemaLocation="{newsml.resolve().as_uri()}"/>'
    if (schema_dir / NITF_XSD).is_file():
        imports += (f'<xs:import namespace="http://iptc.org/std/NITF/2006-10-18/" '
                    f'schemaLocation="{(schema_dir / NITF_XSD).resolve().as_uri()}"/>')
    wrapper = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    # no network: every import is a local file
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.XML(wrapper, parser))


def check_xhtml(tree) -> list[str]:
    """What the XSD cannot see inside inlineXML: unique ids and resolvable cite references."""
    errors = []
    ids = [el.get("id") for el in tree.iter() if isinstance(el.tag, str) and el.get("id")]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        errors.append(f"duplicate ids: {', '.join(dupes[:5])}")
    known = set(ids)
    for el in tree.iter():
        if isinstance(el.tag, str) and (el.get("cite") or "").startswith("#") and el.get("cite")[1:] not in known:
            errors.append(f"cite {el.get('cite')} points at no element")
    return errors


def validate_tree(tree, schema_dir: Path, name: str = "item") -> Report:
    schema = load_schema(schema_dir.resolve())
    ok = schema.validate(tree)
    errors = [] if ok else [f"line {e.line}: {e.message}" for e in schema.error_log]
    return Report(name, tuple(errors + check_xhtml(tree)))


def validate_file(path: Path, schema_dir: Path) -> Report:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    try:
        tree = etree.parse(str(path), parser)
    except etree.XMLSyntaxError as exc:
        return Report(str(path), (f"line {exc.lineno}: {exc.msg}",))
    return validate_tree(tree, schema_dir, str(path))
