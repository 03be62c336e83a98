"""Properties of validation and tidying over generated fact bases (hypothesis).

(a) Any valid record set loads, and the tidy observation and event rows carry every raw
    record exactly once with its meaning unchanged, through to the CSV text.
(b) Any single corruption of a valid set is refused, with a problem that names the
    corrupted record and field.
(c) A value of the wrong type anywhere is reported, never a crash of the validator.

Examples are few and derandomized so the file is fast and gives the same result in CI.
"""

from __future__ import annotations

import calendar
import copy
import csv
import datetime as dt
import io
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digidip.common import fonts
from digidip.common.csvtext import read_list, to_csv
from digidip.facts.dates import FIRST_YEAR, LAST_YEAR
from digidip.facts.problems import ValidationError
from digidip.facts.validate import load_factbase
from digidip.official.data import Official
from digidip.tidy import curated
from digidip.tidy import tables as tidy
from digidip.tidy.inputs import TidyInput
from validation_helpers import FRAMEWORKS, INDICATORS, MEMBERSHIP, SOURCES, write_tree

PROPERTY = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,  # the same examples on every run and machine
    database=None,  # nothing written to .hypothesis/ in the work tree
    suppress_health_check=[HealthCheck.too_slow],
)

ISO3 = ["KAZ", "KGZ", "TJK", "TKM", "UKR", "UZB"]
SOURCE_IDS = [s["id"] for s in SOURCES["sources"]]
KIND = {i["id"]: i["kind"] for i in INDICATORS["indicators"]}
CATEGORIES = ["strategy", "programme", "law", "agreement", "platform", "milestone"]

years = st.integers(FIRST_YEAR, LAST_YEAR)
# Printable text of any script; control characters and lone surrogates cannot be typed into a fact file.
# Any character the report's fonts draw (others are refused by validation: facts/glyphs.py).
DRAWABLE = sorted(c for c in fonts.drawable() if c not in fonts.LAYOUT and unicodedata.category(c) not in ("Cs", "Cc"))
titles = st.text(st.sampled_from(DRAWABLE), min_size=1, max_size=40)
finite = {"allow_nan": False, "allow_infinity": False}


@st.composite
def observations(draw: st.DrawFn, indicator: str | None = None) -> dict:
    """One observation without id, country or file: indicator, year, value (in range), source."""
    indicator = indicator or draw(st.sampled_from(sorted(KIND)))
    rec: dict = {"indicator": indicator, "year": draw(years), "source": draw(st.sampled_from(SOURCE_IDS))}
    kind = KIND[indicator]
    if kind == "rank":
        rec["out_of"] = draw(st.integers(1, 250))
        rec["value"] = draw(st.integers(1, rec["out_of"]))
    elif kind == "percent":
        rec["value"] = draw(st.integers(0, 100) | st.floats(0, 100, **finite))
    elif kind in ("index", "score"):  # the scale the dictionary states
        scale = next(i["range"] for i in INDICATORS["indicators"] if i["id"] == indicator)
        rec["value"] = draw(st.floats(scale["min"], scale["max"], **finite))
    else:
        rec["value"] = draw(st.integers(0, 10**9) | st.floats(0, 1e12, **finite))
    rec["locator"] = draw(titles)
    return rec


@st.composite
def dates(draw: st.DrawFn) -> str | int:
    """A real date as "YYYY", "YYYY-MM", "YYYY-MM-DD" or a bare integer year."""
    day = draw(st.dates(dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)))
    form = draw(st.sampled_from(["year", "int", "month", "day"]))
    return {
        "year": f"{day.year:04d}",
        "int": day.year,
        "month": f"{day.year:04d}-{day.month:02d}",
        "day": day.isoformat(),
    }[form]


@st.composite
def events(draw: st.DrawFn) -> dict:
    return {
        "date": draw(dates()),
        "category": draw(st.sampled_from(CATEGORIES)),
        "basis": draw(st.sampled_from(["full-text", "abstract", "reference-title", "second-hand"])),
        "serves": draw(st.sampled_from(["foreign-policy", "domestic"])),
        "title": draw(titles),
        "source": draw(st.sampled_from(SOURCE_IDS)),
        "locator": draw(titles),
    }


