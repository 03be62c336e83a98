"""Benchmark the workflow on this machine and write the results (``make bench``).

Measures, each in a fresh temporary copy of the project (as tests/conftest.copy_project
makes them) with ``snakemake --profile workflow/profiles/local --cores 2``:

* the six-country report: clean build, no-op rebuild, rebuild after touching every input
  without changing it, after editing one country's facts, after editing only the report
  template, after editing the country notebook; wall time, CPU time and peak memory of
  the whole process tree, and per-rule job times from Snakemake's metadata records;
* a plain baseline, the way a researcher would work without the workflow: the same
  country notebooks executed one after another with the papermill CLI (default settings,
  kernel python3) and each rendered with ``jupyter nbconvert --to html``;
* where the time goes: Python import time of every step (``python -X importtime``),
  Jupyter kernel start-up, Snakemake's own start-up;
* scale: synthetic fact bases (bench/synthetic.py) of several sizes up to 200 countries,
  with a straight-line fit of build time against the number of countries.

Results: a table on stdout, ``bench/out/bench.json``, and ``docs/benchmarks.md`` (written
here, never by hand). ``--help`` lists options to run a subset or another checkout.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import datetime as dt
import importlib.metadata
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
import synthetic  # noqa: E402 - the generator beside this file

try:  # what a copy of the project needs, as the tests copy it (data/raw comes separately)
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CODE
except ImportError:
    CODE = ("Snakefile", "workflow", "notebooks", "config", "requirements.lock", "environment.yml")
finally:
    sys.path.remove(str(ROOT / "tests"))
PYTHON = Path(sys.executable)
BIN = PYTHON.parent
#: The targets of the benchmark issue.
TARGETS = {
    "clean_s": 25.0,
    "clean_vs_baseline": 0.5,
    "noop_s": 2.0,
    "one_country_s": 8.0,
    "scale200_s": 360.0,
    "scale200_peak_gb": 4.0,
}
PACKAGES = (
    "snakemake",
    "papermill",
    "nbconvert",
    "nbclient",
    "jupyter_client",
    "ipykernel",
    "jupytext",
    "pandas",
    "numpy",
    "matplotlib",
    "weasyprint",
    "jinja2",
    "jsonschema",
    "PyYAML",
    "pycountry",
    "psutil",
)


# --------------------------------------------------------------------------- machine


def machine() -> dict:
    """CPU, cores, memory, OS, Python and key package versions of this machine."""
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_kb = 0
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    try:
        import yaml

        versions["PyYAML"] += " (libyaml available)" if yaml.__with_libyaml__ else " (no libyaml)"
    except ImportError:
        pass
    return {
        "cpu": cpu,
        "logical_cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)),
        "memory_gb": round(mem_kb / 2**20, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": versions,
        "loadavg_at_start": os.getloadavg(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


# --------------------------------------------------------------------------- running


@dataclass
class Run:
    """One measured command: wall and CPU seconds, peak memory, outcome."""

    name: str
    wall_s: float
    cpu_s: float
    #: Largest resident set of any single process in the tree (getrusage ru_maxrss).
    max_rss_mb: float
    #: Peak of the summed resident sets of every process of the tree, sampled every 0.1 s.
    tree_peak_mb: float
    returncode: int
    timed_out: bool = False
    loadavg: float = 0.0
    jobs: list[dict] = field(default_factory=list)
    log: str = ""

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


def env_for(project: Path) -> dict[str, str]:
    """The environment `make` gives Snakemake: the venv first on PATH, the copy's package importable."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join((str(BIN), env.get("PATH", "")))
    env["PYTHONPATH"] = str(project / "workflow")
    env["PYTHONHASHSEED"] = "0"
    env.pop("JUPYTER_RUNTIME_DIR", None)
    return env


def measure(name: str, cmd: list[str], cwd: Path, env: dict, logdir: Path, timeout: float | None = None) -> Run:
    """Run ``cmd``; return wall time, CPU time and peak memory of it and all its descendants."""
    logdir.mkdir(parents=True, exist_ok=True)
    log = logdir / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.log"
    peak = 0
    stop = threading.Event()
    timed_out = threading.Event()
    with log.open("w") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

        def sample() -> None:
            nonlocal peak
            root = psutil.Process(proc.pid)
            while not stop.is_set():
                total = 0
                with contextlib.suppress(psutil.Error):
                    for p in [root, *root.children(recursive=True)]:
                        with contextlib.suppress(psutil.Error):
                            total += p.memory_info().rss
                peak = max(peak, total)
                if timeout is not None and time.perf_counter() - t0 > timeout and not timed_out.is_set():
                    timed_out.set()
                    stop_tree(proc.pid)
                stop.wait(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # wait4 reports the resources of the child and of every descendant it waited for.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        stop.set()
        sampler.join()
    return Run(
        name=name,
        wall_s=round(wall, 2),
        cpu_s=round(usage.ru_utime + usage.ru_stime, 2),
        max_rss_mb=round(usage.ru_maxrss / 1024, 1),
        tree_peak_mb=round(peak / 2**20, 1),
        returncode=proc.returncode,
        timed_out=timed_out.is_set(),
        loadavg=round(os.getloadavg()[0], 2),
        log=str(log.relative_to(ROOT) if log.is_relative_to(ROOT) else log),
    )


def stop_tree(pid: int) -> None:
    """Stop a process, its process group and every descendant (kernels run in sessions of their own)."""
    try:
        family = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
    except psutil.Error:
        family = []
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGTERM)
    for p in family:
        with contextlib.suppress(psutil.Error):
            p.terminate()
    # The root is our child: os.wait4 in measure() reaps it, so only its descendants are waited for here.
    _, alive = psutil.wait_procs(family[1:], timeout=5)
    for p in [*alive, *family[:1]]:
        with contextlib.suppress(psutil.Error):
            p.kill()


