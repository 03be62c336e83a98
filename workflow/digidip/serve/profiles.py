"""Country pages for make serve: the profile job's work for an edited country, kept warm.

``Profiler`` does what a ``profile_<batch>`` job does for one country (its fact slice, the
notebook run in this process by the in-process engine, the page and the report's fragment),
with the official tables and the raw files as read kept in memory. ``Worker`` runs one in a
process of its own, started once: while it profiles the edited country, the server's process
computes the tables, figures and report, so on two cores an edit costs the longer of the two,
not their sum. The worker ignores Ctrl-C (the server stops it) and ends when the server's end
of the pipe closes, so it never outlives the server.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import yaml

from ..common import atomic
from ..common.errors import UserError
from ..edition.place import place
from ..facts.problems import ValidationError
from ..facts.validate import load_factbase
from ..official import data
from ..render import notebooks, pages
from ..tidy import slices, world
from ..tidy.inputs import TidyInput, batches, selected
from ..tidy.slices import country_slice

RAW = Path("data/raw")
OFFICIAL = Path("data/interim/official")
NOTEBOOK = Path("notebooks/country_profile.py")


@dataclass
class Settings:
    """The configuration as the preview's jobs receive it."""

    countries: object
    title: str
    top_n: int
    focus: list[str]
    full_profiles: int
    profile_batch: int
    engine: str
    kernel: str
    timeout: int
    map_edition: int | None

    @classmethod
    def read(cls, root: Path) -> Settings:
        c = yaml.safe_load((root / "config" / "config.yaml").read_text(encoding="utf-8"))
        r = c["report"]
        return cls(
            c["countries"],
            r["title"],
            r["top_n"],
            r["focus"],
            r["full_profiles"],
            c["profile_batch"],
            c["notebook_engine"],
            c["kernel_name"],
            c["notebook_timeout"],
            int(r["map_edition"]) if r.get("map_edition") else None,
        )


class Profiler:
    """What the profile jobs read, in memory: the official tables and the raw files as read."""

    def __init__(self, root: Path, site: Path, work: Path) -> None:
        self.root, self.site, self.work = root, site, work
        self.reads: dict = {}  # facts.validate.RawFiles.memo
        self.slices: dict[str, str] = {}  # the slice each country's served page was made from

    def load(self) -> None:
        """Read the configuration and the official tables the preview build extracted."""
        self.settings = Settings.read(self.root)
        official = self.root / OFFICIAL
        observations = [str(p) for p in sorted(official.glob("*/observations.csv"))]
        self.official = data.load(observations, str(official / "benchmarks.csv"))
        _constant(self.official)
        # What is loaded stays: the garbage collector need not walk it again (a notebook's
        # namespace is emptied before each run, which collects garbage).
        gc.freeze()
        self.ids = {r["fact_id"] for r in self.official.observations if r["entity_kind"] == "country"}
        self.members = self.official.members()
        # The pages served first are the preview build's, made from the slices it wrote.
        committed = yaml.safe_load((self.root / "config" / "config.yaml").read_text(encoding="utf-8"))
        built = self.root / place(committed, committed).work / "countries"
        self.slices = {p.stem: p.read_text(encoding="utf-8") for p in built.glob("*.json")}

    def validate(self, only: list[str] | None):
        """The fact base as a job validates it: the whole tree, or only these countries' files."""
        files = self.root / RAW / "countries"
        with_file = None if only is None else [c for c in only if (files / f"{c}.yaml").exists()]
        return load_factbase(self.root / RAW, root=self.root, known_ids=self.ids, only=with_file, memo=self.reads)

    def batch(self, iso3: str, countries: list[str]) -> list[str]:
        """The countries one profile job takes with ``iso3``: a page may show what the other
        files of its batch say (a fact another country's practice cites), so all are redone."""
        return next(codes for codes in batches(countries, self.settings.profile_batch).values() if iso3 in codes)

    def profile(self, iso3: str, countries: list[str], force: bool = False) -> str | None:
        """Write the country's page; return its fragment for the report (None: the country's
        slice, all the page is made from, is the one its served page was made from)."""
        s = self.settings
        batch = self.batch(iso3, countries)
        fb = self.validate(batch)
        src = TidyInput(fb, selected(fb, batch, self.members), self.official, [])
        facts_path, facts = self.work / "countries" / f"{iso3}.json", country_slice(src, iso3)
        if facts == self.slices.get(iso3) and not force:
            return None
        self.slices.pop(iso3, None)  # until its page is written
        atomic.write_text(facts_path, facts)
        notebook = self.work / "notebooks" / f"{iso3}.ipynb"
        params = {"iso3": iso3, "facts_path": str(facts_path), "report_href": "../report.html"}
        try:
            notebooks.execute(self.root / NOTEBOOK, notebook, params, s.kernel, self.root, s.timeout, s.engine)
        except notebooks.NotebookFailed as err:
            raise notebooks.NotebookFailed(f"{NOTEBOOK} for {iso3}: {err}") from None
        body = notebooks.render_body(notebook)
        name = json.loads(facts)["country"]["name"]
        write_changed(self.site / "countries" / f"{iso3}.html", pages.render_country_page(iso3, name, body, s.title))
        self.slices[iso3] = facts
        return notebooks.scope_fragment(body, iso3, shift=2)

    def answer(self, edited: list[str], countries: list[str], force: bool = False) -> tuple[str, object]:
        """("ok", the fragments of the pages made again, by country) or ("error", the message
        make report would print): the edited countries first, then the rest of their batches."""
        edited = [c for c in edited if c in countries]
        redo = edited + sorted({c for iso3 in edited for c in self.batch(iso3, countries)} - set(edited))
        try:
            made = {iso3: self.profile(iso3, countries, force) for iso3 in redo}
            return "ok", {iso3: fragment for iso3, fragment in made.items() if fragment is not None}
        except ValidationError as err:
            return "error", err.format()
        except UserError as err:
            return "error", f"error: {err}"
        except notebooks.NotebookFailed as err:
            return "error", str(err)


