"""A real WordPress 6.1 export against what its database held (realwp/truth.json)."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from wxr_tools import read_wxr

from corpus import shared_path

STATUS = {"1": "approved", "0": "pending", "trash": "trash", "spam": "spam"}


@pytest.fixture(scope="module")
def truth() -> dict:  # type: ignore[type-arg]
    return json.loads(shared_path("realwp", "truth.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def site():  # type: ignore[no-untyped-def]
    return read_wxr(shared_path("realwp", "wxr", "all.xml"))


def _gmt(value: str) -> datetime | None:
    return None if value.startswith("0000") else datetime.fromisoformat(value).replace(tzinfo=timezone.utc)


def test_every_exported_post_matches_the_database(site, truth) -> None:  # type: ignore[no-untyped-def]
    posts = {p.id: p for p in site.posts}
    expected = [p for p in truth["posts"] if p["post_type"] != "revision"]
    assert sorted(posts) == sorted(p["ID"] for p in expected)
    for row in expected:
        post = posts[row["ID"]]
        assert post.title == row["post_title"]
        assert post.slug == row["post_name"]
        assert post.status == row["post_status"]
        assert post.type == row["post_type"]
        assert post.date_gmt == _gmt(row["post_date_gmt"])
        assert post.date is not None and post.date.replace(tzinfo=None) == datetime.fromisoformat(row["post_date"])
        assert post.author == row["author_login"]
        assert post.parent == (row["post_parent"] or None)
        assert post.content == row["post_content"]
        assert post.sticky == row["sticky"]
        assert post.protected == bool(row["post_password"])
        assigned = row["terms"] or {}  # PHP writes an empty map as []
        assert sorted((t.taxonomy, t.slug, t.name) for t in post.terms) == sorted(
            (taxonomy, t["slug"], t["name"]) for taxonomy, items in assigned.items() for t in items)
        assert [(m.key, m.value) for m in post.meta] == [(m["key"], m["value"]) for m in row["meta"]]


def test_local_dates_carry_the_sites_offset(site) -> None:  # type: ignore[no-untyped-def]
    target = next(p for p in site.posts if p.id == 7)
    assert target.date.isoformat() == "2012-11-26T21:14:37-08:00"  # Los Angeles, standard time
    summer = [p for p in site.posts if p.date_gmt and p.date_gmt.month in (6, 7)]
    assert summer and all(p.date.utcoffset().total_seconds() == -7 * 3600 for p in summer)


def test_every_exported_comment_matches_the_database(site, truth) -> None:  # type: ignore[no-untyped-def]
    comments = {c.id: (p.id, c) for p in site.posts for c in p.comments}
    expected = [c for c in truth["comments"] if c["comment_approved"] != "spam"]
    assert sorted(comments) == sorted(c["comment_ID"] for c in expected)
    for row in expected:
        post_id, comment = comments[row["comment_ID"]]
        assert post_id == row["comment_post_ID"]
        assert comment.parent == (row["comment_parent"] or None)
        assert comment.type == row["comment_type"]
        assert comment.status == STATUS[row["comment_approved"]]
        assert comment.content == row["comment_content"]
        assert comment.author_name == row["comment_author"]
        assert comment.date_gmt == _gmt(row["comment_date_gmt"])
        assert [(m.key, m.value) for m in comment.meta] == [(m["key"], m["value"]) for m in row["meta"]]


def test_every_term_matches_the_database(site, truth) -> None:  # type: ignore[no-untyped-def]
    by_id = {t["term_id"]: t for t in truth["terms"]}
    exported = {(t.taxonomy, t.slug): t for t in site.terms}
    # WordPress's export_wp() leaves post formats out of the channel (posts still name theirs)
    rows = [row for row in truth["terms"] if row["taxonomy"] != "post_format"]
    assert len(exported) == len(rows)
    for row in rows:
        term = exported[(row["taxonomy"], row["slug"])]
        assert term.name == row["name"]
        assert term.id == row["term_id"]
        assert term.description == row["description"]
        assert term.parent == (by_id[row["parent"]]["slug"] if row["parent"] else None)


def test_authors_come_without_bios_as_core_exports_do(site, truth) -> None:  # type: ignore[no-untyped-def]
    users = {u["user_login"]: u for u in truth["users"]}
    assert sorted(a.login for a in site.authors) == sorted(users)
    for author in site.authors:
        assert author.display_name == users[author.login]["display_name"]
        assert author.email == users[author.login]["user_email"]
        assert author.bio is None
