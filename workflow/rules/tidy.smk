# Stage 3 (digidip/tidy): validated facts and extracted official tables -> tidy tables
# (staged; see edition.smk). Each country's fact slice is written by its profile job
# (render.smk), which reads it next.

from digidip.tidy.bibliography import BIBTEX, CSL_JSON


rule tidy_tables:
    """Write the long tidy tables, their Frictionless data package and the bibliography (BibTeX, CSL-JSON)."""
    input:
        raw=all_raw_files(),
        snapshots=snapshot_files(),
        official=rules.official_benchmarks.input.observations,
        benchmarks=rules.official_benchmarks.output,
        crosscheck=rules.cross_check.output,
        schemas=schema_files(),
        code=step_code("tidy"),
    output:
        tables=[f"{STAGE}/data/tidy/{name}" for name in TABLES],
        package=f"{STAGE}/data/tidy/datapackage.json",
        bibtex=f"{STAGE}/data/tidy/{BIBTEX}",
        csl=f"{STAGE}/data/tidy/{CSL_JSON}",
    log:
        f"{LOGS}/tidy_tables.log",
    conda:
        "../../environment.yml"
    params:
        countries=" ".join(COUNTRIES),
        content=content_hash("tidy_tables"),
    shell:
        "python -m digidip tidy --raw data/raw --official {input.official} --benchmarks {input.benchmarks}"
        " --package {output.package} --countries '{params.countries}' --crosscheck {input.crosscheck}"
        " > {log} 2>&1"
