# Digital diplomacy in Central Asia and Ukraine: from sourced facts to a comparative report.
#
# What this workflow writes (ISO3 = ISO 3166-1 alpha-3 code, discovered from the data):
#   data/interim/stage/...                                every output below, built first here
#   data/interim/official/<dataset>/observations.csv      every value of the publishers' files
#   data/interim/official/benchmarks.csv                  medians, quartiles, percentiles among UN members
#   data/interim/countries/<ISO3>.json                    one country's fact slice
#   data/interim/notebooks/<ISO3>.ipynb                   executed country notebook
#   data/interim/profiles/<ISO3>.html                     profile fragment for the report
#   data/interim/figures/<figure>.svg, .print.svg         comparative figures (screen, print)
#   data/interim/report.print.html                        the report as the PDF is made from it
#   (a configuration other than the committed one works under data/interim/builds/<name>/,
#   logs under logs/builds/<name>/ and publishes under builds/<name>/: the published
#   edition and its work are never touched)
#   data/tidy/<table>.csv, data/tidy/datapackage.json     published tidy tables
#   data/tidy/sources.bib, data/tidy/sources.json        the bibliography (BibTeX, CSL-JSON)
#   reports/countries/<ISO3>.html                         country pages
#   reports/report.html, reports/report.pdf               the comparative report
#   reports/manifest.json                                 sha256 of every published file + input hash
#   logs/<rule>...                                        one log per job
# The published files (data/tidy/, reports/) are written only by publish_edition, after
# every other job succeeded; a failed build leaves the previous edition untouched.
# Raw facts are validated when the workflow loads (workflow/rules/facts.smk), so bad input
# stops everything before any output is touched. Rule files follow the stages of the
# pipeline, as the package workflow/digidip/ does (docs/architecture.md is the map).

from snakemake.utils import min_version

min_version("9.0")


configfile: "config/config.yaml"


report: "workflow/report/workflow.rst"


include: "workflow/rules/common.smk"
include: "workflow/rules/facts.smk"
include: "workflow/rules/official.smk"
include: "workflow/rules/tidy.smk"
include: "workflow/rules/analysis.smk"
include: "workflow/rules/render.smk"
include: "workflow/rules/edition.smk"


# Light jobs run on the submitting machine even under a cluster executor: a queue round
# trip would cost more than the work.
localrules:
    all,
    preview,
    extract_official,
    official_benchmarks,
    cross_check,
    tidy_tables,
    assemble_report,
    publish_edition,


onsuccess:
    if "preview" in {job.rule.name for job in workflow.dag.targetjobs}:
        print(
            f"Preview (HTML only, not published): open {rules.preview.input.html}"
            f" and {STAGE}/reports/countries/<ISO3>.html. make report publishes the edition."
        )
    elif PLACE.is_edition:
        print(
            "The edition is in data/tidy/ and reports/ (reports/report.html, reports/report.pdf)."
        )
    else:
        print(
            f"This build is in {PLACE.root}/ ({PLACE.root}/reports/report.html): its configuration is not"
            " the committed one, so the published edition (data/tidy/, reports/) was left untouched."
        )


rule all:
    """Build every published output: tidy tables, country pages, HTML and PDF report."""
    default_target: True
    input:
        rules.publish_edition.output,


rule preview:
    """The HTML a researcher looks at while editing (country pages, the report): built where
    every build stages its work, never published, no PDF (make preview)."""
    input:
        html=rules.assemble_report.output.html,
        pages=profile_paths("page", COUNTRIES),
