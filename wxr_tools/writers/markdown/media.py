"""The Markdown writer's media step, between the passes: files placed per preset and brought along.

Pass 1 gathered the media graph (:class:`~wxr_tools.media.MediaGraph`); this
places every file (Hugo bundles need to know where each post went), runs the
``--media`` mode into the staged output folder (files the last run left in the
target, as its manifest's ``media`` section records them, are linked in, not
fetched again; with ``keep`` too, so a rerun without ``--media`` loses none),
and gives pass 2 the small :class:`~wxr_tools.media.MediaTable`
its workers rewrite references with.
"""

from __future__ import annotations

from ...media import LAYOUTS, MediaManifest, MediaOptions, MediaResult, MediaTable, bring_media, plan_places
from ..output_folder import OutputFolder, read_manifest
from .site_index import SiteIndex


def bring_site_media(index: SiteIndex, folder: OutputFolder, preset: str,
                     options: MediaOptions) -> tuple[MediaTable | None, MediaResult]:
    """Place and bring the site's media; the table for rewriting (None when no file is local) and the result."""
    graph = index.media
    assert graph is not None, "the index is built with its media graph"
    held = read_manifest(folder.target).get("media") if folder.target.is_dir() else None
    manifest = MediaManifest(held if isinstance(held, dict) else None)
    layout = LAYOUTS[preset]

    def post_file(post_id: int) -> str | None:
        location = index.location(post_id)
        return location.path if location is not None else None

    needed = options.mode != "keep" or manifest.entries  # keep: only to reuse what an earlier run brought
    places = plan_places(graph.records.values(), layout, post_file) if needed else {}
    result = bring_media(graph, places, folder.staging, options, manifest, previous=folder.target)
    folder.extra["media"] = manifest.to_dict()
    return (MediaTable.of(graph, result.local, layout) if result.local else None), result
