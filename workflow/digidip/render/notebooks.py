"""Execute the country notebook with papermill and render it to HTML with nbconvert.

Kernels run over IPC sockets in a runtime directory private to the job, so notebooks
executed concurrently (several cores, or cluster jobs sharing a node) never race for TCP
ports or share connection files. The rendered page hides code, carries no script and
loads nothing from the network.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import nbformat

from ..common.atomic import atomic_path

log = logging.getLogger(__name__)

#: The tag of the cells papermill adds to a notebook that failed, to point at the failure.
PAPERMILL_ERROR_TAG = "papermill-error-cell-tag"
#: Notebook metadata that changes from run to run (timestamps, durations, versions).
VOLATILE_METADATA = ("papermill", "execution", "widgets")


@contextlib.contextmanager
def private_runtime_dir() -> Iterator[Path]:
    """A fresh JUPYTER_RUNTIME_DIR for one execution, removed afterwards."""
    old = os.environ.get("JUPYTER_RUNTIME_DIR")
    with tempfile.TemporaryDirectory(prefix="digidip-kernel-") as tmp:
        os.environ["JUPYTER_RUNTIME_DIR"] = tmp
        try:
            yield Path(tmp)
        finally:
            if old is None:
                os.environ.pop("JUPYTER_RUNTIME_DIR", None)
            else:
                os.environ["JUPYTER_RUNTIME_DIR"] = old


def _ipc_kernel_manager():
    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        """Kernel manager talking over Unix sockets instead of TCP ports."""

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.ip = str(Path(os.environ["JUPYTER_RUNTIME_DIR"]) / "kernel")

    return IPCKernelManager


class NotebookFailed(RuntimeError):
    """A cell raised; the message names the cell and shows its source and the error."""


def strip_volatile(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop run-dependent metadata so an executed notebook depends only on its inputs."""
    for key in VOLATILE_METADATA:
        nb.metadata.pop(key, None)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
        for key in VOLATILE_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            cell["execution_count"] = None
            for out in cell.get("outputs", []):
                if "execution_count" in out:
                    out["execution_count"] = None
    return nb


def _engine_options(engine: str, kernel_name: str) -> dict:
    """papermill's options for an engine: in this process, or in a kernel over IPC sockets."""
    if engine == "inprocess":
        from .inprocess import ENGINE

        return {"engine_name": ENGINE}
    if engine == "kernel":
        return {"kernel_name": kernel_name, "kernel_manager_class": _ipc_kernel_manager()}
    raise ValueError(f"unknown notebook engine {engine!r}; expected 'inprocess' or 'kernel'")


