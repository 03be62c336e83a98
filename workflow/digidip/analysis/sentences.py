"""Generated prose as plain data: every sentence of a reading built from its values.

A sentence is a list of parts. Text parts are the words the program writes around the
values, and never hold a digit: every number in a generated sentence is a value part, so no
number can be typed by hand. Value parts are a year, a number of an indicator's kind, a
signed change, country names, citations of facts, quality items, a figure, counts of
sources by kind, or a label taken from the data (a group's or a goal's name). ``basis``
lists what the sentence rests on (the facts it cites, the quality items it names, the
values it states), so each sentence can be traced; the templates only write the parts
(``render/templates/reading.html.j2``).

    say("{who:names} fell from {was:n} to {now:n}{src:cite}.", who=["TKM"], was=137, now=145, src=[...])
"""

from __future__ import annotations

import re

FIELD = re.compile(r"\{(\w+)(?::(\w+))?\}")

#: Number formats: the part's ``kind`` is the kind ``analysis.numbers.num`` rounds by.
NUMBERS = {"n": "rank", "index": "index", "percent": "percent", "score": "score"}
SIGNED = {"signed": "rank", "signed_index": "index", "signed_percent": "percent"}


class HandTypedNumber(ValueError):
    """A generated sentence's own words hold a digit: the number was not computed."""


def _text(parts: list[dict], text: str, template: str) -> None:
    if re.search(r"\d", text):
        raise HandTypedNumber(f"a number in a generated sentence must be a value, not text: {template!r}")
    if text:
        parts.append({"text": text})


def _part(name: str, fmt: str, value: object) -> tuple[dict, list[str]]:
    """One value part and what it adds to the sentence's basis."""
    if fmt == "year":
        return {"year": int(value)}, [f"value:{name}"]  # type: ignore[call-overload]
    if fmt in NUMBERS:
        return {"num": float(value), "kind": NUMBERS[fmt]}, [f"value:{name}"]  # type: ignore[arg-type]
    if fmt in SIGNED:
        return {"signed": float(value), "kind": SIGNED[fmt]}, [f"value:{name}"]  # type: ignore[arg-type]
    if fmt == "names":
        return {"names": list(value)}, [f"value:{name}"]  # type: ignore[call-overload]
    if fmt == "cite":
        rows = [{"fact_id": r["fact_id"], "source": r["source"]} for r in value]  # type: ignore[attr-defined]
        return {"cite": rows}, [f"fact:{r['fact_id']}" for r in rows]
    if fmt == "quality":
        return {"quality": list(value)}, [f"quality:{q}" for q in value]  # type: ignore[attr-defined]
    if fmt == "fig":
        return {"fig": str(value)}, [f"figure:{value}"]
    if fmt == "kinds":
        return {"kinds": dict(value)}, [f"value:{name}"]  # type: ignore[call-overload]
    if fmt == "label":
        return {"label": str(value)}, [f"value:{name}"]
    raise ValueError(f"unknown format {fmt!r} of field {name!r}")


def say(template: str, **values: object) -> dict:
    """One sentence: ``template``'s words around its ``{name:format}`` fields, each filled
    with ``values[name]`` as a value part (formats: year, n, index, percent, score, signed,
    signed_index, signed_percent, names, cite, quality, fig, kinds, label)."""
    parts: list[dict] = []
    basis: list[str] = []
    pos = 0
    for m in FIELD.finditer(template):
        _text(parts, template[pos : m.start()], template)
        name, fmt = m.group(1), m.group(2) or "label"
        if name not in values:
            raise KeyError(f"field {name!r} of {template!r} has no value")
        part, rests_on = _part(name, fmt, values[name])
        parts.append(part)
        basis += rests_on
        pos = m.end()
    _text(parts, template[pos:], template)
    if not basis:
        raise ValueError(f"a generated sentence must state a computed value or a decision: {template!r}")
    return {"parts": parts, "basis": sorted(set(basis))}


def clauses(items: list[str]) -> str:
    """Template fragments joined as a reader lists them: "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def all_of(key: str, n: int) -> str:
    """The fragment for every one of ``n`` things: "both" for two, else "all {key:n}"."""
    return "both" if n == 2 else f"all {{{key}:n}}"


def plural(n: int, one: str, many: str) -> str:
    """The word for ``n`` things (the number itself is a value part of the sentence)."""
    return one if n == 1 else many
