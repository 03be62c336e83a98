"""What every stage shares: atomic file writes, the jobs' environment, build provenance.

Nothing here imports a stage, so every stage may import from here.
"""
