"""The Markdown writer: a site to one Markdown file per post, ready for a static site generator.

Two passes: pass 1 streams the :class:`Source` once, building a small index
(where every post goes, old URLs) and spilling each post to write to a
temporary JSON Lines file; pass 2 renders and writes each post from that
file. Parsing the export once (not twice), summarising each post for the
index beside the parse (in the reader's workers), and letting the workers
read and decode their own chunks of the spill keeps the parent's share of
the work small. Rendering runs in a process
pool started before pass 1 (forked workers copy only a small process; the
parallel reader runs on the same workers) and fed in bounded chunks, so
memory does not grow with the export; every file depends only on its post
and the index, so the output is the same for any number of jobs and on
every re-run.
"""

from __future__ import annotations

import html
import os
import pickle
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from collections.abc import Callable, Iterator
from typing import Any

import msgspec

from ... import __version__
from ...media import MediaRewriter, MediaTable
from ...model import Post
from ...source import Source
from ...transforms import ContentOptions, render_comment, render_post
from ...transforms.engines import CONVERTERS, DEFAULT_CONVERTER, engine_fallback_diagnostic
from ...transforms.html_to_markdown import UNSAFE_POLICIES
from ...transforms.links import LinkRewriter
from ...workers import WorkerPool
from ..contract import WriterOptionsError, option
from ..media_options import MediaFields
from ..output_folder import OutputFolder
from .comments import COMMENT_MODES, PII_MODES, comment_record, comments_section, select_comments
from .front_matter import FieldChoice, dump_yaml, parse_fields, render_front_matter
from .media import bring_site_media
from .paths import Location
from .presets import PRESETS, Preset, escape_templates, get_preset
from .redirects import REDIRECT_FORMATS, write_redirects
from .report import MarkdownReport
from .scaffolds import SCAFFOLDED, write_scaffold
from .site_data import collect_site_data
from .site_index import SiteIndex, build_index
from .store import IndexDatabase


class MarkdownOptionsError(WriterOptionsError):
    """An option of the Markdown writer has a value it does not accept."""


FORMATS = ("yaml", "toml")
CHUNK_BYTES = 1 << 20
"""Spilled bytes per chunk sent to a worker: big enough to amortise, small enough to bound memory."""
IN_FLIGHT_PER_WORKER = 2
RENDER_HERE_BYTES = 8 << 20
"""A spilled chunk larger than this (one giant post) is rendered in this process, not sent to a worker."""


