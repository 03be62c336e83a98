# Digital diplomacy in Central Asia and Ukraine: from sourced facts to a comparative report.
#
# What this workflow writes (ISO3 = ISO 3166-1 alpha-3 code, discovered from the data):
#   data/tidy/<table>.csv, data/tidy/datapackage.json     published tidy tables
#   data/interim/countries/<ISO3>.json                    one country's fact slice
#   data/interim/notebooks/<ISO3>.ipynb                   executed country notebook
#   data/interim/profiles/<ISO3>.html                     profile fragment for the report
#   data/interim/figures/<figure>.svg                     comparative figures
#   reports/countries/<ISO3>.html                         country pages
#   reports/report.html, reports/report.pdf               the comparative report
#   reports/manifest.json                                 sha256 of every published file + input hash
#   logs/<rule>/...                                       one log per job
# Raw facts are validated when the workflow loads (workflow/rules/common.smk), so bad input
# stops everything before any output is touched.

from snakemake.utils import min_version

min_version("9.0")


configfile: "config/config.yaml"


include: "workflow/rules/common.smk"
include: "workflow/rules/tidy.smk"
include: "workflow/rules/notebooks.smk"
include: "workflow/rules/figures.smk"
include: "workflow/rules/report.smk"


# Light jobs run on the submitting machine even under a cluster executor: a queue round
# trip would cost more than the work.
localrules:
    all,
    tidy_tables,
    slice_country,
    assemble_report,
    write_manifest,


rule all:
    """Build every published output: tidy tables, country pages, HTML and PDF report."""
    default_target: True
    input:
        rules.tidy_tables.output,
        expand("reports/countries/{iso3}.html", iso3=COUNTRIES),
        rules.assemble_report.output.html,
        rules.render_pdf.output.pdf,
        rules.write_manifest.output.manifest,
