"""Read hand-edited YAML strictly: refuse what would silently change meaning.

YAML's implicit typing turns ``2017-12-01`` into a date object and ``on``/``off`` into
booleans in some dialects; a researcher who typed a date means a date string, so timestamps
stay strings here. Files that are empty, binary or implausibly large are refused with a
message naming the file, before the parser sees them; a text value or key far longer than
any field holds (``MAX_TEXT``) is refused as soon as the file is read, naming its record
and field.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .problems import Problem, record_of, shown

#: Larger files are refused unread: hand-curated fact files are kilobytes, and a 50 MB file
#: is a mistake (a pasted dump, a wrong path) that would only make validation crawl.
MAX_BYTES = 5 * 1024 * 1024
#: Longer text values (and keys) are refused as soon as the file is read, naming record and
#: field: a pasted dump in one field passes the file limit and would make every later stage
#: crawl (a 5 MB event title ran the build for more than ten minutes). The schemas set each
#: field's own, lower limit (defs.schema.yaml, "Text limits"); this one, above all of them,
#: also covers the keys and free-form maps no schema limits.
MAX_TEXT = 20_000


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader without the timestamp resolver, refusing duplicate keys, aliases and merge keys.

    An alias (``*name``) repeats a value written elsewhere; a merge key (``<<:``) copies a
    mapping into another. Both hide what a record says from a reader of the file, and a few
    lines of aliases can expand to gigabytes, so a fact file writes every value out.
    """

    def construct_document(self, node):
        _refuse_aliases_and_merges(node)
        return super().construct_document(node)


def _refuse_aliases_and_merges(root: yaml.Node) -> None:
    """Raise at the first node reached twice (an alias) or the first merge key."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "this value is used again through an alias (&name ... *name); aliases are not allowed in fact files: write each value out",
                node.start_mark,
            )
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.tag == "tag:yaml.org,2002:merge":
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        "merge keys (<<) are not allowed in fact files; write the fields out",
                        key.start_mark,
                    )
                todo += [key, value]
        elif isinstance(node, yaml.SequenceNode):
            todo += node.value


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _StrictLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            what = type(key).__name__
            raise yaml.constructor.ConstructorError(
                None, None, f"a key must be text or a number, not a {what}", key_node.start_mark
            ) from None
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen[key] = True
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path, display: str | None = None) -> tuple[object, list[Problem]]:
    """Load one YAML file; return (data, problems). Data is None when unreadable."""
    name = display or str(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        return None, [Problem(name, "", "", f"cannot read file: {err.strerror}")]
    if not path.is_file():
        return None, [Problem(name, "", "", "expected a YAML file, found a folder (or another kind of entry)")]
    if size == 0:
        return None, [Problem(name, "", "", "file is empty; expected a YAML mapping")]
    if size > MAX_BYTES:
        return None, [
            Problem(
                name,
                "",
                "",
                f"file is {size / 2**20:.1f} MiB, over the {MAX_BYTES // 2**20} MiB limit for a fact file; refused unread",
            )
        ]
    raw = path.read_bytes()
    if b"\x00" in raw:
        return None, [Problem(name, "", "", "file is binary (contains NUL bytes); expected UTF-8 YAML text")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return None, [Problem(name, "", "", f"file is not UTF-8 text (byte {err.start}); expected UTF-8 YAML")]
    try:
        data = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        what = getattr(err, "problem", None) or str(err)
        if isinstance(err, yaml.constructor.ConstructorError):
            return None, [Problem(name, "", "", f"at {line}{what}")]  # well-formed YAML we refuse
        return None, [Problem(name, "", "", f"YAML syntax error at {line}{what}")]
    if data is None:
        return None, [Problem(name, "", "", "file holds no data (only comments?); expected a YAML mapping")]
    if too_long := _too_long(name, data):
        return None, too_long
    return data, []


def _too_long(name: str, data: object) -> list[Problem]:
    """A problem for every key or text value longer than MAX_TEXT, naming its record and field."""
    found = []
    todo: list[tuple[object, list]] = [(data, [])]
    while todo:
        node, path = todo.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            if isinstance(key, str) and len(key) > MAX_TEXT:
                found.append((path, f"a key of {len(key):,} characters ({shown(key, 40)})"))
                continue
            if isinstance(value, str) and len(value) > MAX_TEXT:
                found.append(([*path, key], f"text of {len(value):,} characters"))
            todo.append((value, [*path, key]))
    problems = []
    for path, what in found:
        record, inner = record_of(data, path)
        field = ".".join(str(p) for p in inner)
        problems.append(
            Problem(
                name,
                record,
                field,
                f"{what}, over the {MAX_TEXT:,} characters any field of a hand-curated file may hold; refused",
            )
        )
    return problems
