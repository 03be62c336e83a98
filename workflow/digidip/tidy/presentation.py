"""How the report presents each dated fact: its date as the source supports it, and the
quality record's decisions (data/raw/quality.yaml, ``rules``) applied.

* A date reads as the source supports it: a stated date as given; an inferred one marked
  "(inferred)"; an attested one as "by 2023" (the thing existed or was in force by then; the
  event itself is earlier or undated), so it can never be read as an adoption date.
* ``lead``: the facts a lead fact speaks for are not shown as entries of their own.
* ``date_label`` / ``title``: the report prints the given text instead of the date or title.
* ``not_as``: the fact does not fill that role (e.g. the e-government launch).
* ``cited_only``: the fact rests on a reference title; the report says it is cited. A fact
  whose recorded basis is a reference title reads so whether or not a rule names it.
* ``amounts_only_in``: the fact's amounts are printed only there (the notable actions).
* ``weak_evidence``: the fact counts as weak evidence whatever its basis.

A fact is strong evidence when we read it in full text (``basis: full-text``) and no rule
counts it weak; anything else (an abstract, a reference title, a second-hand report, a
doubted passage) is weak, and no finding rests on weak evidence alone.

The result travels with the tidy tables (columns ``report_date``, ``report_title``,
``shown``, ``roles``, ``cited_only``, ``amounts_only_in``, ``weight``), so country pages and
the report apply the same decisions.
"""

from __future__ import annotations

from ..facts.factbase import FactBase

#: How each kind of dating is printed (``{date}`` is the recorded date).
DATE_FORMS = {"stated": "{date}", "inferred": "{date} (inferred)", "attested": "by {date}"}


def date_text(date: object, dating: str) -> str | None:
    if date is None:
        return None
    return DATE_FORMS[dating].format(date=date)


def decisions(fb: FactBase) -> dict[str, dict]:
    """Fact id -> what the quality rules decide for it (only facts a rule names)."""
    out: dict[str, dict] = {}
    for issue in fb.quality:
        for rule in issue.get("rules") or []:
            if "lead" in rule:
                for fid in rule["over"]:
                    out.setdefault(fid, {})["hidden_by"] = rule["lead"]
            elif "date_label" in rule:
                out.setdefault(rule["date_label"], {})["date"] = rule["text"]
            elif "title" in rule:
                out.setdefault(rule["title"], {})["title"] = rule["text"]
            elif "not_as" in rule:
                out.setdefault(rule["fact"], {}).setdefault("not_as", []).append(rule["not_as"])
            elif "amounts_only_in" in rule:
                out.setdefault(rule["fact"], {})["amounts_only_in"] = rule["amounts_only_in"]
            elif "weak_evidence" in rule:
                for fid in rule["weak_evidence"]:
                    out.setdefault(fid, {})["weak"] = True
            else:
                for fid in rule["cited_only"]:
                    out.setdefault(fid, {})["cited_only"] = True
    return out


def weight(rec: dict, decided: dict) -> str:
    """ "strong" for a fact read in full text that no rule counts weak, else "weak"."""
    weak = decided.get(rec["id"], {}).get("weak") or rec.get("basis") != "full-text"
    return "weak" if weak else "strong"


def present(rec: dict, decided: dict) -> dict:
    """The presentation columns of one event or context record."""
    d = decided.get(rec["id"], {})
    dating = rec.get("dating", "stated")
    return {
        "report_date": d.get("date") or date_text(rec.get("date"), dating),
        "report_title": d.get("title") or rec["title"],
        "shown": "hidden_by" not in d,
        "roles": sorted(set(rec.get("tags") or []) - set(d.get("not_as", []))),
        "cited_only": bool(d.get("cited_only")) or rec.get("basis") == "reference-title",
        "amounts_only_in": d.get("amounts_only_in"),
        "weight": weight(rec, decided),
    }
