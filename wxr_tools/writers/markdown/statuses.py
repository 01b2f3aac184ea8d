"""Which items become files, and which as drafts: nothing that was not public is written by default."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Post

NOT_CONTENT_TYPES = frozenset({
    "attachment", "revision", "nav_menu_item", "wp_block", "wp_navigation", "wp_template",
    "wp_template_part", "wp_global_styles", "wp_font_family", "wp_font_face", "custom_css",
    "customize_changeset", "oembed_cache", "user_request", "wp_font_collection",
})
"""Post types that are site machinery, not posts."""

DRAFT_STATUSES = frozenset({"draft", "pending", "private", "future"})
"""Statuses written only with ``drafts`` (and then as drafts): none of them was public on the old site."""


@dataclass(frozen=True)
class Decision:
    """What happens to one item: ``write`` (maybe as a draft) or ``skip``, and why."""

    write: bool
    draft: bool
    reason: str
    """``publish``, ``draft``, ``pending``, ``private``, ``future``, ``protected`` when written;
    ``trash``, ``password-protected``, ``not-a-post:<type>``, ``type-not-selected:<type>``,
    ``not-public:<status>`` (without ``drafts``), ``status:<status>`` when skipped."""


def decide(post: Post, post_types: tuple[str, ...], write_protected: bool, drafts: bool = False) -> Decision:
    """Decide an item's fate from its type, status and password; ``drafts`` writes the non-public ones."""
    if post.type in NOT_CONTENT_TYPES:
        return Decision(False, False, f"not-a-post:{post.type}")
    if post.type not in post_types:
        return Decision(False, False, f"type-not-selected:{post.type}")
    if post.status == "trash":
        return Decision(False, False, "trash")
    if post.protected and not write_protected:
        return Decision(False, False, "password-protected")
    if post.status in DRAFT_STATUSES:
        return Decision(True, True, post.status) if drafts else Decision(False, False, f"not-public:{post.status}")
    if post.status == "publish":
        return Decision(True, False, "protected" if post.protected else "publish")
    return Decision(False, False, f"status:{post.status or 'none'}")
