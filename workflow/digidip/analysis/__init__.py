"""Stage 3, analysis: what the report states and draws, computed from the tidy tables.

``comparison`` computes the key-indicator table, series and findings; ``numbers`` rounds
a value as the report prints it; ``profile`` computes one country's profile from its
slice; ``figures`` draws the comparative figures (``figspecs`` holds their captions,
``plotting`` the deterministic matplotlib set-up). Nothing here writes HTML.
"""
