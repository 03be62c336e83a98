# Stage 3 (digidip/tidy): validated facts and extracted official tables -> tidy tables and
# per-country fact slices (staged; see edition.smk).

from digidip.tidy.bibliography import BIBTEX, CSL_JSON


rule tidy_tables:
    """Write the long tidy tables, their Frictionless data package and the bibliography (BibTeX, CSL-JSON)."""
    input:
        raw=all_raw_files(),
        snapshots=snapshot_files(),
        official=rules.official_benchmarks.input.observations,
        benchmarks=rules.official_benchmarks.output,
        schemas=schema_files(),
        code=step_code("tidy"),
    output:
        tables=[f"{STAGE}/data/tidy/{name}" for name in TABLES],
        package=f"{STAGE}/data/tidy/datapackage.json",
        bibtex=f"{STAGE}/data/tidy/{BIBTEX}",
        csl=f"{STAGE}/data/tidy/{CSL_JSON}",
    log:
        "logs/tidy_tables.log",
    conda:
        "../../environment.yml"
    params:
        countries=" ".join(COUNTRIES),
    shell:
        "python -m digidip tidy --raw data/raw --official {input.official} --benchmarks {input.benchmarks}"
        " --package {output.package} --countries '{params.countries}' > {log} 2>&1"


rule slice_country:
    """Write one country's fact slice: all its notebook reads (it reads no other country's file)."""
    input:
        country=lambda wildcards: (
            [f"data/raw/countries/{wildcards.iso3}.yaml"]
            if wildcards.iso3 in INPUTS.fb.countries
            else []
        ),
        shared=shared_raw_files(),
        official=rules.official_benchmarks.input.observations,
        benchmarks=rules.official_benchmarks.output,
        code=step_code("slice"),
    output:
        facts="data/interim/countries/{iso3}.json",
    log:
        "logs/slice_country/{iso3}.log",
    conda:
        "../../environment.yml"
    shell:
        "python -m digidip slice --raw data/raw --official {input.official} --benchmarks {input.benchmarks}"
        " --iso3 {wildcards.iso3} --out {output.facts} > {log} 2>&1"
