"""Readers: each turns one input format into the model; ``open_source`` picks one."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Union

from ..errors import UnknownFormatError, WxrReadError
from ..source import Source, SiteSource
from ..workers import WorkerPool
from .json import read_json
from .pages import looks_like_html, open_pages, page_files
from .streams import spool_one_time_inputs
from .wxr import InputLike, open_wxr

INPUT_FORMATS = ("wxr", "json", "pages")


def detect_format(source: InputLike) -> str:
    """The input kind of a path, from its content: ``wxr``, ``json`` or ``pages`` (saved HTML)."""
    if hasattr(source, "read"):
        return "wxr"
    path = Path(os.fspath(source))  # type: ignore[arg-type]
    if not path.exists():
        raise WxrReadError("no such file or folder", file=str(path), hint="check the path")
    if path.is_dir():
        return "pages" if next(page_files(path), None) is not None else "wxr"
    if path.suffix.lower() in (".gz", ".zip"):
        return "wxr"
    if looks_like_html(path):
        return "pages"
    with open(path, "rb") as stream:
        head = stream.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return "json"
    return "wxr"


Inputs = Union[InputLike, Sequence[InputLike]]
"""One input (a path, ``-`` for standard input, a file object) or a list of them."""


def input_list(inputs: Inputs) -> list[InputLike]:
    """A list of inputs from one input or many: a lone path is one input, never its characters."""
    if isinstance(inputs, (str, bytes, os.PathLike)) or hasattr(inputs, "read"):
        return [inputs]  # type: ignore[list-item]
    return list(inputs)  # type: ignore[arg-type]


def open_source(inputs: Inputs, *, from_format: str | None = None,
                on_bytes: Callable[[int], None] | None = None, pool: WorkerPool | None = None) -> Source:
    """Open inputs as one site to stream, detecting their kind unless ``from_format`` says.

    ``inputs`` is one input or a list; ``-``, pipes and ``/dev/stdin`` are read once, as they stream.
    ``pool`` is the run's workers: a large WXR export is read on them too.
    """
    inputs = spool_one_time_inputs(input_list(inputs))  # type: ignore[assignment]
    if not inputs:
        raise WxrReadError("no input given", hint="name at least one export file")
    if any(isinstance(item, str) and not item for item in inputs):  # "" would read the current folder
        raise WxrReadError("an input path is empty", hint="name an export file or folder (is a shell variable unset?)")
    kind = from_format or detect_format(inputs[0])
    if kind == "wxr":
        return open_wxr(*inputs, on_bytes=on_bytes, pool=pool)
    if kind == "json":
        if len(inputs) != 1:
            raise WxrReadError("JSON input is one file", hint="give a single .json or .jsonl file")
        return SiteSource(read_json(inputs[0]))  # type: ignore[arg-type]
    if kind == "pages":
        if len(inputs) != 1:
            raise WxrReadError("saved pages are one file or one folder", hint="put the pages in one folder")
        return open_pages(inputs[0])  # type: ignore[arg-type]
    raise UnknownFormatError("input format", kind, list(INPUT_FORMATS), option="from_format")
