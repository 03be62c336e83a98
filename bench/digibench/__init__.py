"""Benchmark the workflow on this machine against the goals of issue 16 (``make bench``).

Every measurement runs in a scratch copy of the project (code and data/raw, as
tests/conftest.copy_project makes them; never the working tree), with ``make`` as a
researcher types it and the checkout's .venv:

* rounds (4 by default): in each, back to back, the naive anchor (six minimal pandas +
  matplotlib notebooks, each run with papermill and rendered with ``jupyter nbconvert --to
  html``, one after another), a clean ``make report``, a no-op ``make report``, one
  country's YAML edited then ``make report`` (the full edition), the same country edited
  again then ``make preview`` (HTML only, outside the edition, checked by sha256 never to
  touch it); every wall time divided by the anchor's of the same round;
* ``make serve`` (issue 27) in the last round's copy: edit-to-reload of ten one-fact edits of
  one country file (p50, p95), then stopped with SIGINT (no lock left, the edition untouched);
* per-rule job time of those builds from Snakemake's metadata records; a profile of the
  no-op; import time of every step and a kernel's start-up;
* ``make world`` (every UN member into builds/world/) and smaller world-like builds of real
  UN members, each once in a fresh copy, with wall time, peak memory of the process tree and
  a straight-line fit of time against the number of countries (cost per added country);
* optionally (``--synthetic``), synthetic fact bases (bench/synthetic.py) of several sizes.

Results: a summary on stdout, ``bench/out/bench.json``, and ``docs/benchmarks.md`` (written
here, never by hand). ``--quick`` (``make bench QUICK=1``) is one round and two small
world-like builds, for development; ``--help`` lists the options.

What lives where (``bench/run.py`` only calls ``cli.main``; the package is importable because
the entry point's folder, bench/, is on sys.path, and that is also how ``scale`` finds
bench/synthetic.py):

* ``cli``: the options, the order of the parts, writing bench.json and the markdown;
* ``paths``: this checkout, the interpreter and its venv;
* ``machine``: CPU, memory, OS and package versions;
* ``measure``: one measured command (``Run``, ``measure``, ``stop_tree``), ``make`` and Snakemake
  runs in a copy, the edition's hashes, and job times from Snakemake's metadata;
* ``copies``: scratch copies of the project and the edit of one country's facts;
* ``anchor``: the naive anchor;
* ``six_country``: the rounds, and per scenario and per rule their medians;
* ``startup``: the no-op profiled, import time of every step, Jupyter kernel start-up;
* ``serve_edits``: ``make serve``'s edit-to-reload;
* ``world``: ``make world``, the smaller world-like builds and the cost per country;
* ``scale``: the optional synthetic fact bases;
* ``legibility``: figure and table facts of a large report, for a human to judge;
* ``targets``: the issue's goals and whether each was met;
* ``report``, ``report_world``: docs/benchmarks.md, one function per section, and the summary on stdout.
"""
