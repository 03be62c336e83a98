"""JSON Schemas of the raw fact files, loaded from workflow/schemas/ with their shared $defs."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from ..common.inputfiles import files

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
# libyaml's parser where PyYAML has it: the schemas are read whenever the workflow loads.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def _schema(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader


@cache
def registry() -> Registry:
    resources = []
    for path in [p for p in files(SCHEMA_DIR) if p.name.endswith(".schema.yaml")]:
        resources.append((path.name, Resource.from_contents(_schema(path))))
    return Registry().with_resources(resources)


@cache
def validator(name: str) -> Draft202012Validator:
    """The validator for ``<name>.schema.yaml`` (e.g. "country")."""
    return Draft202012Validator(_schema(SCHEMA_DIR / f"{name}.schema.yaml"), registry=registry())
