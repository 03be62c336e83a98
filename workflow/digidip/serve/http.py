"""The preview's HTTP server: files under one folder only, each HTML page with a reload script.

The published pages carry no script (their CSP forbids every one); only the pages this server
sends get one, and a CSP that allows exactly that script (by its hash) and the state endpoint.
The script asks ``/__serve/state`` for the build's generation and reloads the page when it
changes; while the last build failed, every page is the error message, so the next good save
brings the page back by itself.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import mimetypes
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..render.pages import CSP

STATE = "/__serve/state"

#: Polls the state every quarter second: a reload within a second of a finished build.
SCRIPT = (
    "(()=>{let g=null;const t=()=>fetch('" + STATE + "',{cache:'no-store'}).then(r=>r.json())"
    ".then(s=>{if(g!==null&&s.generation!==g){location.reload();return}g=s.generation;setTimeout(t,250)})"
    ".catch(()=>setTimeout(t,1000));t()})();"
)
_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
#: The published pages' policy, plus the reload script (by hash) and its endpoint.
SERVED_CSP = f"{CSP}; script-src 'sha256-{_HASH}'; connect-src 'self'"


class State:
    """The build's generation (raised by each finished build), its error and how it was made
    ("warm": in the server's process; "build": by Snakemake), shared by threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.generation = 0
        self.error: str | None = None
        self.by = ""

    def finished(self, error: str | None, by: str = "build") -> None:
        with self._lock:
            self.generation += 1
            self.error = error
            self.by = by

    def snapshot(self) -> dict:
        with self._lock:
            return {"generation": self.generation, "error": self.error, "by": self.by}


def inject(page: str) -> str:
    """The served copy of a published page: its CSP widened for the script, the script added."""
    page = page.replace(f'content="{CSP}"', f'content="{SERVED_CSP}"', 1)
    tag = f"<script>{SCRIPT}</script>"
    at = page.rfind("</body>")
    return page[:at] + tag + page[at:] if at >= 0 else page + tag


def error_page(message: str) -> str:
    """What every page shows while the last build failed: the build's own message."""
    return inject(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Preview: build failed</title>'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}"></head><body>'
        "<h1>The preview build failed</h1><p>Fix the file it names and save: this page reloads by itself.</p>"
        f"<pre>{html.escape(message)}</pre></body></html>"
    )


def building_page() -> str:
    """What a page shows before the first build has finished: it reloads when it has."""
    return inject(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Preview: building</title>'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}"></head><body>'
        "<h1>Building the preview</h1><p>This page reloads by itself when the first build is done.</p>"
        "</body></html>"
    )


def resolve(root: Path, target: str) -> Path | None:
    """The file under ``root`` a request path names, or None: ``..`` (encoded or not), a
    backslash, a NUL or a symlink leading outside ``root`` never reach a file."""
    path = unquote(urlsplit(target).path)
    if "\\" in path or "\0" in path:
        return None
    parts = [p for p in path.split("/") if p]
    if any(p in (".", "..") for p in parts):
        return None
    candidate = root.joinpath(*parts)
    if candidate.is_dir():
        candidate = candidate / "index.html" if (candidate / "index.html").exists() else candidate / "report.html"
    try:
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return real if real.is_relative_to(root.resolve()) and real.is_file() else None


class Handler(BaseHTTPRequestHandler):
    """GET and HEAD only; ``server.root`` and ``server.state`` set by ``make_server``."""

    server: PreviewServer

    def do_GET(self) -> None:  # the name http.server calls
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def _answer(self, head: bool) -> None:
        state = self.server.state.snapshot()
        if urlsplit(self.path).path == STATE:
            return self._send(HTTPStatus.OK, "application/json", json.dumps(state).encode(), head)
        found = resolve(self.server.root, self.path)
        if found is None and state["generation"] == 0 and _is_page(self.path):
            return self._send(HTTPStatus.OK, "text/html; charset=utf-8", building_page().encode(), head)
        if found is None:
            return self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"Not found\n", head)
        kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        if kind == "text/html":
            text = error_page(state["error"]) if state["error"] else inject(found.read_text(encoding="utf-8"))
            return self._send(HTTPStatus.OK, "text/html; charset=utf-8", text.encode(), head)
        return self._send(HTTPStatus.OK, kind, found.read_bytes(), head)

    def _send(self, status: HTTPStatus, kind: str, body: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", SERVED_CSP)
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal shows builds, not every poll."""


def _is_page(target: str) -> bool:
    path = urlsplit(target).path
    return path.endswith(("/", ".html"))


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], root: Path, state: State) -> None:
        self.root = root
        self.state = state
        super().__init__(address, Handler)


def make_server(root: Path, state: State, host: str = "127.0.0.1", port: int = 8000) -> PreviewServer:
    """Bound to ``host`` (the loopback interface unless the user names another); port 0 picks one."""
    return PreviewServer((host, port), root, state)
