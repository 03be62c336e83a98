"""Shared test helpers: the project root, and running the workflow in a throwaway copy."""

from __future__ import annotations

import csv
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

# No bytecode is written, by this process or any it starts (they inherit the variable): the
# checkout gets no __pycache__ and the shared .venv is read, never written. Set before the
# first import of the package below; modules compile in memory instead.
sys.dont_write_bytecode = True
os.environ["PYTHONDONTWRITEBYTECODE"] = "1"

from digidip.common.provenance import INPUT_PATHS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
#: The check that no test writes into the checkout (a plugin: hooks and an autouse fixture).
pytest_plugins = ["checkout_guard"]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: What a copy of the project needs to run the workflow: every input of the edition but the
#: raw data (which comes separately), and the files that install and drive it.
CODE = (*(p for p in INPUT_PATHS if p != "data/raw"), "Makefile", "environment.yml")


SNAPSHOTS = ROOT / "data" / "snapshots"


def checked(raw: Path, cache_dir: Path):
    """Validate ``raw`` against the project's snapshots, as the workflow does when it loads."""
    from digidip.official.factbase import load

    return load(raw, raw.parent.parent, cache_dir, snapshot_root=SNAPSHOTS)


def tidy_input(raw: Path, cache_dir: Path, countries: list[str] | None = None):
    """The tidy stage's input for ``raw``, with the official tables extracted in this process."""
    from digidip.tidy.inputs import build_input

    return build_input(raw, raw.parent.parent, cache_dir, SNAPSHOTS, countries)


#: The fixture's countries as the UN file names them.
NAMES = {"ISL": "Iceland", "MLT": "Malta"}


def wdi_internet(iso3: str) -> dict[int, float]:
    """The World Bank file's internet-use values of a country, by year."""
    path = SNAPSHOTS / "worldbank/wdi-internet-users/v2_2160/API_IT.NET.USER.ZS_DS2_en_csv_v2_2160.csv"
    row = next(r for r in csv.DictReader(path.open(encoding="utf-8-sig")) if r["Country Code"] == iso3)
    return {int(y): float(v) for y, v in row.items() if y.isdigit() and v}


def egdi_rank(iso3: str, year: int) -> int:
    """A fixture country's rank in one edition of the UN file."""
    return egdi_rank_of(NAMES[iso3], year)


def egdi_rank_of(name: str, year: int) -> int:
    """A country's rank in one edition of the UN file, found by the name the file gives it."""
    path = SNAPSHOTS / f"undesa/egdi/{year}/EGOV_DATA_{year}.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    name_col = "Country Name" if "Country Name" in rows[0] else "Country"
    rank_col = "E-Government Rank" if "E-Government Rank" in rows[0] else "Rank"
    return int(next(r for r in rows if r[name_col].strip() == name)[rank_col])


def pytest_configure(config):
    """Hypothesis keeps caches (the constants of the modules it runs, Unicode tables) in
    .hypothesis/ of the working directory, even with database=None, from collection on: in
    a temporary folder instead, removed when the session ends."""
    from hypothesis.configuration import set_hypothesis_home_dir

    folder = tempfile.mkdtemp(prefix="digidip-hypothesis-")
    set_hypothesis_home_dir(folder)
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


def venv_env() -> dict[str, str]:
    """Environment with this interpreter's bin directory first on PATH."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join((str(Path(sys.executable).parent), env.get("PATH", "")))
    env["PYTHONPATH"] = str(ROOT / "workflow")
    return env


def copy_project(dest: Path, raw: Path | None = None, config: Path | None = None) -> Path:
    """Copy the workflow code to ``dest`` with the raw data of ``raw`` (default: the real data)."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in CODE:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        else:
            shutil.copy2(src, dest / name)
    shutil.copytree(raw or ROOT / "data" / "raw", dest / "data" / "raw")
    if config is not None:
        shutil.copy2(config, dest / "config" / "config.yaml")
    return dest


