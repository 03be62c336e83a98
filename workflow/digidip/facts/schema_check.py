"""The schema pass: each raw file's shape against its JSON Schema, in a curator's words.

jsonschema's messages are written for programmers; here every error becomes a Problem
naming the file, the record (its id, or its position) and the field.
"""

from __future__ import annotations

from jsonschema.exceptions import ValidationError as JsonSchemaError
from jsonschema.exceptions import best_match
from referencing.exceptions import Unresolvable

from .problems import Problem, record_of, shown
from .schemas import registry, validator


def _declared_properties(schema: object) -> set[str]:
    """Property names ``schema`` declares itself or through ``allOf`` (following ``$ref``).

    These are the names ``unevaluatedProperties`` may see as evaluated. jsonschema drops the
    annotations of a failing ``allOf`` branch, so one wrong value in an observation would
    otherwise turn every other field of the record into an "unknown field".
    """
    if not isinstance(schema, dict):
        return set()
    names = set(schema.get("properties") or {})
    for sub in schema.get("allOf") or []:
        if isinstance(sub, dict) and "$ref" in sub:
            try:
                sub = registry().resolver().lookup(sub["$ref"]).contents
            except Unresolvable:
                continue
        names |= _declared_properties(sub)
    return names


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _message(err: JsonSchemaError) -> str:
    """A curator-readable message for one schema error (jsonschema's own wording is for programmers)."""
    kind, want, got = err.validator, err.validator_value, err.instance
    if kind == "type":
        want = " or ".join(want) if isinstance(want, list) else want
        return f"expected {want}, got {type(got).__name__} {shown(got)}"
    if kind == "enum":
        return f"{shown(got)} is not one of: {', '.join(str(v) for v in want if v is not None)}"
    if kind == "pattern":
        desc = err.schema.get("description", "") if isinstance(err.schema, dict) else ""
        desc = desc[:1].lower() + desc[1:]
        return f"{shown(got)} has the wrong form; expected {desc or want}"
    if kind == "minimum":
        return f"expected a number of at least {want}, got {shown(got)}"
    if kind == "maxLength":
        return f"text of {len(got):,} characters, over this field's limit of {want:,}; shorten it"
    if kind == "minLength":
        return "expected non-empty text" if want == 1 else f"expected text of at least {want} characters"
    if kind == "minItems":
        return f"expected a list of at least {_plural(want, 'item')}, got {_plural(len(got), 'item')}"
    if kind in ("anyOf", "oneOf") and err.context:
        # "is not valid under any of the given schemas" names no reason. The alternatives
        # here are a value or null: report why the value branch failed.
        tried = [e for e in err.context if not (e.validator == "type" and e.validator_value == "null")]
        if tried:
            return _message(best_match(tried))
    return err.message if len(err.message) <= 300 else f"{err.message[:300]}... (cut)"


def schema_problems(name: str, schema: str, doc: object) -> list[Problem]:
    problems = []
    for err in validator(schema).iter_errors(doc):
        path = list(err.absolute_path)
        record, inner = record_of(doc, path)
        fld = ".".join(str(p) for p in inner)
        if err.validator in ("additionalProperties", "unevaluatedProperties"):
            allowed = sorted(_declared_properties(err.schema))
            extra = sorted(set(err.instance) - set(allowed), key=str) if isinstance(err.instance, dict) else []
            if not extra:
                continue  # only the echo of another error in the record, reported on its own
            for key in extra:
                sub = f"{fld}.{key}" if fld else str(key)
                hint = f"; allowed here: {', '.join(allowed)}" if allowed else ""
                problems.append(Problem(name, record, sub, f"unknown field{hint}"))
            continue
        if err.validator == "required":
            missing = err.message.split("'")[1] if "'" in err.message else err.message
            sub = f"{fld}.{missing}" if fld else missing
            problems.append(Problem(name, record, sub, "missing required field"))
            continue
        problems.append(Problem(name, record, fld, _message(err)))
    return problems
