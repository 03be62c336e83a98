"""What an input folder holds: every file in it, less what editors, systems and tools leave.

Every place that lists an input folder lists it here: the rules' inputs and the content hash
they carry (``workflow/rules/common.smk``), the edition's input hash (``provenance.py``),
the raw-file inventory (``facts/inventory.py``), the snapshot and cross-check readers
(``official/snapshots.py``), the keys of the validation caches and the code-parse cache.
So a swap file left by an open editor, a Finder's ``.DS_Store`` or Jupyter's
``.ipynb_checkpoints/`` is no input anywhere: it stops nothing, reruns nothing and leaves
the input hash as it is, and a working copy hashes as a fresh clone of it does.

Why a closed list of names rather than the files git tracks: a researcher's new country
file is untracked until it is committed and must count; what git ignores also depends on
each machine's own exclude files, so the hash would too; and ``make verify`` builds a tree
that ``git archive`` wrote, with no repository. Why not a list of the kinds of file that
count: a new kind (a font, a spreadsheet snapshot) would be left out without a word. Every
name here is in ``.gitignore`` too (tests/test_inputfiles.py checks that git agrees), so
what the build skips is exactly what a clone never has. Anything else is an input: a file
under data/raw/ that nothing reads (``ARM.yml``, ``KAZ copy.yaml``) still stops the build
(``facts/inventory.py``).
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from pathlib import Path

#: Names that are never inputs, as .gitignore writes them (a trailing "/" marks a folder).
ARTEFACTS = (
    # Editors: Vim's (and nano's) swap files, Emacs's backups, autosaves and locks, Kate's
    # swap files, JetBrains' and GNOME's files of a save in progress, office suites' locks.
    ".*.sw[a-p]",
    "*~",
    "#*#",
    ".#*",
    "*.kate-swp",
    "*___jb_tmp___",
    "*___jb_old___",
    ".goutputstream-*",
    ".~lock.*#",
    "~$*",
    # Operating systems: macOS Finder's folder settings and metadata (AppleDouble) copied
    # along with a file, Windows Explorer's thumbnail caches and folder settings, KDE's.
    ".DS_Store",
    "._*",
    "Thumbs.db",
    "ehthumbs.db",
    "desktop.ini",
    ".directory",
    # Jupyter: checkpoint copies, and notebooks as it saves them (only the jupytext source,
    # notebooks/*.py, is the notebook; an .ipynb is a build product).
    ".ipynb_checkpoints/",
    "*.ipynb",
    # Python and the test tools: bytecode and caches.
    "__pycache__/",
    "*.pyc",
    ".pytest_cache/",
    ".ruff_cache/",
    ".hypothesis/",
)
_FILES = tuple(p for p in ARTEFACTS if not p.endswith("/"))
_FOLDERS = tuple(p.removesuffix("/") for p in ARTEFACTS if p.endswith("/"))


def is_artefact(path: Path) -> bool:
    """Whether ``path`` is an artefact by its name (a folder pattern matches folders only)."""
    name = path.name
    if any(fnmatchcase(name, p) for p in _FILES):
        return True
    return path.is_dir() and any(fnmatchcase(name, p) for p in _FOLDERS)


def entries(folder: Path) -> list[Path]:
    """The files and folders directly in ``folder``, artefacts left out, sorted."""
    return sorted(p for p in Path(folder).iterdir() if not is_artefact(p))


def tree(folder: Path) -> list[Path]:
    """Every file and folder under ``folder`` at any depth, artefacts (and all an artefact
    folder holds) left out, sorted."""
    found = []
    for path in entries(folder):
        found.append(path)
        if path.is_dir() and not path.is_symlink():
            found += tree(path)
    return sorted(found)


def files(path: Path) -> list[Path]:
    """The regular files at or under ``path`` (a file: itself, unless an artefact), sorted;
    none when it does not exist."""
    path = Path(path)
    if path.is_file():
        return [] if is_artefact(path) else [path]
    if not path.is_dir():
        return []
    return [p for p in tree(path) if p.is_file()]
