"""Stage 2, tidy tables: the validated fact base as long CSV tables, and per-country slices.

``tables`` defines every published table (columns, row builders) and writes it as
deterministic CSV; ``datapackage`` describes the tables as a Frictionless Data Package;
``slices`` cuts one country's facts for its notebook; ``read`` loads the tables back with
their types (the CSVs are the interface the later stages read).
"""
