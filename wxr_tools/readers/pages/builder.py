"""Page-builder markup (Elementor, WPBakery, Divi, Beaver Builder, Avada): where the post's text sits.

Builders print no ``entry-content``: a single-post template places a "post content" widget, and
posts built with the builder itself are rows of modules, some holding text (a text editor, a
heading), others chrome (menus, post info, sharing, post grids, buttons). The class names are the
builders' own, the same on every site that uses them.
"""

from __future__ import annotations

import copy
import re

from lxml import html as lxml_html
from lxml.html import HtmlElement

from .boilerplate import inside, is_outside_post
from .dom import classes, has_class, text_of, xclasses

POST_CONTENT_CLASSES = ("elementor-widget-theme-post-content", "et_pb_post_content", "fl-module-fl-post-content",
                        "tb-post-content", "fusion-content-tb")
"""Theme-builder widgets that print ``the_content()`` of the post."""

_TEXT_MODULES = (
    "elementor-widget-text-editor", "elementor-widget-heading", "wpb_text_column", "et_pb_text", "fl-rich-text",
    "fl-module-heading", "fusion-text", "fusion-title", "vc_custom_heading", "tatsu-text",
    "elementor-widget-image", "et_pb_image", "wpb_single_image")
"""Modules that hold the post's words (and its images) in a builder-made post."""
_BUILDER_CHROME = re.compile(
    r"^(elementor-location-(header|footer|popup)|elementor-widget-(share-buttons|post-info|posts|"
    r"post-navigation|author-box|nav-menu|theme-post-title|breadcrumbs|social-icons|form|button|"
    r"call-to-action|theme-site-logo|theme-site-title|search-form|sitemap|loop-grid|archive-posts|"
    r"table-of-contents|post-comments|theme-post-featured-image|reading-progress|login|wp-widget-.+|"
    r"sidebar|icon-list|media-carousel|testimonial-carousel|portfolio|price-table|countdown)|"
    r"et-l--header|et-l--footer|et_pb_(social_media_follow|post_title|post_nav|comments_module|signup|"
    r"button_module_wrapper|button|sidebar|blog|menu|fullwidth_menu|fullwidth_post_title|cta|search|login|"
    r"contact_form_container|contact_form|post_slider|team_member|countdown_timer)|"
    r"vc_btn3-container|vc_cta3-container|vc_separator|vc_widget_sidebar|wpb_widgetised_column|"
    r"vc_grid-container(-wrapper)?|vc_basic_grid|wpb_posts_slider|vc_posts_slider|"
    r"fl-module-(post-grid|post-navigation|social-buttons|button|menu|callout|subscribe-form|fl-post-info)|"
    r"fusion-(sharing-box|meta-info|post-cards|recent-posts|button|author|related-posts|meta-tb))$"
)
"""Builder modules that are never the post's text."""


def is_builder_chrome(element: HtmlElement) -> bool:
    """A builder's header/footer template, post-info, sharing, post grid, button or form module."""
    return any(_BUILDER_CHROME.match(token) for token in classes(element))


def text_modules(scope: HtmlElement) -> HtmlElement | None:
    """The text modules of a builder-made post, gathered in order into one ``<div>``; None when the
    scope has none (or they hold too little text to be a post)."""
    modules = []
    for element in scope.xpath(xclasses("elementor-widget-", "wpb_", "et_pb_", "fl-", "fusion-", "vc_custom", "tatsu-")):
        if not has_class(element, *_TEXT_MODULES) or any(m is a for m in modules for a in element.iterancestors()):
            continue  # a heading inside a text module is the module's
        if inside(element, lambda e: is_outside_post(e) or is_builder_chrome(e), stop=scope.getparent()):
            continue
        modules.append(element)
    if sum(len(text_of(m)) for m in modules) < 200:
        return None
    holder = lxml_html.fragment_fromstring("<div></div>")
    for module in modules:
        duplicate = copy.deepcopy(module)
        duplicate.tail = None
        holder.append(duplicate)
    return holder
