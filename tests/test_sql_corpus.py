"""Every readable corpus export goes to SQLite, PostgreSQL and MariaDB, and reads back equal.

Row counts, titles, content, excerpts, meta values and comment text read
back from each database equal the model the WXR reader made. Server loads
are ``--data-only`` into one schema per target made once (DDL is what is
slow on a server), emptied after each file; SQLite gets a whole new file.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from sql_support import (  # noqa: F401 (fixtures)
    SHARED, assert_same, empty_tables, load, mysql_dsn, new_prefix, pg_dsn, posts_by_id,
)

from wxr_tools import open_wxr
from wxr_tools.source import load as load_site

TARGETS = ["sqlite-direct", "sqlite-script", "postgres-direct", "postgres-script", "mysql-direct", "mysql-script"]


def corpus_files() -> list[Path]:
    files = sorted((SHARED / "corpus" / "wxr").rglob("*.xml"))
    return files + [SHARED / "realwp" / "wxr" / "all.xml"]


@lru_cache(maxsize=None)
def read(path: Path):
    """The export (a streaming source) and the whole model read from it."""
    export = open_wxr(path)
    site = load_site(export)
    return export, site


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("path", corpus_files() if SHARED.is_dir() else [],
                         ids=lambda p: str(p.relative_to(SHARED)) if SHARED.is_dir() else str(p))
def test_corpus_export_reads_back_equal(path: Path, target: str, request, schemas, tmp_path: Path) -> None:
    export, site = read(path)
    if any(d.severity == "error" for d in export.diagnostics):
        pytest.skip(f"{path.name} reads with error-level diagnostics; only clean reads must load")
    dialect = target.split("-")[0]
    if dialect == "sqlite":
        loaded = load(target, export, tmp_path, {})
    else:
        dsns = {dialect: request.getfixturevalue("pg_dsn" if dialect == "postgres" else "mysql_dsn")}
        loaded = load(target, export, tmp_path, dsns, prefix=schemas(target, dsns, tmp_path), data_only=True)
    try:
        assert_same(loaded, site)
        if site.posts:
            dates = dict(loaded.select("posts", "id date_gmt"))
            for post in posts_by_id(site).values():
                if post.date_gmt is not None:
                    assert dates[post.id].replace("T", " ")[:19] == post.date_gmt.strftime("%Y-%m-%d %H:%M:%S")
    finally:
        if dialect == "sqlite":
            loaded.close()
        else:
            empty_tables(loaded)


@pytest.fixture(scope="session")
def schemas():
    """The table prefix of each server target's schema, created on first use (dropped with the database)."""
    made: dict[str, object] = {}

    def prefix_for(target: str, dsns: dict[str, str], tmp: Path) -> str:
        if target not in made:
            made[target] = load(target, read(corpus_files()[0])[0], tmp, dsns, schema_only=True)
        return made[target].prefix  # type: ignore[attr-defined]

    return prefix_for


def test_corpus_is_present() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"shared corpus not found at {SHARED}")
    assert len(corpus_files()) > 50
