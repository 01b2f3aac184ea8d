"""The HTML-to-Markdown engine: chosen by name, and html2text where the compiled converter cannot be imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from wxr_tools.model import Post
from wxr_tools.transforms import ContentIndex, ContentOptions, render_comment, render_post
from wxr_tools.transforms.engines import engine_fallback_diagnostic

ROOT = Path(__file__).resolve().parents[1]
BODY = ('<p>Run <code>a_b*c</code>:</p><pre class="language-py">if x &lt; 3:\n    print("*")</pre>'
        "<p># not a heading &amp; *not emphasis*</p><hr><p>End.</p>")
COMMENT = "Thanks.\n\n&gt; quoted line\n&gt; &gt; older quote"

# Run where "import html_to_markdown" fails, as on a platform without a wheel for it.
_WITHOUT_COMPILED = f"""
import json, sys
sys.modules["html_to_markdown"] = None
from wxr_tools.model import Post
from wxr_tools.transforms import ContentIndex, ContentOptions, render_comment, render_post
from wxr_tools.transforms.engines import engine_fallback_diagnostic
diagnostic = engine_fallback_diagnostic()
print(json.dumps({{
    "body": render_post(Post(id=1, content={BODY!r}), ContentIndex()).body,
    "comment": render_comment({COMMENT!r}),
    "diagnostic": None if diagnostic is None else [diagnostic.code, diagnostic.severity, diagnostic.message,
                                                   diagnostic.action],
    "chosen": engine_fallback_diagnostic("html2text") is not None,
    "compiled_loaded": "wxr_tools.transforms.html_to_markdown_engine" in sys.modules,
}}))
"""


def test_without_the_compiled_converter_html2text_converts_and_a_diagnostic_says_so() -> None:
    run = subprocess.run([sys.executable, "-c", _WITHOUT_COMPILED], cwd=ROOT, capture_output=True, text=True,
                         timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["body"] == ("Run `a_b*c`:\n\n```py\nif x < 3:\n    print(\"*\")\n```\n\n"
                              "\\# not a heading & \\*not emphasis\\*\n\n---\n\nEnd.\n")
    assert result["body"] == render_post(Post(id=1, content=BODY), ContentIndex(),
                                         ContentOptions(converter="html2text")).body
    assert result["comment"] == "Thanks.\n\n> quoted line\n>\n> > older quote\n"
    assert result["diagnostic"] == [
        "MD010", "warning",
        "the compiled html-to-markdown converter cannot be imported on this platform; html2text was used",
        "converted with html2text"]
    assert result["chosen"] is False  # asked for html2text: nothing to report
    assert result["compiled_loaded"] is False


def test_with_the_compiled_converter_the_default_engine_is_it_and_nothing_is_reported() -> None:
    assert engine_fallback_diagnostic() is None
    body = render_post(Post(id=1, content=BODY), ContentIndex()).body
    assert body == render_post(Post(id=1, content=BODY), ContentIndex(),
                               ContentOptions(converter="html-to-markdown")).body
    assert "```py\nif x < 3:\n    print(\"*\")\n```" in body
    assert render_comment(COMMENT) == render_comment(COMMENT, "html-to-markdown")


def test_the_default_engine_never_imports_html2text() -> None:
    script = ("import sys\nfrom wxr_tools.model import Post\n"
              "from wxr_tools.transforms import ContentIndex, render_comment, render_post\n"
              f"render_post(Post(id=1, content={BODY!r}), ContentIndex()); render_comment({COMMENT!r})\n"
              "print('html2text' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"
