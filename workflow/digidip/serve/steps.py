"""Command-line step of the live preview (``python -m digidip serve``)."""

from __future__ import annotations

import argparse
import logging
import signal
import threading
from pathlib import Path


def serve(a: argparse.Namespace) -> int:
    """Serve the preview, rebuild it on every edit, until Ctrl-C; then stop the running
    build and the server, so nothing (process, Snakemake lock) is left behind."""
    from .http import State, make_server
    from .loop import WATCHED, WarmBuilder, run, snakemake_preview
    from .warm import Warm

    # Ctrl-C and SIGTERM both stop the server, even when the shell started it with SIGINT
    # ignored (a background job): a handler, unlike an ignored signal, is not inherited, so
    # the build Snakemake runs handles Ctrl-C too, removing its lock and incomplete files.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    logging.getLogger("watchfiles").setLevel(logging.WARNING)  # the loop says what changed
    root = Path(a.root).resolve()
    state = State()
    site = Path(a.site) if Path(a.site).is_absolute() else root / a.site
    site.mkdir(parents=True, exist_ok=True)
    server = make_server(site, state, a.host, int(a.port))
    threading.Thread(target=server.serve_forever, name="preview-http", daemon=True).start()
    host, port = server.server_address[:2]
    print(f"Preview: http://{host}:{port}/ (report.html, countries/<ISO3>.html); Ctrl-C stops.", flush=True)
    builder = WarmBuilder(snakemake_preview(a.cores), root, Warm(root, site.resolve()))
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


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _say(line: str) -> None:
    print(line, flush=True)
