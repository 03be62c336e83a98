"""Validate the fact base once per content: a cache keyed on every byte validation reads.

Snakemake loads the workflow (and so validates every raw file) on each invocation, dry
runs and no-op rebuilds included. The key is a hash of every path and file under data/raw/, the schemas, the
validator's own code, the fonts text is checked against and the official fact ids records may cite, so any edit to any of them validates afresh; an unchanged tree is
loaded from the cache in milliseconds. Only successful validations are cached.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

from ..common import fonts
from ..common.atomic import write_text
from ..common.inputfiles import files, tree
from .factbase import FactBase
from .schemas import SCHEMA_DIR
from .validate import load_factbase


def code_files() -> list[Path]:
    """The code validation runs (derived from its imports): a change to any revalidates."""
    from ..common.codedeps import closure, module_file

    return sorted(module_file(m) for m in closure({"digidip.facts.validate", "digidip.facts.cache"}))


def key(raw: Path, known_ids: frozenset[str] = frozenset()) -> str:
    h = hashlib.sha256("\n".join(sorted(known_ids)).encode())
    # Every path under data/raw/, not only the YAML files: a stray file or folder fails
    # validation (facts/inventory.py), so adding one must not hit a cached success. An
    # editor's or a system's artefact is no input (common/inputfiles.py): no new key.
    for path in tree(raw):
        h.update(b"raw/" + path.relative_to(raw).as_posix().encode() + (b"/\0" if path.is_dir() else b"\0"))
        h.update(path.read_bytes() if path.is_file() else b"")
    for path in [p for p in files(SCHEMA_DIR) if p.suffix == ".yaml"] + code_files():
        h.update(str(path.relative_to(path.parent.parent)).encode() + b"\0")
        h.update(path.read_bytes())
    # Text is checked against the fonts' glyphs (facts/glyphs.py): another font, another answer.
    for path in fonts.text_fonts():
        h.update(b"font/" + path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def load(
    raw: Path | str,
    cache: Path | str,
    root: Path | str | None = None,
    known_ids: set[str] | frozenset[str] = frozenset(),
) -> FactBase:
    """``load_factbase`` with a content-keyed cache in ``cache`` (a JSON file).

    ``known_ids`` are fact ids that exist outside the curated files (the official
    statistics' ids); records may cite them. They are part of the key.
    """
    raw, cache = Path(raw), Path(cache)
    known_ids = frozenset(known_ids)
    digest = key(raw, known_ids)
    try:
        doc = json.loads(cache.read_text(encoding="utf-8"))
        if doc.get("key") == digest:
            return FactBase(**doc["factbase"])
    except (OSError, ValueError, TypeError, KeyError):
        pass  # no cache, or an unreadable one: validate
    fb = load_factbase(raw, root=root, known_ids=known_ids)
    write_text(cache, json.dumps({"key": digest, "factbase": dataclasses.asdict(fb)}, ensure_ascii=False))
    return fb
