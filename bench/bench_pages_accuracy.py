"""Per-field accuracy of the page reader (and of trafilatura) on real saved WordPress pages.

Reads ``../shared/corpus/html/expected.json`` (gold labels copied from
trafilatura's evaluation set) with the audited ``corrections.json`` applied, and
prints, for title, author, date, categories, tags, body and comments, how many
pages each tool gets right. A field is scored only on pages whose gold label for
it is not empty, or whose correction accepts an empty value (a page with no byline).

    python bench/bench_pages_accuracy.py [--no-trafilatura] [--no-corrections] [--show FIELD]

trafilatura is optional (``pip install 'wxr-tools[bench]'``).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import unicodedata
from pathlib import Path

from lxml import html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wxr_tools.diagnostics import DiagnosticLog  # noqa: E402
from wxr_tools.readers.pages import read_pages  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
FIELDS = ("title", "author", "date", "categories", "tags", "body", "comments")


def norm(text: str | None) -> str:
    """Whitespace collapsed, entities decoded, canonically equivalent characters made one (NFC), case kept."""
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", html.unescape(text or ""))).strip()


_PUNCTUATION = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                              "\u2014": "-", "\u00a0": " ", "\u2026": "..."})


def same(text: str | None) -> str:
    """What two labels must share to name the same thing, for both tools alike: case (themes upper-case
    titles, names and terms with CSS), typographic quotes, dashes and ellipses (WordPress's wptexturize
    prints them for the plain ones), spacing around hyphens, and whitespace."""
    text = norm(text).translate(_PUNCTUATION).casefold()
    return re.sub(r"\s*-\s*", " - ", text).strip()


_NAME_SEPARATOR = re.compile(r"\s*(?:,|;|&|\band\b)\s*")


def same_names(text: str | None) -> str:
    """An author list as ``same`` compares labels, whatever separator the gold, the page or a tool puts
    between names ("X, Y & Z", "X; Y; Z", "X, Y and Z" all name the same three people)."""
    return ", ".join(part for part in _NAME_SEPARATOR.split(same(text)) if part)


def text_of_html(fragment: str) -> str:
    if not fragment.strip():
        return ""
    return norm(lxml_html.fragment_fromstring(fragment, create_parent="div").text_content())


def ours(path: Path) -> dict:
    """What the page reader says, in the gold's terms."""
    site = read_pages(path, DiagnosticLog())
    if not site.posts:
        return {}
    post = _first_shown(site.posts, path.read_bytes())
    authors = {a.login: a for a in site.authors}
    logins = [post.author] + [m.value for m in post.extra if m.key == "coauthor"]
    names = [(a.display_name or a.login) for a in (authors.get(login) for login in logins) if a]
    return {
        "title": post.title,
        "author": ", ".join(names),  # several authors (Co-Authors Plus); score() compares names, not separators
        "date": post.date.strftime("%Y-%m-%d") if post.date else "",
        "categories": [t.name or t.slug for t in post.terms if t.taxonomy == "category"],
        "tags": [t.name or t.slug for t in post.terms if t.taxonomy == "post_tag"],
        # the gold's article text is what a reader sees: the excerpt a theme prints above the content too
        "body": norm(post.excerpt + " " + text_of_html(post.content)),
        "comments": " ".join(text_of_html(c.content) + " " + c.author_name for c in post.comments),
    }


def _first_shown(posts: list, page: bytes):  # type: ignore[no-untyped-def]
    """The post the gold labels: a home page's first listed post (the reader gives every listed one)."""
    if len(posts) == 1:
        return posts[0]
    place = {p.id: re.search(rf"\bpost-{p.id}\b".encode(), page) for p in posts}
    return min(posts, key=lambda p: place[p.id].start() if place[p.id] else len(page))


def theirs(path: Path) -> dict:
    """What trafilatura's ``bare_extraction`` says, given the same input as the reader: the page only.

    (trafilatura's own evaluation also passes the page URL, which gives htmldate the
    ``/YYYY/MM/DD/`` of the permalink; a saved page does not come with one.)
    """
    import trafilatura

    document = trafilatura.bare_extraction(path.read_bytes(), with_metadata=True, include_comments=True)
    if document is None:
        return {}
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    split = lambda v: [x.strip() for x in (v or []) if x.strip()] if isinstance(v, list) else \
        [x.strip() for x in (v or "").split(",") if x.strip()]  # noqa: E731
    return {
        "title": data.get("title") or "",
        "author": data.get("author") or "",
        "date": (data.get("date") or "")[:10],
        "categories": split(data.get("categories")),
        "tags": split(data.get("tags")),
        "body": norm(data.get("text") or ""),
        "comments": norm(data.get("comments") or ""),
    }


