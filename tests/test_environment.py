"""The pinned environment: exact pins, and environment.yml agreeing with requirements.lock."""

from __future__ import annotations

import yaml

from conftest import ROOT
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
    "weasyprint",
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


def test_lock_refuses_loose_pins():
    import pytest

    from digidip.common.errors import UserError

    with pytest.raises(UserError, match="line 2"):
        lockfile.read_lock("pandas==3.1.1\nnumpy>=2\n")
