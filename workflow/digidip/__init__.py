"""digidip: the importable logic behind the digital-diplomacy report workflow.

Snakemake rules call thin scripts; the scripts call this package, which the unit tests
exercise directly. Modules are named for the stage they serve: loading and validating raw
facts, building tidy tables, computing comparisons, drawing figures, running notebooks,
assembling the report.
"""
