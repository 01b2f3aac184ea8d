"""``wxr info``: what an export holds, counted, with the problems found in it."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .source import Source


def summarize(source: Source) -> dict[str, Any]:
    """Counts of an export by kind, as ``wxr info --json`` prints them (streams the posts)."""
    by_type: Counter[str] = Counter()
    by_status: Counter[str] = Counter()
    comments_by_type: Counter[str] = Counter()
    comments_by_status: Counter[str] = Counter()
    items = 0
    for post in source.posts():
        items += 1
        by_type[post.type] += 1
        by_status[post.status] += 1
        for comment in post.comments:
            comments_by_type[comment.type] += 1
            comments_by_status[comment.status] += 1
    terms_by_taxonomy = Counter(term.taxonomy for term in source.terms)
    info = source.info
    return {
        "site": {"title": info.title, "link": info.link, "language": info.language,
                 "base_site_url": info.base_site_url, "base_blog_url": info.base_blog_url},
        "wxr_version": info.wxr_version,
        "generator": info.generator,
        "items": items,
        "posts_by_type": dict(sorted(by_type.items())),
        "posts_by_status": dict(sorted(by_status.items())),
        "comments": {
            "total": sum(comments_by_type.values()),
            "by_type": dict(sorted(comments_by_type.items())),
            "by_status": dict(sorted(comments_by_status.items())),
        },
        "authors": [
            {"login": a.login, "display_name": a.display_name, "email": a.email}
            for a in source.authors
        ],
        "terms_by_taxonomy": dict(sorted(terms_by_taxonomy.items())),
        "diagnostics": [
            {"code": d.code, "severity": d.severity, "file": d.file, "line": d.line,
             "column": d.column, "message": d.message, "action": d.action}
            for d in source.diagnostics
        ],
    }
