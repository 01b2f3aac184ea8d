"""Which parts of a page are never the post: forms, sharing, related posts, widgets, chrome.

Each zone is recognised by the id and class tokens WordPress core, Jetpack,
WordPress.com and common plugins print (see ``docs/pages.md``), never by theme.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml.html import HtmlElement

from .dom import ancestors, classes

_COMMENT_ZONE = re.compile(
    r"^(comments?|respond|comment-respond|comments-area|comments-wrapper|comments-inner|"
    r"comment-list|commentlist|comments-list|wp-block-comments(-query-loop)?|"
    r"wp-block-post-comments(-form)?|wp-block-comment-template|disqus_thread|"
    r"jp-comments|comment-form-wrap|commentform|comment-form|(li-|div-)?comment-\d+)$",
    re.IGNORECASE,
)
_FORM = re.compile(
    r"^(respond|comment-respond|commentform|comment-form|comment-form-.+|reply-title|"
    r"comment-reply-title|comment-notes|logged-in-as|must-log-in|form-submit|"
    r"akismet-fields-container|highlander-.+|hc_post_as|wp-block-post-comments-form|"
    r"comment-subscription-form|post-subscription-form|nocomments|no-comments|comments-closed)$",
    re.IGNORECASE,
)
_SHARING = re.compile(
    r"^(sharedaddy|sd-.+|jp-post-flair|sharing.*|share[-_].+|shares?-?(box|bar|buttons?|links?|icons?)|social|social[-_](share|sharing|icons?|links?|buttons?|media|networks?|bar|follow).*|addtoany.*|a2a.*|"
    r"jetpack-likes-widget-wrapper|jetpack-likes-widget|likes-other-gravatars|"
    r"like-post-wrapper.*|wpl-likebox|post-likes-widget.*|heateor.*|essb.*|shariff.*|"
    r"dpsp-.+|swp_.+|ssba.*|st_sharethis.*|wp-block-jetpack-sharing-buttons|sociable.*|shareaholic.*|"
    r"wp-block-jetpack-like|printfriendly.*|pf-button.*)$",
    re.IGNORECASE,
)
_RELATED = re.compile(
    r"^(jp-relatedposts.*|wp-block-jetpack-related-posts.*|yarpp.*|related.*|crp_related.*|recommended.*|"
    r"rp4wp.*|post-related|more-posts|wp-block-query|wp-block-post-template|"
    r"wp-block-post)$",
    re.IGNORECASE,
)
_INSERTS = re.compile(
    r"^(post-thumbnail|.*featured-image|featured-media|wp-post-image|(ez-)?toc([_-].*)?|.*-toc|ez-toc-.*|.*related.*|.*newsletter.*|.*-tags|tags-.*|post-tags|"
    r"entry-tags|tagcloud|.*optin.*|.*-subscribe.*|mailpoet.*)$",
    re.IGNORECASE,
)
_AUTHOR_BOX = re.compile(
    r"^(entry-author-info|author-info|author-bio|author-box|authorbox|about-author|"
    r"author-bio-box|post-author-box|saboxplugin-wrap|abh_box|author-profile|"
    r"wp-block-post-author-biography|wp-block-post-author__bio|author-details)$",
    re.IGNORECASE,
)
_CHROME = re.compile(
    r"^(wpa|wpcnt|wordads.*|atatags-.+|adsbygoogle|advert.*|ads?|ad-.+|google-auto-placed|"
    r"widget.*|xoxo|(primary-|secondary-)?sidebar(-(left|right|primary|secondary|area|widgets?|inner|wrapper|\d+))?|"
    r"secondary|tertiary|colophon|site-footer|site-header|"
    r"masthead|wpadminbar|actionbar|bit|loggedout-follow.*|cookie.*|gdpr.*|cmplz-.+|"
    r"eu-cookie-law.*|moove_gdpr.*|subscribe.*|newsletter.*|mc4wp.*|jetpack_subscription_widget|"
    r"wp-block-jetpack-subscriptions.*|navigation|nav-links|nav-previous|nav-next|"
    r"nav-above|nav-below|nav-single|post-navigation|pagination-single|"
    r"wp-block-post-navigation-link|breadcrumbs?|screen-reader-text|skip-link|"
    r"edit-link|post-edit-link|page-links|entry-utility|entry-footer|"
    r"grofile-hash-map.*|post-author-badge|by-post-author|discussion-meta|"
    r"sticky-post|featured-post|comments-link|wp-block-post-comments-link|"
    r"printfriendly|wp-block-comments-pagination|comment-navigation|comments-pagination)$",
    re.IGNORECASE,
)
_CHROME_META = re.compile(
    r"^(widget.*|xoxo|(primary-|secondary-)?sidebar(-(left|right|primary|secondary|area|widgets?|inner|wrapper|\d+))?|"
    r"secondary|tertiary|site-footer|site-header|masthead|"
    r"wpadminbar|navigation|nav-links|nav-previous|nav-next|nav-above|nav-below|nav-single|"
    r"post-navigation|pagination-single|breadcrumbs?|wp-block-navigation.*|menu.*|"
    r"wpa|wpcnt|wordads.*|colophon|site-info|(page-|main-|global-)?footer\d*|"
    r"footer[-_](nav|navigation|menu|widgets?|links|area|wrapper|inner|bottom|top|sidebar)\S*)$",
    re.IGNORECASE,
)
"""Zones whose links and names are not the post's metadata (a subset of the content drops)."""
_PLUGIN_WIDGETS = re.compile(
    r"^(wprm-recipe-(jump|print|pin|snippet|jump-video)\S*|wprm-(jump-to|print)-recipe-shortcode|"
    r"wp-block-wp-recipe-maker-\S+|tasty-recipes-(jump-link|jump-to-recipe|print-button|buttons|print-link|pin)\S*|"
    r"mv-create-(jtr|print-button|pin-button)\S*|mv-pinterest-btn|jump-to-recipe\S*|recipe-(jump|print|pin)-\S+|"
    r"\S*donat(e|ion)\S*|give-form-wrap|give-embed-form-wrapper|popmake\S*|pum|pum-\S+|\S*-popup|popup-\S+|"
    r"steady-\S+|ko-fi\S*|"
    r"powerpress_(player|links)\S*|podcast[-_]?player\S*|wp-block-podcast-player|ssp-player\S*|pp-podcast\S*|"
    r"castos-player\S*|mejs-(controls|offscreen|time\S*|button\S*)|"
    r"\S*disclos(ure|ures|ing)\S*|\S*(card|credit)[-_]?offer\S*|offer[-_]?(card|box|widget)s?|"
    r"also[-_]read\S*|read[-_]also\S*|read[-_]more[-_](box|links?|articles?)|more[-_]from\S*|"
    r"you[-_]may[-_](also[-_])?like\S*|inline[-_]related\S*)$",
    re.IGNORECASE,
)
"""Plugin widgets printed inside the content: recipe-card jump/print/pin buttons, donation pop-ups,
podcast-player controls, affiliate disclosures, card offers, "also read" boxes."""
_WIDE_WRAPPER = re.compile(
    r"^(entry-meta|post-meta|entry-info|post-info|meta-info|postmeta|post-byline|entry-byline|byline|"
    r"menu|menu-.+-container|(main|primary|top|site|header)-menu|wp-block-navigation\S*|"
    r"(post|entry|article)-footer|post-tags|post-categories|post-share\S*)$",
    re.IGNORECASE,
)
"""The post's own meta lines, footers and menus: inside the content only when the content's element
is wider than the content (a post with no tight wrapper)."""
_SUBSCRIBE = re.compile(r"^(subscribe.*|newsletter.*|.*-newsletter.*|mc4wp.*|jetpack_subscription_widget|"
                        r"wp-block-jetpack-subscriptions.*|.*optin.*)$", re.IGNORECASE)