def _obs_key(rec: dict) -> tuple:
    return (rec["country"], rec["indicator"], rec["year"], rec["source"])


@st.composite
def fact_bases(draw: st.DrawFn) -> dict:
    """A valid record set: relative path under data/raw/ -> document.

    Observations are unique on (country, indicator, year, source), as the validator demands.
    """
    countries = draw(st.lists(st.sampled_from(ISO3), min_size=1, max_size=3, unique=True))
    obs = draw(
        st.lists(
            st.tuples(st.sampled_from(countries), observations()).map(lambda t: {**t[1], "country": t[0]}),
            min_size=1,
            max_size=12,
            unique_by=_obs_key,
        )
    )
    evs = draw(st.lists(st.tuples(st.sampled_from(countries), events()), max_size=8))
    tag = draw(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,8}", fullmatch=True))
    docs: dict = {
        "sources.yaml": SOURCES,
        "indicators.yaml": INDICATORS,
        "frameworks.yaml": FRAMEWORKS,
        "un-membership.yaml": MEMBERSHIP,
    }
    for iso3 in countries:
        docs[f"countries/{iso3}.yaml"] = {
            "country": {"iso3": iso3, "name": f"Country {iso3}", "region": "Central Asia"},
            "observations": [],
            "events": [],
        }
    for i, rec in enumerate(obs):
        rec = {"id": f"{rec['country']}-{tag}-obs-{i}", **rec}
        docs[f"countries/{rec['country']}.yaml"]["observations"].append(
            {k: v for k, v in rec.items() if k != "country"}
        )
    for i, (iso3, ev) in enumerate(evs):
        actor = {"name": f"Government of Country {iso3}", "country": iso3}
        docs[f"countries/{iso3}.yaml"]["events"].append({"id": f"{iso3}-{tag}-event-{i}", "actor": actor, **ev})
    return copy.deepcopy(docs)  # tests mutate the set; the shared registries must stay intact


def _all_observations(docs: dict) -> list[tuple[str, str, dict]]:
    """(file, country, record) of every observation in ``docs``."""
    out = []
    for rel, doc in docs.items():
        if rel.startswith("countries/"):
            out += [(rel, doc["country"]["iso3"], rec) for rec in doc["observations"]]
    return out


def _all_events(docs: dict) -> list[tuple[str, str, dict]]:
    return [
        (rel, doc["country"]["iso3"], rec)
        for rel, doc in docs.items()
        if rel.startswith("countries/")
        for rec in doc["events"]
    ]


def _load(docs: dict):
    with tempfile.TemporaryDirectory() as tmp:
        return load_factbase(write_tree(Path(tmp), docs))


def _problems(docs: dict) -> list:
    with tempfile.TemporaryDirectory() as tmp:
        raw = write_tree(Path(tmp), docs)
        with pytest.raises(ValidationError) as err:
            load_factbase(raw)
    return err.value.problems


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@PROPERTY
@given(fact_bases())
def test_valid_sets_load_and_tidy_preserves_meaning(docs: dict) -> None:
    fb = _load(docs)
    countries = sorted(fb.countries)
    assert countries == sorted(rel[10:13] for rel in docs if rel.startswith("countries/"))

    raw_obs = _all_observations(docs)
    src = TidyInput(fb, countries, Official([], []))
    rows = tidy.observation_rows(src)
    expected = Counter(
        (iso3, r["indicator"], r["year"], r["value"], type(r["value"]), r["source"], r["id"]) for _, iso3, r in raw_obs
    )
    got = Counter(
        (r["country"], r["indicator"], r["year"], r["value"], type(r["value"]), r["source"], r["fact_id"]) for r in rows
    )
    assert got == expected  # each exactly once, nothing extra; an integer stays an integer
    by_id = {r["fact_id"]: r for r in rows}
    for _, _, rec in raw_obs:
        assert by_id[rec["id"]]["out_of"] == rec.get("out_of")
        assert by_id[rec["id"]]["locator"] == rec["locator"]

    raw_ev = _all_events(docs)
    ev_rows = curated.event_rows(src)
    assert Counter((r["country"], r["date"], r["title"], r["fact_id"]) for r in ev_rows) == Counter(
        (iso3, str(r["date"]), r["title"], r["id"]) for _, iso3, r in raw_ev
    )
    for r in ev_rows:
        assert r["year"] == int(str(r["date"])[:4])

    # The published CSV text carries the same values.
    tables = tidy.build_tables(src)
    csv_obs = _csv(tables["observations.csv"])
    assert len(csv_obs) == len(rows)
    for row, text in zip(rows, csv_obs, strict=True):
        assert (text["country"], text["indicator"], text["source"], text["fact_id"]) == (
            row["country"],
            row["indicator"],
            row["source"],
            row["fact_id"],
        )
        assert int(text["year"]) == row["year"]
        if isinstance(row["value"], float):
            assert float(text["value"]) == row["value"]
        else:
            assert text["value"] == str(row["value"])
    csv_ev = _csv(tables["events.csv"])
    assert [(t["country"], t["date"], t["title"], t["fact_id"]) for t in csv_ev] == [
        (r["country"], r["date"], r["title"], r["fact_id"]) for r in ev_rows
    ]


