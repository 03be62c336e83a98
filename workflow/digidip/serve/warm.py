"""The warm rebuild of make serve: an edit to one country's facts, redone in this process.

After a Snakemake build of the preview (``loop.py``), ``Warm.load`` keeps in memory what an
edit to a country file cannot change: the official tables the extraction jobs wrote, the
snapshots' sidecars, the cross-checks, the other countries' profiles, every raw file as read
and schema-checked (``facts.validate.RawFiles.memo``, by its bytes), the tables as parsed,
the figures and the costly parts of the report's content (``memo.py``, by the tables they
read). ``Warm.rebuild`` then does what the preview's jobs would do for an edit, each step
with the jobs' own functions: validate the raw files (only the changed file is parsed and
checked again; the checks across files run), write the tidy tables, redraw only the figures
whose tables changed, and assemble the report's HTML (no PDF); meanwhile the worker process
started with the server (``profiles.py``) profiles the edited country's batch, its notebook
run by the in-process engine (no kernel). No Snakemake and no process started for an edit:
it shows in about a second.

The pages are written to the served folder only (``data/interim/serve/``), never to the
preview build's or the edition's files. Anything else (a new or removed country, a shared raw
file, the notebook, the code, the configuration) is not an edit this path knows to redo: the
loop runs Snakemake's ``preview`` build for it. ``tests/test_serve_warm.py`` checks that
the pages served after an edit are, byte for byte, those a preview build of the edited tree
writes.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import io
import shutil
import time
from pathlib import Path

import yaml

from ..analysis import figdata, figspecs
from ..analysis import figures as drawing
from ..analysis.content import report_content
from ..common import atomic
from ..common.csvtext import to_csv
from ..common.errors import UserError
from ..edition.place import place
from ..facts.problems import ValidationError
from ..official.data import read_csv
from ..official.snapshots import load_all
from ..official.stated import require_decisions
from ..render import notebooks
from ..render.references import read_items
from ..render.report import render_report
from ..tidy import bibliography
from ..tidy.inputs import TidyInput, focus, selected
from ..tidy.read import field_name, read_frame, typed_tables
from ..tidy.tables import TABLES
from . import memo
from .profiles import OFFICIAL, RAW, Profiler, Worker, write_changed

#: Where make serve writes: the served pages (``reports/``) and its work (slices, notebooks).
SERVE = Path("data/interim/serve")
#: What the served tables' digests are taken from: the file each field is read from.
SOURCES = {"world": "countries.csv", "world_observations": "observations.csv"}


class Fallback(Exception):
    """The edit is not one this path redoes (the countries changed): run the preview build."""


def country_of(root: Path, path: Path) -> str | None:
    """The ISO3 code of a country's fact file (data/raw/countries/<ISO3>.yaml), else None."""
    try:
        rel = path.resolve().relative_to(root.resolve())
    except ValueError:
        return None
    if rel.parent == RAW / "countries" and rel.suffix == ".yaml" and len(rel.stem) == 3 and rel.stem.isupper():
        return rel.stem
    return None


