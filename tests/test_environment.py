"""The pinned environment: exact pins with their hashes, and environment.yml agreeing with requirements.lock."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT
from digidip.common.errors import UserError
from digidip.edition import lockfile

CORE = (
    "snakemake",
    "pandas",
    "matplotlib",
    "jupytext",
    "papermill",
    "ipykernel",
    "pytest",
    "jsonschema",
    "jinja2",
    "typst",
)


def test_lock_pins_every_core_package_exactly():
    pins = lockfile.read_lock((ROOT / "requirements.lock").read_text())
    for name in CORE:
        assert name in pins, f"{name} is not pinned in requirements.lock"


def test_environment_yml_matches_lock():
    pins = lockfile.read_lock((ROOT / "requirements.lock").read_text())
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert lockfile.environment_pins(env) == pins
    assert (ROOT / "environment.yml").read_text() == lockfile.environment_yaml(pins)


H1, H2 = "a" * 64, "0123456789abcdef" * 4


def test_every_pin_lists_the_sha256_of_its_files():
    locked = lockfile.read_locked((ROOT / "requirements.lock").read_text())
    assert locked and all(entry.hashes for entry in locked.values())


def test_lock_reads_pins_with_hashes_on_continuation_lines():
    text = (
        "# header\n"
        "Jinja2==3.1.6 \\\n"
        f"    --hash=sha256:{H1} \\\n"
        f"    --hash=sha256:{H2}\n"
        "    # via nbconvert\n"
        f"zope_interface==7.2 --hash=sha256:{H2}  # one line is fine too\n"
    )
    assert lockfile.read_locked(text) == {
        "jinja2": lockfile.Locked("3.1.6", (H1, H2)),
        "zope-interface": lockfile.Locked("7.2", (H2,)),
    }
    assert lockfile.read_lock(text) == {"jinja2": "3.1.6", "zope-interface": "7.2"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            f"pandas==3.1.1 --hash=sha256:{H1}\nnumpy>=2 \\\n    --hash=sha256:{H2}\n",
            "line 2: 'numpy>=2' is not an exact",
        ),
        ("pandas==3.1.1\n", "line 1: pandas==3.1.1 has no --hash=sha256"),
        (f"# c\npandas==3.1.1 \\\n    --hash=md5:{H1[:32]}\n", "line 2: '--hash=md5:"),
        ("pandas==3.1.1 \\\n    --hash=sha256:abc\n", "line 1: '--hash=sha256:abc' after pandas==3.1.1"),
        (f"-e . --hash=sha256:{H1}\n", "line 1: '-e' is not an exact"),
        (f"Pandas==3.1.1 --hash=sha256:{H1}\npandas==3.1.2 --hash=sha256:{H2}\n", "line 2: pandas is pinned twice"),
    ],
)
def test_lock_refuses_anything_but_exact_pins_with_hashes(text, message):
    with pytest.raises(UserError, match=re.escape(message)):
        lockfile.read_lock(text)
