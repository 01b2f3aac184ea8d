"""Media: the site's images and files brought along, and every reference to them made local.

:mod:`.urls` recognises a file in any of its URL forms; :mod:`.graph` finds
every file a site has and uses; :mod:`.places` decides where each goes per
target; :mod:`.download` and :mod:`.copy` fetch them; :mod:`.collect` runs a
``--media`` mode with the output's :mod:`.manifest`; :mod:`.rewrite` points
the content at the local copies.
"""

from .collect import MODES, MediaOptions, MediaOptionsError, MediaResult, bring_media
from .graph import MediaGraph, MediaGraphBuilder, MediaRecord, PostMedia, build_graph, extract
from .manifest import MediaManifest
from .places import LAYOUTS, MediaLayout, Place, plan_places, reference
from .rewrite import MediaRewriter, MediaTable
from .urls import MediaUrl, SiteHosts, parse_media_url

__all__ = [
    "LAYOUTS",
    "MODES",
    "MediaGraph",
    "MediaGraphBuilder",
    "MediaLayout",
    "MediaManifest",
    "MediaOptions",
    "MediaOptionsError",
    "MediaRecord",
    "MediaResult",
    "MediaRewriter",
    "MediaTable",
    "MediaUrl",
    "Place",
    "PostMedia",
    "SiteHosts",
    "bring_media",
    "build_graph",
    "extract",
    "parse_media_url",
    "plan_places",
    "reference",
]
