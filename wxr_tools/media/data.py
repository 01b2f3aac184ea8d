"""Media for JSON and SQL output: attachment files brought along, each attachment told where its file is.

The files go to ``<output name>-media/`` beside the output file (``site.json`` ->
``site-media/2024/05/a.png``, with the folder's own manifest), and every
attachment whose file came along gets a meta entry ``_wxr_local_file`` with
that path, relative to the output file's folder: a plain meta pair, so JSON,
JSON Lines and every SQL target (``postmeta``) carry it with no change to
their schema. Content is written as exported.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


from ..errors import WxrToolsError
from ..model import Meta, Post
from ..source import Source
from .collect import MediaOptions, MediaResult, bring_media
from .graph import build_graph
from .manifest import read_manifest, write_manifest
from .places import LAYOUTS, plan_places

LOCAL_FILE_META = "_wxr_local_file"
"""Meta key of an attachment's file in the output, relative to the output file's folder."""
MANIFEST = ".wxr-manifest.json"


def media_folder(out: str) -> Path:
    """Where JSON or SQL output's media go: ``<name>-media`` beside the output file."""
    path = Path(out)
    return path.with_name(path.name.rsplit(".", 1)[0] + "-media")


class WithLocalFiles:
    """A :class:`Source` whose attachments carry ``_wxr_local_file`` where their file came along."""

    def __init__(self, source: Source, local_files: dict[int, str]) -> None:
        self.source = source
        self.local_files = local_files
        self.info = source.info
        self.authors = source.authors
        self.terms = source.terms
        self.diagnostics = source.diagnostics

    def posts(self) -> Iterator[Post]:
        for post in self.source.posts():
            path = self.local_files.get(post.id) if post.type == "attachment" else None
            yield post if path is None else post.replaced(meta=[*post.meta, Meta(LOCAL_FILE_META, path)])


def with_attachment_media(source: Source, out: str, options: MediaOptions) -> tuple[Source, MediaResult]:
    """Bring the attachments' files along beside ``out`` (a first pass over ``source``); the source to write."""
    if not out or out == "-":
        raise WxrToolsError(f"--media {options.mode} needs an output file to put the media beside "
                            "(standard output and database servers have none)",
                            hint="give --out site.json (or site.db, or --to sql -o dump.sql for a server); "
                                 "media go to site-media/ beside it")
    info = source.info
    graph = build_graph(source.posts(), [info.base_blog_url, info.link, info.base_site_url], options.hosts)
    graph.records = {key: record for key, record in graph.records.items() if record.attachment is not None}
    folder = media_folder(out)
    places = plan_places(graph.records.values(), LAYOUTS["data"])
    manifest = read_manifest(folder / MANIFEST)
    result = bring_media(graph, places, folder, options, manifest)
    if result.local or manifest.entries:
        write_manifest(folder / MANIFEST, manifest)
    base = os.path.relpath(folder, Path(out).parent)
    local_files = {graph.records[key].attachment: f"{base}/{place.path}" for key, place in result.local.items()}
    return WithLocalFiles(source, local_files), result  # type: ignore[arg-type]


__all__ = ["LOCAL_FILE_META", "WithLocalFiles", "media_folder", "with_attachment_media"]
