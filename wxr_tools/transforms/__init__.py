"""Content transforms: WordPress markup made plain, as composable steps.

Writers call :func:`render_post` for a post body and :func:`render_comment`
for a comment body. Each step (wpautop, blocks, shortcodes, more/nextpage,
HTML to Markdown) lives in its own module and can be used alone.
"""

from .blocks import parse_blocks, serialize_blocks
from .render import (
    ContentIndex,
    ContentOptions,
    ContentOptionsError,
    RenderedPost,
    html_to_markdown,
    render_comment,
    render_post,
)
from .wpautop import wpautop

__all__ = [
    "ContentIndex",
    "ContentOptions",
    "ContentOptionsError",
    "RenderedPost",
    "html_to_markdown",
    "parse_blocks",
    "render_comment",
    "render_post",
    "serialize_blocks",
    "wpautop",
]
