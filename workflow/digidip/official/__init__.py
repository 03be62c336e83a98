"""Stage 2, official statistics: copies of the publishers' files, held byte for byte as checksummed snapshots.

``snapshots`` finds and verifies the files and their provenance sidecars; ``names``
resolves country names to ISO3 codes (pycountry, plus data/raw/country-names.yaml);
``layouts`` reads each publisher's file layout; ``egdi`` applies the UN survey's rules
(ranked states, not-assessed placeholders); ``extract`` writes one dataset as long tables;
``benchmarks`` computes where each country stands among UN members; ``crosscheck`` compares
independent copies (data/crosscheck/) with the snapshots value for value; ``data`` loads the
extracted tables for the later stages; ``factbase`` checks the whole input at once
(snapshots, curated facts, and the curated records that cite official facts).
"""
