# Stage 6 (digidip/edition): publish. Every earlier stage writes under the stage folder;
# only when all of them succeeded does this job copy the outputs to data/tidy/ and reports/
# (or, for a configuration other than the committed one, to builds/<name>/), through a
# journal that the next run resolves if this one is interrupted (completes it, or replaces
# it when its staged files were rebuilt since: edition/recover.py).

#: Where this build publishes ("" for the edition, "builds/<name>/" otherwise).
PUBLISH_PREFIX = "" if PLACE.is_edition else f"{PLACE.root}/"
#: The files the publish step writes (manifest excluded).
PUBLISHED = [
    PUBLISH_PREFIX + p
    for p in (
        [f"data/tidy/{name}" for name in TABLES]
        + ["data/tidy/datapackage.json", f"data/tidy/{BIBTEX}", f"data/tidy/{CSL_JSON}"]
        + [f"reports/countries/{c}.html" for c in COUNTRIES]
        + ["reports/report.html", "reports/report.pdf"]
        + [f"reports/figures/{name}.csv" for name in FIGURES]
        + [f"reports/figures/countries/{c}-timeline.csv" for c in COUNTRIES]
        + ["reports/figures/datapackage.json"]
    )
]


rule publish_edition:
    """Publish the staged outputs (data/tidy/, reports/ and reports/manifest.json)."""
    input:
        staged=[
            *rules.tidy_tables.output,
            *rules.draw_figures.output.data,
            rules.draw_figures.output.package,
            *profile_paths("page", COUNTRIES),
            *profile_paths("data", COUNTRIES),
            rules.assemble_report.output.html,
            rules.render_pdf.output.pdf,
        ],
        environment=rules.render_pdf.output.environment,
        code=step_code("publish"),
    output:
        # update(): Snakemake must not delete the published files before this job runs
        # (it would, by default), so an interrupted publish never loses the old edition.
        published=[update(p) for p in PUBLISHED],
        manifest=update(f"{PUBLISH_PREFIX}reports/manifest.json"),
    log:
        f"{LOGS}/publish_edition.log",
    conda:
        "../../environment.yml"
    params:
        stage=lambda wildcards: STAGE,
        edition=PLACE.root,
        build=PLACE.name,
        config=json.dumps(config, sort_keys=True),
        content=content_hash("publish_edition"),
        # The manifest records the hash of every input of the edition, so a change to any of
        # them reruns this job: through that hash, a parameter. Listed as input files (some
        # 250), they cost Snakemake a checksum of each per published file after every publish.
        inputs=lambda wildcards: provenance.input_hash(
            Path("."), input_files(), _DIGESTS
        ),
    shell:
        "python -m digidip publish --stage {params.stage} --edition {params.edition} --build={params.build:q}"
        " --config-json {params.config:q} --environment {input.environment} {input.staged} > {log} 2>&1"