@dataclass(frozen=True)
class MarkdownOptions(MediaFields):
    """How posts are written. Defaults publish nothing private and write no personal data."""

    preset: str = option("hugo", choices=tuple(PRESETS), panel="Markdown",
                         help="The site generator: folder layout and front matter field names.")
    front_matter: str = option("yaml", choices=FORMATS, panel="Markdown",
                               help="Front matter as YAML (---) or TOML (+++; Hugo and Zola read it).")
    fields: str | None = option(None, metavar="LIST", panel="Markdown",
                                help="Front matter fields, in order, renamed with ':' (title,date:created,tags).")
    comments: str = option("front-matter", choices=COMMENT_MODES, panel="Markdown",
                           help="Where comments go: the front matter (where the layouts read them), a "
                                "comments.yaml beside each post, a section of the body, or nowhere.")
    comment_pii: str = option("drop", choices=PII_MODES, panel="Privacy",
                              help="Commenters' e-mail and IP: drop, hash (SHA-256) or keep.")
    include_unapproved: bool = option(False, panel="Privacy", help="Also write pending comments (spam and "
                                      "trash never).")
    protected: bool = option(False, panel="Privacy", help="Write password-protected posts, marked "
                             "protected: true (never their password).")
    transliterate: bool = option(False, panel="Markdown", help="ASCII slugs and file names (日本 -> ri-ben).")
    post_types: tuple[str, ...] = option(("post", "page"), metavar="LIST", panel="Markdown",
                                         help="Post types to write; custom types named here get folders of "
                                              "their own.")
    redirects: tuple[str, ...] = option((), choices=REDIRECT_FORMATS, metavar="LIST", panel="Markdown",
                                        help="Redirect snippets besides redirects.json: netlify,nginx,apache.")
    unsafe_html: str = option("drop", choices=UNSAFE_POLICIES, panel="Media",
                              help="<script>, <style> and forms: drop, link (a script's src or a form's action "
                                   "becomes a link) or keep.")
    converter: str = option(DEFAULT_CONVERTER, choices=CONVERTERS, panel="Markdown",
                            help="The HTML to Markdown engine: html-to-markdown (compiled, fast) or html2text "
                                 "(pure Python; used anyway, and reported, where the compiled one cannot load).")
    shortcode_map: tuple[tuple[str, str], ...] = option(
        (), flag="--shortcode", metavar="NAME=TEMPLATE", panel="Media",
        help="Write a shortcode as the target's own markup (repeatable), e.g. "
             "'caption={{< figure src=\"{src}\" caption=\"{caption}\" >}}'.")
    hugo_shortcodes: bool = option(False, panel="Media", help="YouTube and Vimeo embeds as Hugo's "
                                   "{{< youtube >}} and {{< vimeo >}}, captioned images as {{< figure >}}.")
    drafts: bool = option(False, panel="Markdown",
                          help="Also write drafts, private, pending and future posts, marked so the generator's "
                               "production build leaves them out.")
    no_scaffold: bool = option(False, panel="Markdown",
                               help="Content and data only: no config, layouts or archive pages (for a site and "
                                    "theme you have). Without it they are written where no file is.")

    write_progress: Callable[[int, int], None] | None = option(
        None, cli=False, compare=False, help="Called with (posts written, posts to write) as the files are written.")

    def __post_init__(self) -> None:
        pairs = tuple(_shortcode_pair(item) if isinstance(item, str) else tuple(item) for item in self.shortcode_map)
        object.__setattr__(self, "shortcode_map", pairs)
        super().__post_init__()

    def check(self) -> None:
        parse_fields(self.fields, get_preset(self.preset))


def _shortcode_pair(item: str) -> tuple[str, str]:
    """``NAME=TEMPLATE``, as typed after ``--shortcode``."""
    name, sep, template = item.partition("=")
    if not sep or not name.strip():
        raise MarkdownOptionsError(f"--shortcode {item!r} is not NAME=TEMPLATE",
                                   hint="e.g. --shortcode 'caption={{< figure src=\"{src}\" caption=\"{caption}\" >}}'")
    return name.strip(), template


