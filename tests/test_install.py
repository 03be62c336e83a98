"""Installing from the lock: make uses pip's hash-checking mode, and pip refuses a file whose
sha256 the lock does not list. Offline: pip sees only a wheel the test writes, never an index,
and installs nothing (--dry-run, into no environment)."""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT
from digidip.edition import lockfile

MISMATCH = "THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE"
#: A package of the lock; the test writes its own wheel of the locked version.
NAME = "jinja2"


def wheel(folder: Path, name: str, version: str) -> Path:
    """A minimal valid pure-Python wheel of ``name`` ``version`` (no code, metadata only)."""
    dist = f"{name.replace('-', '_')}-{version}"
    files = {
        f"{dist}.dist-info/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
        f"{dist}.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: digidip-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = [
        f"{path},sha256={base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b'=').decode()},{len(text.encode())}"
        for path, text in files.items()
    ]
    files[f"{dist}.dist-info/RECORD"] = "\n".join([*record, f"{dist}.dist-info/RECORD,,"]) + "\n"
    path = folder / f"{dist}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as z:
        for name_in_zip, text in files.items():
            z.writestr(name_in_zip, text)
    return path


def pip_install_dry_run(requirements: Path, wheels: Path) -> subprocess.CompletedProcess:
    """What 'make' runs (--require-hashes --no-deps -r), offline and installing nothing."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env |= {"PIP_CONFIG_FILE": os.devnull, "PIP_NO_INPUT": "1"}
    cmd = [sys.executable, "-m", "pip", "install", "--require-hashes", "--no-deps", "-r", str(requirements)]
    cmd += ["--dry-run", "--ignore-installed", "--no-index", "--find-links", str(wheels), "--no-cache-dir"]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=False)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_make_installs_the_lock_in_hash_checking_mode(tmp_path):
    """The recipe make would run for a new environment (-n: printed, not run)."""
    venv = tmp_path / "venv"
    proc = subprocess.run(
        ["make", "-n", f"VENV={venv}", f"{venv}/.installed"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    install = [line for line in proc.stdout.splitlines() if " -m pip install " in line]
    assert len(install) == 1, proc.stdout
    assert "--require-hashes" in install[0].split() and install[0].endswith("-r requirements.lock"), install[0]


def test_pip_installs_a_file_whose_hash_is_listed(tmp_path):
    """The control: with the right sha256 the same command succeeds, so the failures below are the hashes'."""
    version = lockfile.read_lock((ROOT / "requirements.lock").read_text())[NAME]
    (tmp_path / "wheels").mkdir()
    good = wheel(tmp_path / "wheels", NAME, version)
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(f"{NAME}=={version} \\\n    --hash=sha256:{sha256(good)}\n")
    proc = pip_install_dry_run(requirements, tmp_path / "wheels")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"Would install {NAME}-{version}".lower() in proc.stdout.lower()


def test_pip_refuses_a_wrong_hash(tmp_path):
    """One lock entry, its hashes replaced by a wrong sha256: the file is refused, saying which and why."""
    version = lockfile.read_lock((ROOT / "requirements.lock").read_text())[NAME]
    (tmp_path / "wheels").mkdir()
    good = sha256(wheel(tmp_path / "wheels", NAME, version))
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(f"{NAME}=={version} \\\n    --hash=sha256:{wrong}\n")
    proc = pip_install_dry_run(requirements, tmp_path / "wheels")
    assert proc.returncode != 0
    assert MISMATCH in proc.stderr, proc.stdout + proc.stderr
    assert f"Expected sha256 {wrong}" in proc.stderr and f"Got        {good}" in proc.stderr, proc.stderr
    assert "Would install" not in proc.stdout


def test_pip_refuses_a_file_the_lock_does_not_list(tmp_path):
    """The lock's own entry, with all its hashes, and a file of that name and version that PyPI
    never had (a substituted or tampered download): refused."""
    locked = lockfile.read_locked((ROOT / "requirements.lock").read_text())[NAME]
    (tmp_path / "wheels").mkdir()
    wheel(tmp_path / "wheels", NAME, locked.version)
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(f"{NAME}=={locked.version} " + " ".join(f"--hash=sha256:{h}" for h in locked.hashes))
    proc = pip_install_dry_run(requirements, tmp_path / "wheels")
    assert proc.returncode != 0
    assert MISMATCH in proc.stderr, proc.stdout + proc.stderr
    assert f"Expected sha256 {locked.hashes[0]}" in proc.stderr, proc.stderr
