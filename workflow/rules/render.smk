# Stage 4 (digidip/render): one parameterised notebook per country, executed and rendered
# to its country page; the comparative report as one self-contained HTML file and as PDF.
# Everything is staged; see edition.smk.


rule execute_notebook:
    """Execute the country-profile notebook for one country with papermill."""
    input:
        notebook="notebooks/country_profile.py",
        facts=rules.slice_country.output.facts,
        code=step_code("notebook", notebook="notebooks/country_profile.py"),
    output:
        notebook="data/interim/notebooks/{iso3}.ipynb",
    log:
        "logs/execute_notebook/{iso3}.log",
    conda:
        "../../environment.yml"
    params:
        kernel=config["kernel_name"],
        timeout=config["notebook_timeout"],
    shell:
        "python -m digidip notebook --source {input.notebook} --iso3 {wildcards.iso3}"
        " --facts {input.facts} --kernel {params.kernel:q} --timeout {params.timeout} --out {output.notebook} > {log} 2>&1"


rule render_country_page:
    """Render an executed notebook to its country page and its report fragment (code hidden)."""
    input:
        notebook=rules.execute_notebook.output.notebook,
        facts=rules.slice_country.output.facts,
        code=step_code("page"),
    output:
        page=report(
            f"{STAGE}/reports/countries/{{iso3}}.html",
            caption="../report/country_page.rst",
            category="Country pages",
            labels={"country": "{iso3}"},
        ),
        fragment=f"{WORK}/profiles/{{iso3}}.html",
    log:
        "logs/render_country_page/{iso3}.log",
    conda:
        "../../environment.yml"
    params:
        title=config["report"]["title"],
    shell:
        "python -m digidip page --notebook {input.notebook} --iso3 {wildcards.iso3} --facts {input.facts}"
        " --title {params.title:q} --page {output.page} --fragment {output.fragment} > {log} 2>&1"


rule assemble_report:
    """Assemble the self-contained HTML report from tables, figures and country profiles."""
    input:
        tables=rules.tidy_tables.output.tables,
        bibliography=rules.tidy_tables.output.csl,
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
        "python -m digidip report --tables {input.tables} --csl {input.bibliography} --figures {input.figures} --profiles {input.profiles}"
        " --title {params.title:q} --root . --out {output.html} > {log} 2>&1"


rule render_pdf:
    """Render the HTML report to PDF with print CSS and bundled fonts."""
    input:
        html=rules.assemble_report.output.html,
        tables=rules.tidy_tables.output.tables,
        code=step_code("pdf"),
    output:
        pdf=f"{STAGE}/reports/report.pdf",
        environment=f"{WORK}/render-environment.json",
    log:
        "logs/render_pdf.log",
    conda:
        "../../environment.yml"
    shell:
        "python -m digidip pdf --html {input.html} --tables {input.tables} --out {output.pdf}"
        " --environment {output.environment} > {log} 2>&1"
