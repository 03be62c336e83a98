"""Escaping and links: text from data stays text; only http(s) URLs become links."""

from __future__ import annotations

import pytest

from digidip.render.html import anchor, env, link_or_text, safe_url


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://example.org/a?b=1", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//evil.example/x", False),
        ('https://example.org/"onmouseover=alert(1)', False),
        ("ftp://example.org/file", False),
        (None, False),
    ],
)
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) is ok


def test_link_or_text_escapes_non_links():
    assert str(link_or_text("javascript:alert(1)")) == "javascript:alert(1)"
    assert str(link_or_text("<img src=x onerror=alert(1)>")) == "&lt;img src=x onerror=alert(1)&gt;"
    assert str(link_or_text("https://example.org/")) == '<a href="https://example.org/">https://example.org/</a>'


def test_autoescape_is_on_for_every_template():
    tpl = env().from_string("{{ x }}")
    assert tpl.render(x="<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_anchor_is_valid_and_distinct():
    assert anchor("fact", "KAZ-egdi_rank-2020") == "fact-KAZ-egdi_rank-2020"
    assert anchor("fact", "a.b") != anchor("fact", "a_b")
    assert " " not in anchor("src", 'a b"c')


def test_scope_fragment_prefixes_ids_and_what_refers_to_them():
    from digidip.render.notebooks import scope_fragment

    body = (
        '<h2 id="Timeline">Timeline</h2><div class="table-wrap" role="region" aria-labelledby="caption-timeline" '
        'tabindex="0"><table><caption id="caption-timeline">Dated facts</caption></table></div><a href="#Timeline">up</a>'
    )
    out = scope_fragment(body, "KAZ", shift=2)
    assert '<h4 id="KAZ-Timeline">' in out and 'href="#KAZ-Timeline"' in out
    assert 'aria-labelledby="KAZ-caption-timeline"' in out and '<caption id="KAZ-caption-timeline">' in out
