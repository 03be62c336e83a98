"""What the report says about the official files' copies and how they were checked: the copies
the series come from, the independent copies compared with them, and the values published
pages state (crosscheck.csv, crosscheck-differences.csv, crosscheck-stated.csv).

The agreement table holds both kinds of check; a row whose copy is a source id (a page in
sources.csv) is a page's, any other an independent copy's (a repository).
"""

from __future__ import annotations

import pandas as pd

from ..tidy.read import Tables


def _records(df: pd.DataFrame) -> list[dict]:
    return [
        {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}
        for row in df.to_dict("records")
    ]


def _counts(agree: pd.DataFrame, differ: pd.DataFrame, profiled: list[str]) -> dict:
    """Values compared, agreeing and differing, and the decisions on the differences."""
    return {
        "compared": int(agree["compared"].sum()),
        "agreeing": int(agree["agreeing"].sum()),
        "differing": int(agree["differing"].sum()),
        "issues": sorted(set(differ["issue"].dropna())),
        "undecided": int(differ["issue"].isna().sum()),
        "profiled_differing": sorted(set(differ["country"].dropna()) & set(profiled)),
    }


def _split(t: Tables) -> tuple[pd.Series, pd.Series]:
    """Which agreement and difference rows are pages' (their copy is a source id)."""
    pages = set(t.sources["source"])
    return t.crosscheck["copy"].isin(pages), t.crosscheck_differences["copy"].isin(pages)


def official_copies(t: Tables) -> dict:
    """The copies the official series come from (what their makers changed, how each was
    checked) and how the independent copies compare with them."""
    by_page, differ_by_page = _split(t)
    agree, differ = t.crosscheck[~by_page], t.crosscheck_differences[~differ_by_page]
    by_edition = agree.groupby(["edition", "copy"])[["compared", "agreeing", "differing"]].sum().reset_index()
    return {
        "files": _records(t.snapshots[["file", "source", "producer", "copied_from", "changes_by_copier", "checked"]]),
        "checks": _records(by_edition),
        **_counts(agree, differ, list(t.countries["country"])),
    }


def stated_values(t: Tables) -> dict:
    """How the values published pages state compare with the snapshots, page by page; which
    compared countries they state values of, and which they do not."""
    by_page, differ_by_page = _split(t)
    agree, differ, rows = t.crosscheck[by_page], t.crosscheck_differences[differ_by_page], t.crosscheck_stated
    profiled = list(t.countries["country"])
    pages = agree.groupby("copy")[["compared", "agreeing"]].sum().reset_index()
    covered = set(rows["country"].dropna())
    # A page's rounded index beside the file's exact one: the precision rule, shown on the data
    # (a compared country's, at the fewest decimals, where there is one).
    rounded = rows[(rows["indicator"] == "egdi") & rows["agrees"] & (rows["stated"] != rows["snapshot"])]
    rounded = rounded.assign(other=~rounded["country"].isin(profiled), digits=rounded["decimals"].astype(int))
    rounded = rounded.sort_values(["other", "digits"], kind="stable").drop(columns=["other", "digits"])
    return {
        **_counts(agree, differ, profiled),
        "editions": sorted(int(e) for e in rows["edition"].unique()),
        "pages": [
            {"source": p["copy"], "compared": int(p["compared"]), "agreeing": int(p["agreeing"])}
            for p in _records(pages)
        ],
        "covered": [c for c in profiled if c in covered],
        "missing": [c for c in profiled if c not in covered],
        "example": _records(rounded.head(1))[0] if len(rounded) else None,
    }