class _Renderer:
    """Everything a worker needs to turn one post into its files."""

    def __init__(self, out_dir: Path, options: MarkdownOptions, preset: Preset,
                 fields: tuple[FieldChoice, ...], index: SiteIndex, media: MediaTable | None = None) -> None:
        self.out_dir = out_dir
        self.media = media
        """The local media files, when some came along: their references are rewritten."""
        self.options = options
        self.preset = preset
        self.fields = fields
        self.index = index
        self.rewrite_links = LinkRewriter(index.links, remember=1024)  # the index is complete
        self.content_options = ContentOptions(shortcode_map=dict(options.shortcode_map),
                                              unsafe_html=options.unsafe_html, converter=options.converter,
                                              hugo_shortcodes=options.hugo_shortcodes,
                                              html_steps=(self.rewrite_links,))

    def _media_step(self, location: Location) -> MediaRewriter | None:
        return MediaRewriter(self.media, location.path) if self.media is not None else None

    def _values(self, post: Post, location: Location, summary: str | None) -> dict[str, Any]:
        """Every canonical field's value for this post (None or empty = leave out)."""
        terms: dict[str, list[str]] = {}
        for ref in post.terms:
            if ref.taxonomy != "nav_menu":
                # WordPress stores term names HTML-escaped ("Books &amp; Reading").
                terms.setdefault(ref.taxonomy, []).append(html.unescape(ref.name or ref.slug))
        updated = post.modified if post.modified and post.modified != post.date else None
        aliases = None if location.draft else (self.index.aliases_of(post.id) or None)
        thumbnail = next((m.value for m in post.meta if m.key == "_thumbnail_id"), "")
        image = self.index.attachment_file(int(thumbnail)) if thumbnail.isdigit() else None
        if image and self.media is not None:
            image = self.media.local_url(image, location.path) or image
        excerpt = post.excerpt.strip()
        media_step = self._media_step(location)
        if excerpt and media_step is not None:
            excerpt = media_step(excerpt)
        return {
            "title": post.title,
            "date": post.date or post.modified,
            "updated": updated,
            "slug": location.name,
            "url": None if location.draft else location.url,
            "author": self.index.author_names.get(post.author, post.author) or None,
            "author_login": post.author or None,
            "categories": terms.pop("category", None),
            "tags": terms.pop("post_tag", None),
            "taxonomies": terms or None,
            "summary": excerpt or summary,
            "draft": location.draft,
            "image": image,
            "aliases": aliases,
            "weight": post.menu_order or None,
            "protected": post.protected or None,
            "id": post.id,
            "type": post.type,
        }

    def front_matter(self, post: Post, location: Location, summary: str | None,
                     comments: list[dict[str, Any]] | None) -> dict[str, Any]:
        """The front matter mapping: chosen fields under the preset's keys, drafts its way."""
        preset, values = self.preset, self._values(post, location, summary)
        data: dict[str, Any] = {}
        params: dict[str, Any] = {}
        for choice in self.fields:
            value = values[choice.name]
            if choice.name == "draft":
                if value:
                    self._draft(data, choice.key)
                continue
            if value is None and choice.name in preset.required:
                value = ""
            if value is None or value == [] or value is False:
                continue
            if choice.name == "image" and preset.name == "hugo":
                value = [value]
            if choice.name == "taxonomies":
                data.update(value)
                continue
            dated = choice.name in ("date", "updated")  # renamed, still top level: Hugo's [frontmatter] reads it there
            target = params if preset.params_key and choice.key not in preset.native_keys and not dated else data
            target[choice.key] = value
        if comments:
            (params if preset.params_key else data)["comments"] = comments
        data.update(preset.verbatim)
        if params:
            data[preset.params_key or "params"] = params
        return data

    def _draft(self, data: dict[str, Any], key: str) -> None:
        style = self.preset.draft_style
        if style == "published":
            data[key] = False
        else:
            data[key] = True
            if style == "eleventy":
                data["permalink"] = False
                data["eleventyExcludeFromCollections"] = True

    def _render_comment(self, content: str, media_step: MediaRewriter | None = None) -> str:
        """A comment body to Markdown, its links to old posts pointing at their new places (and media local)."""
        content = self.rewrite_links(content)
        return render_comment(media_step(content) if media_step is not None else content,
                              self.content_options.converter)

    def render(self, post: Post, location: Location, report: MarkdownReport) -> None:
        """Write one post's Markdown file (and its comments sidecar)."""
        options = self.options
        media_step = self._media_step(location)
        content_options = self.content_options
        if media_step is not None:
            content_options = replace(content_options, html_steps=(*content_options.html_steps, media_step))
        rendered = render_post(post, self.index.content, content_options)
        report.unknown_shortcodes.update(rendered.unknown_shortcodes)
        records: list[dict[str, Any]] = []
        if options.comments != "none":
            chosen = select_comments(post.comments, options.include_unapproved, report.comments_skipped)
            records = [comment_record(c, options.comment_pii, partial(self._render_comment, media_step=media_step))
                       for c in chosen]
            report.comments_written += len(records)
        body = rendered.body
        if options.comments == "section" and records:
            body = body.rstrip("\n") + "\n" + comments_section(records)
        body = escape_templates(body, self.preset.escape, rendered.own_markup)
        fm_comments = records if options.comments == "front-matter" else None
        data = self.front_matter(post, location, rendered.summary, fm_comments)
        del rendered  # a body of 50 MB is held once from here
        _write_file(os.path.join(self.out_dir, location.path), render_front_matter(data, options.front_matter),
                    "\n", body)
        if options.comments == "sidecar" and records:
            _write_file(os.path.join(self.out_dir, location.sidecar),
                        dump_yaml({"post": post.id, "comments": records}))
        report.posts_written += 1
        report.drafts += location.draft

    def render_chunk(self, chunk: bytes) -> MarkdownReport:
        """Render a chunk of spilled posts (JSON Lines)."""
        report = MarkdownReport()
        posts = _DECODER.decode_lines(chunk)[::-1]
        del chunk  # a post of 50 MB: its line is not kept while it renders
        while posts:
            post = posts.pop()  # and each post is let go once written
            location = self.index.location(post.id)
            assert location is not None, f"post {post.id} was spilled without a location"
            self.render(post, location, report)
        return report


