"""``convert_each``: several exports, each converted into its own output (``wxr convert --each``).

Files given one by one, or found in a folder, are grouped into exports: the
numbered parts of a split export (``site.000.xml``, ``site.001.xml``) are one
export, every other file is one of its own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .convert import ConvertResult, convert
from .errors import WxrToolsError
from .outputs import default_output
from .readers import Inputs, input_list
from .readers.wxr.sites import split_base

EXPORT_SUFFIXES = (".xml", ".xml.gz", ".zip")
"""Files a folder is searched for (at its top level, as the reader does)."""


def export_groups(inputs: Inputs) -> list[list[Path]]:
    """The exports among ``inputs``: each a list of files (one, or a split export's parts in order)."""
    files: list[Path] = []
    for given in input_list(inputs):
        path = Path(os.fspath(given))  # type: ignore[arg-type]
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.is_file() and p.name.lower().endswith(EXPORT_SUFFIXES)))
        else:
            files.append(path)
    groups: dict[tuple[str, str], list[Path]] = {}
    for path in files:
        base = split_base(path.name)
        groups.setdefault((str(path.parent), base) if base else (str(path), ""), []).append(path)
    if not groups:
        raise WxrToolsError("no export to convert: the folders hold no .xml, .xml.gz or .zip file",
                            hint="name export files or a folder holding them")
    return list(groups.values())


def each_export(inputs: Inputs, to: str, out: str | os.PathLike[str] | None = None) -> list[tuple[list[Path], str]]:
    """Every export among ``inputs`` with where ``to`` writes it: ``out`` is the folder the outputs go in.

    Each output is named after its export (``a.xml`` -> ``a.json``, ``a/``...), as
    :func:`~wxr_tools.convert.convert` names it ("" for a server output).
    """
    if out is not None and os.fspath(out) == "-":
        raise WxrToolsError("with --each every export gets its own output, not standard output", option="out",
                            hint="name a folder with --out, or leave it out to write into the current folder")
    found = []
    for group in export_groups(inputs):
        target = default_output(group, to)
        if out is not None and target:
            target = os.path.join(os.fspath(out), target)
        found.append((group, target))
    return found


def convert_each(inputs: Inputs, *, to: str = "markdown", out: str | os.PathLike[str] | None = None,
                 **options: Any) -> list[ConvertResult]:
    """Convert every export among ``inputs`` on its own (see :func:`each_export`); ``options`` are
    :func:`~wxr_tools.convert.convert`'s."""
    return [convert(group, to=to, out=target or None, **options) for group, target in each_export(inputs, to, out)]
