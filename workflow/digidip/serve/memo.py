"""Results of pure functions of the tidy tables, kept while the tables they read are unchanged.

make serve recomputes the report in one long-lived process after each edit. Most of what the
report computes reads a few of its tables (where the countries stand among the UN members
reads only official ones), and a one-fact edit changes one or two tables. ``track`` gives a
``Tables`` a digest of each table's text; a function wrapped by ``memo`` records which tables
it reads (every attribute read, in nested calls too) and runs again only when one of those
changed: otherwise it returns (a copy of) what it returned before. A function given tables
without digests simply runs.

A wrapped function must depend on its tables and arguments only (no file, clock or global it
may change); ``WRAPPED`` names the few that make serve wraps, ``tests/test_serve_warm.py``
checks the served report against a full build.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import pickle
import sys
from collections.abc import Callable
from dataclasses import fields

from ..facts.factbase import FactBase
from ..tidy.inputs import TidyInput
from ..tidy.read import Tables

#: The functions that make serve wraps (module: names), the costly ones of a report built
#: after a one-fact edit (measured with cProfile), each a function of its first argument
#: (tables, or the tidy job's input) and its other arguments alone.
WRAPPED = {
    "digidip.analysis.content": ("world_context", "series_grids"),
    "digidip.analysis.comparison": ("key_table", "latest"),
    "digidip.analysis.change": ("changes_by_fact",),
    "digidip.analysis.findings": ("findings", "rank_findings", "internet_findings"),
    # Of the tidy job's input: the official values it publishes do not change with a fact.
    "digidip.tidy.world": ("published_official", "official_observation_rows", "change_rows"),
}
#: Functions of plain data wrapped by their arguments alone (the list of sources, formatted
#: by citeproc-py, is the same after most edits).
BY_ARGUMENTS = {"digidip.render.references": ("format_items",)}
#: Results kept for each function and arguments (an edit and its undo both stay warm).
KEEP = 4

#: The names read by each wrapped call under way, innermost last.
_ACTIVE: list[set[str]] = []
_STORE: dict[tuple, list[tuple[dict[str, str], bytes]]] = {}


class _Recorded:
    """Reports each read of a field in ``_NAMES`` (as ``_PREFIX + name``) to the calls under way."""

    _PREFIX = ""
    _NAMES: frozenset[str] = frozenset()
    _digests: dict[str, str]

    def __getattribute__(self, name: str):
        if _ACTIVE:
            cls = type(self)
            if name in cls._NAMES:
                for seen in _ACTIVE:
                    seen.add(cls._PREFIX + name)
        return object.__getattribute__(self, name)


class Tracked(_Recorded, Tables):
    """Tables whose every table read is recorded; ``_digests`` by field name."""

    _NAMES = frozenset(f.name for f in fields(Tables))

    def focused(self, codes: list[str] | None) -> Tables:
        out = Tables.focused(self, codes)
        if out is not self:  # the same tables, fewer rows: digests of their own
            mark = ",".join(codes or [])
            out._digests = {k: _digest(v, mark) for k, v in self._digests.items()}
        return out


class TrackedInput(_Recorded, TidyInput):
    """What the tidy job reads; its fact base's fields are recorded as ``fb.<field>``."""

    _PREFIX = "src."
    _NAMES = frozenset(f.name for f in fields(TidyInput)) - {"fb"}


class TrackedFacts(_Recorded, FactBase):
    _PREFIX = "fb."
    _NAMES = frozenset(f.name for f in fields(FactBase))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def track(t: Tables, digests: dict[str, str]) -> Tracked:
    """``t`` itself, tracked: ``digests`` gives each field's digest (every field needs one)."""
    missing = Tracked._NAMES - set(digests)
    if missing:
        raise ValueError(f"no digest for the tables {sorted(missing)}")
    t.__class__ = Tracked
    t._digests = dict(digests)
    return t


def track_input(src: TidyInput, static: dict[str, str]) -> TrackedInput:
    """``src`` itself, tracked: its fact base's fields digested here; ``static`` digests the
    other fields (the official tables, sidecars and cross-checks: what a load read)."""
    fb = src.fb
    digests = {
        f"fb.{name}": hashlib.sha256(pickle.dumps(getattr(fb, name))).hexdigest() for name in TrackedFacts._NAMES
    }
    digests["src.countries"] = _digest(*src.countries)
    digests |= {f"src.{k}": v for k, v in static.items()}
    fb.__class__ = TrackedFacts
    src.__class__ = TrackedInput
    fb._digests = src._digests = digests
    return src


def memo(fn: Callable) -> Callable:
    """``fn(tracked, *args)`` computed again only when a field it read, or an argument, changed."""
    if getattr(fn, "_memo", False):
        return fn

    @functools.wraps(fn)
    def wrapper(t, *args, **kwargs):
        digests = t.__dict__.get("_digests") if isinstance(t, _Recorded) else None
        if digests is None:
            return fn(t, *args, **kwargs)
        return _cached(fn, (args, sorted(kwargs.items())), digests, lambda: fn(t, *args, **kwargs))

    wrapper._memo = True
    return wrapper


def memo_args(fn: Callable) -> Callable:
    """``fn(*args)`` of plain data, computed again only when an argument changed."""
    if getattr(fn, "_memo", False):
        return fn

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return _cached(fn, (args, sorted(kwargs.items())), {}, lambda: fn(*args, **kwargs))

    wrapper._memo = True
    return wrapper


def _cached(fn: Callable, arguments: object, digests: dict[str, str], run: Callable) -> object:
    key = (fn.__module__, fn.__qualname__, pickle.dumps(arguments))
    entries = _STORE.setdefault(key, [])
    for reads, result in entries:
        if all(digests.get(name) == d for name, d in reads.items()):
            for seen in _ACTIVE:
                seen.update(reads)
            return pickle.loads(result)  # noqa: S301 (pickled by this process, above)
    seen: set[str] = set()
    _ACTIVE.append(seen)
    try:
        value = run()
    finally:
        _ACTIVE.pop()
    for outer in _ACTIVE:
        outer.update(seen)
    if all(name in digests for name in seen):  # a read it cannot digest: never kept
        entries.insert(0, ({name: digests[name] for name in seen}, pickle.dumps(value)))
        del entries[KEEP:]
    return value


def install() -> None:
    """Wrap the functions ``WRAPPED`` and ``BY_ARGUMENTS`` name, wherever the package's modules
    hold them (``from .change import changes_by_fact`` too), once per process."""
    for wrap, table in ((memo, WRAPPED), (memo_args, BY_ARGUMENTS)):
        for module_name, names in table.items():
            module = importlib.import_module(module_name)
            for name in names:
                original = getattr(module, name)
                wrapped = wrap(original)
                for other in [m for n, m in sys.modules.items() if n.startswith("digidip.") and m is not None]:
                    for attr, value in list(vars(other).items()):
                        if value is original:
                            setattr(other, attr, wrapped)


def clear() -> None:
    """Forget every result (the code or the official tables changed)."""
    _STORE.clear()