def snakemake(project: Path, name: str, logdir: Path, cores: int, timeout: float | None = None, *args: str) -> Run:
    """Run the workflow in ``project`` as the issue prescribes; attach the jobs this run executed."""
    cmd = [str(PYTHON), "-m", "snakemake", "--profile", "workflow/profiles/local", "--cores", str(cores), *args]
    started = time.time()
    run = measure(name, cmd, project, env_for(project), logdir, timeout)
    run.jobs = job_records(project, since=started)
    if not run.ok:
        print(
            f"  ! {name}: exit {run.returncode}{' (stopped at the time limit)' if run.timed_out else ''}; see {run.log}"
        )
    return run


def copy_project(dest: Path, raw: Path, source: Path = ROOT, config: Path | None = None) -> Path:
    """Copy the workflow code of ``source`` to ``dest`` with ``raw`` as data/raw (like conftest.copy_project)."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in CODE:
        src = source / name
        if not src.exists():
            continue
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        else:
            shutil.copy2(src, dest / name)
    shutil.copytree(raw, dest / "data" / "raw")
    if config is not None:
        shutil.copy2(config, dest / "config" / "config.yaml")
    return dest


# --------------------------------------------------------------------------- per-job timing


def job_records(project: Path, since: float = 0.0) -> list[dict]:
    """Jobs recorded in .snakemake/metadata that started after ``since``: rule, start, end, outputs."""
    meta = project / ".snakemake" / "metadata"
    jobs: dict[tuple, dict] = {}
    if not meta.is_dir():
        return []
    for f in meta.rglob("*"):
        if not f.is_file():
            continue
        try:
            rec = json.loads(f.read_text())
        except (OSError, ValueError):
            continue
        start, end = rec.get("starttime"), rec.get("endtime")
        if not isinstance(start, int | float) or not isinstance(end, int | float) or start < since:
            continue
        encoded = "".join(f.relative_to(meta).parts)
        try:
            output = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
        except (ValueError, UnicodeDecodeError):
            output = encoded
        key = (rec.get("rule"), rec.get("shellcmd") or output)
        job = jobs.setdefault(key, {"rule": rec.get("rule"), "start": start, "end": end, "outputs": []})
        job["start"], job["end"] = min(job["start"], start), max(job["end"], end)
        job["outputs"].append(output)
        if "shellcmd" in rec:
            job["shellcmd"] = rec["shellcmd"]
    out = sorted(jobs.values(), key=lambda j: j["start"])
    for j in out:
        j["seconds"] = round(j["end"] - j["start"], 3)
        j["outputs"] = sorted(j["outputs"])
    return out


def per_rule(jobs: list[dict]) -> dict[str, dict]:
    """Jobs per rule: count, total and mean seconds."""
    rules: dict[str, dict] = {}
    for j in jobs:
        r = rules.setdefault(j["rule"], {"jobs": 0, "total_s": 0.0, "max_s": 0.0})
        r["jobs"] += 1
        r["total_s"] += j["seconds"]
        r["max_s"] = max(r["max_s"], j["seconds"])
    for r in rules.values():
        r["mean_s"] = round(r["total_s"] / r["jobs"], 2)
        r["total_s"] = round(r["total_s"], 2)
        r["max_s"] = round(r["max_s"], 2)
    return rules


def phases(run: Run, started_at: float | None = None) -> dict:
    """Snakemake's own time: before the first job started and after the last one ended."""
    if not run.jobs:
        return {}
    first = min(j["start"] for j in run.jobs)
    last = max(j["end"] for j in run.jobs)
    busy = sum(j["seconds"] for j in run.jobs)
    span = last - first
    out = {
        "jobs_span_s": round(span, 2),
        "job_seconds": round(busy, 2),
        "parallelism": round(busy / span, 2) if span else None,
    }
    if started_at is not None:
        out["startup_s"] = round(first - started_at, 2)
        out["teardown_s"] = round(started_at + run.wall_s - last, 2)
    return out


# --------------------------------------------------------------------------- edits


def edit_country(project: Path, iso3: str) -> str:
    """Change the first event title in one country's file; return a description."""
    path = project / "data" / "raw" / "countries" / f"{iso3}.yaml"
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(r'(\btitle"?:\s*")', r"\1Edited for the benchmark: ", text, count=1)
    if n != 1:
        raise RuntimeError(f"no quoted title to edit in {path}")
    path.write_text(new, encoding="utf-8")
    return f"data/raw/countries/{iso3}.yaml: first event title changed"


def edit_template(project: Path) -> str:
    path = project / "workflow" / "digidip" / "templates" / "report.html.j2"
    path.write_text(path.read_text(encoding="utf-8") + "{# edited for the benchmark #}\n", encoding="utf-8")
    return "report.html.j2: a template comment appended"