# --- (b) one corruption at a time -----------------------------------------------------


def _out_of_range_year(draw: st.DrawFn) -> int:
    return draw(st.integers(1000, FIRST_YEAR - 1) | st.integers(LAST_YEAR + 1, 9999))


def _impossible_day(draw: st.DrawFn) -> str:
    year = draw(years)
    month = draw(st.sampled_from([m for m in range(1, 13) if calendar.monthrange(year, m)[1] < 31]))
    day = draw(st.integers(calendar.monthrange(year, month)[1] + 1, 31))
    return f"{year:04d}-{month:02d}-{day:02d}"


CORRUPTIONS = [
    "percent-high",
    "percent-low",
    "rank-over",
    "obs-year",
    "event-year",
    "unknown-source",
    "unknown-indicator",
    "impossible-day",
    "duplicate-id",
]


def _ensure(draw: st.DrawFn, docs: dict, indicator: str | None) -> None:
    """Add an observation of ``indicator`` (or an event, for None) unless the set has one."""
    have = (
        _all_events(docs)
        if indicator is None
        else [o for o in _all_observations(docs) if o[2]["indicator"] == indicator]
    )
    if have:
        return
    rel = sorted(r for r in docs if r.startswith("countries/"))[0]
    doc = docs[rel]
    iso3 = doc["country"]["iso3"]
    if indicator is None:
        doc["events"].append({"id": f"{iso3}-added-event", **draw(events())})
        return
    rec = draw(observations(indicator))
    taken = {_obs_key({**o[2], "country": o[1]}) for o in _all_observations(docs)}
    rec["year"] = draw(years.filter(lambda y: (iso3, indicator, y, rec["source"]) not in taken))
    doc["observations"].append({"id": f"{iso3}-added-obs", **rec})


