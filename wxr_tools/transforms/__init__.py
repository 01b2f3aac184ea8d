"""Content transforms: WordPress markup made plain, as composable steps.

Writers call :func:`render_post` for a post body and :func:`render_comment`
for a comment body. Each step (wpautop, blocks, shortcodes, more/nextpage,
HTML to Markdown) lives in its own module and can be used alone.
"""
