"""The SQL writers on exports made to hurt: diagnostics stay few however often a problem repeats."""

from __future__ import annotations

from fuzz.seeds import REGRESSIONS
from wxr_tools.model import Post, Site, SiteInfo, TermRef
from wxr_tools.readers.wxr import open_wxr
from wxr_tools.source import SiteSource
from wxr_tools.writers.sql import write_sqlite
from wxr_tools.writers.sql.rows import LISTED_PER_CODE


def test_a_post_in_many_undeclared_categories_lists_twenty_and_counts_the_rest(tmp_path):
    terms = [TermRef(taxonomy="category", slug=f"topic-{i}", name=f"Topic {i}") for i in range(500)]
    site = Site(info=SiteInfo(title="Many"), posts=[Post(id=1, title="Everywhere", terms=terms)])
    report = write_sqlite(SiteSource(site), tmp_path / "site.db")
    codes = [d.code for d in report.diagnostics]
    assert codes == ["SQL004"] * (LISTED_PER_CODE + 1)
    assert report.diagnostics[-1].message == f"{500 - LISTED_PER_CODE} more of SQL004 not listed one by one"
    assert report.rows["terms"] == 500 and report.rows["post_terms"] == 500


def test_numbers_past_a_signed_64_bit_integer_are_reported_and_the_export_still_loads(tmp_path):
    export = open_wxr(str(REGRESSIONS / "wxr_reader" / "numbers-too-large.xml"))
    report = write_sqlite(export, tmp_path / "site.db")
    assert report.rows["posts"] == 2 and report.rows["comments"] == 1
    assert sum(d.code == "WXR132" for d in export.diagnostics) == 4
