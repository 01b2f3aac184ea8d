"""Reads our own JSON and JSON Lines back into the model."""

from __future__ import annotations

import os
from pathlib import Path

import msgspec

from ..errors import WxrReadError
from ..model import MODEL_VERSION, Author, Post, Site, SiteInfo, Term

_RECORD_TYPES: dict[str, type[msgspec.Struct]] = {"author": Author, "term": Term, "post": Post}


def _check_version(version: object, file: str) -> None:
    if not isinstance(version, int) or version != MODEL_VERSION:
        raise WxrReadError(f"model_version {version!r} is not {MODEL_VERSION}, the one this version reads",
                           file=file, hint="convert the export again with this wxr-tools")


def _set_password(post: Post, raw: dict[str, object]) -> None:
    """The password a post was written with (``--include-passwords``): no field, so set by hand."""
    password = raw.get("password")
    if isinstance(password, str):
        post.password = password


def read_json(path: str | os.PathLike[str]) -> Site:
    """A ``--to json`` document or ``--to jsonl`` file as a :class:`Site`."""
    name = str(path)
    data = Path(path).read_bytes()
    try:
        if data.lstrip().startswith(b'{"record"'):
            return _read_jsonl(data, name)
        head = msgspec.json.decode(data)
        _check_version(head.get("model_version"), name)
        site = msgspec.json.decode(data, type=Site)
        if b'"password"' in data:  # written with --include-passwords: each post's password, beside it
            for post, raw in zip(site.posts, head.get("posts", [])):
                _set_password(post, raw)
        return site
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise WxrReadError(f"not a wxr-tools JSON document: {exc}", file=name) from exc


def _read_jsonl(data: bytes, name: str) -> Site:
    site = Site()
    for number, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = msgspec.json.decode(line)
            kind = record.pop("record")
            if kind == "site":
                _check_version(record.pop("model_version", None), name)
                site.info = msgspec.convert(record, SiteInfo)
            elif kind in _RECORD_TYPES:
                value = msgspec.convert(record, _RECORD_TYPES[kind])
                if kind == "post":
                    _set_password(value, record)  # type: ignore[arg-type]
                {"author": site.authors, "term": site.terms, "post": site.posts}[kind].append(value)  # type: ignore[attr-defined]
            else:
                raise WxrReadError(f"unknown record kind {kind!r}", file=name, line=number)
        except (msgspec.DecodeError, msgspec.ValidationError, KeyError) as exc:
            raise WxrReadError(f"not a wxr-tools JSON Lines record: {exc}", file=name, line=number) from exc
    return site
