# Stage 4 (digidip/analysis): comparative figures, drawn from the tidy tables.

from digidip.analysis import figspecs

FIGURES = sorted(figspecs.SPECS)
OUTLINES = figspecs.OUTLINES


rule draw_figures:
    """Draw every comparative figure in one job: for the screen and for print (the PDF)."""
    input:
        tables=rules.tidy_tables.output.tables,
        # The country outlines the maps draw (official/geometry.py reads and checks them).
        outlines=source_files(DATASETS[OUTLINES]),
        code=step_code("figures"),
    output:
        # Each figure registered for `snakemake --report` with its own caption as a label
        # (a caption file cannot tell which of one job's outputs it describes).
        svg=[
            report(
                f"{WORK}/figures/{name}.svg",
                caption="../report/figure.rst",
                category="Comparative figures",
                labels={"figure": name, "caption": figspecs.SPECS[name].caption},
            )
            for name in FIGURES
        ],
        printed=expand(f"{WORK}/figures/{{figure}}.print.svg", figure=FIGURES),
        # The data each figure draws, staged to be published beside the report (its Data links).
        data=expand(f"{STAGE}/reports/figures/{{figure}}.csv", figure=FIGURES),
        package=f"{STAGE}/reports/figures/datapackage.json",
    log:
        f"{LOGS}/draw_figures.log",
    conda:
        "../../environment.yml"
    params:
        top_n=config["report"]["top_n"],
        folder=lambda wildcards, output: Path(output.svg[0]).parent,
        data=lambda wildcards, output: Path(output.package).parent,
        names=" ".join(FIGURES),
        focus=" ".join(FOCUS),
        # The dataset's folder, from its files (read_dataset reads its versions below it).
        outlines=lambda wildcards, input: Path(input.outlines[0]).parent.parent,
        map_edition=lambda wildcards: (
            f"--map-edition {int(config['report']['map_edition'])}"
            if config["report"].get("map_edition")
            else ""
        ),
        # The data package lists each country page's timeline data too (written by its profile job).
        countries=" ".join(COUNTRIES),
        content=content_hash("draw_figures"),
    shell:
        "python -m digidip figures --names {params.names} --tables {input.tables} --top-n {params.top_n}"
        " --focus {params.focus} --outlines {params.outlines:q} {params.map_edition} --countries {params.countries}"
        " --out {params.folder} --data-out {params.data} > {log} 2>&1"
