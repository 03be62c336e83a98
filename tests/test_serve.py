"""make serve: the preview server (real HTTP requests), its rebuild loop (a real file edit,
a real build command) and a headless Chromium that sees the page reload by itself."""

from __future__ import annotations

import http.client
import json
import os
import sys
import threading
import time
from urllib.request import urlopen

import pytest

from conftest import ROOT
from digidip.render.pages import CSP, render_country_page
from digidip.serve import http as serve_http
from digidip.serve import loop as serve_loop
from digidip.serve.loop import Builder, run

PAGE = render_country_page("KAZ", "Kazakhstan", "<p>first</p>", "Test")


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    (root / "countries").mkdir(parents=True)
    (root / "report.html").write_text(PAGE, encoding="utf-8")
    (root / "countries" / "KAZ.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside the site", encoding="utf-8")
    return root


@pytest.fixture
def server(site):
    state = serve_http.State()
    srv = serve_http.make_server(site, state, port=0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.shutdown()
    srv.server_close()


def get(srv, path: str) -> tuple[int, dict, str]:
    """A raw request: http.client sends the path exactly as written (no normalising of ..)."""
    conn = http.client.HTTPConnection(*srv.server_address[:2], timeout=10)
    conn.request("GET", path)
    r = conn.getresponse()
    body = r.read().decode("utf-8", "replace")
    conn.close()
    return r.status, dict(r.getheaders()), body


def test_bound_to_loopback(server):
    assert server.server_address[0] == "127.0.0.1"


def test_served_page_gets_script_and_csp_file_untouched(server, site):
    status, headers, body = get(server, "/countries/KAZ.html")
    assert status == 200
    assert f"<script>{serve_http.SCRIPT}</script></body>" in body
    assert headers["Content-Security-Policy"] == serve_http.SERVED_CSP
    assert serve_http.SERVED_CSP.startswith(str(CSP))
    assert f'content="{serve_http.SERVED_CSP}"' in body and f'content="{CSP}"' not in body
    # The file itself (as the edition would publish it) is unchanged and script-free.
    assert (site / "countries" / "KAZ.html").read_text(encoding="utf-8") == PAGE
    assert "<script" not in PAGE


def test_published_edition_has_no_script():
    pages = [ROOT / "reports" / "report.html", *sorted((ROOT / "reports" / "countries").glob("*.html"))]
    assert len(pages) > 1
    for page in pages:
        assert "<script" not in page.read_text(encoding="utf-8").lower(), page


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/countries/..%2f..%2fsecret.txt",
        "/countries/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt",
        "/%00report.html",
        "/missing.html",
    ],
)
def test_no_path_traversal(server, path):
    server.state.finished(None)  # built: a missing page is a 404, not the wait page
    status, _, body = get(server, path)
    assert status == 404 and "outside" not in body


def test_symlink_out_of_the_site_is_refused(server, site, tmp_path):
    server.state.finished(None)
    (site / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (site / "countries" / "up").symlink_to(tmp_path)
    assert get(server, "/leak.txt")[0] == 404
    assert get(server, "/countries/up/secret.txt")[0] == 404


def test_before_the_first_build_a_page_waits(server, site):
    (site / "report.html").unlink()
    status, _, body = get(server, "/report.html")
    assert status == 200 and "Building the preview" in body and serve_http.SCRIPT in body
    assert get(server, "/style.css")[0] == 404
    server.state.finished(None)
    assert get(server, "/report.html")[0] == 404  # built, and still missing: a real 404


def test_state_and_error_page(server):
    status, _, body = get(server, serve_http.STATE)
    assert status == 200 and json.loads(body) == {"generation": 0, "error": None, "by": ""}
    server.state.finished("data/raw/countries/KAZ.yaml: events[3].date: <b>impossible</b>")
    assert json.loads(get(server, serve_http.STATE)[2])["by"] == "build"
    status, _, body = get(server, "/report.html")
    assert "data/raw/countries/KAZ.yaml: events[3].date: &lt;b&gt;impossible&lt;/b&gt;" in body
    assert serve_http.SCRIPT in body
    server.state.finished(None)
    assert "first" in get(server, "/report.html")[2]


#: A stand-in build: copies the fact file into the page; a fact file holding "bad" fails it
#: with a message naming the file, as validation does.
BUILD = (
    "import pathlib,sys\n"
    "raw = pathlib.Path('raw/fact.txt').read_text()\n"
    "if 'bad' in raw: sys.exit('raw/fact.txt: record 1: field date: impossible')\n"
    "page = pathlib.Path('site/report.html')\n"
    "page.write_text(page.read_text().replace(page.read_text().split('<p>')[1].split('</p>')[0], raw.strip()))\n"
)


@pytest.fixture
def live(tmp_path, site, server):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "fact.txt").write_text("first", encoding="utf-8")
    stop = threading.Event()
    builder = Builder([sys.executable, "-c", BUILD], tmp_path)
    lines: list[str] = []
    loop = threading.Thread(target=run, args=(builder, server.state, [raw], stop, lines.append))
    loop.start()
    wait_for(lambda: server.state.generation >= 1)
    yield server, raw / "fact.txt", lines
    stop.set()
    builder.stop()
    loop.join(timeout=10)
    assert not loop.is_alive()


