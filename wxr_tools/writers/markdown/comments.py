"""Comments as data: threads kept, pings marked, personal data dropped unless asked.

A post's comments go to a sidecar YAML file (default), into the front
matter, into a section at the end of the body, or nowhere.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from typing import Any

from ...model import Comment

COMMENT_MODES = ("sidecar", "front-matter", "section", "none")
PII_MODES = ("drop", "hash", "keep")


def _sha256(text: str) -> str:
    return hashlib.sha256(text.strip().lower().encode("utf-8")).hexdigest()


def select_comments(comments: list[Comment], include_unapproved: bool, counts: Counter[str]) -> list[Comment]:
    """Approved comments (and pending ones if asked), counting each one left out by status."""
    kept = []
    for comment in comments:
        if comment.status == "approved" or (include_unapproved and comment.status == "pending"):
            kept.append(comment)
        else:
            counts[f"comment:{comment.status or 'unknown'}"] += 1
    return kept


def comment_record(comment: Comment, pii: str, render: Callable[[str], str]) -> dict[str, Any]:
    """One comment as a plain mapping; ``parent`` only for replies, e-mail and IP per ``pii``."""
    record: dict[str, Any] = {"id": comment.id}
    if comment.parent:
        record["parent"] = comment.parent
    record["type"] = comment.type or "comment"
    if comment.status != "approved":
        record["status"] = comment.status
    record["author"] = comment.author_name
    if comment.author_url:
        record["author_url"] = comment.author_url
    if pii == "keep":
        if comment.author_email:
            record["author_email"] = comment.author_email
        if comment.author_ip:
            record["author_ip"] = comment.author_ip
    elif pii == "hash":
        if comment.author_email:
            record["author_email_sha256"] = _sha256(comment.author_email)
        if comment.author_ip:
            record["author_ip_sha256"] = _sha256(comment.author_ip)
    if comment.date is not None:
        record["date"] = comment.date
    record["content"] = render(comment.content)
    return record


def comments_section(records: list[dict[str, Any]]) -> str:
    """A ``## Comments`` section in Markdown: one heading per comment, replies say whom they answer."""
    authors = {r["id"]: r["author"] for r in records}
    lines = ["", "## Comments", ""]
    for record in records:
        kind = "" if record["type"] == "comment" else f" ({record['type']})"
        when = f" · {record['date'].isoformat()}" if "date" in record else ""
        lines += [f"### {record['author'] or 'Anonymous'}{kind}{when}", ""]
        if "parent" in record:
            lines += [f"*In reply to {authors.get(record['parent'], 'a comment')}*", ""]
        lines += [record["content"].rstrip("\n"), ""]
    return "\n".join(lines)
