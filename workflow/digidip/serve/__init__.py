"""Stage 7, the live preview (make serve): serve the preview's HTML, rebuild on an edit, reload the page.

Nothing here is part of a build: it reads what the preview build stages, writes its pages
under ``data/interim/serve/`` and nothing of the edition (``data/tidy/``, ``reports/``).
"""
