"""Stage 4, rendering: HTML pages, the executed notebooks, the comparative report and its PDF.

``html`` is the one Jinja2 environment (autoescaping always on) over ``templates/``;
``notebooks`` executes the country notebook with papermill and renders it with nbconvert;
``profile_html`` gives the notebook its HTML sections; ``pages`` wraps a rendered notebook
in the site's page shell; ``report`` assembles the comparative report; ``pdf`` prints it.
"""