def route_stderr(nb: nbformat.NotebookNode, label: str) -> nbformat.NotebookNode:
    """Move every cell's stderr (warnings are written there) out of the notebook into the job's
    log: it is the build's business, with the build machine's paths in it, never a reader's."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        kept = []
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                text = "".join(out.get("text", ""))
                print(f"{label}, cell {i}, stderr:\n{textwrap.indent(text.rstrip(), '    ')}", file=sys.stderr)
            else:
                kept.append(out)
        cell["outputs"] = kept
    return nb


def execute(
    source: Path | str,
    output: Path | str,
    parameters: dict,
    kernel_name: str,
    cwd: Path | str,
    timeout: int = 120,
    engine: str = "inprocess",
) -> None:
    """Convert the jupytext source, execute it with ``parameters``, write the .ipynb atomically.

    ``engine`` "inprocess" runs the cells in this process (``inprocess.py``); "kernel" starts
    the Jupyter kernel ``kernel_name``. A cell running longer than ``timeout`` seconds stops
    the execution with a clear message. What the cells write to stderr goes to this process's
    stderr (the job's log), not into the notebook (``route_stderr``), even when a cell fails.
    """
    import jupytext
    import papermill as pm

    nb = jupytext.read(source)
    nb.metadata["kernelspec"] = {"name": kernel_name, "display_name": kernel_name, "language": "python"}
    label = f"notebook {source} for {output}"
    with private_runtime_dir() as runtime, atomic_path(output) as tmp:
        src = runtime / "input.ipynb"
        nbformat.write(nb, src)
        try:
            pm.execute_notebook(
                str(src),
                str(tmp),
                parameters=parameters,
                cwd=str(cwd),
                progress_bar=False,
                log_output=False,
                # Written once at the end (and on a failure), not again after every cell.
                request_save_on_cell_execute=False,
                execution_timeout=timeout,
                **_engine_options(engine, kernel_name),
            )
        except Exception as err:
            _log_stderr_of(tmp, label)  # what the cells wrote before the failure explains it
            raise _failure(err, timeout) from None
        executed = nbformat.read(tmp, as_version=4)
        nbformat.write(strip_volatile(route_stderr(executed, label)), tmp)


def _log_stderr_of(path: Path | str, label: str) -> None:
    """The stderr of a notebook that failed (papermill writes it out before raising), if any."""
    try:
        nb = nbformat.read(path, as_version=4)
    except (OSError, ValueError):
        return  # the failure came before papermill wrote anything: no cell ran
    # papermill marks the failure with cells of its own; without them, cells count as in
    # describe_failure (the injected parameters cell included).
    nb.cells = [c for c in nb.cells if PAPERMILL_ERROR_TAG not in c.get("metadata", {}).get("tags", [])]
    route_stderr(nb, label)


def _failure(err: Exception, timeout: int) -> Exception:
    """A failed execution as a NotebookFailed naming the cell, or ``err`` itself."""
    import papermill as pm

    if isinstance(err, pm.PapermillExecutionError):
        if err.ename == "CellTimeoutError":
            return NotebookFailed(_timed_out(timeout, err.evalue))
        return NotebookFailed(describe_failure(err))
    if type(err).__name__ == "CellTimeoutError":  # nbclient's timeout, raised rather than recorded
        return NotebookFailed(_timed_out(timeout, err))
    return err


def _timed_out(timeout: int, detail: object) -> str:
    return f"a cell ran longer than {timeout} s and was stopped (notebook_timeout in config/config.yaml): {detail}"


ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def describe_failure(err: Exception) -> str:
    """A readable account of a failed notebook: which cell, its source, and the error."""
    ename = getattr(err, "ename", type(err).__name__)
    evalue = getattr(err, "evalue", str(err))
    lines = [f"the notebook failed: {ename}: {evalue}"]
    source = getattr(err, "source", None)
    if source:
        lines.append(f"in cell {getattr(err, 'cell_index', '?')} (counting the injected parameters cell):")
        lines += [f"    {line}" for line in source.splitlines()]
    tb = getattr(err, "traceback", None)
    if tb:
        lines.append("traceback (last lines):")
        lines += [ANSI.sub("", t) for t in tb[-3:]]
    return "\n".join(lines)


def render_body(notebook: Path | str) -> str:
    """The executed notebook as an HTML fragment: outputs and prose, no code, no prompts."""
    body, _ = _exporter().from_filename(str(notebook))
    return body


@functools.cache
def _exporter():
    """One exporter per process (its templates are loaded once): a profile job renders a
    batch of countries, make serve a country after every edit."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    cfg = Config()
    cfg.TagRemovePreprocessor.remove_cell_tags = ("remove-cell",)
    cfg.TagRemovePreprocessor.enabled = True
    return HTMLExporter(
        config=cfg,
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        # No permalink on headings: nbconvert's is a link with no text of its own, which a
        # screen reader announces as an empty link; nothing links to the headings.
        exclude_anchor_links=True,
    )


def scope_fragment(body: str, iso3: str, shift: int = 0) -> str:
    """Make a rendered body safe to embed beside others: prefix its ids (and the references
    to them: fragment links, a region's aria-labelledby), point its data links from the
    report's folder, shift heading levels."""

    def ids(m: re.Match) -> str:
        return f'{m.group(1)}="{iso3}-{m.group(2)}"'

    body = re.sub(r'\b(id|aria-labelledby)="([^"]+)"', ids, body)
    body = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{iso3}-{m.group(1)}"', body)
    # A page's link to the data of its figures, from the report's folder instead of the pages'.
    body = body.replace('href="../figures/', 'href="figures/')
    if shift:
        body = re.sub(r"<(/?)h([1-6])\b", lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + shift, 6)}", body)
    return body
