"""Filling an export's gaps from saved pages: bios, comments it lacks, term descriptions."""

from __future__ import annotations

import copy

from wxr_tools.diagnostics import Diagnostic, DiagnosticLog
from wxr_tools.model import Site


def merge_sites(export: Site, pages: Site) -> tuple[Site, list[Diagnostic]]:
    """The export with what only the pages know added; conflicts reported, the export kept."""
    log = DiagnosticLog()
    site = copy.deepcopy(export)
    _merge_authors(site, pages, log)
    _merge_terms(site, pages, log)
    _merge_comments(site, pages, log)
    return site, list(log)


def _merge_authors(site: Site, pages: Site, log: DiagnosticLog) -> None:
    by_login = {a.login.lower(): a for a in site.authors}
    by_name = {a.display_name.lower(): a for a in site.authors if a.display_name}
    for seen in pages.authors:
        author = by_login.get(seen.login.lower()) or by_name.get((seen.display_name or "").lower())
        if author is None:
            log.add("PAGE201", "info", f"author {seen.login!r} is on the pages but not in the export",
                    action="not added")
            continue
        if seen.bio is None:
            continue
        if author.bio is None or author.bio == "":
            author.bio = seen.bio
        elif author.bio.strip() != seen.bio.strip():
            log.add("PAGE202", "warning", f"author {author.login!r}: the pages show a different bio than"
                    " the export", action="export kept")


def _merge_terms(site: Site, pages: Site, log: DiagnosticLog) -> None:
    by_key = {(t.taxonomy, t.slug): t for t in site.terms}
    for seen in pages.terms:
        term = by_key.get((seen.taxonomy, seen.slug))
        if term is None or not seen.description:
            continue
        if not term.description:
            term.description = seen.description
        elif term.description.strip() != seen.description.strip():
            log.add("PAGE203", "warning", f"{term.taxonomy} {term.slug!r}: the pages show a different"
                    " description than the export", action="export kept")


def _merge_comments(site: Site, pages: Site, log: DiagnosticLog) -> None:
    by_id = {p.id: p for p in site.posts}
    by_url = {p.url.rstrip("/"): p for p in site.posts if p.url}
    for seen in pages.posts:
        post = by_id.get(seen.id) if seen.id > 0 else None
        if post is None:
            post = by_url.get(seen.url.rstrip("/"))
        if post is None:
            log.add("PAGE204", "info", f"post {seen.id} ({seen.url}) is on the pages but not in the export",
                    action="not added")
            continue
        known = {c.id: c for c in post.comments}
        for comment in seen.comments:
            if comment.id <= 0:
                continue
            existing = known.get(comment.id)
            if existing is None:
                post.comments.append(copy.deepcopy(comment))
                log.add("PAGE205", "info", f"post {post.id}: comment {comment.id} added from the pages",
                        action="added")
            elif (existing.parent or None) != (comment.parent or None):
                log.add("PAGE206", "warning", f"post {post.id}: comment {comment.id} has parent"
                        f" {comment.parent} on the pages but {existing.parent} in the export",
                        action="export kept")