_WRITE_CHARS = 1 << 20
"""Text written a MB at a time: a body of 50 MB is not copied whole as bytes."""


def _write_file(path: str, *texts: str) -> None:
    """Write ``texts`` to ``path`` as UTF-8, making its folder first.

    Plain ``os`` calls: pathlib's ``mkdir`` and ``write_bytes`` cost some 40 µs a
    file in Python on top of the system calls, for every post and sidecar.
    """
    folder = os.path.dirname(path)
    try:
        os.mkdir(folder)  # a Hugo bundle's folder is new: one call
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    with open(path, "wb") as stream:
        for text in texts:
            for start in range(0, len(text), _WRITE_CHARS):
                stream.write(text[start:start + _WRITE_CHARS].encode("utf-8"))


_DECODER = msgspec.json.Decoder(Post)
_WORKER: tuple[str, _Renderer] | None = None
"""In a worker process: the renderer it loaded, and from which state file."""


def _read(spill: Path, start: int, end: int) -> bytes:
    with open(spill, "rb") as stream:
        stream.seek(start)
        return stream.read(end - start)


def _work(state: str, spill: Path, start: int, end: int) -> MarkdownReport:
    """In a worker: load the renderer once (pickled after pass 1), then render a chunk it reads itself."""
    global _WORKER
    if _WORKER is None or _WORKER[0] != state:
        with open(state, "rb") as stream:
            _WORKER = (state, pickle.load(stream))
    return _WORKER[1].render_chunk(_read(spill, start, end))


