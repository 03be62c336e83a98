"""No test writes into the checkout: caches, logs, build products and screenshots go to copies
and folders under pytest's temporary directory, so running the tests leaves the working tree
as it was (bar pytest's own: .pytest_cache/, and conftest's bytecode, written before any
of this runs).

Two checks, by the path, size and mtime of everything under the checkout but what is
unwatched: after each test module (an autouse fixture, so a failure names the module), and
over the whole session, from before collection to its end (what importing the test modules
writes, or a session fixture's teardown). An edit made by hand while the tests run is a
change too: the message says so.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Never watched: git's own files, the installed environments, pytest's cache.
UNWATCHED = (".git", ".venv", "tools/node_modules", ".pytest_cache")
BEFORE = pytest.StashKey[dict]()
FOUND = pytest.StashKey[str]()


def tree_state(root: Path, unwatched: tuple[str, ...]) -> dict[str, tuple[int, int] | None]:
    """Every path under ``root`` but the unwatched: a file's size and mtime, None for a folder."""
    state: dict[str, tuple[int, int] | None] = {}
    for folder, dirs, files in os.walk(root):
        rel = Path(folder).relative_to(root)
        dirs[:] = [d for d in dirs if (rel / d).as_posix() not in unwatched]
        state.update({f"{(rel / d).as_posix()}/": None for d in dirs})
        for name in files:
            st = os.lstat(Path(folder) / name)
            state[(rel / name).as_posix()] = (st.st_size, st.st_mtime_ns)
    return state


def tree_changes(before: dict, after: dict) -> list[str]:
    """What was added, removed or rewritten between two ``tree_state`` calls."""
    return sorted(
        [f"added {p}" for p in after.keys() - before.keys()]
        + [f"removed {p}" for p in before.keys() - after.keys()]
        + [f"rewrote {p}" for p in before.keys() & after.keys() if before[p] != after[p]]
    )


def unwatched(basetemp: Path | str | None) -> tuple[str, ...]:
    """UNWATCHED, and pytest's temporary directory if --basetemp puts it in the checkout."""
    if basetemp is None:
        return UNWATCHED
    base = Path(basetemp).resolve()
    return (*UNWATCHED, base.relative_to(ROOT).as_posix()) if base.is_relative_to(ROOT) else UNWATCHED


def message(what: str, changes: list[str]) -> str:
    listed = "\n".join(changes[:40]) + (f"\n... and {len(changes) - 40} more" if len(changes) > 40 else "")
    return f"{what} wrote into the checkout {ROOT} (or it was edited meanwhile):\n{listed}"


def pytest_configure(config):
    config.stash[BEFORE] = tree_state(ROOT, unwatched(config.option.basetemp))


@pytest.fixture(scope="module", autouse=True)
def checkout_untouched(request, tmp_path_factory):
    """Fails the module after whose tests the checkout is not as it was before them."""
    skip = unwatched(tmp_path_factory.getbasetemp())
    before = tree_state(ROOT, skip)
    yield
    changes = tree_changes(before, tree_state(ROOT, skip))
    if changes:
        pytest.fail(message(request.module.__name__, changes), pytrace=False)


def pytest_sessionfinish(session, exitstatus):
    before = session.config.stash.get(BEFORE, None)
    if before is None:
        return
    changes = tree_changes(before, tree_state(ROOT, unwatched(session.config.option.basetemp)))
    if changes:
        session.config.stash[FOUND] = message("this test session", changes)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Said last, under the other summaries (the session's own check runs as it ends)."""
    if found := config.stash.get(FOUND, None):
        terminalreporter.write_sep("=", "the checkout was written to", red=True)
        terminalreporter.write_line(found)
