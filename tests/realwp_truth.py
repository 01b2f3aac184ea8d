"""Helpers comparing what the page reader got from ``../shared/realwp`` with ``truth.json``.

Pages show titles and names through ``wptexturize`` (curly quotes) and through
browsers' HTML parsing (a title's ``<Tricky>`` is an unknown tag, not text), so
text is compared after undoing those two; everything else is compared exactly.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
REALWP = SHARED / "realwp"
THEMES = ("twentyten12", "twentytwelve", "twentytwentyone", "twentytwentythree")

_TEXTURIZE = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "″": '"', "′": "'"})


def plain(text: str | None) -> str:
    """Text without tags, entities, curly quotes or whitespace differences."""
    text = re.sub(r"<[^>]*>", "", text or "")
    text = html.unescape(html.unescape(text)).translate(_TEXTURIZE)
    return re.sub(r"\s+", " ", text).strip()


def load_truth() -> dict:
    return json.loads((REALWP / "truth.json").read_text(encoding="utf-8"))


def saved_singles(theme: str) -> dict[str, str]:
    """``name -> URL`` of the single post/page captures with status 200 for a theme."""
    rows = (REALWP / "html" / theme / "index.tsv").read_text(encoding="utf-8").splitlines()
    found = {}
    for row in rows:
        name, status, url = row.split("\t")[:3]
        if name.startswith("single-") and status == "200":
            found[name] = url
    return found


def expected_posts(truth: dict, theme: str) -> list[dict]:
    """Published posts and pages (not attachments) that have a saved single page."""
    urls = {u.split("#")[0].split("?")[0] for u in saved_singles(theme).values()}
    return [p for p in truth["posts"]
            if p["post_status"] == "publish" and p["post_type"] not in ("attachment", "nav_menu_item")
            and p["permalink"] in urls]


def term_names(post: dict, taxonomy: str) -> set[str]:
    terms = post["terms"] if isinstance(post["terms"], dict) else {}
    return {plain(t["name"]) for t in terms.get(taxonomy, [])}


def approved_tree(truth: dict, post_id: int) -> set[tuple[int, int | None, str]]:
    """``(id, parent, type)`` of the approved comments of a post."""
    rows = truth["comment_tree_by_post"].get(str(post_id), [])
    return {(c["id"], c["parent"] or None, c["type"]) for c in rows if c["approved"] == "1"}