def wait_for(condition, timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def test_edit_rebuilds_shows_error_and_recovers(live):
    server, fact, lines = live
    assert "<p>first</p>" in get(server, "/report.html")[2]
    fact.write_text("second", encoding="utf-8")
    wait_for(lambda: "<p>second</p>" in get(server, "/report.html")[2])
    fact.write_text("bad", encoding="utf-8")
    wait_for(lambda: "raw/fact.txt: record 1: field date: impossible" in get(server, "/report.html")[2])
    fact.write_text("third", encoding="utf-8")
    wait_for(lambda: "<p>third</p>" in get(server, "/report.html")[2])
    assert any(line.startswith("changed: fact.txt") for line in lines)


def test_editor_artefacts_start_no_build(live):
    server, fact, _ = live
    before = server.state.generation
    (fact.parent / ".fact.txt.swp").write_text("swap", encoding="utf-8")
    (fact.parent / "fact.txt~").write_text("backup", encoding="utf-8")
    time.sleep(1.0)
    assert server.state.generation == before


def test_chromium_sees_the_reload(live):
    from playwright.sync_api import sync_playwright
    from test_rendering import ARGS, need_chromium

    server, fact, _ = live
    host, port = server.server_address[:2]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=need_chromium(), args=ARGS)
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(f"http://{host}:{port}/report.html")
        assert page.inner_text("body").count("first") == 1
        page.wait_for_timeout(400)  # the script has read the generation once
        fact.write_text("reloaded", encoding="utf-8")
        # Polled from Python: the page's CSP (rightly) refuses Playwright's evaluated predicates.
        wait_for(lambda: "reloaded" in page.inner_text("body"))
        loads = page.evaluate("performance.getEntriesByType('navigation')[0].type")
        browser.close()
    assert loads == "reload"
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_make_variables_port_and_host():
    from digidip.common.errors import UserError
    from digidip.common.makevars import check_host, check_port

    assert check_port("8000") == 8000 and check_port("65535") == 65535
    assert check_host("127.0.0.1") == "127.0.0.1" and check_host("localhost") == "localhost"
    for bad in ("0", "65536", "80a", "", "08000"):
        with pytest.raises(UserError, match="PORT="):
            check_port(bad)
    for bad in ("", "-x", "a b", "host;x", "a/b"):
        with pytest.raises(UserError, match="HOST="):
            check_host(bad)


def test_bench_judges_edit_to_reload_beside_the_anchor():
    sys.path.insert(0, str(ROOT / "bench"))
    from digibench.serve_edits import percentile
    from digibench.targets import targets

    times = [0.8, 0.9, 0.7, 1.1, 0.85, 0.9, 0.95, 0.8, 0.75, 1.3]
    assert percentile(times, 0.95) == 1.3 and percentile([1.0, 2.0, 3.0], 0.5) == 2.0
    serve = {"times_s": times, "p50_s": 0.875, "p95_s": 1.3, "exit_code": 0, "locks_left": [], "edition_touched": []}
    res = {"six_country": {"scenarios": {"anchor": {"median_wall_s": 20.5}}}, "serve": serve}
    rows = targets(res)
    assert rows["serve"]["verdict"] == "met" and "anchor 20.5 s" in rows["serve"]["measured"]
    assert rows["serve_stop"]["verdict"] == "met"
    serve.update(p50_s=1.2, locks_left=["0.input.lock"])
    rows = targets(res)
    assert rows["serve"]["verdict"] == "**missed**" and rows["serve_stop"]["verdict"] == "**missed**"


def test_builder_stop_escalates_to_a_build_deaf_to_ctrl_c(tmp_path, monkeypatch):
    """SIGINT ignored: after its grace period (1 s here, not the real 20 s), SIGTERM stops it."""
    monkeypatch.setattr(serve_loop, "STOP_S", 1)
    deaf = "import signal,time; signal.signal(signal.SIGINT, signal.SIG_IGN); print('up', flush=True); time.sleep(60)"
    builder = Builder([sys.executable, "-c", deaf], tmp_path)
    result: list = []
    t = threading.Thread(target=lambda: result.append(builder.run()))
    t.start()
    wait_for(lambda: builder._proc is not None)
    time.sleep(0.5)
    started = time.monotonic()
    builder.stop()
    t.join(timeout=60)
    assert not t.is_alive() and result and result[0]  # stopped, reported as a failed build
    assert 1 <= time.monotonic() - started < 30  # waited out SIGINT's grace, not the 60 s sleep


def test_serve_process_survives_a_failing_build_and_stops_on_ctrl_c(tmp_path):
    """The real step in its own process, started as a shell's background job (SIGINT ignored):
    a build that fails (no workflow here) is shown, not fatal; SIGINT then stops it cleanly."""
    import signal
    import subprocess

    (tmp_path / "site").mkdir()
    cmd = [sys.executable, "-m", "digidip", "serve", "--root", str(tmp_path), "--site", str(tmp_path / "site")]
    proc = subprocess.Popen(
        [*cmd, "--port", "0", "--cores", "1"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT / "workflow")},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    try:
        line = proc.stdout.readline()
        host, port = line.split("http://")[1].split("/")[0].split(":")

        def state() -> dict:
            return json.loads(urlopen(f"http://{host}:{port}{serve_http.STATE}", timeout=5).read())

        wait_for(lambda: state()["generation"] >= 1, timeout=120)
        assert state()["error"]  # Snakemake's own message: no Snakefile here
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 0
        assert "Preview stopped." in proc.stdout.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
