"""Benchmark the workflow on this machine and write the results (``make bench``).

Measures, each in a fresh temporary copy of the project (as tests/conftest.copy_project
makes them) with ``snakemake --profile workflow/profiles/local --cores 2``:

* the six-country report: clean build, no-op rebuild, rebuild after touching every input
  without changing it, after editing one country's facts, after editing only the report
  template, after editing the country notebook; wall time, CPU time and peak memory of
  the whole process tree, and per-rule job times from Snakemake's metadata records;
* a plain baseline, the way a researcher would work without the workflow: the same
  country notebooks executed one after another with the papermill CLI (default settings,
  kernel python3) and each rendered with ``jupyter nbconvert --to html``;
* where the time goes: Python import time of every step (``python -X importtime``),
  Jupyter kernel start-up, Snakemake's own start-up;
* scale: synthetic fact bases (bench/synthetic.py) of several sizes up to 193 countries (every UN member),
  with a straight-line fit of build time against the number of countries.

Results: a table on stdout, ``bench/out/bench.json``, and ``docs/benchmarks.md`` (written
here, never by hand). ``--help`` lists options to run a subset or another checkout.

What lives where (``bench/run.py`` only calls ``cli.main``; the package is importable because
the entry point's folder, bench/, is on sys.path, and that is also how ``scale`` finds
bench/synthetic.py):

* ``cli``: the options, the order of the parts, writing bench.json and the markdown;
* ``paths``: this checkout, the interpreter, and the project paths the bench edits or imports;
* ``machine``: CPU, memory, OS and package versions;
* ``measure``: one measured command (``Run``, ``measure``, ``stop_tree``), a Snakemake run, and
  job times from Snakemake's metadata (``job_records``, ``per_rule``, ``phases``);
* ``copies``: temporary copies of the project and the edits made to them;
* ``six_country``: the real fact base, clean, no-op and incremental builds, and the baseline;
* ``startup``: import time of every step and Jupyter kernel start-up;
* ``scale``: the synthetic fact bases and the straight-line fit of time against size;
* ``legibility``: figure and table facts of a large report, for a human to judge;
* ``targets``: the issue's targets and whether each was met;
* ``report``: docs/benchmarks.md, one function per section, and the summary on stdout.
"""
