"""make serve end to end on the two-country fixture: the real server process, a real HTTP
client, real edits of a country file, Chromium seeing the reload; and the pages it served
after the edits compared, byte for byte, with those a preview build of the edited tree writes."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

import pytest

from conftest import published_bytes, snakemake, venv_env
from digidip.serve import http as serve_http

#: How long the test waits for a rebuild (a fallback to Snakemake on a loaded machine takes
#: minutes). Its speed is measured by make bench, never asserted here: the test asserts that
#: an edit to a country file was redone in the server's process (state "by": "warm").
EDIT_S = 300.0
STRATEGY = 'title: "Synthetic digital strategy'


def wait_for(condition, timeout: float) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.02)


class Served:
    """The server process and its state endpoint."""

    def __init__(self, project: Path) -> None:
        cmd = [sys.executable, "-m", "digidip", "serve", "--port", "0", "--cores", "2"]
        self.proc = subprocess.Popen(
            cmd, cwd=project, env=venv_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.url = re.search(r"http://[\d.]+:\d+/", self.proc.stdout.readline()).group(0)

    def state(self) -> dict:
        return json.loads(urlopen(self.url + serve_http.STATE.lstrip("/"), timeout=5).read())

    def get(self, path: str) -> str:
        return urlopen(self.url + path, timeout=5).read().decode("utf-8")

    def after(self, edit, timeout: float = EDIT_S) -> dict:
        """Make ``edit``; the state once the server has rebuilt."""
        past = self.state()["generation"]
        edit()
        wait_for(lambda: self.state()["generation"] > past, timeout)
        return self.state()


def workers_of(project: Path) -> list[str]:
    """Processes still running for this project's server (its page worker among them)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "digidip" in cmd and str(project) in cmd:
            found.append(cmd)
    return found


@pytest.mark.workflow
def test_serve_end_to_end_equals_a_preview_build(mini_build, tmp_path):
    """make serve where a researcher runs it: in a project built before (the fixture's copy)."""
    from playwright.sync_api import sync_playwright
    from test_rendering import ARGS, need_chromium

    project = tmp_path / "project"
    shutil.copytree(mini_build, project, symlinks=True)
    edition = published_bytes(project)
    facts = project / "data" / "raw" / "countries" / "ISL.yaml"
    original = facts.read_text(encoding="utf-8")
    served = Served(project)
    try:
        wait_for(lambda: served.state()["generation"] >= 1, 600)
        assert served.state()["error"] is None
        site = project / "data" / "interim" / "serve" / "reports"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=need_chromium(), args=ARGS)
            page = browser.new_page()
            page.goto(served.url + "countries/ISL.html")
            page.wait_for_timeout(400)  # the script has read the generation once

            def edit_title(mark: str):
                return lambda: facts.write_text(
                    original.replace(STRATEGY, f'title: "{mark} synthetic digital strategy', 1), "utf-8"
                )

            # An edit to a country file: redone in the server's process, the open page reloads.
            state = served.after(edit_title("Edited"))
            assert state["error"] is None and state["by"] == "warm", state
            wait_for(lambda: "Edited synthetic digital strategy" in page.inner_text("body"), 60)
            assert page.evaluate("performance.getEntriesByType('navigation')[0].type") == "reload"
            browser.close()
        for path in ("countries/ISL.html", "report.html"):
            body = served.get(path)
            assert body == serve_http.inject((site / path).read_text(encoding="utf-8"))
            assert "Edited synthetic digital strategy" in body
        # A bad edit: the page shows the message validation prints (file, record, field) ...
        state = served.after(lambda: facts.write_text(original.replace('date: "2019-03"', 'date: "2019-13"', 1)))
        check = subprocess.run(
            [sys.executable, "-m", "digidip", "validate"], cwd=project, env=venv_env(), capture_output=True, text=True
        )
        assert check.returncode != 0 and state["error"] == check.stderr.strip()
        assert "data/raw/countries/ISL.yaml: record ISL-strategy (events[0]): field date:" in state["error"]
        assert "data/raw/countries/ISL.yaml: record ISL-strategy" in served.get("countries/ISL.html")
        # ... and the next good save brings the pages back.
        state = served.after(edit_title("Edited again"))
        assert state["error"] is None and state["by"] == "warm", state
        assert "Edited again synthetic digital strategy" in served.get("report.html")
    finally:
        served.proc.send_signal(signal.SIGINT)
        out = served.proc.communicate(timeout=60)[0]
    assert served.proc.returncode == 0 and "Preview stopped." in out, out
    # Nothing left behind: no process, no Snakemake lock, no edition written.
    assert workers_of(project) == []
    assert not list((project / ".snakemake" / "locks").glob("*"))
    assert published_bytes(project) == edition
    # What it served is what a preview build of the edited tree writes, byte for byte.
    snakemake(project, "preview")
    stage = project / "data" / "interim" / "stage" / "reports"
    built = {p.relative_to(stage).as_posix(): p.read_bytes() for p in stage.rglob("*") if p.is_file()}
    served_files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert sorted(served_files) == sorted(k for k in built if not k.endswith(".pdf"))
    different = [k for k in served_files if served_files[k] != built[k]]
    assert different == [], different
