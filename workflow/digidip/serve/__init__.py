"""Stage 7, the live preview (make serve): serve the staged HTML, rebuild on an edit, reload the page.

Nothing here is part of a build: it reads what the preview build stages and writes nothing
of the edition (``data/tidy/``, ``reports/``).
"""
