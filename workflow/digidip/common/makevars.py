"""The values make passes on from its command line, checked before anything runs.

``make report COUNTRIES=... CORES=...`` and ``make country ISO3=...`` hand what a user typed to
Snakemake and to our steps. The Makefile passes each value as one single-quoted shell word,
so no value can run a command; these checks then refuse anything that is not what the
variable means (a code list with a ``;`` in it is a mistake, never a list), with one line
naming the variable, before a lock is cleared, a publish resumed or a job started.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from .errors import UserError

#: The configuration's schema: COUNTRIES must be what its ``countries`` list accepts.
CONFIG_SCHEMA = Path(__file__).resolve().parents[2] / "schemas" / "config.schema.yaml"
ISO3 = re.compile(r"[A-Z]{3}")
CORES = re.compile(r"all|[1-9][0-9]*")
PORT = re.compile(r"[1-9][0-9]{0,4}")
#: A survey edition: a year (make world MAP_EDITION=2018; the workflow checks it has groups).
YEAR = re.compile(r"(?:19|20|21)[0-9]{2}")
#: An IPv4 address or a host name (make serve binds to it).
HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?")


@cache
def _country_item_schema() -> dict:
    """The schema of one code in the configuration's ``countries`` list."""
    schema = yaml.safe_load(CONFIG_SCHEMA.read_text(encoding="utf-8"))
    return next(alt["items"] for alt in schema["properties"]["countries"]["oneOf"] if alt.get("type") == "array")


def check_cores(text: str) -> str:
    """``all`` or a whole number of cores, as Snakemake's ``--cores`` takes it."""
    if not CORES.fullmatch(text):
        raise UserError(f"CORES={text!r}: not a number of cores; give a whole number (CORES=2) or CORES=all")
    return text


def check_iso3(text: str) -> str:
    """One ISO 3166-1 alpha-3 code in capitals (ARM), as the country files are named."""
    if not text:
        raise UserError("ISO3 is empty: make country ISO3=XXX (an ISO 3166-1 alpha-3 code, e.g. ISO3=ARM)")
    if not ISO3.fullmatch(text):
        hint = f" (in capitals: ISO3={text.upper()})" if ISO3.fullmatch(text.upper()) else ""
        raise UserError(f"ISO3={text!r}: not an ISO 3166-1 alpha-3 code, three capital letters such as ARM{hint}")
    return text


def check_countries(text: str) -> list[str]:
    """The codes of a space-separated list, each as the configuration's ``countries`` accepts it."""
    import jsonschema

    codes = text.split()
    validator = jsonschema.Draft202012Validator(_country_item_schema())
    bad = [code for code in codes if not validator.is_valid(code)]
    if bad:
        listed = ", ".join(repr(code) for code in bad)
        raise UserError(
            f"COUNTRIES={text!r}: {listed} not ISO3 code(s) as config/config.yaml's countries takes them "
            f"(pattern {_country_item_schema()['pattern']}, {CONFIG_SCHEMA.name}); separate codes with spaces, "
            'e.g. COUNTRIES="KAZ UZB" (every UN member: make world)'
        )
    return codes


def check_port(text: str) -> int:
    """A TCP port, 1 to 65535 (make serve's PORT)."""
    if not PORT.fullmatch(text) or int(text) > 65535:
        raise UserError(f"PORT={text!r}: not a TCP port; give a number from 1 to 65535 (PORT=8001)")
    return int(text)


def check_host(text: str) -> str:
    """The interface make serve listens on: an IPv4 address or a host name."""
    if not HOST.fullmatch(text):
        raise UserError(f"HOST={text!r}: not an address or host name to listen on (HOST=127.0.0.1, the default)")
    return text


def check_map_edition(text: str) -> str:
    """A year, the edition of the Survey the maps draw (empty: the latest)."""
    if text and not YEAR.fullmatch(text):
        raise UserError(f"MAP_EDITION={text!r}: not a year; give the Survey's edition, e.g. MAP_EDITION=2018")
    return text


def check(
    cores: str | None = None,
    countries: str | None = None,
    iso3: str | None = None,
    port: str | None = None,
    host: str | None = None,
    map_edition: str | None = None,
) -> None:
    """Check every variable given (None: not passed); the first one wrong stops with its message."""
    if port is not None:
        check_port(port)
    if host is not None:
        check_host(host)
    if cores is not None:
        check_cores(cores)
    if countries is not None:
        check_countries(countries)
    if iso3 is not None:
        check_iso3(iso3)
    if map_edition is not None:
        check_map_edition(map_edition)
