"""The report's print copy as Typst markup: the PDF's writer.

The HTML report is the one place where the report's content is worded and arranged (the
templates, from the analysis stage's tables and findings); this module decides nothing about
content. It walks the print copy's elements, a small vocabulary of our own templates and of
nbconvert's wrappers around the country profiles, and writes each as the Typst construct of
the same meaning (heading, paragraph, list, table with its header row, figure with its alt
text, link). Every look — fonts, sizes, colours, spacing, page furniture — is in
``templates/report.typ``, the document's template, where a typographer can change it.

Text from the data stays text: every ASCII punctuation character is escaped, so a title
holding ``#``, ``[`` or ``//`` prints as written and never runs as Typst code or markup.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field

from lxml import html as lxml_html

#: Elements whose class says they are not printed (the print style sheet's display: none).
HIDDEN_CLASSES = {"web-only", "page-only"}
#: Inline elements by class -> the template function that styles them.
INLINE_STYLES = {"muted": "muted", "unit": "muted", "gap": "gap", "cited": "cited", "amount": "amount", "id": "muted"}
BLOCK_TAGS = {"p", "ul", "ol", "dl", "table", "figure", "h1", "h2", "h3", "h4", "div", "section", "article", "header"}
_PUNCT = re.compile(r"([\\#$*_`<>@\[\]~=\-+/'\":.,;!?%&(){}|^])")
_SPACE = re.compile(r"[ \t\r\n\f]+")


#: A drawing written into the page (render/html.py, inline_svg), by its id: one svg element, none inside it.
INLINE_SVG = re.compile(r'<svg id="([^"]+)".*?</svg>', re.S)

#: A run this long with no space (a commit hash, an address) may break every 8 characters.
_LONG = re.compile(r"[^\s]{30,}")


def _escape(text: str) -> str:
    return _PUNCT.sub(r"\\\1", text)


def _breakable(word: str) -> str:
    """A long word as adjacent boxes of 8 characters: a line may break between two boxes, and
    the text reads (and copies) as one word where it does not."""
    return "".join(f"#box[{_escape(word[i : i + 8])}]" for i in range(0, len(word), 8))


def code_markup(text: str) -> str:
    """A path or identifier: a long one (repository@commit:path) may break after its
    separators and inside a commit's hash, as adjacent boxes that copy as one word."""
    if len(text) < 20:
        return _escape(text)
    pieces = [p for p in re.findall(r"[^/@:_.-]*[/@:_.-]?", text) if p]
    chunks = [p[i : i + 8] for p in pieces for i in range(0, len(p), 8)]
    return "".join(f"#box[{_escape(c)}]" for c in chunks)


def escape(text: str) -> str:
    """Text as Typst markup that prints exactly ``text`` (whitespace collapsed as HTML does; a
    very long word may break inside, so it never runs past its column)."""
    text, out, pos = _SPACE.sub(" ", text), [], 0
    for m in _LONG.finditer(text):
        out += [_escape(text[pos : m.start()]), _breakable(m.group())]
        pos = m.end()
    return "".join([*out, _escape(text[pos:])])


