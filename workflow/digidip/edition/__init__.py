"""Stage 5, the edition: publish a finished build and prove it reproducible.

``publish`` copies the staged outputs into ``data/tidy/`` and ``reports/`` and writes the
``manifest``; ``verify`` rebuilds from scratch and compares bytes. ``locks`` clears a lock
a killed run left behind; ``lockfile`` keeps ``environment.yml`` in step with the pins.
"""
