"""Where a conversion writes: default outputs named after the export, and outputs checked up front.

Every format has a default named after the export (``all.xml`` gives
``all.json``, ``all.jsonl``, ``all.db``, ``all.sql`` or the folder ``all/``;
a split export's parts give the site's base name). An output that cannot be
written is refused before anything is read, with what to do about it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .errors import WxrToolsError
from .readers.streams import is_one_time
from .readers.wxr.sites import split_base

_SUFFIXES = {"json": ".json", "jsonl": ".jsonl", "sqlite": ".db", "sql": ".sql"}
_NOT_TO_STDOUT = frozenset({"sqlite"})
"""File formats that cannot go to standard output (a database file is written in place)."""
_INPUT_SUFFIXES = (".gz", ".zip", ".xml", ".jsonl", ".json", ".html", ".htm")
STREAM_NAME = "export"
"""The name given to outputs of standard input or a file object."""


def export_name(first: object) -> str:
    """The name an export's outputs take: ``all`` for ``all.xml.gz``, ``site`` for ``site.000.xml``."""
    if hasattr(first, "read") or is_one_time(first):
        return STREAM_NAME
    path = Path(os.fspath(first))  # type: ignore[arg-type]
    name = split_base(path.name) or path.name
    lowered = name.lower()
    for suffix in _INPUT_SUFFIXES:
        if lowered.endswith(suffix):
            name, lowered = name[: -len(suffix)], lowered[: -len(suffix)]
    return name or STREAM_NAME


def _kind(to: str) -> str:
    """``file``, ``folder`` or ``server``: what ``--to`` makes (see the writers' registry)."""
    from .writers import WRITERS

    return WRITERS[to].output


def default_output(inputs: Sequence[object], to: str) -> str:
    """Where ``to`` writes when no output is named: a file or folder after the first input."""
    if _kind(to) == "server":
        return ""  # the server named by --dsn
    return export_name(inputs[0]) + _SUFFIXES.get(to, "")


def check_output(to: str, out: str | os.PathLike[str]) -> None:
    """Refuse an output that cannot be written, before the work starts (``option`` is ``out``)."""
    kind = _kind(to)
    if kind == "server":
        return
    target = os.fspath(out)
    if target == "-":
        if kind == "folder" or to in _NOT_TO_STDOUT:
            what = "a folder of files" if kind == "folder" else "a database file"
            raise WxrToolsError(f"--to {to} writes {what}, not standard output", option="out",
                                hint=f"name a {'folder' if kind == 'folder' else 'file'} with --out, "
                                     "or use --to json or jsonl for standard output")
        return
    path = Path(target)
    if kind == "folder":
        if path.exists() and not path.is_dir():
            raise WxrToolsError(f"{target} is a file; --to {to} writes a folder", option="out",
                                hint="name a new or existing folder")
    elif path.is_dir():
        raise WxrToolsError(f"{target} is a folder; --to {to} writes one file", option="out",
                            hint=f"name a file, e.g. {path / ('site' + _SUFFIXES.get(to, ''))}")
    parent = _nearest_existing(path if kind == "folder" else path.parent)
    if not parent.is_dir():
        raise WxrToolsError(f"cannot make {target}: {parent} is a file", option="out",
                            hint="name a path under a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise WxrToolsError(f"cannot write to {parent}: permission denied", option="out",
                            hint="choose a folder you can write to, or change its permissions")


def _nearest_existing(path: Path) -> Path:
    """``path`` or the closest of its parents that exists (the folder new files would be made in)."""
    path = path.absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path