class Warm:
    """Everything the preview's jobs read that an edit to a country file leaves as it was."""

    def __init__(self, root: Path, site: Path | None = None, worker: bool = True) -> None:
        self.root = root
        self.site = site or root / SERVE / "reports"
        self.work = root / SERVE
        self.profiler = Profiler(root, self.site, self.work)
        self.frames: dict[str, tuple[str, object]] = {}  # table -> (digest, DataFrame as read)
        self.use_worker = worker
        self.worker: Worker | None = None
        self.loaded = False

    def load(self) -> None:
        """After a preview build: read what it extracted, copy its pages to the served folder,
        then rebuild once in this process (every figure and the report's content warm)."""
        self.loaded = False
        memo.clear()
        memo.install()
        self.loaded_as = str(time.monotonic_ns())  # what this load read: a digest of its own
        self.profiler.load()
        self.settings = s = self.profiler.settings
        committed = yaml.safe_load((self.root / "config" / "config.yaml").read_text(encoding="utf-8"))
        self.place = place(committed, committed)
        base = self.root
        snaps = load_all(base / "data" / "snapshots", base)
        self.outlines = drawing.map_input(snaps[figspecs.OUTLINES][0], s.map_edition)
        self.metas = [{**x.meta, "path": x.display} for group in snaps.values() for x in group]
        cc = self.root / OFFICIAL / "crosscheck"
        self.crosscheck = {
            "agreement": read_csv(cc / "agreement.csv", {"edition", "compared", "agreeing", "differing"}),
            "differences": read_csv(cc / "differences.csv", {"edition"}),
            "stated": read_csv(cc / "stated.csv", {"edition", "decimals"}),
        }
        fb = self.profiler.validate(None)
        self.countries = selected(fb, s.countries, self.profiler.members)
        self.focus = focus(fb, self.countries, s.focus)
        self.full = self.focus[: s.full_profiles]
        work = self.root / self.place.work
        self.fragments = {c: (work / "profiles" / f"{c}.html").read_text(encoding="utf-8") for c in self.full}
        self.copy_pages()
        self.svgs: dict[str, bytes] = {}
        self.map_rows: dict[str, list[dict]] = {}
        self._rebuild([])
        self.stop()
        if self.use_worker:  # started after the preview build: it reads what that build extracted
            self.worker = Worker(self.root, self.site, self.work)
            if self.worker.ready:  # one page made now (the same again): the first edit is warm too
                self.worker.send(self.countries[:1], self.countries, force=True)
                self.worker.receive()
            else:
                self.stop()
        gc.freeze()  # what is loaded stays: the garbage collector need not walk it again
        self.loaded = True

    def copy_pages(self) -> None:
        """The preview build's pages (and figure data) into the served folder, as they are."""
        committed = yaml.safe_load((self.root / "config" / "config.yaml").read_text(encoding="utf-8"))
        stage = self.root / place(committed, committed).stage / "reports"
        tmp = self.site.with_name(self.site.name + ".new")
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.copytree(stage, tmp, ignore=shutil.ignore_patterns("*.pdf"))
        shutil.rmtree(self.site, ignore_errors=True)
        tmp.rename(self.site)

    def rebuild(self, edited: list[str]) -> str | None:
        """Redo the preview after edits to these countries' files: None, or the message
        ``make report`` would print (raises ``Fallback`` when the countries changed)."""
        try:
            return self._rebuild(edited)
        except ValidationError as err:
            return err.format()
        except UserError as err:
            return f"error: {err}"
        except notebooks.NotebookFailed as err:
            return str(err)

    def _rebuild(self, edited: list[str]) -> str | None:
        fb = self.profiler.validate(None)  # the check of the whole tree the workflow runs as it loads
        countries = selected(fb, self.settings.countries, self.profiler.members)
        if countries != self.countries or focus(fb, countries, self.settings.focus) != self.focus:
            raise Fallback("the countries changed")
        worker, self.worker = self.worker, None  # back once it has answered
        if worker is not None:
            worker.send(edited, self.countries)  # the pages, while this process does the report
        else:
            status, answer = self.profiler.answer(edited, self.countries)
            if status == "error":
                return answer
            for iso3, fragment in answer.items():
                self._keep(iso3, fragment)
        try:
            t = self._tables()
            self._figures(t.focused(self.focus))
        except BaseException:  # its answer would come to no one: stopped (a new one comes with the next load)
            if worker is not None:
                worker.stop()
            raise
        if worker is not None:
            status, answer = worker.receive()
            if status == "failed":  # the worker is gone: its pages are made here from now on
                worker.stop()
                return self._rebuild(edited)
            self.worker = worker
            if status == "error":
                return answer
            for iso3, fragment in answer.items():
                self._keep(iso3, fragment)
        profiles = {c: self.fragments[c] for c in self.full}
        content = report_content(
            t, self.settings.title, self.root, list(profiles), focus=self.focus, maps=self.map_rows
        )
        html = render_report(content, self.svgs, profiles, read_items(self.work / bibliography.CSL_JSON))
        write_changed(self.site / "report.html", html)
        return None

    def _keep(self, iso3: str, fragment: str) -> None:
        if iso3 in self.full:
            self.fragments[iso3] = fragment

    def stop(self) -> None:
        """Stop the worker process, if any (the server stops, or the warm state is reloaded)."""
        if self.worker is not None:
            self.worker.stop()
            self.worker = None

    def _tables(self) -> memo.Tracked:
        """The tidy job's tables (and bibliography), read back as the jobs after it read them."""
        fb = self.profiler.validate(self.countries)
        src = TidyInput(fb, selected(fb, self.countries, self.profiler.members), self.profiler.official, self.metas)
        src.crosscheck = self.crosscheck
        require_decisions(self.crosscheck["differences"], src.countries, self.root / RAW)
        atomic.write_text(self.work / bibliography.CSL_JSON, bibliography.csl_json(fb))
        src = memo.track_input(src, {k: self.loaded_as for k in ("official", "snapshots", "crosscheck")})
        texts = {name: _table(src, name) for name in TABLES}
        digests = {}
        for name in TABLES:
            digest = hashlib.sha256(texts[name].encode()).hexdigest()
            if self.frames.get(name, ("",))[0] != digest:
                self.frames[name] = (digest, read_frame(io.StringIO(texts[name]), name))
            digests[name] = digest
        # Shallow copies: pandas copies on write, so typing them leaves the frames kept here as read.
        t = typed_tables({field_name(n): self.frames[n][1].copy(deep=False) for n in TABLES})
        fields = {field_name(n): d for n, d in digests.items()}
        return memo.track(t, fields | {f: digests[n] for f, n in SOURCES.items()})

    def _figures(self, t: memo.Tracked) -> None:
        """Each figure for the screen and the data it draws: drawn again only when a table it
        reads changed (the print copy is the PDF's, which the preview does not make)."""
        edition = figdata.edition(t)
        names = sorted(figspecs.SPECS)
        for name in names:
            # The outlines only for the maps: an argument is part of the memo's key (pickled).
            outlines = self.outlines if name in figspecs.MAPS else None
            svg, text = _figure(t, name, self.settings.top_n, edition, outlines)
            self.svgs[name] = svg
            write_changed(self.site / "figures" / f"{name}.csv", text)
            if name in figspecs.MAPS:  # the maps' tables of values: the rows their CSVs hold
                self.map_rows[name] = list(csv.DictReader(io.StringIO(text)))
        package = figdata.package(names, edition, self.countries)
        write_changed(self.site / "figures" / "datapackage.json", package)


def _screen_figure(t, name: str, top_n: int, edition: str, outlines=None) -> tuple[bytes, str]:
    """One figure as the figures job draws it for the screen, and its CSV."""
    from ..analysis import plotting

    fig, plotted = drawing.draw_figure(name, t, top_n, outlines)
    return plotting.to_svg(fig), plotted.csv(name, edition)


def _table_text(src, name: str) -> str:
    """One tidy table's text, as ``tidy.tables.build_tables`` writes it."""
    builder, columns, _ = TABLES[name]
    return to_csv(builder(src), columns)


_figure = memo.memo(_screen_figure)
_table = memo.memo(_table_text)
