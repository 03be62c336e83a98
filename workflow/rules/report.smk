# Stage 4: the comparative report, as one self-contained HTML file and as PDF.


rule assemble_report:
    """Assemble the self-contained HTML report from tables, figures and country profiles."""
    input:
        tables=rules.tidy_tables.output.tables,
        figures=expand(rules.draw_figure.output.svg, figure=FIGURES),
        profiles=expand(rules.render_country_page.output.fragment, iso3=COUNTRIES),
        hashed=input_files(),
    output:
        html="reports/report.html",
    log:
        "logs/assemble_report.log",
    conda:
        "../../environment.yml"
    params:
        title=config["report"]["title"],
    shell:
        "python -m digidip report --tidy data/tidy --figures {input.figures} --profiles {input.profiles}"
        " --title {params.title:q} --root . --out {output.html} > {log} 2>&1"


rule render_pdf:
    """Render the HTML report to PDF with print CSS and bundled fonts."""
    input:
        html=rules.assemble_report.output.html,
        tables=rules.tidy_tables.output.tables,
    output:
        pdf="reports/report.pdf",
    log:
        "logs/render_pdf.log",
    conda:
        "../../environment.yml"
    shell:
        "python -m digidip pdf --html {input.html} --tidy data/tidy --out {output.pdf} > {log} 2>&1"


rule write_manifest:
    """List every published file's sha256 and the inputs' content hash (reports/manifest.json)."""
    input:
        published=[
            *rules.tidy_tables.output,
            *expand(rules.render_country_page.output.page, iso3=COUNTRIES),
            rules.assemble_report.output.html,
            rules.render_pdf.output.pdf,
        ],
        hashed=input_files(),
        code=code("edition.py", "provenance.py"),
    output:
        manifest="reports/manifest.json",
    conda:
        "../../environment.yml"
    log:
        "logs/write_manifest.log",
    shell:
        "python -m digidip.edition manifest --out {output.manifest} {input.published} > {log} 2>&1"
