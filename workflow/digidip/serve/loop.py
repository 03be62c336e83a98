"""Build, watch, rebuild: the long-lived part of make serve.

The first build is Snakemake's ``preview`` target (HTML only, never published). After it,
an edit to country files is redone in this process (``WarmBuilder``, ``warm.py``: about a
second, no Snakemake); any other edit (a shared raw file, the notebook, the code, the
configuration, a country added or removed) runs the ``preview`` target again, whose rules
carry the content hash of their inputs, so only the jobs that depend on the change rerun.
A bad edit stops either with the message ``make report`` prints, which the server then
shows in the page.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from watchfiles import Change, watch

from ..common.inputfiles import is_artefact
from .http import State
from .warm import Fallback, Warm, country_of

#: What an edit can change in the preview: the facts, the notebook, the package (its
#: templates included), the rules and the configuration.
WATCHED = ("data/raw", "notebooks", "workflow", "config", "Snakefile")
#: How long the watcher waits for more changes after one (ms): an editor's save is one batch.
DEBOUNCE_MS = 50
#: The lines of a failed build's output the page shows (its end holds the message).
TAIL = 80
#: How long a build may take to stop after each signal.
STOP_S = 20


def snakemake_preview(cores: str) -> list[str]:
    """The command of one preview build, with the environment's own Snakemake."""
    exe = Path(sys.executable).with_name("snakemake")
    return [str(exe), "--profile", "workflow/profiles/local", "--cores", cores, "preview"]


class Builder:
    """Runs one build at a time; ``stop`` interrupts the running one as Ctrl-C would."""

    def __init__(self, command: Sequence[str], cwd: Path) -> None:
        self.command = list(command)
        self.cwd = cwd
        self._proc: subprocess.Popen | None = None
        self.by = "build"  # how the last build was made (State.by)

    def rebuild(self, changes: set | None = None) -> str | None:
        """The build after ``changes`` (None: the first one): here always Snakemake's."""
        return self.run()

    def run(self) -> str | None:
        """None when the build succeeded, else its output's last lines (its message)."""
        self._proc = subprocess.Popen(
            self.command, cwd=self.cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        out, _ = self._proc.communicate()
        code, self._proc = self._proc.returncode, None
        if code == 0:
            return None
        return "\n".join(out.rstrip().splitlines()[-TAIL:]) or f"the build exited with status {code}"

    def stop(self) -> None:
        """SIGINT, as the terminal's Ctrl-C, then SIGTERM: on either Snakemake stops its jobs
        and removes its lock and incomplete files; only a build deaf to both is killed."""
        proc = self._proc
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
            if proc is None or proc.poll() is not None:
                return
            proc.send_signal(sig)
            try:
                proc.wait(timeout=STOP_S)
            except subprocess.TimeoutExpired:
                continue


class WarmBuilder(Builder):
    """Snakemake's build first and for any edit but a country file's, the warm rebuild of
    ``warm.Warm`` for those; a failed Snakemake build leaves the warm state unused until a
    build succeeds again."""

    def __init__(self, command: Sequence[str], cwd: Path, warm: Warm) -> None:
        super().__init__(command, cwd)
        self.warm = warm

    def rebuild(self, changes: set | None = None) -> str | None:
        edited = {country_of(self.cwd, Path(p)) for _, p in changes or ()}
        self.by = "build"
        if changes and self.warm.loaded and None not in edited:
            try:
                error = self.warm.rebuild(sorted(edited))
                self.by = "warm"
                return error
            except Fallback:
                pass  # a country added or removed: the workflow's business
            except Exception as err:  # a fault of the warm path is never the page's: build
                print(f"(warm rebuild failed, building instead: {type(err).__name__}: {err})", flush=True)
        error = self.run()
        self.warm.loaded = False
        if error is None:
            try:
                self.warm.load()
            except Exception as err:  # the pages are still served: from the preview build
                self.warm.stop()
                self.warm.copy_pages()
                print(f"(warm rebuilds off until the next build: {type(err).__name__}: {err})", flush=True)
        return error

    def stop(self) -> None:
        super().stop()
        self.warm.stop()


def relevant(change: Change, path: str) -> bool:
    """Editors' swap files, bytecode and the like never start a build."""
    p = Path(path)
    return not is_artefact(p) and "__pycache__" not in p.parts and p.suffix != ".pyc"


def run(
    builder: Builder,
    state: State,
    paths: Iterable[Path],
    stop: threading.Event,
    report: Callable[[str], None] = print,
) -> None:
    """Build once, then once after every batch of changes, until ``stop`` is set."""
    state.finished(_build(builder, None, report), builder.by)
    for changes in watch(
        *paths, watch_filter=relevant, stop_event=stop, debounce=DEBOUNCE_MS, step=20, rust_timeout=200
    ):
        names = sorted({Path(p).name for _, p in changes})
        report(f"changed: {', '.join(names)}; rebuilding")
        state.finished(_build(builder, changes, report), builder.by)


def _build(builder: Builder, changes: set | None, report: Callable[[str], None]) -> str | None:
    start = time.perf_counter()
    error = builder.rebuild(changes)
    took = f" in {time.perf_counter() - start:.1f} s"
    report(f"preview rebuilt{took}" if error is None else f"build failed{took}: the page shows why")
    return error
