"""Embeds and captions as Hugo's own shortcodes with --hugo-shortcodes; plain Markdown by default."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from wxr_tools.cli import app
from wxr_tools.transforms.hugo_embeds import video_shortcode

from corpus import FIXTURES

EXPORT = FIXTURES / "content" / "video-embeds.xml"
runner = CliRunner()


def _body(tmp_path: Path, *options: str) -> str:
    out = tmp_path / "site"
    result = runner.invoke(app, ["convert", str(EXPORT), "-o", str(out), "-q", *options])
    assert result.exit_code == 0, result.output
    return (out / "content" / "posts" / "video" / "index.md").read_text("utf-8").split("---", 2)[2]


def test_players_and_captions_become_hugo_shortcodes(tmp_path: Path) -> None:
    body = _body(tmp_path, "--hugo-shortcodes")
    assert body.split("\n\n")[1:] == [
        '{{< figure src="https://t.example/a.jpg" alt="A boat" caption="A boat at sea" >}}',
        "{{< youtube dQw4w9WgXcQ >}}",
        '{{< vimeo id="76979871" title="A short film" >}}',
        "{{< youtube abcDEF12345 >}}",
        "{{< vimeo 12345678 >}}",
        "{{< youtube XYZxyz12345 >}}",
        "{{< youtube lineLINE123 >}}",
        '{{< figure src="https://t.example/b.jpg" alt="Bee" caption="A bee" >}}\n',
    ]


def test_default_stays_plain_markdown(tmp_path: Path) -> None:
    body = _body(tmp_path)
    assert "{{<" not in body
    assert "<https://www.youtube.com/embed/dQw4w9WgXcQ?rel=0>" in body and "![Bee](https://t.example/b.jpg)" in body


def test_a_mapped_shortcode_is_written_to_work_not_escaped(tmp_path: Path) -> None:
    body = _body(tmp_path, "--shortcode", 'caption={{< figure src="{src}" >}}')
    assert '{{< figure src="https://t.example/a.jpg" >}}' in body and "/*" not in body


def test_video_urls_people_paste() -> None:
    assert video_shortcode("https://youtu.be/abcDEF12345?t=10") == "{{< youtube abcDEF12345 >}}"
    assert video_shortcode("https://www.youtube-nocookie.com/embed/abcDEF12345") == "{{< youtube abcDEF12345 >}}"
    assert video_shortcode("https://m.youtube.com/watch?feature=share&amp;v=abcDEF12345") == \
        "{{< youtube abcDEF12345 >}}"
    assert video_shortcode("https://vimeo.com/76979871", 'Say "hi"') == \
        '{{< vimeo id="76979871" title="Say &quot;hi&quot;" >}}'
    assert video_shortcode("https://example.com/video/1") is None
