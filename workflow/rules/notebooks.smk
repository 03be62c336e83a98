# Stage 2: one parameterised notebook per country, executed and rendered.


rule execute_notebook:
    """Execute the country-profile notebook for one country with papermill."""
    input:
        notebook="notebooks/country_profile.py",
        facts=rules.slice_country.output.facts,
        code=code(
            *CORE_CODE,
            "notebooks.py",
            "profile.py",
            "html.py",
            "plotting.py",
            "templates/profile/*.j2",
            "templates/macros.html.j2",
        ),
    output:
        notebook="data/interim/notebooks/{iso3}.ipynb",
    log:
        "logs/execute_notebook/{iso3}.log",
    conda:
        "../../environment.yml"
    params:
        kernel=config["kernel_name"],
    shell:
        "python -m digidip notebook --source {input.notebook} --iso3 {wildcards.iso3}"
        " --facts {input.facts} --kernel {params.kernel} --out {output.notebook} > {log} 2>&1"


rule render_country_page:
    """Render an executed notebook to its country page and its report fragment (code hidden)."""
    input:
        notebook=rules.execute_notebook.output.notebook,
        facts=rules.slice_country.output.facts,
        code=code(
            *CORE_CODE,
            "notebooks.py",
            "pages.py",
            "html.py",
            "templates/country_page.html.j2",
            "templates/style.css",
        ),
    output:
        page=report(
            f"{STAGE}/reports/countries/{{iso3}}.html",
            caption="../report/country_page.rst",
            category="Country pages",
            labels={"country": "{iso3}"},
        ),
        fragment="data/interim/profiles/{iso3}.html",
    log:
        "logs/render_country_page/{iso3}.log",
    conda:
        "../../environment.yml"
    params:
        title=config["report"]["title"],
    shell:
        "python -m digidip page --notebook {input.notebook} --iso3 {wildcards.iso3} --facts {input.facts}"
        " --title {params.title:q} --page {output.page} --fragment {output.fragment} > {log} 2>&1"