def corrected(gold_pages: list[dict], corrections: list[dict]) -> list[dict]:
    """The gold labels with the audited corrections applied: each one, backed by evidence from the page,
    replaces a field's accepted values (``accept``), drops body snippets the page contradicts
    (``drop_must_contain`` / ``drop_must_not_contain``) or takes a field out of scoring (``skip``)."""
    by_file = {gold["file"]: dict(gold) for gold in gold_pages}
    for fix in corrections:
        gold = by_file.get(fix["file"])
        if gold is None:
            raise SystemExit(f"correction for an unknown page: {fix['file']}")
        field_name = fix["field"]
        if fix.get("skip"):
            gold.setdefault("skip", []).append(field_name)
        if "accept" in fix:
            gold.setdefault("accept", {})[field_name] = fix["accept"]
        for key, snippets in (("body_must_contain", fix.get("drop_must_contain")),
                              ("body_must_not_contain", fix.get("drop_must_not_contain"))):
            if snippets:
                gold[key] = [s for s in gold.get(key) or [] if s not in snippets]
    return [by_file[gold["file"]] for gold in gold_pages]


def _accepted(gold: dict, name: str) -> list | None:
    """The values a field may take: the corrections' when there are any, else the gold's (None: not scored)."""
    if name in gold.get("skip", ()):
        return None
    if name in gold.get("accept", {}):
        return gold["accept"][name]
    value = gold.get(name)
    return [value] if value else None


def score(gold: dict, got: dict) -> dict[str, bool | None]:
    """Right/wrong per field; None when the gold has no label for it."""
    result: dict[str, bool | None] = {}
    titles = _accepted(gold, "title")
    result["title"] = same(got.get("title")) in {same(t) for t in titles} if titles else None
    authors = _accepted(gold, "author")
    result["author"] = same_names(got.get("author")) in {same_names(a) for a in authors} if authors else None
    dates = _accepted(gold, "date")
    result["date"] = got.get("date") in {d[:10] for d in dates} if dates else None
    for name in ("categories", "tags"):
        wanted = [{same(x) for x in value} for value in _accepted(gold, name) or []]
        result[name] = {same(x) for x in got.get(name) or []} in wanted if wanted else None
    body = got.get("body") or ""
    must = gold.get("body_must_contain") or []
    must_not = gold.get("body_must_not_contain") or []
    result["body"] = (all(norm(s) in body for s in must) and not any(norm(s) in body for s in must_not)) \
        if must else None
    snippets = [s for s in gold.get("comment_snippets") or [] if s.strip()]
    comments = got.get("comments") or ""
    result["comments"] = all(norm(s) in comments for s in snippets) \
        if snippets and "comments" not in gold.get("skip", ()) else None
    return result


def table(rows: dict[str, list[bool]]) -> str:
    lines = [f"{'field':<12}{'pages':>7}{'right':>7}{'accuracy':>10}"]
    for name in FIELDS:
        values = rows[name]
        right = sum(values)
        lines.append(f"{name:<12}{len(values):>7}{right:>7}{(right / len(values) if values else 0):>10.1%}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-trafilatura", action="store_true", help="score the page reader only")
    parser.add_argument("--no-corrections", action="store_true",
                        help="score against expected.json as copied, without corrections.json")
    parser.add_argument("--show", choices=FIELDS, help="print the pages where the reader gets FIELD wrong")
    args = parser.parse_args()
    gold_pages = json.loads((CORPUS / "html" / "expected.json").read_text(encoding="utf-8"))
    fixes = CORPUS / "html" / "corrections.json"
    if not args.no_corrections and fixes.exists():
        corrections = json.loads(fixes.read_text(encoding="utf-8"))
        gold_pages = corrected(gold_pages, corrections)
        print(f"{len(corrections)} audited corrections applied from {fixes}")
    tools = {"wxr-tools": ours}
    if not args.no_trafilatura:
        try:
            import trafilatura  # noqa: F401
            tools["trafilatura"] = theirs
        except ImportError:
            print("trafilatura is not installed (pip install trafilatura): scoring the page reader only\n")
    results = {tool: {name: [] for name in FIELDS} for tool in tools}
    for gold in gold_pages:
        path = CORPUS / gold["file"]
        for tool in tools:
            got = tools[tool](path)
            for name, right in score(gold, got).items():
                if right is None:
                    continue
                results[tool][name].append(right)
                if tool == "wxr-tools" and args.show == name and not right:
                    label = _accepted(gold, name) if name not in ("body", "comments") else ""
                    print(f"--- {gold['file']}\n  gold: {label}"
                          f"\n  got:  {got.get(name) if name not in ('body', 'comments') else got.get(name, '')[:300]}")
    print(f"{len(gold_pages)} pages from {CORPUS / 'html'}\n")
    for tool, rows in results.items():
        print(f"== {tool}\n{table(rows)}\n")


if __name__ == "__main__":
    main()
