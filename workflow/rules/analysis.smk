# Stage 3 (digidip/analysis): comparative figures, drawn from the tidy tables.

from digidip.analysis import figspecs

FIGURES = sorted(figspecs.SPECS)


wildcard_constraints:
    figure="|".join(FIGURES),


rule draw_figure:
    """Draw one comparative figure as SVG."""
    input:
        tables=rules.tidy_tables.output.tables,
        code=step_code("figure"),
    output:
        svg=report(
            f"{WORK}/figures/{{figure}}.svg",
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
        caption=lambda wildcards: figspecs.SPECS[wildcards.figure].caption,
    shell:
        "python -m digidip figure --name {wildcards.figure} --tables {input.tables} --top-n {params.top_n}"
        " --out {output.svg} > {log} 2>&1"
