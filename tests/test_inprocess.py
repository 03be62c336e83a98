"""The in-process papermill engine (render/inprocess.py) against a Jupyter kernel: the same
executed notebook, the same account of a failing cell, a fresh namespace per notebook, and a
timeout that stops a cell."""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import nbformat
import pytest

from conftest import FIXTURES, ROOT, tidy_input
from digidip.render import notebooks
from digidip.tidy.slices import country_slice

NOTEBOOK = ROOT / "notebooks" / "country_profile.py"


@pytest.fixture(scope="module")
def facts(tmp_path_factory) -> Path:
    """The fixture's fact slice for ISL, as the profile job writes it."""
    tmp = tmp_path_factory.mktemp("inprocess")
    src = tidy_input(FIXTURES / "mini" / "raw", tmp / "cache")
    path = tmp / "ISL.json"
    path.write_text(country_slice(src, "ISL"), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def kernel_finds_the_package(monkeypatch):
    """A kernel is another process: it finds digidip as the workflow's jobs do (jobenv)."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT / "workflow"))


def run(tmp: Path, source: Path, engine: str, facts: Path, timeout: int = 120, name: str = "out") -> Path:
    out = tmp / f"{name}-{engine}.ipynb"
    params = {"iso3": "ISL", "facts_path": str(facts), "report_href": "../report.html"}
    notebooks.execute(source, out, params, "python3", cwd=ROOT, timeout=timeout, engine=engine)
    return out


def test_the_executed_notebook_is_the_same_as_a_kernels(tmp_path, facts):
    kernel = run(tmp_path, NOTEBOOK, "kernel", facts)
    inprocess = run(tmp_path, NOTEBOOK, "inprocess", facts)
    assert inprocess.read_bytes() == kernel.read_bytes()
    nb = nbformat.read(inprocess, as_version=4)
    kinds = {o["output_type"] for c in nb.cells if c.cell_type == "code" for o in c.outputs}
    assert kinds == {"display_data"}


def notebook_with(tmp_path: Path, *cells: str) -> Path:
    """A jupytext source: a parameters cell, then ``cells``."""
    text = '# %% tags=["parameters"]\niso3 = "X"\nfacts_path = ""\nreport_href = ""\n'
    text += "".join(f"\n# %%\n{c}\n" for c in cells)
    path = tmp_path / f"nb{abs(hash(cells))}.py"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("engine", ["inprocess", "kernel"])
def test_a_failing_cell_is_named_with_its_source_and_error(tmp_path, facts, engine):
    source = notebook_with(tmp_path, "x = 1", "y = x + 1\nraise ValueError(f'deliberate {y}')")
    with pytest.raises(notebooks.NotebookFailed) as err:
        run(tmp_path, source, engine, facts)
    text = str(err.value)
    assert text.startswith("the notebook failed: ValueError: deliberate 2")
    assert "in cell 3 (counting the injected parameters cell):" in text
    assert "    raise ValueError(f'deliberate {y}')" in text


def test_printed_text_and_the_last_value_are_outputs_as_in_a_kernel(tmp_path, facts):
    source = notebook_with(tmp_path, "print('one')\nprint('two')", "6 * 7")
    outs = {}
    for engine in ("inprocess", "kernel"):
        nb = nbformat.read(run(tmp_path, source, engine, facts), as_version=4)
        outs[engine] = [c.outputs for c in nb.cells if c.cell_type == "code"]
    assert outs["inprocess"] == outs["kernel"]
    assert outs["inprocess"][-2][0]["text"] == "one\ntwo\n"
    assert outs["inprocess"][-1][0]["data"]["text/plain"] == "42"


def test_each_notebook_starts_from_an_empty_namespace(tmp_path, facts):
    first = notebook_with(tmp_path, "leaked = 'from the first notebook'")
    second = notebook_with(tmp_path, "print(leaked)")
    run(tmp_path, first, "inprocess", facts, name="first")
    with pytest.raises(notebooks.NotebookFailed, match="NameError: name 'leaked' is not defined"):
        run(tmp_path, second, "inprocess", facts, name="second")


def test_a_cell_running_past_the_timeout_is_stopped(tmp_path, facts):
    source = notebook_with(tmp_path, "import time\nwhile True:\n    time.sleep(0.05)")
    with pytest.raises(notebooks.NotebookFailed, match="a cell ran longer than 1 s and was stopped"):
        run(tmp_path, source, "inprocess", facts, timeout=1)


def test_the_engine_leaves_the_process_as_it_found_it(tmp_path, facts):
    import signal
    import sys

    before = (sys.stdout, sys.stderr, signal.getsignal(signal.SIGALRM))
    run(tmp_path, notebook_with(tmp_path, "print('x')"), "inprocess", facts)
    assert (sys.stdout, sys.stderr, signal.getsignal(signal.SIGALRM)) == before
    assert json.loads(facts.read_text())["country"]["iso3"] == "ISL"


NOISY = (
    "import os, sys, warnings\n"
    "print('for the reader')\n"
    "print(f'build noise in {os.getcwd()}', file=sys.stderr)\n"
    "warnings.warn(f'a warning naming {sys.prefix}')"
)


@pytest.mark.parametrize("engine", ["inprocess", "kernel"])
def test_stderr_and_warnings_go_to_the_log_never_into_the_page(tmp_path, facts, engine, capfd):
    source = notebook_with(tmp_path, NOISY)
    out = run(tmp_path, source, engine, facts)
    nb = nbformat.read(out, as_version=4)
    streams = [o.get("name") for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert streams == ["stdout"]
    body = notebooks.render_body(out)
    assert "for the reader" in body
    for leak in ("build noise", "a warning naming", "UserWarning", str(ROOT), sys.prefix):
        assert leak not in body
    log = capfd.readouterr().err
    assert f"notebook {source} for {out}, cell 2, stderr:\n    build noise in {ROOT}\n" in log
    assert f"UserWarning: a warning naming {sys.prefix}" in log


def test_a_failing_notebooks_stderr_is_in_the_log_too(tmp_path, facts, capfd):
    source = notebook_with(tmp_path, "import sys\nprint('why it failed', file=sys.stderr)", "1 / 0")
    with pytest.raises(notebooks.NotebookFailed, match="ZeroDivisionError"):
        run(tmp_path, source, "inprocess", facts)
    assert f"notebook {source} for {tmp_path / 'out-inprocess.ipynb'}, cell 2, stderr:\n    why it failed\n" in (
        capfd.readouterr().err
    )


def warn_from_here() -> None:
    """A warning raised at one place in the code, whichever notebook calls it."""
    warnings.warn("the same warning from the same place", UserWarning, stacklevel=1)


def test_each_notebook_in_a_process_logs_its_warnings_as_a_fresh_kernel_would(tmp_path, facts, capfd):
    """Python shows a warning once per place and process: the second country must not lose it."""
    source = notebook_with(tmp_path, "import test_inprocess\ntest_inprocess.warn_from_here()")
    with warnings.catch_warnings():
        warnings.simplefilter("default")  # Python's own filter, as in a job (not pytest's)
        for name in ("first", "second"):
            run(tmp_path, source, "inprocess", facts, name=name)
    assert capfd.readouterr().err.count("UserWarning: the same warning from the same place") == 2
