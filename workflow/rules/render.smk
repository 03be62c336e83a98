# Stage 5 (digidip/render): one parameterised notebook per country, executed and rendered
# to its country page in one job; the comparative report as one self-contained HTML file
# and as PDF (made from a copy whose figures are in their print form).
# Everything is staged; see edition.smk.


# One job profiles a batch of countries (profile_batch in the configuration): a job pays
# Python's start-up and the imports once (about 2 s), each country then about a quarter of
# a second. The batches are consecutive runs of the sorted codes, so an edit reruns only the
# batch of the country edited. Snakemake cannot vary a rule's outputs with a wildcard, so
# each batch is a rule of its own, named for its countries (profile_KAZ_to_TJK).
PROFILE_BATCHES = batches(COUNTRIES, config["profile_batch"])

for _name, _codes in PROFILE_BATCHES.items():

    rule:
        """Profile a batch of countries in one process: each one's fact slice, its notebook
        executed by papermill (in this process by default), its page and report fragment.
        """
        name:
            f"profile_{_name}"
        input:
            countries=[
                f"data/raw/countries/{c}.yaml"
                for c in _codes
                if c in INPUTS.fb.countries
            ],
            shared=shared_raw_files(),
            official=rules.official_benchmarks.input.observations,
            benchmarks=rules.official_benchmarks.output,
            notebook="notebooks/country_profile.py",
            # The snapshots' publication dates: the edition the timeline's data is dated by.
            sidecars=[p for p in snapshot_files() if p.endswith(".meta.yaml")],
            code=step_code("profile", notebook="notebooks/country_profile.py"),
        output:
            facts=profile_paths("facts", _codes),
            notebooks=profile_paths("notebook", _codes),
            pages=[
                report(
                    p,
                    caption="../report/country_page.rst",
                    category="Country pages",
                    labels={"country": c},
                )
                for p, c in zip(profile_paths("page", _codes), _codes)
            ],
            fragments=profile_paths("fragment", _codes),
            data=profile_paths("data", _codes),
        log:
            f"{LOGS}/profile/{_name}.log",
        conda:
            "../../environment.yml"
        params:
            iso3=" ".join(_codes),
            # A function: Snakemake would otherwise read {iso3} in the patterns as a wildcard.
            patterns=lambda wildcards: PATTERN_ARGS,
            engine=config["notebook_engine"],
            kernel=config["kernel_name"],
            timeout=config["notebook_timeout"],
            title=config["report"]["title"],
            content=content_hash(f"profile_{_name}"),
        shell:
            "python -m digidip profile --raw data/raw --official {input.official} --benchmarks {input.benchmarks}"
            " --iso3 {params.iso3} --source {input.notebook} {params.patterns} --title {params.title:q}"
            " --sidecars {input.sidecars}"
            " --engine {params.engine} --kernel {params.kernel:q} --timeout {params.timeout} > {log} 2>&1"


rule assemble_report:
    """Assemble the self-contained HTML report from tables, figures and country profiles."""
    input:
        tables=rules.tidy_tables.output.tables,
        bibliography=rules.tidy_tables.output.csl,
        figures=rules.draw_figures.output.svg,
        printed=rules.draw_figures.output.printed,
        # What the maps draw, as their CSVs: the report prints it as their tables of values.
        data=rules.draw_figures.output.data,
        # Full profiles only for FULL; the other countries' pages are linked, not read.
        profiles=profile_paths("fragment", FULL),
        hashed=input_files(),
    output:
        html=f"{STAGE}/reports/report.html",
        printed=f"{WORK}/report.print.html",
        # What the report says, as plain data (analysis/content.py): to read or diff.
        content=f"{WORK}/report-content.json",
    log:
        f"{LOGS}/assemble_report.log",
    conda:
        "../../environment.yml"
    params:
        title=config["report"]["title"],
        focus=" ".join(FOCUS),
        content=content_hash("assemble_report"),
    shell:
        "python -m digidip report --tables {input.tables} --csl {input.bibliography} --figures {input.figures}"
        " --figure-data {input.data} --profiles {input.profiles}"
        " --focus {params.focus} --title {params.title:q} --root . --out {output.html} --print-out {output.printed}"
        " --content-out {output.content}"
        " > {log} 2>&1"


rule render_pdf:
    """Print the report to a tagged PDF with Typst, its template and the fonts in the repository."""
    input:
        html=rules.assemble_report.output.printed,
        code=step_code("pdf"),
        fonts=font_files(),
    output:
        pdf=f"{STAGE}/reports/report.pdf",
        environment=f"{WORK}/render-environment.json",
    log:
        f"{LOGS}/render_pdf.log",
    conda:
        "../../environment.yml"
    params:
        content=content_hash("render_pdf"),
    shell:
        "python -m digidip pdf --html {input.html} --out {output.pdf}"
        " --environment {output.environment} > {log} 2>&1"
