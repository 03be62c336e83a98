"""The bench's command line: options, the parts in order, and writing bench.json and docs/benchmarks.md."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from . import __doc__ as PACKAGE_DOC
from .machine import machine
from .measure import env_for, make_cmd
from .paths import BENCH, ROOT
from .pdf_engines import pdf_engines
from .report import print_summary, render_markdown
from .scale import scale
from .serve_edits import serve_edits
from .six_country import rounds
from .startup import kernel_startup, noop_profile, step_imports
from .targets import targets
from .world import world

#: What --quick changes: one round, two small world-like builds and no full `make world`.
QUICK = {"rounds": 1, "world_sizes": "12,24", "no_full_world": True}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=PACKAGE_DOC.split("\n\n")[0])
    p.add_argument("--project", type=Path, default=ROOT, help="checkout to measure (default: this one)")
    p.add_argument("--cores", type=int, default=2)
    p.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", "4")), help="default 4")
    p.add_argument(
        "--quick",
        action="store_true",
        help="for development: 1 round, world-like builds of 12 and 24 countries only (no full make world);"
        " the markdown goes to bench/out/benchmarks.md unless --docs says otherwise",
    )
    p.add_argument("--world-sizes", default="24,48,96,144", help="smaller world-like builds for the fit ('' for none)")
    p.add_argument("--no-full-world", action="store_true", help="skip the full `make world`")
    p.add_argument("--world-limit", type=float, default=1500.0, help="stop a world build after this many seconds")
    p.add_argument(
        "--synthetic", default="", help="optional synthetic fact-base sizes, e.g. 5,10,20,200 (default none)"
    )
    p.add_argument("--scale-limit", type=float, default=360.0, help="stop a synthetic build after this many seconds")
    p.add_argument("--finish-limit", type=float, default=600.0, help="let a stopped synthetic build finish, untimed")
    p.add_argument("--skip", default="", help="comma-separated parts to skip: six,imports,pdf,serve,world")
    p.add_argument("--serve-edits", type=int, default=10, help="make serve: edits timed (p50, p95; at least 10)")
    p.add_argument("--out", type=Path, default=BENCH / "out")
    p.add_argument("--docs", default=None, help="markdown to write ('' for none; default docs/benchmarks.md)")
    p.add_argument("--keep", action="store_true", help="keep the scratch copies of the project")
    p.add_argument(
        "--from-json",
        type=Path,
        help="measure nothing: judge the goals and write the markdown again from this bench.json (for work on the report)",
    )
    a = p.parse_args(argv)
    if a.quick:
        for k, v in QUICK.items():
            setattr(a, k, v)
    if a.docs is None:
        a.docs = str((a.out / "benchmarks.md") if a.quick else ROOT / "docs" / "benchmarks.md")
    a.out = a.out.resolve()
    return a


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


def where_time_goes(res: dict, last: Path, logs: Path) -> None:
    """On the last round's copy: the no-op profiled, every step's imports, a kernel's start-up."""
    # The copy ends on a preview: publish it first (untimed), so the profiled run is a no-op.
    subprocess.run(make_cmd(2, "report"), cwd=last, env=env_for(last), capture_output=True, check=False)
    print("where the time goes: the no-op profiled, import time per step, kernel start-up")
    res["noop_profile"] = noop_profile(last, logs)
    clean = res["six_country"]["rounds"][-1]["runs"]["clean"]
    res["imports"] = step_imports(last, clean["jobs"], logs)
    res["kernel"] = kernel_startup(last)


def run_parts(a: argparse.Namespace, res: dict, tmp: Path, logs: Path) -> None:
    skip = {s for s in a.skip.split(",") if s}
    project = a.project.resolve()
    if "six" not in skip and a.rounds > 0:
        res["six_country"] = rounds(project, tmp, logs, a)
        if "imports" not in skip:
            where_time_goes(res, tmp / f"round-{a.rounds}", logs)
        if "pdf" not in skip:
            res["pdf_engines"] = pdf_engines(tmp / f"round-{a.rounds}", a.out, logs)
        if "serve" not in skip:
            print("make serve: edit-to-reload over ten one-fact edits")
            res["serve"] = serve_edits(tmp / f"round-{a.rounds}", a.cores, edits=a.serve_edits)
    sizes = [int(s) for s in a.world_sizes.split(",") if s.strip()]
    if "world" not in skip and (sizes or not a.no_full_world):
        res["world"] = world(project, tmp, logs, a, sizes)
    synthetic = [int(s) for s in a.synthetic.split(",") if s.strip()]
    if synthetic:
        res["scale"] = scale(project, tmp, logs, a.out, a, synthetic, res["notes"])


def main(argv: list[str] | None = None) -> int:
    a = parse_args(argv)
    if a.from_json:
        res = json.loads(a.from_json.read_text())
        res["targets"] = targets(res)
        a.out.mkdir(parents=True, exist_ok=True)
        write_results(res, a.out, a.docs)
        return 0
    logs = a.out / "logs"
    if logs.exists():
        shutil.rmtree(logs)
    logs.mkdir(parents=True)
    tmp = Path(tempfile.mkdtemp(prefix="digidip-bench-"))
    res: dict = {"machine": machine(), "cores": a.cores, "project": str(a.project.resolve()), "notes": []}
    res["options"] = {k: str(v) for k, v in vars(a).items()}
    print(f"bench: {res['machine']['cpu']}, {res['machine']['usable_cores']} cores; copies under {tmp}")
    t_all = time.perf_counter()
    try:
        run_parts(a, res, tmp, logs)
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    res["total_bench_s"] = round(time.perf_counter() - t_all, 1)
    res["loadavg_at_end"] = os.getloadavg()
    res["targets"] = targets(res)
    res["notes"].append(f"The whole bench took {res['total_bench_s']:.0f} s.")
    write_results(res, a.out, a.docs)
    return 0
