"""The SQLite file: full-text search, atomic replacement, schema naming, and what writers never write."""

from __future__ import annotations

import sqlite3
import subprocess
import tracemalloc
from pathlib import Path

import msgspec
import pytest
from sql_support import SHARED, client, run

from wxr_tools import open_wxr
from wxr_tools.model import Author, Comment, Meta, Post, Site, SiteInfo, Term, TermRef
from wxr_tools.source import SiteSource
from wxr_tools.writers import WriterOptionsError
from wxr_tools.writers.sql import SqliteOptions, SqlScriptOptions, SqlWriteError, write_sql, write_sqlite

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "awen-therapy.xml"


def query(path: Path, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql, params).fetchall()


def test_fts_finds_the_seed_fixture_post_by_a_word_of_its_body(tmp_path: Path) -> None:
    db = tmp_path / "site.db"
    write_sqlite(open_wxr(FIXTURE), db)
    rows = query(db, "SELECT rowid, title FROM posts_fts WHERE posts_fts MATCH 'borrowed' ORDER BY rowid")
    assert rows == [(7, "We Can All Use a Little Help Sometimes…")]
    assert query(db, "SELECT rowid FROM posts_fts WHERE posts_fts MATCH 'xylophone'") == []
    comments = query(db, "SELECT c.author_name FROM comments_fts JOIN comments c ON c.id = comments_fts.rowid"
                         " WHERE comments_fts MATCH 'Jasmine'")
    assert [name for (name,) in comments] == ["matthewilliamiller"]


def seed_site() -> Site:
    """The seed page's post, comment and author, built by hand from the seed text."""
    seed = SHARED / "seed" / "awen-therapy-page.txt"
    if not seed.is_file():
        pytest.skip(f"seed page text not found at {seed}")
    text = seed.read_text(encoding="utf-8")
    title, _, rest = text.partition("\n")
    body, _, after = rest.partition("About awentherapy")
    comment = after[after.index("matthewilliamiller says:"):after.index("Leave a Reply")]
    return Site(
        info=SiteInfo(title="Awen Therapy Blog"),
        authors=[Author(login="awentherapy")],
        posts=[Post(id=1180, title=title.strip(), content=body.strip(), author="awentherapy",
                    comments=[Comment(id=1, author_name="matthewilliamiller", content=comment)])],
    )


def test_fts_finds_the_seed_post_in_the_file_and_from_the_sqlite_script(tmp_path: Path) -> None:
    site = seed_site()
    db = tmp_path / "direct.db"
    write_sqlite(SiteSource(site), db)
    script_db = tmp_path / "script.db"
    write_sql(SiteSource(site), tmp_path / "site.sql", SqlScriptOptions(dialect="sqlite"))
    run([client("sqlite3"), "-bail", str(script_db)], stdin=tmp_path / "site.sql")
    for path in (db, script_db):
        found = query(path, "SELECT p.id, p.title FROM posts_fts JOIN posts p ON p.id = posts_fts.rowid"
                            " WHERE posts_fts MATCH 'borrowed'")
        assert found == [(1180, "We Can All Use a Little Help Sometimes…")]
        assert query(path, "SELECT rowid FROM comments_fts WHERE comments_fts MATCH 'Jasmine'") == [(1,)]


class FailingSource(SiteSource):
    """A source whose post stream breaks halfway, as a truncated input would."""

    def posts(self):
        yield from self.site.posts[:1]
        raise OSError("input vanished")


def test_a_failed_run_leaves_the_previous_file_and_no_temporary_one(tmp_path: Path) -> None:
    db = tmp_path / "site.db"
    db.write_bytes(b"the previous database")
    site = Site(posts=[Post(id=1, title="one"), Post(id=2, title="two")])
    with pytest.raises(OSError, match="input vanished"):
        write_sqlite(FailingSource(site), db, batch_size=1)
    assert db.read_bytes() == b"the previous database"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site.db"]


@pytest.mark.parametrize("dialect", ["sqlite", "postgres", "mysql"])
def test_a_failed_script_leaves_no_file(tmp_path: Path, dialect: str) -> None:
    site = Site(posts=[Post(id=1, title="one"), Post(id=2, title="two")])
    with pytest.raises(OSError, match="input vanished"):
        write_sql(FailingSource(site), tmp_path / "dump.sql", SqlScriptOptions(dialect=dialect))
    assert list(tmp_path.iterdir()) == []


