"""digidip: the importable logic behind the digital-diplomacy report workflow.

Snakemake rules call ``python -m digidip <step>`` (the table of steps is in ``__main__``);
the unit tests exercise the modules directly. One subpackage per stage of the pipeline, in
the order data flows; a stage imports only from itself, from earlier stages and from
``common`` (never from a later stage):

    facts/     1. read and validate the curated YAML under data/raw/
    tidy/      2. the validated facts as long tables, a data package, per-country slices
    analysis/  3. comparisons, findings, country profiles and figures computed from the tables
    render/    4. HTML (Jinja2 templates), executed notebooks, country pages, report, PDF
    edition/   5. publish the edition, its manifest, verify it, locks and environment pins
    common/       shared by every stage: atomic writes, the jobs' environment, provenance
"""