_CONTENT_DROP = (_FORM, _SHARING, _RELATED, _AUTHOR_BOX, _CHROME, _INSERTS, _PLUGIN_WIDGETS, _WIDE_WRAPPER)
_TEXT_BOILERPLATE = re.compile(
    r"^(Like this:|Gefällt mir:|J'aime ceci\s*:|Share this:|Teilen mit:|Partager\s*:|"
    r"Related|Ähnliche Beiträge|Similaire|About these ads|Advertisements|Anzeige|"
    r"Loading\.\.\.|Wird geladen …|Chargement…|Connecting to %s|"
    r"You are commenting using your .* account\..*|Verbinde mit %s|"
    r"Fill in your details below or click an icon to log in:)$"
)


def tokens(element: HtmlElement) -> list[str]:
    """The element's id and class tokens."""
    found = classes(element)
    ident = element.get("id")
    if ident:
        found.append(ident)
    return found


def _matches(element: HtmlElement, *patterns: re.Pattern[str]) -> bool:
    for token in tokens(element):
        for pattern in patterns:
            if pattern.match(token):
                return True
    return False


def is_comment_zone(element: HtmlElement) -> bool:
    """A comments area, comment list, single comment or comment form."""
    return _matches(element, _COMMENT_ZONE)


def is_author_box(element: HtmlElement) -> bool:
    """An author bio box."""
    return _matches(element, _AUTHOR_BOX)


