# Stage 2 (digidip/official): the publishers' files (data/snapshots/) -> one long table per
# dataset of every value for every country and aggregate in the files, and the benchmarks
# (medians, quartiles, percentiles among UN members) computed from them.

from digidip.official.snapshots import dataset_dirs

OFFICIAL = "data/interim/official"
DATASETS = dataset_dirs(Path("data/snapshots"))


wildcard_constraints:
    dataset="|".join(DATASETS),


rule extract_official:
    """Extract one dataset's snapshots: every value, with its entity, fact id and locator."""
    input:
        files=lambda wildcards: source_files(DATASETS[wildcards.dataset]),
        names="data/raw/country-names.yaml",
        # The scale of every value the files hold (checked as they are read).
        indicators="data/raw/indicators.yaml",
        code=step_code("extract"),
    output:
        observations=f"{OFFICIAL}/{{dataset}}/observations.csv",
        groups=f"{OFFICIAL}/{{dataset}}/groups.csv",
    log:
        "logs/extract_official/{dataset}.log",
    conda:
        "../../environment.yml"
    params:
        folder=lambda wildcards: str(DATASETS[wildcards.dataset]),
        content=content_hash("extract_official"),
    shell:
        "python -m digidip extract --raw data/raw --folder {params.folder:q} --out {output.observations} > {log} 2>&1"


rule official_benchmarks:
    """World, region and income-group statistics and percentiles of every official series."""
    input:
        observations=expand(
            rules.extract_official.output.observations, dataset=sorted(DATASETS)
        ),
        indicators="data/raw/indicators.yaml",
        membership="data/raw/un-membership.yaml",
        code=step_code("benchmarks"),
    output:
        f"{OFFICIAL}/benchmarks.csv",
    log:
        "logs/official_benchmarks.log",
    conda:
        "../../environment.yml"
    params:
        content=content_hash("official_benchmarks"),
    shell:
        "python -m digidip benchmarks --raw data/raw --observations {input.observations} --out {output} > {log} 2>&1"


rule cross_check:
    """Independent copies (data/crosscheck/) and the values pages state (data/raw/stated-values.yaml) against the snapshots."""
    input:
        copies=source_files("data/crosscheck"),
        # Optional: without the file, no stated values are compared.
        stated=[p for p in ["data/raw/stated-values.yaml"] if Path(p).exists()],
        observations=f"{OFFICIAL}/undesa-egdi/observations.csv",
        quality="data/raw/quality.yaml",
        names="data/raw/country-names.yaml",
        indicators="data/raw/indicators.yaml",
        code=step_code("crosscheck"),
    output:
        agreement=f"{OFFICIAL}/crosscheck/agreement.csv",
        differences=f"{OFFICIAL}/crosscheck/differences.csv",
        stated=f"{OFFICIAL}/crosscheck/stated.csv",
    log:
        "logs/cross_check.log",
    conda:
        "../../environment.yml"
    params:
        content=content_hash("cross_check"),
    shell:
        "python -m digidip crosscheck --raw data/raw --folder data/crosscheck --observations {input.observations}"
        " --agreement {output.agreement} --differences {output.differences} --stated {output.stated}"
        " > {log} 2>&1"