def edit_notebook(project: Path) -> str:
    path = project / "notebooks" / "country_profile.py"
    path.write_text(path.read_text(encoding="utf-8") + "# edited for the benchmark\n", encoding="utf-8")
    return "country_profile.py: a comment appended to the last cell"


def touch_inputs(project: Path) -> str:
    now = time.time()
    n = 0
    for sub in ("data/raw", "notebooks", "workflow", "config"):
        for p in (project / sub).rglob("*"):
            if p.is_file():
                os.utime(p, (now, now))
                n += 1
    os.utime(project / "Snakefile", (now, now))
    return f"{n + 1} input files touched (mtime now, content unchanged)"


# --------------------------------------------------------------------------- where time goes

IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def import_profile(stderr: str) -> dict:
    """Total import time and the heaviest top-level packages from ``-X importtime`` output."""
    total_us = 0
    packages: dict[str, int] = {}
    for line in stderr.splitlines():
        m = IMPORT_LINE.match(line)
        if not m:
            continue
        cumulative, depth, name = int(m.group(2)), len(m.group(3)) - 1, m.group(4)
        if depth == 0:
            total_us += cumulative
        if "." not in name and not name.startswith("_") and name != "digidip":
            packages[name] = max(packages.get(name, 0), cumulative)
    heavy = sorted(packages.items(), key=lambda kv: -kv[1])[:4]
    return {"import_s": round(total_us / 1e6, 2), "heaviest": {k: round(v / 1e6, 2) for k, v in heavy if v >= 50_000}}


def step_imports(project: Path, jobs: list[dict], logdir: Path) -> dict[str, dict]:
    """Re-run one job of each rule with ``python -X importtime``: wall time and import time of the step."""
    out: dict[str, dict] = {}
    seen: set[str] = set()
    env = env_for(project)
    for job in jobs:
        rule, cmd = job["rule"], job.get("shellcmd")
        if rule in seen or not cmd or not cmd.startswith("python "):
            continue
        seen.add(rule)
        cmd = re.sub(r"\s*>\s*\S+\s+2>&1\s*$", "", cmd)
        cmd = "python -X importtime " + cmd.removeprefix("python ")
        t0 = time.perf_counter()
        proc = subprocess.run(["bash", "-c", cmd], cwd=project, env=env, capture_output=True, text=True, timeout=600)
        wall = time.perf_counter() - t0
        (logdir / f"importtime-{rule}.log").write_text(proc.stderr)
        prof = import_profile(proc.stderr)
        out[rule] = {"wall_s": round(wall, 2), **prof, "returncode": proc.returncode}
    bare = subprocess.run(
        [str(PYTHON), "-X", "importtime", "-c", "pass"], env=env, capture_output=True, text=True, check=False
    )
    t0 = time.perf_counter()
    subprocess.run([str(PYTHON), "-c", "pass"], env=env, check=False)
    out["(bare interpreter)"] = {"wall_s": round(time.perf_counter() - t0, 2), **import_profile(bare.stderr)}
    return out


KERNEL_PROBE = r"""
import os, sys, time, statistics
from jupyter_client.manager import start_new_kernel
starts, imports = [], []
for _ in range(3):
    t0 = time.perf_counter()
    km, kc = start_new_kernel(kernel_name="python3")
    t1 = time.perf_counter()
    kc.execute_interactive("from digidip import profile", timeout=120)
    t2 = time.perf_counter()
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    starts.append(t1 - t0)
    imports.append(t2 - t1)
print(statistics.median(starts), statistics.median(imports))
"""


def kernel_startup(project: Path) -> dict:
    """Median seconds to start a python3 kernel and to import digidip.profile in it."""
    env = env_for(project)
    with tempfile.TemporaryDirectory(prefix="bench-kernel-") as runtime:
        env["JUPYTER_RUNTIME_DIR"] = runtime
        proc = subprocess.run(
            [str(PYTHON), "-c", KERNEL_PROBE], cwd=project, env=env, capture_output=True, text=True, timeout=300
        )
    if proc.returncode != 0:
        return {"error": proc.stderr[-500:]}
    start, imp = (float(x) for x in proc.stdout.split()[-2:])
    return {"kernel_start_s": round(start, 2), "import_digidip_profile_in_kernel_s": round(imp, 2)}


# --------------------------------------------------------------------------- baseline


def baseline(built: Path, work: Path, logdir: Path) -> tuple[Run, int]:
    """Papermill then nbconvert, country after country, as a researcher would run them by hand.

    The fact slices and the .ipynb (converted from the jupytext source) are prepared before
    the clock starts; the baseline is charged only for executing and rendering.
    """
    import jupytext

    work.mkdir(parents=True)
    nb = jupytext.read(built / "notebooks" / "country_profile.py")
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    jupytext.write(nb, work / "country_profile.ipynb", fmt="ipynb")
    slices = sorted((built / "data" / "interim" / "countries").glob("*.json"))
    lines = ["set -e"]
    for s in slices:
        iso3 = s.stem
        shutil.copy2(s, work / s.name)
        lines.append(
            f"papermill country_profile.ipynb out/{iso3}.ipynb -k python3 -p iso3 {iso3}"
            f" -p facts_path {work / s.name} -p report_href ../report.html"
        )
        lines.append(f"jupyter nbconvert --to html out/{iso3}.ipynb")
    (work / "out").mkdir()
    (work / "baseline.sh").write_text("\n".join(lines) + "\n")
    env = env_for(built)
    run = measure("baseline", ["bash", "baseline.sh"], work, env, logdir)
    return run, len(slices)


