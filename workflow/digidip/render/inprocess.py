"""A papermill engine that runs a notebook's cells in this process: no kernel to start.

A Jupyter kernel costs a process, its start-up and a second import of everything the
notebook uses; for a short notebook run once per country that is most of the job. This
engine keeps papermill (parameters, the executed .ipynb, its error handling) and swaps
only the executor for an IPython shell inside the job's own process. What a kernel would
record, it records the same way:

* ``display(...)`` becomes a ``display_data`` output and a cell's last expression an
  ``execute_result`` (IPython formats both, as in the kernel);
* text written to stdout or stderr becomes ``stream`` outputs, in order (warnings are written
  to stderr, each notebook's as in a fresh process; ``notebooks.execute`` then moves the
  stderr to the job's log);
* an exception becomes an ``error`` output carrying IPython's own structured traceback,
  and execution stops there, so papermill raises ``PapermillExecutionError`` naming the
  cell exactly as it does for a kernel;
* each notebook starts from an empty namespace (``reset``), so notebooks run one after
  another in a process never see each other's variables;
* a cell running longer than the timeout is interrupted (SIGALRM) and reported as a
  ``CellTimeoutError``.

``tests/test_inprocess.py`` runs the country notebook through both engines and compares
the outputs.
"""

from __future__ import annotations

import signal
import sys
import warnings
from contextlib import contextmanager
from typing import ClassVar

import nbformat
from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from papermill.engines import Engine, papermill_engines

#: The name papermill knows this engine by.
ENGINE = "digidip-inprocess"


class CellTimeoutError(Exception):
    """A cell ran longer than the notebook timeout."""


class _Publisher(DisplayPublisher):
    """``display(...)`` -> a display_data output of the running cell."""

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False):
        self.shell.sink.append(nbformat.v4.new_output("display_data", data=data, metadata=metadata or {}))

    def clear_output(self, wait=False):
        self.shell.sink.clear()


class _Hook(DisplayHook):
    """A cell's last expression -> an execute_result output (no prompt printed)."""

    def write_output_prompt(self):
        pass

    def write_format_data(self, format_dict, md_dict=None):
        out = nbformat.v4.new_output("execute_result", data=format_dict, metadata=md_dict or {})
        self.shell.sink.append(out)


class _Stream:
    """stdout or stderr -> stream outputs, consecutive writes merged as a kernel merges them."""

    def __init__(self, shell: _Shell, name: str):
        self.shell, self.name = shell, name

    def write(self, text: str) -> int:
        sink = self.shell.sink
        if sink and sink[-1].get("output_type") == "stream" and sink[-1].get("name") == self.name:
            sink[-1]["text"] += text
        elif text:
            sink.append(nbformat.v4.new_output("stream", name=self.name, text=text))
        return len(text)

    def flush(self) -> None:
        pass


class _Shell(InteractiveShell):
    """An IPython shell whose outputs land in ``sink`` instead of the terminal."""

    displayhook_class = _Hook
    display_pub_class = _Publisher
    sink: ClassVar[list] = []

    def _showtraceback(self, etype, evalue, stb):
        # What a kernel sends as the error message: the name, the value, IPython's traceback.
        self.sink.append(nbformat.v4.new_output("error", ename=etype.__name__, evalue=str(evalue), traceback=stb))


@contextmanager
def _captured(shell: _Shell, outputs: list, timeout: int | None):
    """Route the shell's outputs to ``outputs`` and arm the timeout for one cell."""

    def expire(signum, frame):
        raise CellTimeoutError(f"Cell execution timed out after {timeout} s")

    shell.sink = outputs
    old_out, old_err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Stream(shell, "stdout"), _Stream(shell, "stderr")
    old_handler = signal.signal(signal.SIGALRM, expire) if timeout else None
    if timeout:
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        yield
    finally:
        if timeout:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old_handler)
        sys.stdout, sys.stderr = old_out, old_err


def _shell() -> _Shell:
    """The process's shell, created once; it keeps no history (no file in the home directory)."""
    from traitlets.config import Config

    cfg = Config()
    cfg.HistoryManager.enabled = False
    return _Shell.instance(config=cfg)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A warning as Python prints it, to the stderr of the running cell."""
    sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


def run_cells(nb_man, timeout: int | None = None) -> None:
    """Execute the managed notebook's code cells in order, stopping at the first error."""
    shell = _shell()
    shell.reset(new_session=False)  # an empty namespace for every notebook
    # Python shows a warning once per place in the code and process; a kernel is a fresh
    # process. Entering catch_warnings clears that memory (and undoes a notebook's filters
    # after it), so every notebook's warnings reach its stderr, as they would in a kernel,
    # whoever (a test runner) showed them elsewhere before.
    with warnings.catch_warnings():
        warnings.showwarning = _show_warning
        for index, cell in enumerate(nb_man.nb.cells):
            nb_man.cell_start(cell, index)
            try:
                if cell.cell_type != "code":
                    continue
                cell.outputs = []
                with _captured(shell, cell.outputs, timeout):
                    result = shell.run_cell(cell.source, store_history=False)
                if not result.success:
                    nb_man.cell_exception(
                        cell, cell_index=index, exception=result.error_in_exec or result.error_before_exec
                    )
                    break
            finally:
                nb_man.cell_complete(cell, cell_index=index)


def language_info() -> dict:
    """What ipykernel reports about the language, recorded in the notebook as a kernel would."""
    return {
        "codemirror_mode": {"name": "ipython", "version": 3},
        "file_extension": ".py",
        "mimetype": "text/x-python",
        "name": "python",
        "nbconvert_exporter": "python",
        "pygments_lexer": "ipython3",
        "version": sys.version.split()[0],
    }


class InProcessEngine(Engine):
    """papermill's engine interface around ``run_cells``."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, execution_timeout=None, **kwargs):
        nb_man.nb.metadata["language_info"] = language_info()
        run_cells(nb_man, timeout=execution_timeout)


papermill_engines.register(ENGINE, InProcessEngine)