def copy_sources(src: Path, dest: Path) -> Path:
    """The code, configuration and raw data of project ``src``, without its build products
    (nor .snakemake/): a tree as a clean checkout of ``src`` would be."""
    dest.mkdir(parents=True)
    for name in (*CODE, "data/raw"):
        if (src / name).is_dir():
            shutil.copytree(src / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src / name, dest / name)
    return dest


def published_bytes(project: Path) -> dict[str, bytes]:
    """Every file of the edition a build published: data/tidy/ and reports/ (the manifest
    included), by relative path."""
    return {
        p.relative_to(project).as_posix(): p.read_bytes()
        for d in ("data/tidy", "reports")
        for p in sorted((project / d).rglob("*"))
        if p.is_file()
    }


#: The test modules that take longest (pytest --durations, December 2026), longest first.
LONGEST = (
    "test_robustness.py",
    "test_edition.py",
    "test_recover_make.py",
    "test_scale.py",
    "test_slurm.py",
    "test_incremental.py",
    "test_workflow.py",
    "test_inputfiles.py",
    "test_accessibility.py",
    "test_serve_warm.py",
    "test_published.py",
    "test_serve.py",
)
#: Fixtures that run a whole build: a test that uses one is a slow end-to-end test.
BUILD_FIXTURES = ("mini_build", "mini_origin")
#: Snakemake options under which it builds nothing.
NO_BUILD = {"--dry-run", "-n", "--list-rules", "--rulegraph", "--lint"}
#: The test being run (set before its fixtures are), for the check in ``snakemake``.
RUNNING: list[pytest.Item] = []


