"""Small things a new user meets: prose in brackets, renamed dates for Hugo, counts in words."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from wxr_tools.cli import app
from wxr_tools.model import Post
from wxr_tools.transforms import ContentIndex, render_post
from wxr_tools.wording import plural

from corpus import FIXTURES

runner = CliRunner()


def test_prose_in_brackets_is_not_an_unknown_shortcode() -> None:
    prose = render_post(Post(id=1, content="We sailed a [simple boat] home, he said [sic]."), ContentIndex())
    assert prose.unknown_shortcodes == {}
    assert "[simple boat]" in prose.body
    plugin = render_post(Post(id=2, content='[su_box title="Note"]Hi[/su_box] [myform id=3] [toc /]'),
                         ContentIndex())
    assert plugin.unknown_shortcodes == {"su_box": 1, "myform": 1, "toc": 1}


def test_hugo_keeps_a_renamed_date_at_the_top_where_its_config_reads_it(tmp_path: Path) -> None:
    result = runner.invoke(app, ["convert", str(FIXTURES / "awen-therapy.xml"), "--preset", "hugo",
                                 "--fields", "title,date:created,author", "-o", str(tmp_path / "site"), "-q"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "site" / "content" / "about.md")
    page = page if page.exists() else next((tmp_path / "site").rglob("about*/index.md"))
    front = yaml.safe_load(page.read_text("utf-8").split("---")[1])
    assert str(front["created"]).startswith("2012-03-03")
    assert "params" not in front and front["author"]  # custom fields at the top: Hugo 0.111 reads no params key


def test_counts_agree_with_their_number() -> None:
    assert (plural(1, "item"), plural(2, "item"), plural(0, "error"), plural(1, "error")) == (
        "1 item", "2 items", "0 errors", "1 error")
    result = runner.invoke(app, ["info", str(FIXTURES / "validate" / "WXR103-bad.xml")])
    assert "0 errors, 1 warning," in result.output
