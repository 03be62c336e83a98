"""Stage 1, curated facts: read the hand-edited YAML under data/raw/ and validate it.

``yamlio`` reads a file strictly; ``schemas`` loads the JSON Schemas; ``schema_check`` and
``checks`` are the two passes of validation (shape, then consistency), run in order by
``validate``, which returns a ``FactBase``. ``problems`` is how a problem is reported,
``cache`` keeps a validated fact base keyed by content, ``scaffold`` starts a new country
(the official stage runs both, because curated records may cite official facts).
"""
