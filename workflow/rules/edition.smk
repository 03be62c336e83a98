# Stage 5 (digidip/edition): publish the edition. Every earlier stage writes under
# data/interim/stage/; only when all of them succeeded does this job copy the outputs to
# data/tidy/ and reports/ (each file atomically, the manifest last). A failed or
# interrupted build therefore leaves the previously published edition byte for byte as it was.


#: The edition's files, as the publish step writes them (manifest excluded).
PUBLISHED = (
    [f"data/tidy/{name}" for name in TABLES]
    + ["data/tidy/datapackage.json"]
    + [f"reports/countries/{c}.html" for c in COUNTRIES]
    + ["reports/report.html", "reports/report.pdf"]
)


rule publish_edition:
    """Copy the staged outputs to data/tidy/ and reports/ and write reports/manifest.json."""
    input:
        staged=[
            *rules.tidy_tables.output,
            *expand(rules.render_country_page.output.page, iso3=COUNTRIES),
            rules.assemble_report.output.html,
            rules.render_pdf.output.pdf,
        ],
        hashed=input_files(),
        code=step_code("publish"),
    output:
        # update(): Snakemake must not delete the published files before this job runs
        # (it would, by default), so an interrupted publish never loses the old edition.
        published=[update(p) for p in PUBLISHED],
        manifest=update("reports/manifest.json"),
    log:
        "logs/publish_edition.log",
    conda:
        "../../environment.yml"
    params:
        stage=lambda wildcards: STAGE,
    shell:
        "python -m digidip publish --stage {params.stage} {input.staged} > {log} 2>&1"
