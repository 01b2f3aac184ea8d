"""Opening inputs: paths or file objects, ``.gz``, ``.zip``, split exports."""

from __future__ import annotations

import dataclasses
import gzip
import io
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO, Union

from ...errors import WxrReadError
from ..streams import SpooledInput, is_one_time, spool
from .sites import SPLIT_PART

InputLike = Union[str, "os.PathLike[str]", IO[bytes]]



@dataclass(frozen=True)
class InputFile:
    """One physical part of an export, openable as many times as needed."""

    name: str
    open: Callable[[], BinaryIO]
    size: int | None = None
    keep: object = None
    """What must live as long as this part: the temporary copy of a piped input."""


def _split_key(name: str) -> tuple[str, int]:
    match = SPLIT_PART.search(name)
    if match:
        return (name[: match.start()], int(match.group(1)))
    return (name, -1)


def expand_inputs(sources: tuple[InputLike, ...] | list[InputLike]) -> list[InputFile]:
    """Every part of the given inputs, split parts in numeric order."""
    files: list[InputFile] = []
    for source in sources:
        files.extend(_expand_one(source))
    if not files:
        raise WxrReadError("no input given", hint="name at least one WXR file")
    return files


def _expand_one(source: InputLike) -> list[InputFile]:
    if hasattr(source, "read"):
        return [_file_object_input(source)]  # type: ignore[arg-type]
    if is_one_time(source):
        source = spool(source)  # type: ignore[arg-type]
    if isinstance(source, SpooledInput):
        return [dataclasses.replace(part, keep=source) for part in _expand_path(source)]
    return _expand_path(source)


def _expand_path(source: InputLike) -> list[InputFile]:
    path = Path(os.fspath(source))  # type: ignore[arg-type]
    name = getattr(source, "display_name", None) or str(path)
    if not path.exists():
        raise WxrReadError("no such file", file=name, hint="check the path")
    if path.is_dir():
        parts = sorted(
            (p for p in path.iterdir() if p.suffix.lower() in (".xml", ".gz") and p.is_file()),
            key=lambda p: _split_key(p.name),
        )
        if not parts:
            raise WxrReadError("the folder holds no .xml or .xml.gz file", file=name)
        return [item for part in parts for item in _expand_one(part)]
    magic = _magic(path)
    if name.lower().endswith(".zip") or magic == _ZIP_MAGIC:
        return _zip_members(path, name)
    if path.stat().st_size == 0:
        raise WxrReadError("not a WordPress export: the file is empty", file=name, hint="export the site again")
    if magic == _GZIP_MAGIC:  # a piped .gz has no name to tell
        return [InputFile(name, lambda: gzip.open(path, "rb"), None)]  # type: ignore[arg-type, return-value]
    if name.lower().endswith(".gz"):
        with open(path, "rb") as stream:
            if stream.read(2) != b"\x1f\x8b":
                raise WxrReadError("not gzip data, though the name ends in .gz", file=name,
                                   hint="rename it, or give the .xml")
        return [InputFile(name, lambda: gzip.open(path, "rb"), None)]  # type: ignore[arg-type, return-value]
    return [InputFile(name, lambda: open(path, "rb"), path.stat().st_size)]


_GZIP_MAGIC, _ZIP_MAGIC = b"\x1f\x8b", b"PK"


def _magic(path: Path) -> bytes:
    """The first two bytes: gzip and zip data are known by them, whatever the name says."""
    with open(path, "rb") as stream:
        return stream.read(2)


def _zip_members(path: Path, shown: str) -> list[InputFile]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if m.filename.lower().endswith(".xml")]
    except zipfile.BadZipFile as exc:
        raise WxrReadError(f"not a readable zip file ({exc})", file=shown) from exc
    if not members:
        raise WxrReadError("the zip file holds no .xml export", file=shown)
    members.sort(key=lambda m: _split_key(m.filename))

    def opener(member: zipfile.ZipInfo) -> Callable[[], BinaryIO]:
        def open_member() -> BinaryIO:
            archive = zipfile.ZipFile(path)
            return archive.open(member)  # type: ignore[return-value]
        return open_member

    return [InputFile(f"{shown}!{m.filename}", opener(m), m.file_size) for m in members]


def _file_object_input(stream: IO[bytes]) -> InputFile:
    name = getattr(stream, "name", "<stream>")
    name = name if isinstance(name, str) else "<stream>"
    if hasattr(stream, "seek") and getattr(stream, "seekable", lambda: False)():
        start = stream.tell()

        def reopen() -> BinaryIO:
            stream.seek(start)
            return _Unclosable(stream)  # type: ignore[return-value]

        return InputFile(name, reopen, None)
    data = stream.read()  # a pipe: keep it so the export can be read more than once
    if isinstance(data, str):
        data = data.encode("utf-8")
    return InputFile(name, lambda: io.BytesIO(data), len(data))


class _Unclosable(io.RawIOBase):
    """Wraps a caller's stream so reading it does not close it."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:  # type: ignore[override]
        return self._stream.read(size)

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def, override]
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class CountingReader:
    """A byte stream that counts ``<item>`` start tags and bytes as it is read."""

    def __init__(self, stream: BinaryIO, on_bytes: Callable[[int], None] | None = None,
                 name: str = "") -> None:
        self._stream = stream
        self.name = name  # lxml files its error messages under this name
        self._tail = b""
        self.item_tags = 0
        self._on_bytes = on_bytes

    def read(self, size: int = 65536) -> bytes:
        try:
            data = self._stream.read(size)
        except (EOFError, zlib.error, gzip.BadGzipFile, zipfile.BadZipFile) as exc:
            raise WxrReadError(f"the compressed data is damaged ({exc})",
                               hint="compress the export again, or give the .xml") from exc
        if data:
            window = self._tail + data
            self.item_tags += window.count(b"<item>") + window.count(b"<item ")
            self._tail = data[-5:]  # five bytes cannot hold a whole tag: none is counted twice
            if self._on_bytes is not None:
                self._on_bytes(len(data))
        return data

    def iter_chunks(self, size: int = 1 << 20) -> Iterator[bytes]:
        while True:
            data = self.read(size)
            if not data:
                return
            yield data

    def close(self) -> None:
        self._stream.close()
