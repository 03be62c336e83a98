"""Installing as the Makefile does it: .venv is built again only when requirements.lock changes,
pip runs in hash-checking mode, an interpreter older than 3.11 is refused with a message, and
`make lock` leaves an unchanged lock untouched while keeping environment.yml in step with it.

Offline and installing nothing: make runs on a copy of the Makefile and the lock in a temporary
directory, with a stand-in interpreter (``PYTHON=``) whose ``-m venv`` writes stand-ins for pip
and uv. They log how they were called, so the tests see what the recipes ask of them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT
from digidip.edition import lockfile

#: Make's view of time is the files' mtimes: these are seconds since the epoch.
OLD, NEWER = 1_000_000_000, 1_000_000_100

#: The stand-in interpreter. ``-c CODE`` runs CODE in the real interpreter with
#: sys.version_info replaced (the Makefile's version check is such code); ``-m venv DIR``
#: writes DIR/bin/{python,pip,uv}; anything else is logged and fails, so a recipe that
#: goes further than the test expects stops there.
FAKE_PYTHON = """#!{python}
import os, sys
from pathlib import Path

with open(os.environ["FAKE_LOG"], "a") as log:
    log.write("python " + " ".join(sys.argv[1:]) + "\\n")
if sys.argv[1] == "-c":
    sys.version_info = tuple(int(x) for x in os.environ["FAKE_VERSION"].split(".")) + ("final", 0)
    exec(compile(sys.argv[2], "<string>", "exec"))
    sys.exit(0)
if sys.argv[1:3] == ["-m", "venv"]:
    bin_dir = Path(sys.argv[3]) / "bin"
    bin_dir.mkdir(parents=True)
    for name, text in {{"python": {venv_python!r}, "pip": {pip!r}, "uv": {uv!r}}}.items():
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    sys.exit(0)
sys.exit(3)
"""
#: The virtual environment's interpreter: the real one (it runs `python -m digidip environment`),
#: except that `-m pip` is logged and fails: nothing may ever be installed into the real one.
VENV_PYTHON = """#!/bin/sh
if [ "$1" = -m ] && [ "$2" = pip ]; then echo "venv-python $*" >> "$FAKE_LOG"; exit 3; fi
exec {python} "$@"
"""
#: pip: logs and installs nothing.
PIP = '#!/bin/sh\necho "pip $*" >> "$FAKE_LOG"\n'
#: uv: `uv pip compile ... --output-file F requirements.in`. Like the real uv given an existing
#: output file, it keeps the pins already there (it writes F's pins without the header make
#: adds), or writes the pins of $FAKE_UV_PINS if set (a new resolution).
UV = """#!{python}
import os, sys
with open(os.environ["FAKE_LOG"], "a") as log:
    log.write("uv " + " ".join(sys.argv[1:]) + "\\n")
out = sys.argv[sys.argv.index("--output-file") + 1]
if os.environ.get("FAKE_UV_PINS"):
    text = open(os.environ["FAKE_UV_PINS"]).read()
