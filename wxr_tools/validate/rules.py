"""The rule registry: every problem ``wxr validate`` reports, with a stable code.

``WXR0xx`` are about the file as a whole, ``WXR1xx`` are the reader's own
diagnostics (it records them while reading and repairing), ``WXR2xx`` are
model-level checks run on what was read. Codes never change meaning; a
retired code is not reused.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Severity
from ..errors import WxrToolsError
from . import checks
from .checks import Check


class UnknownRuleError(WxrToolsError):
    """A ``select`` or ``ignore`` entry that names no rule."""

    hint = "run 'wxr rules' to list the codes"

    def __init__(self, pattern: str) -> None:
        super().__init__(f"no rule code starts with {pattern!r}")


@dataclass(frozen=True)
class Rule:
    """One rule: code, default severity, a one-line title, an example that triggers it, and what to do."""

    code: str
    severity: Severity
    title: str
    example: str
    """A WXR fragment (or a description of the bytes) that triggers the rule."""
    fix: str
    """What the rule means for the export and what to do about it."""
    check: type[Check] | None = None
    """The model-level check; None for rules the reader reports while reading."""

    @property
    def reported_by(self) -> str:
        if self.code.startswith("WXR1"):
            return "reader"
        return "validator" if self.check is not None else "validator (opening the file)"


def _rule(code: str, severity: Severity, title: str, example: str, fix: str,
          check: type[Check] | None = None) -> Rule:
    return Rule(code, severity, title, example.strip("\n"), fix, check)


_RULES = [
    _rule("WXR001", "error", "the file cannot be read as a WordPress export",
          "an empty file, a binary file, an HTML page, a damaged .gz",
          "Nothing could be read. Export the site again (Tools > Export) and give the .xml file."),
    # -- the reader's diagnostics (wxr_tools/readers/wxr) ------------------
    _rule("WXR100", "error", "not well-formed XML",
          '<wp:post_name>hello</wp:post_title>',
          "A strict XML parser (WordPress's own importer among them) rejects the file. The reader "
          "parses it again with repairs and recovery; the following WXR1xx findings say what was repaired. "
          "When those documented repairs alone make the file well-formed, nothing was lost: the finding "
          "is then info, and the repairs are the warnings. A file that was only cut short is info too: "
          "WXR108 is its error."),
    _rule("WXR101", "warning", "control characters that XML does not allow",
          "<title>Bell\\x07 character</title>  (a raw byte 0x07)",
          "Removed. They usually come from text pasted from a word processor."),
    _rule("WXR102", "warning", "bytes that are not UTF-8",
          "<title>Caf\\xe9</title>  (a Windows-1252 byte in a UTF-8 file)",
          "Decoded as Windows-1252. The database or a plugin mixed encodings; check the text."),
    _rule("WXR103", "warning", "a bare '&' that starts no entity",
          "<title>Fish & Chips</title>",
          "Escaped as &amp;. Old exporters and hand edits leave these."),
    _rule("WXR104", "warning", "an HTML entity XML does not define, or an unknown entity",
          "<title>Caf&eacute;</title>",
          "HTML entities are replaced by their character; unknown ones are kept as text."),
    _rule("WXR105", "warning", "a ']]>' that ends a CDATA section early, or nested CDATA",
          "<content:encoded><![CDATA[if (a[b[0]]> 1)]]></content:encoded>",
          "Kept as text. WordPress older than 4.x did not split ']]>' inside CDATA."),
    _rule("WXR106", "warning", "characters before the XML declaration",
          "Warning: Cannot modify header information ...<?xml version=\"1.0\"?>",
          "Removed. PHP printed warnings (or a stray BOM) into the export; fix the plugin that did."),
    _rule("WXR107", "warning", "an undeclared namespace prefix",
          '<atom:link rel="search" href="..."/>  (no xmlns:atom on <rss>)',
          "The element is kept without a namespace. WordPress.com exports have this bug."),
    _rule("WXR108", "error", "the file ends before </channel></rss>: it was cut short",
          "...<item><title>Last post</title>  (end of file)",
          "Everything read is kept; the last item may be incomplete and later ones are lost. Export again."),
    _rule("WXR109", "error", "the number of <item> start tags differs from the number of items read",
          "a file with 12 '<item>' in its bytes of which 11 could be read",
          "Items were damaged or lost by repairs. Compare the export with the site."),
    _rule("WXR110", "warning", "a document type declaration (DTD)",
          '<!DOCTYPE rss [<!ENTITY lol "lol">]>',
          "Ignored: no entity is loaded or expanded (protection against entity attacks)."),
    _rule("WXR111", "error", "a field larger than the size limit",
          "<content:encoded> holding more than 256 MiB of text",
          "Truncated to the limit. Raise max_field_size in the library if the content is real."),
    _rule("WXR120", "warning", "no <wp:wxr_version>",
          "<channel><title>Blog</title>...  (no wp:wxr_version element)",
          "Read as the version the namespace names. WordPress's importer refuses such a file."),
    _rule("WXR121", "error", "a WXR version that is not a version number",
          "<wp:wxr_version>abc</wp:wxr_version>",
          "Read as WXR 1.2. WordPress's importer refuses such a file."),
    _rule("WXR122", "warning", "a WXR version newer than 1.2",
          "<wp:wxr_version>1.3</wp:wxr_version>",
          "Read as WXR 1.2; unknown elements are kept in the post's extra fields."),
    _rule("WXR123", "error", "no WordPress export namespace on <rss>",
          '<rss version="2.0">  (no xmlns:wp="http://wordpress.org/export/1.2/")',
          "This looks like a plain RSS feed, not an export: export with Tools > Export."),
    _rule("WXR130", "warning", "a date that does not parse",
          "<wp:post_date>2012-13-45 25:00:00</wp:post_date>",
          "Left unset."),
    _rule("WXR131", "warning", "local and GMT times further apart than any time zone",
          "<wp:post_date>2012-11-26 10:00:00</wp:post_date>"
          "<wp:post_date_gmt>2012-11-24 10:00:00</wp:post_date_gmt>",
          "The local time is kept without a UTC offset. One of the two dates was edited by hand."),
    _rule("WXR132", "warning", "a number field that is not a whole number, or one too large for a database",
          "<wp:post_parent>abc</wp:post_parent>",
          "Left unset. Numbers beyond a signed 64-bit integer (what SQLite, PostgreSQL and MySQL store)"
          " count as not whole numbers."),
    _rule("WXR140", "warning", "an item without a post id",
          "<item><title>Hello</title>...  (no wp:post_id)",
          "Given the id of its guid (?p=N) or a negative one. Importers may merge or drop such items."),
    _rule("WXR141", "warning", "an item without a status, or with one WordPress does not register",
          "<item>...<wp:post_type>post</wp:post_type>  (no wp:status)",
          "Read as a draft, as WordPress's wp_insert_post stores it: never published by mistake. An unknown "
          "value is kept in the post's extra as wp:status."),
    _rule("WXR142", "info", "a post type that is not one of WordPress's own",
          "<wp:post_type>product</wp:post_type>",
          "Kept with its type, reported once per type. A plugin or theme registered it; writers write only "
          "the types they are asked for (--post-types)."),
    # -- model-level checks ------------------------------------------------
    _rule("WXR200", "warning", "a required channel field is missing",
          "<channel><title>Blog</title>  (no <link> or <wp:base_site_url>)",
          "WordPress's importer rewrites the site's URLs from <wp:base_site_url>, and feeds and tools "
          "take the site's address from <link>; add them.", checks.ChannelFields),
    _rule("WXR201", "error", "two items have the same post id",
          "<item><wp:post_id>7</wp:post_id>...</item><item><wp:post_id>7</wp:post_id>...</item>",
          "An importer keeps one and drops the other. Two exports were concatenated, or one was edited.",
          checks.DuplicatePostIds),
    _rule("WXR202", "error", "two comments have the same comment id",
          "<wp:comment><wp:comment_id>3</wp:comment_id>... twice",
          "An importer keeps one and drops the other, and replies may attach to the wrong one.",
          checks.DuplicateCommentIds),
    _rule("WXR203", "warning", "two terms have the same term id",
          "<wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>news</wp:category_nicename>... and "
          "another <wp:category> with term_id 5 and nicename updates",
          "Term ids are unique in a taxonomy; the export was edited or merged. (Ids shared across "
          "taxonomies are the shared terms of WordPress before 4.2 and are not reported.)",
          checks.DuplicateTermIds),
    _rule("WXR210", "warning", "a post_parent that is not in the export",
          "<wp:post_parent>999</wp:post_parent>  (no item has post id 999)",
          "The post becomes a top-level one on import. Export the parent too.", checks.MissingParent),
    _rule("WXR211", "warning", "a comment_parent that is not among the post's comments",
          "<wp:comment_parent>41</wp:comment_parent>  (no comment 41 on this post)",
          "The reply loses its thread on import.", checks.MissingCommentParent),
    _rule("WXR212", "warning", "a post's category or tag is not declared in the channel",
          '<category domain="category" nicename="news">News</category>  (no <wp:category> for news)',
          "Checked only for taxonomies the channel declares terms of (partial exports declare none). "
          "The importer creates the term without its description or parent.", checks.UndeclaredTerm),
    _rule("WXR213", "warning", "a _thumbnail_id that is not an attachment of the export",
          "<wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>123</wp:meta_value>"
          "  (no attachment 123)",
          "The featured image is lost on import. Checked when the export holds attachments at all.",
          checks.MissingThumbnail),
    _rule("WXR214", "warning", "a post's dc:creator is not among the export's authors",
          "<dc:creator>ghost</dc:creator>  (no <wp:author> with login ghost)",
          "The importer assigns the post to another user. Checked when the export has authors.",
          checks.UnknownAuthor),
    _rule("WXR220", "warning", "local and GMT dates disagree by an offset no time zone has",
          "<wp:post_date>2012-11-26 10:07:13</wp:post_date>"
          "<wp:post_date_gmt>2012-11-26 18:00:00</wp:post_date_gmt>",
          "Time zones are whole quarter hours from UTC; one of the two dates was edited.",
          checks.DatesDisagree),
    _rule("WXR221", "info", "posts use more than two UTC offsets",
          "posts at +01:00, +02:00 and -05:00",
          "A site in one time zone shows at most two (standard and daylight saving time). The time zone "
          "setting changed over the years, or dates were edited.", checks.InconsistentOffsets),
    _rule("WXR230", "warning", "a published post or page without a title",
          "<title></title><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>",
          "Readers and static sites show it as '(no title)'. Aside and status formats are exempt.",
          checks.PublishedWithoutTitle),
    _rule("WXR231", "warning", "a published item without a slug",
          "<wp:post_name></wp:post_name><wp:status>publish</wp:status>",
          "Its permalink cannot be rebuilt; converters derive one from the title.",
          checks.PublishedWithoutSlug),
    _rule("WXR232", "warning", "two items of the same type and parent have the same slug",
          "two published posts with <wp:post_name>hello</wp:post_name>",
          "WordPress keeps slugs unique; two files or URLs would collide after conversion.",
          checks.SlugCollision),
    _rule("WXR240", "error", "PHP-serialized meta that does not unserialize",
          '<wp:meta_value><![CDATA[a:1:{s:5:"café";i:1;}]]></wp:meta_value>  (café is 5 bytes, '
          "not 4)",
          "WordPress silently drops the value on import. A search-and-replace on the database changed "
          "string lengths; fix the lengths or re-export.", checks.BrokenSerializedMeta),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}
"""Every rule by code, in code order."""


def matching(patterns: list[str]) -> set[str]:
    """Codes matched by codes or prefixes (``WXR1``, ``WXR2``...); raises on a pattern matching none."""
    codes: set[str] = set()
    for pattern in patterns:
        pattern = pattern.strip().upper()
        found = {code for code in RULES if code.startswith(pattern)}
        if not pattern or not found:
            raise UnknownRuleError(pattern)
        codes |= found
    return codes


def render_rules_markdown() -> str:
    """``docs/rules.md``: the rule reference, made from the registry."""
    lines = [
        "# Rule reference",
        "",
        "<!-- Generated by `python docs/gen_rules_reference.py` from wxr_tools/validate/rules.py; "
        "do not edit. -->",
        "",
        "`wxr validate` reports these codes. `--select` and `--ignore` take codes or prefixes "
        "(`WXR1` selects every reader diagnostic). Severity `error` fails the run (exit 1); "
        "`warning` fails it with `--strict`; `info` never does. Findings about an item point at the "
        "line of its `<item>`. A file that cannot be opened at all (missing, unreadable) is not a "
        "finding but an I/O error: exit 2, and code `io` in `--format json`.",
        "",
        "| code | severity | title | reported by |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| [{r.code}](#{r.code.lower()}) | {r.severity} | {r.title} | {r.reported_by} |"
              for r in RULES.values()]
    for rule in RULES.values():
        lines += ["", f"## {rule.code}", "", f"**{rule.title}** ({rule.severity})", "", rule.fix, "",
                  "Example:", "", "```xml", rule.example, "```"]
    return "\n".join(lines) + "\n"