# --------------------------------------------------------------------------- scale


def linear_fit(xs: list[float], ys: list[float]) -> dict | None:
    """Least-squares line y = a + b x, with R²."""
    if len(xs) < 2:
        return None
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    a = my - b * mx
    ss_res = sum((y - (a + b * x)) ** 2 for x, y in zip(xs, ys, strict=True))
    ss_tot = sum((y - my) ** 2 for y in ys)
    return {
        "intercept_s": round(a, 2),
        "slope_s_per_country": round(b, 3),
        "r2": round(1 - ss_res / ss_tot, 4) if ss_tot else 1.0,
    }


def html_tables(html: str) -> list[dict]:
    """Caption (or id) and column count of each table in the report."""
    out = []
    for m in re.finditer(r"<table\b([^>]*)>(.*?)</table>", html, re.S):
        attrs, body = m.group(1), m.group(2)
        first_row = re.search(r"<tr\b.*?</tr>", body, re.S)
        cols = len(re.findall(r"<t[hd]\b", first_row.group(0))) if first_row else 0
        rows = len(re.findall(r"<tr\b", body))
        cap = re.search(r"<caption>(.*?)</caption>", body, re.S)
        label = (
            re.sub(r"<[^>]+>", "", cap.group(1))[:70] if cap else (re.search(r'id="([^"]+)"', attrs) or [None, "?"])[1]
        )
        out.append({"table": label, "columns": cols, "rows": rows})
    return out


def svg_facts(svg: Path) -> dict:
    """Size in inches, and how many text labels and legend lines the figure carries."""
    text = svg.read_text(encoding="utf-8")
    m = re.search(r'<svg[^>]*width="([\d.]+)pt"[^>]*height="([\d.]+)pt"', text)
    w, h = (float(m.group(1)) / 72, float(m.group(2)) / 72) if m else (0.0, 0.0)
    return {
        "figure": svg.stem,
        "width_in": round(w, 1),
        "height_in": round(h, 1),
        "text_groups": len(re.findall(r'<g id="text_\d+"', text)),
        "lines": len(re.findall(r'<g id="line2d_\d+"', text)),
    }


def legibility(project: Path, outdir: Path, n: int) -> dict:
    """Facts for judging the figures and tables at this size; copies the SVGs and the PDF for a look."""
    outdir.mkdir(parents=True, exist_ok=True)
    figs = sorted(project.glob("data/interim/figures/*.svg"))
    for f in figs:
        shutil.copy2(f, outdir / f.name)
    report = next(iter(sorted(project.glob("**/reports/report.html"))), None)
    pdf = next(iter(sorted(project.glob("**/reports/report.pdf"))), None)
    facts: dict = {"figures": [svg_facts(f) for f in figs]}
    if report is not None:
        tables = html_tables(report.read_text(encoding="utf-8"))
        facts["report_html_mb"] = round(report.stat().st_size / 2**20, 1)
        facts["wide_tables"] = [t for t in tables if t["columns"] > 14]
        facts["long_tables"] = [t for t in tables if t["rows"] > 300]
    if pdf is not None:
        shutil.copy2(pdf, outdir / "report.pdf")
        facts["pdf_mb"] = round(pdf.stat().st_size / 2**20, 1)
        if shutil.which("pdfinfo"):
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False).stdout
            pages = re.search(r"^Pages:\s+(\d+)", info, re.M)
            facts["pdf_pages"] = int(pages.group(1)) if pages else None
        if shutil.which("pdftoppm") and shutil.which("pdftotext"):
            facts["figure_pages"] = figure_pages(pdf, outdir)
    return facts


