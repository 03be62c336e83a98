"""Build, watch, rebuild: the long-lived part of make serve.

A rebuild is Snakemake's ``preview`` target (HTML only, never published): each rule carries
the content hash of its inputs, so an edit reruns only the jobs that depend on the changed
file (the country's slice and page, the report), and a bad edit stops the build with the
message ``make report`` prints, which the server then shows in the page.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from watchfiles import Change, watch

from ..common.inputfiles import is_artefact
from .http import State

#: What an edit can change in the preview: the facts, the notebook, the package (its
#: templates included), the rules and the configuration.
WATCHED = ("data/raw", "notebooks", "workflow", "config", "Snakefile")
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
    state.finished(_build(builder, report))
    for changes in watch(*paths, watch_filter=relevant, stop_event=stop, debounce=100, step=20, rust_timeout=200):
        names = sorted({Path(p).name for _, p in changes})
        report(f"changed: {', '.join(names)}; rebuilding")
        state.finished(_build(builder, report))


def _build(builder: Builder, report: Callable[[str], None]) -> str | None:
    error = builder.run()
    report("preview rebuilt" if error is None else "build failed: the page shows why")
    return error