def pytest_collection_modifyitems(items):
    """A test that needs a whole build says so with the workflow mark, so that
    ``-m "not workflow"`` leaves every build out."""
    unmarked = [
        item.nodeid
        for item in items
        if set(BUILD_FIXTURES) & set(getattr(item, "fixturenames", ())) and not item.get_closest_marker("workflow")
    ]
    if unmarked:
        raise pytest.UsageError("tests that use a build fixture need @pytest.mark.workflow: " + ", ".join(unmarked))
    # The longest modules first, then the others with builds, then the rest (a stable sort:
    # each module's tests stay together, in order), so that make test's parallel workers (a
    # module each at a time, in this order: --no-loadscope-reorder) start with the long ones
    # and end on short ones, not with one worker finishing a build while the other idles.
    building = {item.path.name for item in items if item.get_closest_marker("workflow")}
    items.sort(
        key=lambda item: (LONGEST.index(n) if (n := item.path.name) in LONGEST else len(LONGEST), n not in building)
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    RUNNING[:] = [item]


def snakemake(project: Path, *args: str, cores: int = 2, check: bool = True) -> subprocess.CompletedProcess:
    """Run Snakemake in ``project`` with the local profile; return the completed process.
    A build (not a dry run) is only for a test with the workflow mark."""
    test = RUNNING[0] if RUNNING else None
    if test is not None and not NO_BUILD & set(args) and not test.get_closest_marker("workflow"):
        pytest.fail(f"{test.nodeid} runs a Snakemake build: mark it @pytest.mark.workflow (slow, end to end)")
    cmd = [sys.executable, "-m", "snakemake", "--profile", "workflow/profiles/local", "--cores", str(cores), *args]
    proc = subprocess.run(cmd, cwd=project, env=venv_env(), capture_output=True, text=True, timeout=900)
    if check and proc.returncode != 0:
        logs = "\n".join(f"--- {p}\n{p.read_text()[-3000:]}" for p in sorted((project / "logs").rglob("*.log")))
        pytest.fail(f"snakemake failed ({proc.returncode}):\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}\n{logs}")
    return proc


def glyph_ids(text: str) -> set[str]:
    """The ids matplotlib gives the glyphs of ``text`` in a screen SVG (glyphs as paths): a
    figure holds them when it draws every character of ``text``."""
    from fontTools.ttLib import TTFont
    from matplotlib import font_manager

    from digidip.analysis import plotting

    plotting.setup()
    with TTFont(font_manager.findfont(plotting.RC["font.family"])) as font:
        cmap, prefix = font.getBestCmap(), font["name"].getDebugName(6)  # the PostScript name
        return {f"{prefix}-{font.getGlyphID(cmap[ord(c)]):x}" for c in set(text) - {" "}}


@pytest.fixture(scope="session")
def artefacts(tmp_path_factory) -> Path:
    """Where tests leave files for a person to look at (screenshots, accessibility results):
    pytest's temporary directory (/tmp/pytest-of-<user>/pytest-current/artefacts/), never
    the checkout."""
    path = tmp_path_factory.getbasetemp() / "artefacts"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture(scope="session")
def checkout_copy(tmp_path_factory) -> Path:
    """The checkout's code and data, copied once, for commands that write where they run
    (Snakemake keeps .snakemake/ in its working directory): they run here instead."""
    return copy_project(tmp_path_factory.mktemp("checkout") / "project")


def pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def run_folder(tmp_path_factory) -> Path:
    """pytest's temporary folder of this run, shared by its pytest-xdist workers (each has a
    folder of its own inside it); without xdist, the session's own."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextmanager
def exclusive(lock: Path):
    """Hold an exclusive lock on the file ``lock`` (made if missing), across processes."""
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def mini_origin(tmp_path_factory) -> Path:
    """The two-country fixture, built once for the whole run: the first worker to need it
    builds it, any other waits for that build (make test runs a worker per core)."""
    origin = run_folder(tmp_path_factory) / "mini-origin"
    with exclusive(origin.with_suffix(".lock")):
        if not (origin / ".built").exists():
            shutil.rmtree(origin, ignore_errors=True)  # what a failed attempt left
            copy_project(origin, FIXTURES / "mini" / "raw", FIXTURES / "mini" / "config.yaml")
            snakemake(origin)
            (origin / ".built").touch()
    return origin


@pytest.fixture(scope="session")
def mini_build(mini_origin, tmp_path_factory) -> Path:
    """The built two-country fixture, a worker's own copy (tests read it and copy it; never
    two workers in one tree). A copy of a build is current where it lands: Snakemake's
    records name files relative to the project, and copying keeps their times."""
    project = tmp_path_factory.mktemp("mini")
    shutil.copytree(mini_origin, project, symlinks=True, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".built"))
    return project


def bare_machine(tmp: Path, env: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """``env`` as on a machine without the developer's extras: fontconfig sees no fonts, a new
    home and XDG folders, another locale and time zone; and a command prefix that hides
    HarfBuzz's subsetter library (the optional Debian package a browser pulls in, which once
    changed the PDF's bytes) in a mount namespace of its own, where this runs as root."""
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "fonts.conf").write_text('<?xml version="1.0"?><fontconfig></fontconfig>\n')
    bare = {k: v for k, v in env.items() if not k.startswith(("XDG_", "FONTCONFIG", "MPLCONFIGDIR"))}
    bare |= {
        "FONTCONFIG_FILE": str(tmp / "fonts.conf"),
        "FONTCONFIG_PATH": str(tmp),
        "HOME": str(tmp / "home"),
        "XDG_CONFIG_HOME": str(tmp / "config"),
        "XDG_DATA_HOME": str(tmp / "data"),
        "XDG_CACHE_HOME": str(tmp / "cache"),
        "TZ": "Pacific/Kiritimati",
        "LC_ALL": "C",
    }
    libs = sorted(p for p in Path("/usr/lib").rglob("libharfbuzz-subset.so*") if p.is_file())
    if not libs or os.geteuid() != 0 or not shutil.which("unshare"):
        return bare, []
    hide = " && ".join(f"mount --bind /dev/null {p}" for p in libs)
    return bare, ["unshare", "--mount", "--propagation", "private", "sh", "-c", f'{hide} && exec "$@"', "sh"]
