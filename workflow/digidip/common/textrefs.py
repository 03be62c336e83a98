"""Cross-references written into prose: a note may point at a data-quality item by its id
("see Q-KAZ-e-government-launch-year"). Validation checks that each names a real item; the
renderer turns each into a link that reads as the item's title, so no id prints."""

from __future__ import annotations

import re

# An id as quality.schema.yaml allows it, ended before trailing punctuation.
QUALITY_REF = re.compile(r"\bQ-[A-Za-z0-9_]+(?:[.-][A-Za-z0-9_]+)*")


def quality_refs(text: object) -> list[str]:
    """The quality-item ids a text mentions, in order."""
    return QUALITY_REF.findall(text) if isinstance(text, str) else []