else:
    lines = open(out).read().splitlines(keepends=True)
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    text = "".join(lines)
open(out, "w").write(text)
"""


def project(tmp_path: Path) -> Path:
    """What make needs for these targets: the Makefile, the lock and its inputs, the package."""
    dest = tmp_path / "project"
    dest.mkdir()
    for name in ("Makefile", "requirements.in", "requirements.lock", "environment.yml"):
        shutil.copy2(ROOT / name, dest / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "workflow" / "digidip", dest / "workflow" / "digidip", ignore=ignore)
    return dest


def fake_python(tmp_path: Path, version: str) -> tuple[Path, dict[str, str]]:
    """The stand-in interpreter reporting ``version``, and the environment that drives it."""
    python = tmp_path / "fake-python"
    python.write_text(
        FAKE_PYTHON.format(
            python=sys.executable,
            venv_python=VENV_PYTHON.format(python=sys.executable),
            pip=PIP,
            uv=UV.format(python=sys.executable),
        )
    )
    python.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "PIP_", "UV_"))}
    return python, env | {"FAKE_LOG": str(tmp_path / "calls.log"), "FAKE_VERSION": version}


def make(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    cmd = ["make", "--no-print-directory", *args]
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)


def calls(tmp_path: Path) -> list[str]:
    log = tmp_path / "calls.log"
    return log.read_text().splitlines() if log.exists() else []


def installed_env(root: Path) -> Path:
    """A .venv as make leaves it: the stamp newer than the lock."""
    venv = root / "venv"
    venv.mkdir()
    (venv / ".installed").touch()
    os.utime(root / "requirements.lock", (OLD, OLD))
    os.utime(venv / ".installed", (NEWER, NEWER))
    return venv


def install_lines(dry_run: subprocess.CompletedProcess) -> list[str]:
    assert dry_run.returncode == 0, dry_run.stdout + dry_run.stderr
    return [line for line in dry_run.stdout.splitlines() if " -m venv " in line or " -m pip install " in line]


def test_an_unchanged_lock_keeps_the_environment(tmp_path):
    root = project(tmp_path)
    installed_env(root)
    assert install_lines(make(root, "-n", "VENV=venv", "report")) == []
    assert make(root, "-q", "VENV=venv", "venv/.installed").returncode == 0  # up to date


def test_a_changed_lock_reinstalls_in_hash_checking_mode(tmp_path):
    root = project(tmp_path)
    venv = installed_env(root)
    lock = root / "requirements.lock"
    lock.write_text(lock.read_text() + "\n")  # an edit: newer than the stamp
    lines = install_lines(make(root, "-n", "VENV=venv", "report"))
    # The Makefile quotes every variable it passes to the shell (VENV may hold a space).
    assert len(lines) == 2 and lines[0].endswith(" -m venv 'venv'"), lines
    install = lines[1].split()
    assert {"--require-hashes", "--no-deps"} <= set(install) and install[-2:] == ["-r", "requirements.lock"], lines
    # A machine with no environment yet installs the same way.
    shutil.rmtree(venv)
    assert install_lines(make(root, "-n", "VENV=venv", "report")) == lines


def test_a_python_older_than_3_11_is_refused_with_a_message(tmp_path):
    root = project(tmp_path)
    python, env = fake_python(tmp_path, "3.10.14")
    proc = make(root, f"PYTHON={python}", "VENV=venv", "venv/.installed", env=env)
    assert proc.returncode != 0
    assert "Python 3.11 or newer is needed (set PYTHON=...)" in proc.stderr, proc.stdout + proc.stderr
    assert [c.split()[:2] for c in calls(tmp_path)] == [["python", "-c"]], calls(tmp_path)  # no venv made
    assert not (root / "venv").exists()


def test_python_3_11_passes_the_check(tmp_path):
    """The control: the same stand-in reporting 3.11 gets past the check to `-m venv`."""
    root = project(tmp_path)
    python, env = fake_python(tmp_path, "3.11.0")
    proc = make(root, f"PYTHON={python}", "VENV=venv", "venv/.installed", env=env)
    assert proc.returncode != 0 and "3.11 or newer" not in proc.stderr, proc.stderr
    steps = [c.split()[:3] for c in calls(tmp_path)]
    assert steps == [["python", "-c", "import"], ["python", "-m", "venv"], ["venv-python", "-m", "pip"]], steps


def run_make_lock(tmp_path: Path, root: Path, *args: str, pins: str | None = None) -> subprocess.CompletedProcess:
    python, env = fake_python(tmp_path, "3.11.9")
    if pins is not None:
        (tmp_path / "pins.txt").write_text(pins)
        env["FAKE_UV_PINS"] = str(tmp_path / "pins.txt")
    proc = make(root, f"PYTHON={python}", "lock", *args, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def test_make_lock_leaves_an_unchanged_lock_untouched(tmp_path):
    root = project(tmp_path)
    venv = installed_env(root)
    os.utime(root / "environment.yml", (OLD, OLD))
    before = {name: (root / name).read_bytes() for name in ("requirements.lock", "environment.yml")}
    run_make_lock(tmp_path, root)
    uv = next(c for c in calls(tmp_path) if c.startswith("uv "))
    assert "pip compile --generate-hashes --no-header" in uv and uv.endswith("requirements.in"), uv
    assert any(c.startswith("pip install") and " uv==" in c for c in calls(tmp_path))  # the pinned uv
    for name, data in before.items():
        assert (root / name).read_bytes() == data, f"{name} was rewritten"
        assert (root / name).stat().st_mtime == OLD, f"{name} was touched"
    assert (venv / ".installed").stat().st_mtime == NEWER
    assert make(root, "-q", "VENV=venv", "venv/.installed").returncode == 0  # so nothing is reinstalled


def test_make_lock_writes_a_new_resolution_and_environment_yml_follows(tmp_path):
    root = project(tmp_path)
    installed_env(root)
    old = (root / "requirements.lock").read_text()
    version = lockfile.read_lock(old)["jinja2"]
    body = old[old.index("\n", old.index("conda checks no hashes")) + 1 :]  # uv's part, below make's header
    pins = body.replace(f"jinja2=={version}", "jinja2==99.0.0")
    assert pins != body
    run_make_lock(tmp_path, root, "UPGRADE=1", pins=pins)
    assert "--upgrade" in next(c for c in calls(tmp_path) if c.startswith("uv ")).split()
    lock = (root / "requirements.lock").read_text()
    assert lock == old.replace(f"jinja2=={version}", "jinja2==99.0.0")  # the same header, the new pins
    env = yaml.safe_load((root / "environment.yml").read_text())
    assert lockfile.environment_pins(env) == lockfile.read_lock(lock)  # environment.yml agrees exactly
    assert lockfile.environment_pins(env)["jinja2"] == "99.0.0"
    assert make(root, "-q", "VENV=venv", "venv/.installed").returncode == 1  # .venv is rebuilt next
