"""Every readable corpus export goes to SQLite, PostgreSQL and MariaDB, and reads back equal.

Row counts, titles, content, excerpts, meta values and comment text read
back from each database equal the model the WXR reader made. Each server
database is shared by the whole session; each load's tables are dropped
after it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from sql_support import SHARED, assert_same, drop_tables, load, mysql_dsn, pg_dsn, posts_by_id  # noqa: F401 (fixtures)

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
def test_corpus_export_reads_back_equal(path: Path, target: str, request, tmp_path: Path) -> None:
    export, site = read(path)
    if any(d.severity == "error" for d in export.diagnostics):
        pytest.skip(f"{path.name} reads with error-level diagnostics; only clean reads must load")
    dialect = target.split("-")[0]
    dsns = {}
    if dialect == "postgres":
        dsns["postgres"] = request.getfixturevalue("pg_dsn")
    elif dialect == "mysql":
        dsns["mysql"] = request.getfixturevalue("mysql_dsn")
    loaded = load(target, export, tmp_path, dsns)
    try:
        assert_same(loaded, site)
        if site.posts:
            dates = dict(loaded.select("posts", "id date_gmt"))
            for post in posts_by_id(site).values():
                if post.date_gmt is not None:
                    assert dates[post.id].replace("T", " ")[:19] == post.date_gmt.strftime("%Y-%m-%d %H:%M:%S")
    finally:
        drop_tables(loaded)


def test_corpus_is_present() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"shared corpus not found at {SHARED}")
    assert len(corpus_files()) > 50
