"""The machine the bench ran on: CPU, cores, memory, OS, Python and the versions of key packages."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.metadata
import os
import platform
from pathlib import Path

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
    "typst",
    "jinja2",
    "jsonschema",
    "PyYAML",
    "pycountry",
    "psutil",
)


def _proc_field(path: str, prefix: str) -> str | None:
    """The value after the first line of ``path`` starting with ``prefix`` (None where there is none)."""
    with contextlib.suppress(OSError):
        for line in Path(path).read_text().splitlines():
            if line.startswith(prefix):
                return line.split(":", 1)[1]
    return None


def package_versions() -> dict[str, str]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    try:
        import yaml

        # Without libyaml, loading the fact base is several times slower: worth a mention.
        versions["PyYAML"] += " (libyaml available)" if yaml.__with_libyaml__ else " (no libyaml)"
    except ImportError:
        pass
    return versions


def machine() -> dict:
    """CPU, cores, memory, OS, Python and key package versions of this machine."""
    cpu = _proc_field("/proc/cpuinfo", "model name")
    mem = _proc_field("/proc/meminfo", "MemTotal:")
    mem_kb = int(mem.split()[0]) if mem else 0
    return {
        "cpu": cpu.strip() if cpu is not None else "unknown",
        "logical_cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)),
        "memory_gb": round(mem_kb / 2**20, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": package_versions(),
        "loadavg_at_start": os.getloadavg(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
