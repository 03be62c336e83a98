# Stage 3: comparative figures, drawn from the tidy tables.


rule draw_figure:
    """Draw one comparative figure as SVG."""
    input:
        tables=rules.tidy_tables.output.tables,
        code=code(
            *CORE_CODE,
            "tables.py",
            "comparison.py",
            "figures.py",
            "figspecs.py",
            "plotting.py",
        ),
    output:
        svg=report(
            "data/interim/figures/{figure}.svg",
            caption="../report/figure.rst",
            category="Comparative figures",
            labels={"figure": "{figure}"},
        ),
    log:
        "logs/draw_figure/{figure}.log",
    conda:
        "../../environment.yml"
    params:
        top_n=config["report"]["top_n"],
        caption=lambda wildcards: figure_caption(wildcards.figure),
    shell:
        "python -m digidip figure --name {wildcards.figure} --tables {input.tables} --top-n {params.top_n}"
        " --out {output.svg} > {log} 2>&1"
