# Stage 4: the comparative report, as one self-contained HTML file and as PDF (staged).


rule assemble_report:
    """Assemble the self-contained HTML report from tables, figures and country profiles."""
    input:
        tables=rules.tidy_tables.output.tables,
        figures=expand(rules.draw_figure.output.svg, figure=FIGURES),
        profiles=expand(rules.render_country_page.output.fragment, iso3=COUNTRIES),
        hashed=input_files(),
    output:
        html=f"{STAGE}/reports/report.html",
    log:
        "logs/assemble_report.log",
    conda:
        "../../environment.yml"
    params:
        title=config["report"]["title"],
    shell:
        "python -m digidip report --tables {input.tables} --figures {input.figures} --profiles {input.profiles}"
        " --title {params.title:q} --root . --out {output.html} > {log} 2>&1"


rule render_pdf:
    """Render the HTML report to PDF with print CSS and bundled fonts."""
    input:
        html=rules.assemble_report.output.html,
        tables=rules.tidy_tables.output.tables,
        code=code(*CORE_CODE, "pdf.py", "provenance.py", "tables.py"),
    output:
        pdf=f"{STAGE}/reports/report.pdf",
    log:
        "logs/render_pdf.log",
    conda:
        "../../environment.yml"
    shell:
        "python -m digidip pdf --html {input.html} --tables {input.tables} --out {output.pdf} > {log} 2>&1"
