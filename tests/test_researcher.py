"""Researcher conventions: scaffolding a country, the data package, the citation file."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import FIXTURES, ROOT, checked, venv_env
from digidip.common.errors import UserError
from digidip.facts import scaffold


def test_scaffolded_country_validates(tmp_path):
    raw = tmp_path / "data" / "raw"
    shutil.copytree(FIXTURES / "mini" / "raw", raw)
    path = scaffold.write(raw, "ARM")
    fb = checked(raw, tmp_path / "cache").fb
    assert fb.countries["ARM"]["country"]["name"] == "Armenia"
    with pytest.raises(UserError, match="already exists"):
        scaffold.write(raw, "ARM")
    with pytest.raises(UserError, match="not an ISO 3166-1 alpha-3"):
        scaffold.write(raw, "XXX")
    assert path.read_text().count("#  - id: ARM-") == 2


def test_make_country_refuses_a_bad_code():
    proc = subprocess.run(
        [sys.executable, "-m", "digidip", "scaffold", "--iso3", "QQQ", "--raw", str(FIXTURES / "mini" / "raw")],
        env=venv_env(),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "not an ISO 3166-1 alpha-3 country code" in proc.stderr


def test_published_data_package_validates_with_frictionless():
    from frictionless import Package, validate

    report = validate(ROOT / "data" / "tidy" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]
    package = Package(ROOT / "data" / "tidy" / "datapackage.json")
    names = {r.name for r in package.resources}
    assert names >= {"observations", "events", "amounts", "partners", "sources", "quality"}
    # Amounts and partners point at their facts; Frictionless checked the keys above.
    assert [fk["reference"]["resource"] for fk in package.get_resource("amounts").schema.foreign_keys] == [
        "events",
        "context",
    ]
    assert package.get_resource("partners").schema.foreign_keys[0]["reference"]["resource"] == "events"
    assert package.licenses[0]["name"] == "CC-BY-4.0"


def test_citation_file_is_valid_cff():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0" and cff["title"] and cff["authors"] and cff["license"] == "MIT"


def test_zenodo_metadata_agrees_with_the_citation_file():
    """.zenodo.json (read by Zenodo when a release is archived) says what CITATION.cff says."""
    import json
    import tomllib

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert zenodo["title"] == cff["title"]
    assert zenodo["description"] == " ".join(cff["abstract"].split())
    names = [a.get("name") or f"{a['family-names']}, {a['given-names']}" for a in cff["authors"]]
    assert [c["name"] for c in zenodo["creators"]] == names
    assert zenodo["license"].lower() == cff["license"].lower()
    assert zenodo["keywords"] == cff["keywords"]
    assert (
        zenodo["version"]
        == cff["version"]
        == tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    )
    assert zenodo["publication_date"] == str(cff["date-released"])
    assert zenodo["upload_type"] == {"software": "software", "dataset": "dataset"}[cff["type"]]


def test_every_config_key_is_commented_and_validated():
    text = (ROOT / "config" / "config.yaml").read_text()
    schema = yaml.safe_load((ROOT / "workflow" / "schemas" / "config.schema.yaml").read_text())
    lines = text.splitlines()
    for key in ("countries", "kernel_name", "notebook_timeout", "report", "title", "top_n"):
        idx = next(i for i, line in enumerate(lines) if line.strip().startswith(f"{key}:"))
        assert lines[idx - 1].strip().startswith("#"), f"config key {key} has no comment above it"
    assert set(schema["required"]) == {
        "countries",
        "kernel_name",
        "notebook_engine",
        "notebook_timeout",
        "profile_batch",
        "report",
    }


def test_every_rule_has_a_docstring_and_a_log():
    for smk in (ROOT / "workflow" / "rules").glob("*.smk"):
        text = smk.read_text()
        for block in text.split("\nrule ")[1:]:
            name = block.split(":")[0]
            assert '"""' in block.split("input:")[0], f"rule {name} has no docstring"
            assert "    log:" in block, f"rule {name} has no log"


def test_a_bug_shows_its_traceback_but_a_user_error_does_not(tmp_path):
    """A dedicated exception marks the user's mistakes; anything else is a bug and keeps its traceback."""
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "digidip",
            "figures",
            "--names",
            "egdi_rank",
            "--tables",
            str(tmp_path / "none.csv"),
            "--out",
            str(tmp_path),
            "--data-out",
            str(tmp_path / "data"),
        ],
        env=venv_env(),
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1 and "Traceback" in bad.stderr  # a missing table here is a wiring bug
    user = subprocess.run(
        [sys.executable, "-m", "digidip", "scaffold", "--iso3", "QQQ", "--raw", str(FIXTURES / "mini" / "raw")],
        env=venv_env(),
        capture_output=True,
        text=True,
    )
    assert user.returncode == 2 and "Traceback" not in user.stderr
