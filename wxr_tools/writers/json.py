"""JSON output: one document (``--to json``) or one record per line (``--to jsonl``).

Both are written as the posts stream by, so memory does not grow with the
export. Post passwords are left out unless asked for.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import IO, Any

import msgspec

from ..model import MODEL_VERSION, Post, Site
from ..source import Source
from ..workers import WorkerPool
from .contract import WriteReport, option
from .files import binary_output
from .media_options import MediaFields

_encoder = msgspec.json.Encoder()
Out = str | os.PathLike[str] | IO[bytes] | None
"""A file path, ``-`` or None for standard output, or a binary stream."""


@dataclass(frozen=True)
class JsonOptions(MediaFields):
    """Options of ``--to json`` and ``--to jsonl``."""

    include_passwords: bool = option(False, help="Write post passwords (never written by default).",
                                     panel="Privacy")


def _encode_post(post: Post, include_passwords: bool) -> bytes:
    """A post's JSON object; its password (no field, so never encoded with it) last, when asked."""
    body = _encoder.encode(post)
    if include_passwords and post.password is not None:
        return body[:-1] + b',"password":' + _encoder.encode(post.password) + b"}"
    return body


def write_json(source: Source, out: Out, options: JsonOptions = JsonOptions(), *,
               pool: WorkerPool | None = None) -> WriteReport:
    """Write ``{"model_version", "site", "posts", "authors", "terms"}`` to ``out``.

    Authors and terms come last: exports may declare some between the items, and
    the posts stream by before the lists are known to be complete. A file is
    written beside its target and renamed into place when complete.
    """
    with binary_output(out) as stream:
        count = _write_document(source, stream, options.include_passwords)
    return WriteReport(format="json", target=_name(out), posts_written=count)


def write_jsonl(source: Source, out: Out, options: JsonOptions = JsonOptions(), *,
                pool: WorkerPool | None = None) -> WriteReport:
    """Write one JSON record per line, each with a ``record`` field.

    The first line is the site (with ``model_version``), then authors, terms, posts.
    Authors and terms met after the posts (split exports) follow them.
    """
    with binary_output(out) as stream:
        count = _write_records(source, stream, options.include_passwords)
    return WriteReport(format="jsonl", target=_name(out), posts_written=count)


def _name(out: Out) -> str:
    if out is None or hasattr(out, "write"):
        return getattr(out, "name", "-") if out is not None else "-"
    return os.fspath(out)  # type: ignore[arg-type]


def _write_document(source: Source, out: IO[bytes], include_passwords: bool) -> int:
    encode = _encoder.encode
    out.write(b'{"model_version":%d,"site":' % MODEL_VERSION)
    out.write(encode(source.info))
    out.write(b',"posts":[')
    count = 0
    for post in source.posts():
        if count:
            out.write(b",")
        out.write(_encode_post(post, include_passwords))
        count += 1
    out.write(b'],"authors":')
    out.write(encode(source.authors))
    out.write(b',"terms":')
    out.write(encode(source.terms))
    out.write(b"}\n")
    return count


def _record(kind: str, struct: msgspec.Struct, include_passwords: bool = False) -> bytes:
    body = _encode_post(struct, include_passwords) if isinstance(struct, Post) else _encoder.encode(struct)
    return b'{"record":"%s",%s\n' % (kind.encode(), body[1:]) if body != b"{}" else \
        b'{"record":"%s"}\n' % kind.encode()


def _write_records(source: Source, out: IO[bytes], include_passwords: bool) -> int:
    out.write(b'{"record":"site","model_version":%d,%s\n' % (MODEL_VERSION, _encoder.encode(source.info)[1:]))
    authors_done = terms_done = 0
    for author in source.authors:
        out.write(_record("author", author))
    authors_done = len(source.authors)
    for term in source.terms:
        out.write(_record("term", term))
    terms_done = len(source.terms)
    count = 0
    for post in source.posts():
        out.write(_record("post", post, include_passwords))
        count += 1
    for author in source.authors[authors_done:]:
        out.write(_record("author", author))
    for term in source.terms[terms_done:]:
        out.write(_record("term", term))
    return count


def _with_passwords(value: Any) -> Any:
    """``value`` as plain data, each post with its password."""
    if isinstance(value, Post):
        data = msgspec.to_builtins(value)
        if value.password is not None:
            data["password"] = value.password
        return data
    if isinstance(value, Site):
        data = msgspec.to_builtins(msgspec.structs.replace(value, posts=[]))  # the posts once, below
        data["posts"] = [_with_passwords(post) for post in value.posts]
        return data
    if isinstance(value, (list, tuple)):
        return [_with_passwords(item) for item in value]
    if isinstance(value, dict):
        return {key: _with_passwords(item) for key, item in value.items()}
    return value


def to_json(value: Any, *, include_passwords: bool = False, indent: int = 0) -> str:
    """Any model record (a site, a post, a list of them...) as JSON text, as the JSON output writes it.

    Post passwords are left out unless ``include_passwords``; dates are ISO 8601;
    ``indent`` spaces make it readable.
    """
    data = _encoder.encode(_with_passwords(value) if include_passwords else value)
    return (msgspec.json.format(data, indent=indent) if indent else data).decode("utf-8")
