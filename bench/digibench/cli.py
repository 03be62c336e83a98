"""The bench's command line: options, the parts in order, and writing bench.json and docs/benchmarks.md."""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from . import __doc__ as PACKAGE_DOC
from .machine import machine
from .paths import BENCH, ROOT
from .report import print_summary, render_markdown
from .scale import scale
from .six_country import six_country
from .targets import targets


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=PACKAGE_DOC.split("\n\n")[0])
    p.add_argument("--project", type=Path, default=ROOT, help="checkout to measure (default: this one)")
    p.add_argument("--cores", type=int, default=2)
    p.add_argument(
        "--sizes",
        default="5,10,20,193",
        help="synthetic sizes, comma-separated ('' to skip); the defaults keep `make bench` near 15 minutes",
    )
    p.add_argument("--scale-limit", type=float, default=360.0, help="stop a synthetic build after this many seconds")
    p.add_argument(
        "--finish-limit",
        type=float,
        default=600.0,
        help="let a synthetic build stopped at --scale-limit finish (untimed) for the legibility check,"
        " for at most this many seconds (0: don't)",
    )
    p.add_argument("--noop-repeats", type=int, default=3)
    p.add_argument("--skip", default="", help="comma-separated parts to skip: six,baseline,imports,scale")
    p.add_argument("--out", type=Path, default=BENCH / "out")
    p.add_argument("--docs", default=str(ROOT / "docs" / "benchmarks.md"), help="markdown to write ('' for none)")
    p.add_argument("--keep", action="store_true", help="keep the temporary project copies")
    return p.parse_args(argv)


def write_results(res: dict, out: Path, docs: str) -> None:
    """bench.json, the summary on stdout, and the markdown (unless ``docs`` is empty)."""
    (out / "bench.json").write_text(json.dumps(res, indent=1, default=str) + "\n")
    print_summary(res)
    print(f"wrote {out / 'bench.json'}")
    if docs:
        path = Path(docs)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_markdown(res), encoding="utf-8")
        print(f"wrote {path}")


def main(argv: list[str] | None = None) -> int:
    a = parse_args(argv)
    skip = {s for s in a.skip.split(",") if s}
    sizes = [int(s) for s in a.sizes.split(",") if s.strip()]
    out = a.out.resolve()
    logs = out / "logs"
    if logs.exists():
        shutil.rmtree(logs)
    logs.mkdir(parents=True)
    tmp = Path(tempfile.mkdtemp(prefix="digidip-bench-"))
    project = a.project.resolve()
    res: dict = {"machine": machine(), "cores": a.cores, "project": str(project), "notes": []}
    print(f"bench: {res['machine']['cpu']}, {res['machine']['usable_cores']} cores; copies under {tmp}")
    t_all = time.perf_counter()
    try:
        if "six" not in skip:
            res["six_country"] = six_country(project, tmp, logs, a, skip, res)
        if "scale" not in skip and sizes:
            res["scale"] = scale(project, tmp, logs, out, a, sizes, res["notes"])
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    res["total_bench_s"] = round(time.perf_counter() - t_all, 1)
    res["targets"] = targets(res)
    res["notes"].append(f"The whole bench took {res['total_bench_s']:.0f} s.")
    write_results(res, out, a.docs)
    return 0