class _Spill:
    """The posts to write, as JSON Lines in a file, cut into chunks of about :data:`CHUNK_BYTES`
    as they are written: workers read their chunk from the file, not through a pipe."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file = open(path, "wb", buffering=1 << 20)  # posts are a few KB: one write call per MB
        self._size = 0
        self._cuts = [0]
        self.count = 0
        """Posts spilled: the posts pass 2 writes."""

    def write(self, line: bytes) -> None:
        self._file.write(line)
        self.count += 1
        self._size += len(line)
        if self._size - self._cuts[-1] >= CHUNK_BYTES:
            self._cuts.append(self._size)

    def close(self) -> list[tuple[int, int]]:
        """Close the file; the chunks as ``(start, end)`` offsets, in export order."""
        self._file.close()
        cuts = self._cuts + [self._size] if self._size > self._cuts[-1] else self._cuts
        return list(zip(cuts, cuts[1:]))


def _rendered_here(spill: Path, chunks: list[tuple[int, int]], renderer: _Renderer) -> Iterator[MarkdownReport]:
    """Pass 2 in this process: a report per chunk."""
    for start, end in chunks:
        yield renderer.render_chunk(_read(spill, start, end))


def _rendered_in_pool(spill: Path, chunks: list[tuple[int, int]], pool: WorkerPool, state: Path,
                      renderer: _Renderer) -> Iterator[MarkdownReport]:
    """Pass 2 on the pool's workers and this process: a report per chunk, in export order.

    A chunk of over :data:`RENDER_HERE_BYTES` (a giant post) is rendered here, between the others:
    in a worker it would take memory beside what this process has freed and could use again.
    """
    def here(_state: str, path: Path, start: int, end: int) -> MarkdownReport:
        return renderer.render_chunk(_read(path, start, end))

    def on_the_pool(group: list[tuple[int, int]]) -> Iterator[MarkdownReport]:
        tasks = ((str(state), spill, start, end) for start, end in group)
        return pool.map_ordered(_work, tasks, ahead=IN_FLIGHT_PER_WORKER * pool.workers, here=here)

    group: list[tuple[int, int]] = []
    for start, end in chunks:
        if end - start > RENDER_HERE_BYTES:
            yield from on_the_pool(group)
            group = []
            yield here(str(state), spill, start, end)
        else:
            group.append((start, end))
    yield from on_the_pool(group)


def write_markdown(source: Source, out: str | os.PathLike[str], options: MarkdownOptions = MarkdownOptions(), *,
                   pool: WorkerPool | None = None) -> MarkdownReport:
    """Write every post of ``source`` as Markdown under the folder ``out``; returns (and writes) the report.

    The files are built beside ``out`` and moved in when complete (see
    :class:`~wxr_tools.writers.output_folder.OutputFolder`): an interrupted run
    leaves the previous output as it was. With a ``pool``, its workers render
    beside this process.
    """
    preset = get_preset(options.preset)
    fields = parse_fields(options.fields, preset)
    with ExitStack() as stack:
        folder = stack.enter_context(OutputFolder(Path(out), generator=f"wxr-tools {__version__}"))
        if pool is not None:
            stack.push(pool.kill_on_error)  # no worker writes into the partial folder once it is removed
        out_dir = folder.staging
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="wxr-markdown-")))
        spill = _Spill(work / "posts.jsonl")
        stack.callback(spill.close)
        database = IndexDatabase(work / "index.sqlite")
        stack.callback(database.close)
        index = build_index(source, database, preset, tuple(options.post_types), keep=spill.write,
                            write_protected=options.protected, transliterate=options.transliterate,
                            drafts=options.drafts, media_hosts=options.media_hosts)
        chunks = spill.close()
        database.finish_writing()  # workers open the file read-only
        report = index.report
        fallback = engine_fallback_diagnostic(options.converter)
        if fallback is not None:
            report.diagnostics.append(fallback)
        media_table, report.media = bring_site_media(index, folder, preset.name, options.media_options())
        report.diagnostics.extend(report.media.diagnostics())
        link_targets = index.link_targets
        site_data = collect_site_data(source, index, preset, LinkRewriter(index.links))
        renderer = _Renderer(out_dir, replace(options, media_progress=None), preset, fields,  # it pickles
                             replace(index, report=MarkdownReport(), media=None), media_table)
        del index  # from here on only the renderer holds the index (and its content index)
        if pool is None:
            parts = _rendered_here(spill.path, chunks, renderer)
        else:
            state = work / "renderer.pickle"
            with open(state, "wb") as stream:
                pickle.dump(renderer, stream, protocol=pickle.HIGHEST_PROTOCOL)
            parts = _rendered_in_pool(spill.path, chunks, pool, state, renderer)
        for part in parts:
            report.merge(part)
            if options.write_progress is not None:
                options.write_progress(report.posts_written, spill.count)
        report.redirects = write_redirects(out_dir, link_targets.sorted_items(), options.redirects)
        site_data.write(out_dir)
        if not options.no_scaffold and preset.name in SCAFFOLDED:
            report.scaffolded = write_scaffold(folder, preset, site_data)
        report.write(out_dir, source.diagnostics)
        folder.commit()
        report.diagnostics.extend(folder.diagnostics)
    report.target = os.fspath(out)
    return report