def test_the_file_replaces_an_existing_one_when_complete(tmp_path: Path) -> None:
    db = tmp_path / "site.db"
    db.write_bytes(b"old")
    report = write_sqlite(SiteSource(Site(posts=[Post(id=5, title="new")])), db)
    assert query(db, "SELECT id, title FROM posts") == [(5, "new")]
    assert report.rows["posts"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site.db"]


def test_post_passwords_are_never_written(tmp_path: Path) -> None:
    secret = "hunter2-the-post-password"
    post = Post(id=1, title="locked", protected=True)
    post.password = secret
    site = Site(posts=[post])
    write_sqlite(SiteSource(site), tmp_path / "site.db")
    assert secret.encode() not in (tmp_path / "site.db").read_bytes()
    assert query(tmp_path / "site.db", "SELECT protected FROM posts") == [(1,)]
    for dialect in ("sqlite", "postgres", "mysql"):
        write_sql(SiteSource(site), tmp_path / f"{dialect}.sql", SqlScriptOptions(dialect=dialect))
        assert secret not in (tmp_path / f"{dialect}.sql").read_text(encoding="utf-8")


def test_schema_only_then_data_only_scripts_load_into_sqlite(tmp_path: Path) -> None:
    export = open_wxr(FIXTURE)
    write_sql(export, tmp_path / "schema.sql", SqlScriptOptions(dialect="sqlite", schema_only=True))
    write_sql(export, tmp_path / "data.sql", SqlScriptOptions(dialect="sqlite", data_only=True))
    assert "INSERT" not in (tmp_path / "schema.sql").read_text(encoding="utf-8")
    assert "CREATE TABLE" not in (tmp_path / "data.sql").read_text(encoding="utf-8")
    db = tmp_path / "site.db"
    run([client("sqlite3"), "-bail", str(db)], stdin=tmp_path / "schema.sql")
    assert query(db, "SELECT COUNT(*) FROM posts") == [(0,)]
    run([client("sqlite3"), "-bail", str(db)], stdin=tmp_path / "data.sql")
    assert query(db, "SELECT COUNT(*) FROM posts") == [(3,)]
    assert query(db, "SELECT COUNT(*) FROM post_terms WHERE post_id = 7") == [(18,)]
    assert query(db, "SELECT rowid FROM posts_fts WHERE posts_fts MATCH 'borrowed'") == [(7,)]


def test_duplicates_are_skipped_and_undeclared_terms_added_with_diagnostics(tmp_path: Path) -> None:
    site = Site(
        authors=[Author(login="ann"), Author(login="ann")],
        terms=[Term(taxonomy="category", slug="news", id=3)],
        posts=[
            Post(id=1, title="first", terms=[TermRef(taxonomy="category", slug="news"),
                                             TermRef(taxonomy="category", slug="news"),
                                             TermRef(taxonomy="post_tag", slug="fresh", name="Fresh")],
                 comments=[Comment(id=9, content="a"), Comment(id=9, content="again")]),
            Post(id=1, title="second copy"),
        ],
    )
    db = tmp_path / "site.db"
    report = write_sqlite(SiteSource(site), db)
    assert query(db, "SELECT id, title FROM posts") == [(1, "first")]
    assert query(db, "SELECT content FROM comments") == [("a",)]
    assert query(db, "SELECT t.taxonomy, t.slug, t.name FROM post_terms pt JOIN terms t ON t.id = pt.term_id"
                     " ORDER BY t.id") == [("category", "news", ""), ("post_tag", "fresh", "Fresh")]
    assert sorted(d.code for d in report.diagnostics) == ["SQL001", "SQL002", "SQL003", "SQL004"]
    assert report.rows["authors"] == 1 and report.rows["terms"] == 2


def test_dangling_parents_are_kept_as_the_model_has_them(tmp_path: Path) -> None:
    site = Site(terms=[Term(taxonomy="category", slug="child", parent="missing")],
                posts=[Post(id=2, type="attachment", parent=99,
                            comments=[Comment(id=5, parent=4, content="reply to a spam comment")])])
    db = tmp_path / "site.db"
    write_sqlite(SiteSource(site), db)
    assert query(db, "SELECT parent FROM posts") == [(99,)]
    assert query(db, "SELECT parent FROM comments") == [(4,)]
    assert query(db, "SELECT parent FROM terms") == [("missing",)]
    assert query(db, "PRAGMA foreign_key_check") == []


def test_table_prefix_names_every_table_and_the_fts_tables(tmp_path: Path) -> None:
    db = tmp_path / "site.db"
    write_sqlite(open_wxr(FIXTURE), db, SqliteOptions(table_prefix="wp_"))
    names = {name for (name,) in query(db, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"wp_posts", "wp_comments", "wp_post_terms", "wp_posts_fts", "wp_comments_fts"} <= names
    assert not {n for n in names if not n.startswith("wp_")}
    assert query(db, "SELECT rowid FROM wp_posts_fts WHERE wp_posts_fts MATCH 'borrowed'") == [(7,)]


@pytest.mark.parametrize("prefix", ["wp-", "x\"; DROP TABLE posts; --", "1abc", "a b"])
def test_a_prefix_that_is_not_a_plain_name_is_refused(tmp_path: Path, prefix: str) -> None:
    with pytest.raises(SqlWriteError, match="prefix"):
        SqliteOptions(table_prefix=prefix)
    with pytest.raises(SqlWriteError, match="prefix"):
        SqlScriptOptions(dialect="mysql", table_prefix=prefix)
    assert not list(tmp_path.iterdir())


def test_unknown_dialect_and_conflicting_modes_are_refused() -> None:
    with pytest.raises(WriterOptionsError, match="--dialect 'oracle' is not one of: sqlite, postgres, mysql"):
        SqlScriptOptions(dialect="oracle")
    with pytest.raises(WriterOptionsError, match="exclude each other"):
        SqlScriptOptions(dialect="sqlite", schema_only=True, data_only=True)


COLUMNS_NOT_IN_THE_MODEL = {
    "sites": {"id", "model_version"}, "comments": {"post_id"}, "post_terms": {"post_id", "term_id"},
    "postmeta": {"id", "post_id"}, "commentmeta": {"id", "comment_id"}, "termmeta": {"id", "term_id"},
}
MODEL_OF = {"sites": SiteInfo, "authors": Author, "terms": Term, "posts": Post, "comments": Comment,
            "postmeta": Meta, "commentmeta": Meta, "termmeta": Meta, "post_terms": Post}


def test_column_names_are_the_json_field_names(tmp_path: Path) -> None:
    db = tmp_path / "site.db"
    write_sqlite(SiteSource(Site()), db)
    for table, model in MODEL_OF.items():
        columns = {row[1] for row in query(db, f'PRAGMA table_info("{table}")')}
        fields = {f.encode_name for f in msgspec.structs.fields(model)}
        assert columns - COLUMNS_NOT_IN_THE_MODEL.get(table, set()) <= fields, table
    posts = [row[1] for row in query(db, 'PRAGMA table_info("posts")')]
    assert posts[:5] == ["id", "type", "status", "title", "slug"] and "password" not in posts
    comments = {row[1] for row in query(db, 'PRAGMA table_info("comments")')}
    assert {"id", "post_id", "parent", "content", "author_name", "date_gmt"} <= comments


class GeneratedSource:
    """A source that makes its posts on demand, so only the writer can hold them in memory."""

    def __init__(self, count: int, size: int) -> None:
        self.info, self.authors, self.terms, self.diagnostics = SiteInfo(), [], [], []
        self.count, self.size = count, size

    def posts(self):
        body = "lorem ipsum dolor sit amet " * (self.size // 27)
        for i in range(1, self.count + 1):
            yield Post(id=i, title=f"post {i}", content=f"{i} {body}",
                       meta=[Meta(key="k", value=body[:200])], comments=[Comment(id=i, content=body[:500])])


@pytest.mark.parametrize("write", [
    lambda source, tmp: write_sqlite(source, tmp / "site.db", fts=False),
    lambda source, tmp: write_sql(source, tmp / "site.sql", SqlScriptOptions(dialect="postgres")),
    lambda source, tmp: write_sql(source, tmp / "site.sql", SqlScriptOptions(dialect="mysql")),
], ids=["sqlite", "postgres-script", "mysql-script"])
def test_memory_does_not_grow_with_the_number_of_posts(tmp_path: Path, write) -> None:
    peaks = []
    for count in (1000, 6000):  # 5 MB and 30 MB of text, both past the batch limit
        tracemalloc.start()
        write(GeneratedSource(count, 5_000), tmp_path)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    # 5000 more posts of 5 KB each: the peak may grow only by the sets of post and comment
    # ids kept to skip duplicates (under 250 bytes a post), never by the text.
    assert peaks[1] - peaks[0] < 250 * 5000, peaks