def string(text: str) -> str:
    """A Typst string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@dataclass
class Document:
    """What the writer produced: the body markup and the figures it refers to by file name."""

    title: str
    lang: str
    body: str
    figures: dict[str, bytes] = field(default_factory=dict)


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def _hidden(el) -> bool:
    return bool(_classes(el) & HIDDEN_CLASSES) or el.tag in {"nav", "script", "style", "head"}


class Writer:
    """One pass over the HTML tree; ``labels`` maps every linked-to id to a Typst label."""

    def __init__(self, root, html: str = "") -> None:
        self.root = root
        self.figures: dict[str, bytes] = {}
        # A drawing placed in the page (a map) as written: the HTML parser would lower the case
        # of its SVG names (viewBox, clipPath), which an SVG reader does not accept.
        self.drawings = {m.group(1): m.group(0).encode("utf-8") for m in INLINE_SVG.finditer(html)}
        targets = {href.split("#", 1)[1] for href in root.xpath("//a/@href") if "#" in href}
        present = set(root.xpath("//@id"))
        self.labels = {ident: f"l{n}" for n, ident in enumerate(sorted(targets & present))}

    # -- labels and links -------------------------------------------------------------
    def label(self, el) -> str:
        """``<lN>`` for an element that a link points to, else nothing."""
        ident = el.get("id")
        return f" <{self.labels[ident]}>" if ident in self.labels else ""

    def anchor(self, el) -> str:
        """A label where no element of its own can carry one (a table row or cell, a list item)."""
        ident = el.get("id")
        return f"#metadata(none){self.label(el)}" if ident in self.labels else ""

    def target(self, href: str) -> str | None:
        """A link's target as a Typst value: a label inside this document, or a URL string.
        None for a link to a part this print leaves out (its text stays, unlinked)."""
        page, _, fragment = href.partition("#")
        if page in ("", "report.html", "../report.html"):
            return f"<{self.labels[fragment]}>" if fragment in self.labels else None
        if href.startswith("../"):
            return None
        return string(href)

    def link(self, el) -> str:
        cls, body = _classes(el), self.inline_children(el)
        target = self.target(el.get("href") or "")
        if target is None:
            return body
        kind = "cite-link" if "cite" in cls else "qflag-link" if "qflag" in cls else "link"
        return f"#{kind}({target})[{body}]"

    # -- inline content ---------------------------------------------------------------
    def inline_children(self, el) -> str:
        parts = [escape(el.text or "")]
        for child in el:
            if not _hidden(child):
                parts.append(self.inline(child))
            parts.append(escape(child.tail or ""))
        return "".join(parts)

    def inline(self, el) -> str:
        tag, cls = el.tag, _classes(el)
        inner = self.inline_children(el) if tag != "a" else ""
        if tag == "a":
            return self.link(el)
        if tag == "br":
            return "#linebreak()"
        if tag == "strong" or tag == "b":
            return f"#strong[{inner}]"
        if tag in ("em", "i"):
            return f"#emph[{inner}]"
        if tag == "code":
            return f"#code[{code_markup(el.text_content())}]"
        if tag == "sup":
            return f"#super[{inner}]"
        style = next((INLINE_STYLES[c] for c in sorted(cls) if c in INLINE_STYLES), None)
        if style:
            return f"#{style}[{inner}]"
        if tag in BLOCK_TAGS:  # a block inside an inline context (a list in a cell): as text
            return f" {self.block(el)} "
        return inner

    # -- blocks -----------------------------------------------------------------------
    def blocks(self, el) -> str:
        out = []
        if el.text and el.text.strip():
            out.append(escape(el.text))
        for child in el:
            if not _hidden(child):
                out.append(self.block(child))
            if child.tail and child.tail.strip():
                out.append(escape(child.tail))
        return "\n\n".join(x for x in out if x.strip())

    def block(self, el) -> str:
        tag, cls = el.tag, _classes(el)
        if tag in ("h2", "h3", "h4", "h5"):
            level = int(tag[1]) - 1
            return f"#heading(level: {level})[{self.inline_children(el)}]{self.label(el)}"
        if tag == "h1":
            return f"#doc-title[{self.inline_children(el)}]"
        if tag == "p":
            style = next((s for s in ("lede", "meta", "synthetic", "qmeta", "muted") if s in cls), None)
            text = self.anchor(el) + self.inline_children(el)
            return f"#{style}-par[{text}]" if style else f"#par[{text}]"
        if tag in ("ul", "ol"):
            items = [f"[{self.anchor(li)}{self.inline_or_blocks(li)}]" for li in el if li.tag == "li"]
            kind = "enum" if tag == "ol" else "list"
            return f"#{kind}({', '.join(items)})" if items else ""
        if tag == "dl":
            pairs, term = [], None
            for child in el:
                if child.tag == "dt":
                    term = self.inline_children(child)
                elif child.tag == "dd":
                    pairs.append(f"terms.item[{term or ''}][{self.inline_or_blocks(child)}]")
            return f"#terms({', '.join(pairs)})" if pairs else ""
        if tag == "table":
            return self.table(el)
        if tag == "figure":
            return self.figure(el)
        if tag == "header" and "title-page" in cls:
            return f"#title-page[{self.blocks(el)}]"
        if tag == "section" and "country" in cls:
            return f"#country-section[{self.blocks(el)}]{self.label(el)}"
        body = self.blocks(el)
        return f"{self.anchor(el)}{body}" if body else self.anchor(el)

    def inline_or_blocks(self, el) -> str:
        if any(child.tag in BLOCK_TAGS for child in el):
            return self.blocks(el)
        return self.inline_children(el)

    def table(self, el) -> str:
        caption = el.find("caption")
        head = [tr for tr in el.iterfind("thead/tr")]
        body = [tr for tr in el.iterfind("tbody/tr")] or [tr for tr in el.iterfind("tr")]
        ncols = max((len(tr) for tr in head + body), default=1)
        header = ", ".join(f"[{self.inline_children(c)}]" for tr in head for c in tr)
        cells = []
        for tr in body:
            for i, cell in enumerate(tr):
                content = (self.anchor(tr) if i == 0 else "") + self.anchor(cell)
                content += self.inline_or_blocks(cell) if cell.tag == "td" else self.inline_children(cell)
                wrap = "row-head" if cell.tag == "th" else "num" if "num" in _classes(cell) else ""
                cells.append(f"{wrap}[{content}]" if wrap else f"[{content}]")
        kinds = sorted(_classes(el) - {"data"}) or ["plain"]
        cap = f"[{self.inline_children(caption)}]" if caption is not None else "none"
        return (
            f"#data-table({string(kinds[0])}, {ncols}, caption: {cap}, header: ({header},), "
            f"cells: ({', '.join(cells)},)){self.label(el)}"
        )

    def figure(self, el) -> str:
        name = f"{el.get('id') or 'figure-' + str(len(self.figures) + 1)}.svg"
        img, svg = el.find(".//img"), el.find(".//svg")
        if img is None and svg is not None and svg.get("id") in self.drawings:
            # A map drawn in the page (the print copy has its print form as an image instead).
            self.figures[name], alt = self.drawings[svg.get("id")], svg.findtext("title") or ""
        else:
            src = "" if img is None else img.get("src", "")
            if not src.startswith("data:image/svg+xml;base64,"):
                raise ValueError(f"figure {el.get('id')}: only embedded SVG figures can be printed")
            self.figures[name], alt = base64.b64decode(src.split(",", 1)[1]), img.get("alt") or ""
        caption = el.find("figcaption")
        cap = f"[{self.inline_children(caption)}]" if caption is not None else "none"
        return f"#report-figure({string('figures/' + name)}, alt: {string(alt)}, caption: {cap}){self.label(el)}"


def convert(html: str) -> Document:
    """The print copy of the report as a Typst document body and its figure files."""
    root = lxml_html.document_fromstring(html)
    writer = Writer(root, html)
    body = root.find("body")
    title = root.findtext(".//title") or ""
    return Document(title=title, lang=root.get("lang") or "en", body=writer.blocks(body), figures=writer.figures)