def is_related(element: HtmlElement) -> bool:
    """Related posts, or a query loop listing other posts."""
    return _matches(element, _RELATED)


def is_never_content(element: HtmlElement) -> bool:
    """Forms, sharing, likes, related posts, bio boxes, ads, widgets, navigation, notices."""
    if element.get("data-wxr-post-holder"):
        return False
    if element.tag in ("form", "nav", "aside"):
        return True
    return _matches(element, *_CONTENT_DROP) or is_comment_zone(element)


def is_appended_block(element: HtmlElement) -> bool:
    """A block plugins append to the end of the content (``the_content`` filters): sharing, likes,
    related posts, bio boxes, subscribe forms. (Disclosures, recipe buttons and donation boxes may
    stand anywhere in the text.)"""
    if element.get("data-wxr-post-holder"):
        return False
    return _matches(element, _SHARING, _RELATED, _AUTHOR_BOX, _SUBSCRIBE)


def is_boilerplate_text(text: str) -> bool:
    """A line of text that Jetpack, WordPress.com or a comment form prints, never content."""
    return bool(_TEXT_BOILERPLATE.match(text.strip()))


def is_outside_post(element: HtmlElement) -> bool:
    """A zone whose links and names belong to something other than the post's metadata."""
    if element.get("data-wxr-post-holder"):
        return False
    if element.tag in ("nav", "aside", "form"):
        return True
    return _matches(element, _COMMENT_ZONE, _FORM, _SHARING, _RELATED, _CHROME_META)




_POST_NUMBER = re.compile(r"^post-(\d{1,18})$")  # a longer number is no post id (and no int)


def other_posts(scope: HtmlElement) -> Callable[[HtmlElement], bool]:
    """A test for items of other posts inside ``scope`` (cards, related posts, a listing): elements
    carrying another ``post-N`` than the scope's own (any, when the scope is not a post's element)."""
    own = {int(m.group(1)) for t in tokens(scope) if (m := _POST_NUMBER.match(t))}

    def test(element: HtmlElement) -> bool:
        if element is scope:
            return False
        return any(int(m.group(1)) not in own for t in classes(element) if (m := _POST_NUMBER.match(t)))
    return test


def inside(element: HtmlElement, test: Callable[[HtmlElement], bool], stop: HtmlElement | None = None) -> bool:
    """Whether ``element`` or an ancestor below ``stop`` passes ``test``."""
    if test(element):
        return True
    for parent in ancestors(element):
        if parent is stop:
            return False
        if test(parent):
            return True
    return False