@st.composite
def corrupted(draw: st.DrawFn, how: str) -> tuple[dict, str, list[str], str]:
    """(docs, corrupted record id, files it may be reported in, corrupted field)."""
    docs = draw(fact_bases())
    needs = {"percent-high": "internet_users_pct", "percent-low": "internet_users_pct", "rank-over": "egdi_rank"}
    if how in needs:
        _ensure(draw, docs, needs[how])
    if how in ("event-year", "impossible-day", "duplicate-id"):
        _ensure(draw, docs, None)  # with the observation fact_bases always has, two records
    obs = _all_observations(docs)
    evs = _all_events(docs)
    of_kind = {k: [o for o in obs if KIND[o[2]["indicator"]] == k] for k in ("percent", "rank")}

    if how.startswith("percent"):
        rel, _, rec = draw(st.sampled_from(of_kind["percent"]))
        over = draw(st.floats(1e-6, 1e6, **finite) | st.integers(1, 10**6))
        rec["value"] = 100 + over if how == "percent-high" else -over
        fld = "value"
    elif how == "rank-over":
        rel, _, rec = draw(st.sampled_from(of_kind["rank"]))
        rec["value"] = rec["out_of"] + draw(st.integers(1, 1000))
        fld = "value"
    elif how == "obs-year":
        rel, _, rec = draw(st.sampled_from(obs))
        rec["year"] = _out_of_range_year(draw)
        fld = "year"
    elif how == "unknown-indicator":
        rel, _, rec = draw(st.sampled_from(obs))
        rec["indicator"] = "no_such_indicator"
        fld = "indicator"
    elif how == "unknown-source":
        rel, _, rec = draw(st.sampled_from(obs + evs))
        rec["source"] = "no-such-source"
        fld = "source"
    elif how == "event-year":
        rel, _, rec = draw(st.sampled_from(evs))
        rec["date"] = f"{_out_of_range_year(draw):04d}" + draw(st.sampled_from(["", "-06", "-06-15"]))
        fld = "date"
    elif how == "impossible-day":
        rel, _, rec = draw(st.sampled_from(evs))
        rec["date"] = _impossible_day(draw)
        fld = "date"
    else:  # duplicate-id: a second record takes the id of a first; either may be the one reported
        first, second = draw(
            st.lists(st.sampled_from(obs + evs), min_size=2, max_size=2, unique_by=lambda t: t[2]["id"])
        )
        second[2]["id"] = first[2]["id"]
        return docs, first[2]["id"], [f"data/raw/{first[0]}", f"data/raw/{second[0]}"], "id"
    return docs, rec["id"], [f"data/raw/{rel}"], fld


@pytest.mark.parametrize("how", CORRUPTIONS)
@settings(PROPERTY, max_examples=12)
@given(data=st.data())
def test_any_single_corruption_is_refused_and_named(how: str, data: st.DataObject) -> None:
    docs, rec_id, files, fld = data.draw(corrupted(how))
    problems = _problems(docs)
    named = [p for p in problems if p.file in files and p.record.startswith(f"{rec_id} (") and p.field == fld]
    assert named, f"{how}: no problem names {rec_id} / {fld} in {files}:\n" + "\n".join(map(str, problems))


# --- (c) wrong types never crash -------------------------------------------------------


def _paths(doc: object, prefix: tuple = ()) -> list[tuple]:
    """Every key/index path inside ``doc``."""
    out: list[tuple] = []
    items = doc.items() if isinstance(doc, dict) else enumerate(doc) if isinstance(doc, list) else []
    for key, value in items:
        out.append((*prefix, key))
        out += _paths(value, (*prefix, key))
    return out


wrong_values = st.sampled_from([None, True, 7, 2.5, "", "text", "20x7", [], ["x"], [1], [["nested"]], {"a": 1}])


@PROPERTY
@given(fact_bases(), st.data())
def test_a_wrong_type_anywhere_is_reported_never_a_crash(docs: dict, data: st.DataObject) -> None:
    rel = data.draw(st.sampled_from(sorted(docs)))
    path = data.draw(st.sampled_from(_paths(docs[rel])))
    target = docs[rel]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = data.draw(wrong_values)
    with tempfile.TemporaryDirectory() as tmp:
        raw = write_tree(Path(tmp), docs)
        try:
            load_factbase(raw)  # some replacements are valid (a note may be any text)
        except ValidationError as err:
            assert err.problems
            assert all(p.file.startswith("data/raw/") for p in err.problems)


@PROPERTY
@given(st.lists(st.text(), max_size=6), st.text())
def test_list_cells_read_back_unchanged_whatever_they_hold(values: list[str], other: str) -> None:
    """A list value containing any character, the old "; " separator, quotes or newlines
    included, reads back from the CSV as the same list."""
    text = to_csv([{"partners": values, "title": other}], ["partners", "title"])
    (row,) = list(csv.DictReader(io.StringIO(text, newline="")))
    assert read_list(row["partners"]) == values
    assert row["title"] == other


def test_the_published_partners_keep_a_name_that_holds_a_semicolon() -> None:
    from digidip.tidy.read import read_tables

    t = read_tables(Path(__file__).resolve().parent.parent / "data" / "tidy")
    assert "Starlink (SpaceX; the company is not named in the reference)" in set(t.partners["partner"])