def _constant(official: data.Official) -> None:
    """Answer what the official tables say once: they do not change while loaded, and a job
    would compute it again every time it asks (the members, the groups, and the values
    published for a list of countries, which a country's slice asks for three times)."""
    members, timeless, yearly = official.members(), official.classifications(), official.yearly_classifications()
    official.members = lambda: list(members)
    official.classifications = lambda: timeless
    official.yearly_classifications = lambda: yearly
    original, published = world.published_official, {}

    def published_official(src: TidyInput) -> list[dict]:
        if src.official is not official:
            return original(src)
        key = tuple(src.countries)
        if key not in published:
            published[key] = original(src)
        return list(published[key])

    world.published_official = published_official
    # Every fact of a slice's batch, the official ones made once (slices._all_facts' own words).
    country_facts = slices.official_facts(official)
    all_facts = slices._all_facts

    def _all_facts(src: TidyInput) -> dict[str, dict]:
        return country_facts | src.fb.facts_by_id() if src.official is official else all_facts(src)

    slices._all_facts = _all_facts


def write_changed(path: Path, text: str) -> None:
    """Write only what changed (a served page is never seen half written)."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        atomic.write_text(path, text)


def _serve(fd: int, root: str, site: str, work: str) -> None:
    """The worker's loop: load, then answer each request until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's: it stops this process
    conn = Connection(fd)
    profiler = Profiler(Path(root), Path(site), Path(work))
    try:
        profiler.load()
        conn.send(("ok", None))
        conn.send(profiler.answer(*conn.recv()))  # the warm-up: one page made
        gc.freeze()  # and what it left (the notebook's machinery) kept out of the collector's way
        while True:
            request = conn.recv()
            conn.send(profiler.answer(*request))
    except (EOFError, OSError):
        pass
    except Exception as err:  # reported to the server, which then profiles in its own process
        try:
            conn.send(("failed", f"{type(err).__name__}: {err}"))
        except OSError:
            pass


class Worker:
    """A ``Profiler`` in a process of its own (a new interpreter: nothing shared with the
    server's threads), talking over a socket pair."""

    def __init__(self, root: Path, site: Path, work: Path) -> None:
        ours, theirs = socket.socketpair()
        package = str(Path(__file__).resolve().parents[2])  # the folder holding digidip/
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([package, os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        }
        cmd = [sys.executable, "-m", "digidip.serve.profiles", str(theirs.fileno()), str(root), str(site), str(work)]
        self.process = subprocess.Popen(cmd, pass_fds=[theirs.fileno()], env=env, cwd=root, stdin=subprocess.DEVNULL)
        theirs.close()
        self.conn = Connection(ours.detach())
        try:
            self.ready = self.conn.recv()[0] == "ok"
        except (EOFError, OSError):
            self.ready = False

    def send(self, edited: list[str], countries: list[str], force: bool = False) -> None:
        self.conn.send((edited, countries, force))

    def receive(self) -> tuple[str, object]:
        try:
            return self.conn.recv()
        except (EOFError, OSError) as err:
            return "failed", f"the page worker stopped: {err}"

    def stop(self) -> None:
        """Close the pipe (the worker then ends), and wait for it."""
        self.conn.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


if __name__ == "__main__":
    _serve(int(sys.argv[1]), *sys.argv[2:5])
