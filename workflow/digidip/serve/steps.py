"""Command-line step of the live preview (``python -m digidip serve``)."""

from __future__ import annotations

import argparse
import threading
from pathlib import Path


def serve(a: argparse.Namespace) -> int:
    """Serve the preview, rebuild it on every edit, until Ctrl-C; then stop the running
    build and the server, so nothing (process, Snakemake lock) is left behind."""
    from .http import State, make_server
    from .loop import WATCHED, Builder, run, snakemake_preview

    root = Path(a.root).resolve()
    state = State()
    server = make_server(Path(a.site), state, a.host, int(a.port))
    threading.Thread(target=server.serve_forever, name="preview-http", daemon=True).start()
    host, port = server.server_address[:2]
    print(f"Preview: http://{host}:{port}/ (report.html, countries/<ISO3>.html); Ctrl-C stops.", flush=True)
    builder = Builder(snakemake_preview(a.cores), root)
    stop = threading.Event()
    try:
        run(builder, state, [root / p for p in WATCHED if (root / p).exists()], stop, report=_say)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        builder.stop()
        server.shutdown()
        server.server_close()
    print("Preview stopped.", flush=True)
    return 0


def _say(line: str) -> None:
    print(line, flush=True)