def figure_pages(pdf: Path, outdir: Path) -> list[int]:
    """Render the PDF pages that carry the comparative figures to PNG (for a human to look at)."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=False).stdout
    pages = []
    for i, page in enumerate(text.split("\f"), 1):
        if re.search(r"^Figure \d+\.", page, re.M):
            pages.append(i)
        if len(pages) >= 6:
            break
    for p in pages:
        subprocess.run(
            ["pdftoppm", "-f", str(p), "-l", str(p), "-r", "80", "-png", str(pdf), str(outdir / f"page-{p:04d}")],
            check=False,
            capture_output=True,
        )
    return pages


# --------------------------------------------------------------------------- report


def fmt_s(x: float | None) -> str:
    return "–" if x is None else f"{x:.1f} s"


def verdict(value: float | None, limit: float) -> str:
    if value is None:
        return "not measured"
    return "met" if value <= limit else "**missed**"


def rule_table(rules: dict[str, dict]) -> list[str]:
    lines = ["| rule | jobs | total job s | mean s | max s |", "|---|---:|---:|---:|---:|"]
    for rule, r in sorted(rules.items(), key=lambda kv: -kv[1]["total_s"]):
        lines.append(f"| {rule} | {r['jobs']} | {r['total_s']:.1f} | {r['mean_s']:.2f} | {r['max_s']:.2f} |")
    return lines


def scale_rule_table(runs: list[dict]) -> list[str]:
    """Mean seconds per job of each rule at each size: a rule whose mean grows with N grows faster than N."""
    cols = []  # (heading, per-rule dict, phases)
    for s in runs:
        cols.append((f"{s['n']} countries", s.get("rules", {}), s.get("phases", {})))
        if s.get("finish"):
            cols.append(
                (f"{s['n']}, resumed after the stop", s["finish"].get("rules", {}), s["finish"].get("phases", {}))
            )
    rules: list[str] = []
    for _, per, _ in cols:
        rules += [r for r in per if r not in rules]
    lines = [
        "Job time per rule: total job seconds (mean seconds per job) at each size, and Snakemake's own"
        " start-up before the first job (workflow load, validation of every raw file, DAG):",
        "",
        "| rule | " + " | ".join(c[0] for c in cols) + " |",
        "|---|" + "---:|" * len(cols),
    ]
    for rule in rules:
        cells = []
        for _, per, _ in cols:
            r = per.get(rule)
            cells.append(f"{r['total_s']:.1f} ({r['mean_s']:.2f})" if r else "–")
        lines.append(f"| {rule} | " + " | ".join(cells) + " |")
    lines.append("| *Snakemake start-up* | " + " | ".join(fmt_s(ph.get("startup_s")) for _, _, ph in cols) + " |")
    return lines


def render_markdown(res: dict) -> str:
    m = res["machine"]
    six = res.get("six_country", {})
    runs = {r["name"]: r for r in six.get("runs", [])}
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`bench/run.py`) on {m['date']}; do not edit by hand — rerun the bench.",
        "Every measurement ran in a fresh temporary copy of the project with",
        f"`snakemake --profile workflow/profiles/local --cores {res['cores']}`. Wall time is what a",
        "researcher waits; CPU time is user+system time of the whole process tree (less sensitive to",
        "other load on the machine); peak memory is the largest summed resident memory of every process",
        "of the tree, sampled every 0.1 s (the largest single process, from getrusage, beside it).",
        "",
        "## Machine",
        "",
        f"- CPU: {m['cpu']}; {m['logical_cores']} logical cores ({m['usable_cores']} usable)",
        f"- Memory: {m['memory_gb']} GB",
        f"- OS: {m['os']}",
        f"- Python {m['python']}",
        "- Packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
        f"- Load average when the bench started: {', '.join(f'{x:.2f}' for x in m['loadavg_at_start'])}"
        " (other work on the machine inflates wall times; compare CPU times across runs)",
        "",
    ]
    if runs:
        lines += [
            f"## The six-country report ({six.get('countries', '?')} countries)",
            "",
            "| measurement | wall | CPU | peak memory (tree) | largest process | jobs run | load |",
            "|---|---:|---:|---:|---:|---|---:|",
        ]
        for r in six["runs"]:
            counts = per_rule(r["jobs"])
            jobs = ", ".join(f"{k}×{v['jobs']}" for k, v in counts.items()) or "none"
            flag = " (failed)" if r["returncode"] else ""
            lines.append(
                f"| {r['name']}{flag} | {fmt_s(r['wall_s'])} | {fmt_s(r['cpu_s'])} | {r['tree_peak_mb']:.0f} MB"
                f" | {r['max_rss_mb']:.0f} MB | {jobs} | {r['loadavg']:.1f} |"
            )
        if "edits" in six:
            lines += ["", "Edits: " + "; ".join(f"{k}: {v}" for k, v in six["edits"].items()) + "."]
        b = res.get("baseline")
        if b:
            lines += [
                "",
                f"**Baseline** (papermill CLI + `jupyter nbconvert --to html`, {b['countries']} notebooks one after"
                f" another, kernel python3, fact slices prepared beforehand): {fmt_s(b['run']['wall_s'])} wall,"
                f" {fmt_s(b['run']['cpu_s'])} CPU, peak {b['run']['tree_peak_mb']:.0f} MB. The workflow's clean build"
                f" (which also validates, tidies, draws four figures, assembles the report and prints the PDF)"
                f" takes **{b['ratio']:.2f}×** the baseline's wall time.",
            ]
    t = res.get("targets", {})
    if t:
        lines += ["", "## Targets", "", "| target | measured | limit | verdict |", "|---|---:|---:|---|"]
        for row in t.values():
            lines.append(f"| {row['what']} | {row['measured']} | {row['limit']} | {row['verdict']} |")
    if six.get("clean_rules"):
        lines += [
            "",
            "## Where the time goes",
            "",
            "Clean build, per rule (job times from `.snakemake/metadata`; with 2 cores, job seconds add up to"
            " about twice the wall time when both cores are busy):",
            "",
            *rule_table(six["clean_rules"]),
        ]
        ph = six.get("clean_phases", {})
        if ph:
            lines += [
                "",
                f"Snakemake before the first job (workflow load, raw-data validation, DAG): {fmt_s(ph.get('startup_s'))};"
                f" after the last job: {fmt_s(ph.get('teardown_s'))}; jobs ran for {fmt_s(ph.get('jobs_span_s'))}"
                f" with {ph.get('parallelism')} jobs busy on average.",
            ]
    imp = res.get("imports")
    if imp:
        lines += [
            "",
            "One job of each rule rerun with `python -X importtime` (wall time of the whole step; import time is"
            " the part spent importing modules; heaviest packages with their cumulative import time):",
            "",
            "| step | wall | imports | heaviest imports |",
            "|---|---:|---:|---|",
        ]
        for step, p in imp.items():
            heavy = ", ".join(f"{k} {v:.2f}" for k, v in p.get("heaviest", {}).items())
            lines.append(f"| {step} | {fmt_s(p.get('wall_s'))} | {fmt_s(p.get('import_s'))} | {heavy} |")
    k = res.get("kernel")
    if k and "kernel_start_s" in k:
        lines += [
            "",
            f"Jupyter kernel start-up (python3, median of 3): {fmt_s(k['kernel_start_s'])}; importing"
            f" `digidip.profile` in the fresh kernel: {fmt_s(k['import_digidip_profile_in_kernel_s'])}.",
        ]
    sc = res.get("scale")
    if sc:
        lines += [
            "",
            "## Scale: synthetic fact bases",
            "",
            "Generated by `bench/synthetic.py` (real ISO 3166-1 codes, made-up values, `synthetic: true` in"
            " every country file, about 100 official observations, 9 events and 2–5 coded practices per"
            " country, like the real data). Clean builds:",
            "",
            "| countries | wall | per country | CPU | peak memory (tree) | largest process | PDF pages | outcome |",
            "|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        for s in sc["runs"]:
            r = s["run"]
            outcome = (
                "ok"
                if r["returncode"] == 0 and not r["timed_out"]
                else (
                    f"stopped at {sc['limit_s']:.0f} s ({s['jobs_done']} of {s['jobs_total'] or '?'} jobs done)"
                    if r["timed_out"]
                    else f"failed (exit {r['returncode']})"
                )
            )
            fin = s.get("finish")
            if fin:
                done = "finished" if fin["returncode"] == 0 and not fin["timed_out"] else "did not finish"
                outcome += (
                    f"; resumed untimed, {done} in {fin['wall_s']:.0f} s more (peak {fin['tree_peak_mb']:.0f} MB)"
                )
            lines.append(
                f"| {s['n']} | {fmt_s(r['wall_s'])} | {r['wall_s'] / s['n']:.2f} s | {fmt_s(r['cpu_s'])}"
                f" | {r['tree_peak_mb']:.0f} MB | {r['max_rss_mb']:.0f} MB | {s.get('legibility', {}).get('pdf_pages', '–')} | {outcome} |"
            )
        fit = sc.get("fit")
        if fit:
            lines += [
                "",
                f"Straight-line fit over the completed builds ({', '.join(str(n) for n in sc['fit_sizes'])} countries):"
                f" wall ≈ {fit['intercept_s']:.1f} s + {fit['slope_s_per_country']:.2f} s × N, R² = {fit['r2']:.3f};"
                f" predicted for 200 countries: {sc['predicted_200_s']:.0f} s.",
            ]
        lines += ["", *scale_rule_table(sc["runs"])]
        leg = next((s.get("legibility") for s in reversed(sc["runs"]) if s.get("legibility")), None)
        if leg:
            n = next(s["n"] for s in reversed(sc["runs"]) if s.get("legibility"))
            lines += ["", f"### Legibility at {n} countries", ""]
            for f in leg.get("figures", []):
                lines.append(
                    f"- Figure `{f['figure']}`: {f['width_in']} × {f['height_in']} in, {f['lines']} line objects,"
                    f" {f['text_groups']} text labels."
                )
            for tb in leg.get("wide_tables", []):
                lines.append(
                    f"- Wide table: {tb['table']!r} has {tb['columns']} columns (more than 14 do not fit an A4 page"
                    " legibly: they are squeezed or cut off in the PDF)."
                )
            for tb in leg.get("long_tables", []):
                lines.append(f"- Long table: {tb['table']!r} has {tb['rows']} rows.")
            if leg.get("pdf_pages"):
                lines.append(
                    f"- PDF: {leg['pdf_pages']} pages, {leg.get('pdf_mb')} MB; HTML {leg.get('report_html_mb')} MB."
                )
            lines.append("- The SVGs, the PDF and PNG renders of the figure pages are kept in `bench/out/` for a look.")
    notes = res.get("notes")
    if notes:
        lines += ["", "## Notes", "", *[f"- {n}" for n in notes]]
    return "\n".join(lines) + "\n"


def print_summary(res: dict) -> None:
    six = res.get("six_country", {})
    print()
    print(f"{'measurement':34s} {'wall':>9s} {'CPU':>9s} {'peak MB':>8s}")
    for r in six.get("runs", []):
        print(f"{r['name']:34s} {r['wall_s']:8.1f}s {r['cpu_s']:8.1f}s {r['tree_peak_mb']:8.0f}")
    b = res.get("baseline")
    if b:
        r = b["run"]
        print(
            f"{'baseline (papermill + nbconvert)':34s} {r['wall_s']:8.1f}s {r['cpu_s']:8.1f}s {r['tree_peak_mb']:8.0f}"
        )
        print(f"{'clean build / baseline':34s} {b['ratio']:8.2f}x")
    for s in res.get("scale", {}).get("runs", []):
        r = s["run"]
        tag = " (stopped)" if r["timed_out"] else ("" if r["returncode"] == 0 else " (failed)")
        print(
            f"{'synthetic ' + str(s['n']) + ' countries' + tag:34s} {r['wall_s']:8.1f}s {r['cpu_s']:8.1f}s {r['tree_peak_mb']:8.0f}"
        )
    fit = res.get("scale", {}).get("fit")
    if fit:
        print(f"fit: wall = {fit['intercept_s']} s + {fit['slope_s_per_country']} s x N  (R² {fit['r2']})")
    for row in res.get("targets", {}).values():
        print(f"target {row['what']:45s} {row['measured']:>10s}  limit {row['limit']:>8s}  {row['verdict']}")


# --------------------------------------------------------------------------- main


def targets(res: dict) -> dict:
    out = {}
    runs = {r["name"]: r for r in res.get("six_country", {}).get("runs", [])}

    def add(key: str, what: str, value: float | None, limit: float, unit: str = "s") -> None:
        out[key] = {
            "what": what,
            "measured": "–" if value is None else f"{value:.2f}{'×' if unit == 'x' else ' ' + unit}",
            "limit": f"{limit:g}{'×' if unit == 'x' else ' ' + unit}",
            "verdict": verdict(value, limit),
            "value": value,
        }

    def ok_wall(name: str) -> float | None:
        r = runs.get(name)
        return r["wall_s"] if r and r["returncode"] == 0 else None

    add("clean", "clean build, six countries", ok_wall("clean build"), TARGETS["clean_s"])
    b = res.get("baseline")
    add("ratio", "clean build / baseline", b["ratio"] if b else None, TARGETS["clean_vs_baseline"], "x")
    noop = res.get("six_country", {}).get("noop_median_s")
    add("noop", "no-op rebuild (median)", noop if noop is not None else ok_wall("no-op rebuild"), TARGETS["noop_s"])
    add("country", "rebuild after one country's facts", ok_wall("edit one country's facts"), TARGETS["one_country_s"])
    big = next((s for s in res.get("scale", {}).get("runs", []) if s["n"] == 200), None)
    if big:
        r = big["run"]
        add(
            "scale200",
            "200-country clean build",
            r["wall_s"] if r["returncode"] == 0 and not r["timed_out"] else None,
            TARGETS["scale200_s"],
        )
        if r["timed_out"]:
            out["scale200"]["measured"] = f"> {r['wall_s']:.0f} s"
            out["scale200"]["verdict"] = "**missed** (stopped at the limit)"
            fin = big.get("finish")
            if fin and fin["returncode"] == 0 and not fin["timed_out"]:
                out["scale200"]["measured"] += f" (≈ {r['wall_s'] + fin['wall_s']:.0f} s to finish)"
        fin = big.get("finish")
        complete = r["returncode"] == 0 and not r["timed_out"]
        complete_later = bool(fin) and fin["returncode"] == 0 and not fin["timed_out"]
        if complete or complete_later or r["timed_out"]:
            peak = max(r["tree_peak_mb"], fin["tree_peak_mb"] if fin else 0.0) / 1024
            add("mem200", "200-country peak memory", peak, TARGETS["scale200_peak_gb"], "GB")
            if not (complete or complete_later):
                out["mem200"]["measured"] = f"≥ {peak:.2f} GB"
                out["mem200"]["verdict"] += " (until stopped)"
            elif complete_later:
                out["mem200"]["what"] += " (stopped build, then finished)"
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--project", type=Path, default=ROOT, help="checkout to measure (default: this one)")
    p.add_argument("--cores", type=int, default=2)
    p.add_argument(
        "--sizes",
        default="5,10,20,200",
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
    a = p.parse_args(argv)
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
    (out / "bench.json").write_text(json.dumps(res, indent=1, default=str) + "\n")
    print_summary(res)
    print(f"wrote {out / 'bench.json'}")
    if a.docs:
        docs = Path(a.docs)
        docs.parent.mkdir(parents=True, exist_ok=True)
        docs.write_text(render_markdown(res), encoding="utf-8")
        print(f"wrote {docs}")
    return 0


def six_country(project: Path, tmp: Path, logs: Path, a: argparse.Namespace, skip: set[str], res: dict) -> dict:
    """The real fact base: clean, no-op, touched, and three kinds of edit; then the baseline."""
    work = copy_project(tmp / "six", project / "data" / "raw", project)
    countries = sorted(p.stem for p in (work / "data" / "raw" / "countries").glob("*.yaml"))
    runs: list[Run] = []
    edits: dict[str, str] = {}
    print(f"six-country report ({len(countries)} countries) in {work}")

    def step(name: str) -> Run:
        t_start = time.time()
        r = snakemake(work, name, logs, a.cores)
        r.jobs = [j for j in r.jobs if j["start"] >= t_start]
        print(f"  {name:32s} {r.wall_s:7.1f} s wall {r.cpu_s:7.1f} s CPU {r.tree_peak_mb:6.0f} MB  jobs {len(r.jobs)}")
        runs.append(r)
        return r

    t0 = time.time()
    clean = step("clean build")
    out: dict = {"countries": len(countries), "clean_rules": per_rule(clean.jobs), "clean_phases": phases(clean, t0)}
    noops = [step("no-op rebuild" if i == 0 else f"no-op rebuild #{i + 1}") for i in range(a.noop_repeats)]
    if noops and all(r.returncode == 0 for r in noops):
        out["noop_median_s"] = statistics.median(r.wall_s for r in noops)
        res["notes"].append(f"No-op rebuild: median of {len(noops)} runs {out['noop_median_s']:.2f} s wall.")
    edits["touched"] = touch_inputs(work)
    step("touch every input (no change)")
    edits["one country"] = edit_country(work, countries[0])
    step("edit one country's facts")
    edits["template"] = edit_template(work)
    step("edit the report template")
    edits["notebook"] = edit_notebook(work)
    step("edit the country notebook")
    out["edits"] = edits
    out["runs"] = [asdict(r) for r in runs]

    if "baseline" not in skip:
        print("baseline: papermill + nbconvert, one country after another")
        brun, n = baseline(work, tmp / "baseline", logs)
        print(f"  {'baseline':32s} {brun.wall_s:7.1f} s wall {brun.cpu_s:7.1f} s CPU {brun.tree_peak_mb:6.0f} MB")
        if brun.returncode != 0:
            print(f"  ! baseline failed; see {brun.log}")
        res["baseline"] = {"run": asdict(brun), "countries": n, "ratio": round(clean.wall_s / brun.wall_s, 2)}
    if "imports" not in skip:
        print("where the time goes: import time per step, kernel start-up")
        res["imports"] = step_imports(work, clean.jobs, logs)
        res["kernel"] = kernel_startup(work)
    return out


def scale(
    project: Path, tmp: Path, logs: Path, out: Path, a: argparse.Namespace, sizes: list[int], notes: list[str]
) -> dict:
    """Clean builds of synthetic fact bases; a straight-line fit of wall time against N."""
    runs = []
    print(f"scale: synthetic fact bases of {', '.join(map(str, sizes))} countries (limit {a.scale_limit:.0f} s each)")
    for n in sizes:
        raw = tmp / f"raw-{n}"
        synthetic.generate(n, raw)
        work = copy_project(tmp / f"scale-{n}", raw, project)
        check = subprocess.run(
            [str(PYTHON), "-m", "digidip", "validate", "--raw", "data/raw"],
            cwd=work,
            env=env_for(work),
            capture_output=True,
            text=True,
            check=False,
        )
        if check.returncode != 0:
            msg = f"synthetic fact base of {n} countries does not validate; scale runs skipped: {check.stderr.strip()[-800:]}"
            print(f"  ! {msg}")
            notes.append(msg)
            break
        dry = subprocess.run(
            [
                str(PYTHON),
                "-m",
                "snakemake",
                "--profile",
                "workflow/profiles/local",
                "--cores",
                str(a.cores),
                "-n",
                "--quiet",
                "rules",
            ],
            cwd=work,
            env=env_for(work),
            capture_output=True,
            text=True,
            check=False,
        )
        total = re.search(r"^total\s+(\d+)", dry.stdout + dry.stderr, re.M)
        t0 = time.time()
        r = snakemake(work, f"synthetic-{n}", logs, a.cores, a.scale_limit)
        entry = {
            "n": n,
            "run": asdict(r),
            "jobs_total": int(total.group(1)) if total else None,
            "jobs_done": len(r.jobs),
            "rules": per_rule(r.jobs),
            "phases": phases(r, t0),
        }
        print(
            f"  {n:4d} countries {r.wall_s:7.1f} s wall {r.cpu_s:7.1f} s CPU {r.tree_peak_mb:6.0f} MB"
            f"  jobs {len(r.jobs)}/{entry['jobs_total']}{' STOPPED' if r.timed_out else ''}"
        )
        if r.timed_out and a.finish_limit > 0:
            # Outside the measurement: let the stopped build finish, for its figures, report and
            # memory peak (the PDF comes last), and to learn how long the whole build takes.
            t1 = time.time()
            rest = snakemake(work, f"synthetic-{n}-finish", logs, a.cores, a.finish_limit)
            entry["finish"] = {**asdict(rest), "rules": per_rule(rest.jobs), "phases": phases(rest, t1)}
            print(
                f"       finishing it (not timed for the target): {rest.wall_s:7.1f} s more,"
                f" {rest.tree_peak_mb:6.0f} MB{' STOPPED' if rest.timed_out else ''}"
            )
        finished = r.ok or (
            entry.get("finish") and entry["finish"]["returncode"] == 0 and not entry["finish"]["timed_out"]
        )
        if finished:
            entry["legibility"] = legibility(work, out / f"scale-{n}", n)
        runs.append(entry)
        shutil.rmtree(work, ignore_errors=True)
    done = [s for s in runs if s["run"]["returncode"] == 0 and not s["run"]["timed_out"]]
    fit = linear_fit([s["n"] for s in done], [s["run"]["wall_s"] for s in done])
    res = {"runs": runs, "limit_s": a.scale_limit, "fit": fit, "fit_sizes": [s["n"] for s in done]}
    if fit:
        res["predicted_200_s"] = round(fit["intercept_s"] + fit["slope_s_per_country"] * 200, 1)
    return res


if __name__ == "__main__":
    sys.exit(main())
