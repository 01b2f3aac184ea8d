"""The attachment graph: every media file of a site, once, with the posts that use it.

Built from the model alone (any reader): attachment posts (their file URL,
``_wp_attached_file``, the sizes in ``_wp_attachment_metadata``, their parent),
featured images (``_thumbnail_id``) and every reference in bodies, excerpts and
comments: URLs in any attribute or shortcode (``src``, ``srcset``, ``href``,
``poster``, ``[audio mp3=...]``, CSS ``url()``, block attributes) and ids
(``wp-image-N``, block ``"id"``/``"ids"``, ``[gallery ids=...]``, a bare
``[gallery]``, ``[caption id="attachment_N"]``). A size variant
(``a-300x200.jpg``, ``?w=300``, ``i0.wp.com/...``) is a form of its original:
one :class:`MediaRecord` per file.

Attachments may come after the posts using them, so references are kept as
seen and resolved by :meth:`MediaGraphBuilder.finish`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import msgspec

from ..model import Post
from .urls import MediaUrl, SiteHosts, parse_media_url

_TOKEN = r"""[^\s"'<>()\[\]{}\\]+"""
"""The rest of a URL in markup: up to a quote, a bracket, white space or a backslash (JSON escapes)."""
TRAILING = ",.;:!"
"""Punctuation that ends a sentence or a list, not the URL before it."""
_ABSOLUTE = re.compile("https?://" + _TOKEN)
_SCHEME_RELATIVE = re.compile("//" + _TOKEN)
_SITE_RELATIVE = re.compile("/wp-content/uploads/" + _TOKEN)
"""Each pattern starts with a literal, so ``findall`` runs at C speed over a whole body (pass 1 reads
every post of an export); one pattern with an optional scheme, or a look-behind, is scanned 10 to 80
times slower. What the later ones find inside the earlier ones' URLs is dropped."""
_URL_BODY = re.compile("(?://|/wp-content/uploads/)" + _TOKEN)
"""A URL without its scheme (looked for just before it), for finding where each URL is."""
_MAYBE_MEDIA = re.compile(r"/wp-content/uploads/|\.files\.wordpress\.com/|\.wp\.com/|/files/|"
                          r"\.[A-Za-z0-9]{2,5}(?:[?#]|\Z)")
"""Cheap test before parsing: an upload path, a WordPress.com host, or a file extension at the end."""

_WP_IMAGE = re.compile(r"wp-image-(\d+)")
_MEDIA_BLOCK = re.compile(r"<!--\s+wp:(?:core/)?(?:image|gallery|cover|file|audio|video|media-text)\s+(\{.*?\})\s*/?-->",
                          re.DOTALL)
_BLOCK_ID = re.compile(r'"(?:id|mediaId)"\s*:\s*(\d+)')
_BLOCK_IDS = re.compile(r'"ids"\s*:\s*\[([\d,\s]*)\]')
_GALLERY = re.compile(r"\[gallery\b([^\]]*)\]", re.IGNORECASE)
_GALLERY_IDS = re.compile(r"""\b(?:ids|include)\s*=\s*["']?([\d,\s]+)""", re.IGNORECASE)
_CAPTION_ID = re.compile(r"""\[(?:wp_)?caption\b[^\]]*?\bid\s*=\s*["']?attachment_(\d+)""", re.IGNORECASE)
_META_FILE = re.compile(r's:\d+:"file";s:\d+:"([^"]*)";')
"""``_wp_attachment_metadata``'s ``file`` entries (the upload, then each size): read by pattern, so a
serialized value whose lengths a search-and-replace broke is still understood."""
_META_ORIGINAL = re.compile(r's:\d+:"original_image";s:\d+:"([^"]*)";')


def find_urls(text: str) -> list[str]:
    """Every media-looking URL in ``text`` (markup, shortcodes, CSS), once, trailing punctuation dropped."""
    if "//" not in text and "/wp-content/" not in text:
        return []
    matched = _ABSOLUTE.findall(text)
    found = list(dict.fromkeys(matched))
    if text.count("//") > len(matched):
        inside = {url.partition(":")[2] for url in found}
        found += [url for url in _SCHEME_RELATIVE.findall(text) if url not in inside]
    if "/wp-content/uploads/" in text:
        inside = {url[url.find("/wp-content/uploads/"):] for url in found}
        found += [url for url in _SITE_RELATIVE.findall(text) if url not in inside]
    return list(dict.fromkeys(url.rstrip(TRAILING) for url in found if _MAYBE_MEDIA.search(url)))


def url_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every URL-looking token in ``text``, scheme included, trailing punctuation not."""
    for match in _URL_BODY.finditer(text):
        start, end = match.span()
        before = text[max(0, start - 6):start].lower()
        if before.endswith("https:"):
            start -= 6
        elif before.endswith("http:"):
            start -= 5
        while end > start and text[end - 1] in TRAILING:
            end -= 1
        yield start, end


def _ids(text: str) -> Iterator[int]:
    return (int(part) for part in re.split(r"[,\s]+", text) if part.isdigit())


@dataclass
class MediaRecord:
    """One media file: where it lives on the old site and who uses it."""

    key: str
    url: str
    """The URL to fetch (original size)."""
    upload_path: str
    own: bool
    kind: str
    attachment: int | None = None
    """Id of its attachment post, when the export has one."""
    parent: int | None = None
    """The post it is attached to."""
    posts: set[int] = field(default_factory=set)
    """Posts whose content, excerpt, comments or featured image use it."""
    variants: set[str] = field(default_factory=set)
    """Other URLs the content reaches it by (sizes, resized, CDN forms)."""

    @property
    def users(self) -> set[int]:
        """The posts it belongs to: those using it, else the one it is attached to."""
        if self.posts:
            return self.posts
        return {self.parent} if self.parent else set()


@dataclass
class MediaGraph:
    """Every media file of a site by key, and the keys its size variants resolve to."""

    hosts: SiteHosts
    base: str
    """The site URL, against which ``/wp-content/...`` references are read."""
    records: dict[str, MediaRecord]
    aliases: dict[str, str]
    """Variant key -> key of its original."""
    attachments: dict[int, str]
    """Attachment id -> key of its file."""

    def resolve(self, url: str) -> MediaRecord | None:
        """The record a URL (any of its forms) refers to; None when it is no known file."""
        parsed = parse_media_url(url, self.hosts, self.base)
        if parsed is None:
            return None
        record = self.records.get(self.aliases.get(parsed.key, parsed.key))
        if record is None and parsed.original_key is not None:
            original = self.records.get(self.aliases.get(parsed.original_key, parsed.original_key))
            record = original if original is not None and original.attachment is not None else None
        return record

    def featured(self, post: Post) -> MediaRecord | None:
        """The record of a post's featured image (``_thumbnail_id``), if it is known."""
        thumbnail = next((m.value.strip() for m in post.meta if m.key == "_thumbnail_id"), "")
        key = self.attachments.get(int(thumbnail)) if thumbnail.isdigit() else None
        return self.records.get(key) if key is not None else None


class PostMedia(msgspec.Struct, frozen=True):
    """What the graph needs of one post, worked out from the post alone (in a reader's worker, say)."""

    id: int
    urls: tuple[str, ...] = ()
    """Media-looking URLs of its content, excerpt and comments, as written."""
    ids: tuple[int, ...] = ()
    """Attachments it names by id (images, blocks, galleries, captions, featured image)."""
    gallery: bool = False
    """A ``[gallery]`` without ids: it shows the images attached to it."""
    attachment: tuple[int | None, str, str, tuple[str, ...]] | None = None
    """For an attachment: its parent, file URL, ``_wp_attached_file`` and the file names of its sizes."""


def extract(post: Post) -> PostMedia:
    """One post's media: its references, or its file when it is an attachment."""
    if post.type == "attachment":
        attached = next((m.value.strip() for m in post.meta if m.key == "_wp_attached_file"), "")
        metadata = next((m.value for m in post.meta if m.key == "_wp_attachment_metadata"), "")
        sizes = tuple(_META_FILE.findall(metadata)[1:]) + tuple(_META_ORIGINAL.findall(metadata))
        return PostMedia(post.id, attachment=(post.parent, post.attachment_url or post.guid, attached, sizes))
    urls: list[str] = []
    ids: list[int] = []
    gallery = False
    for text in (post.content, post.excerpt, *(c.content for c in post.comments)):
        gallery = _scan(text, urls, ids) or gallery
    for meta in post.meta:
        if meta.key == "_thumbnail_id" and meta.value.strip().isdigit():
            ids.append(int(meta.value.strip()))
    return PostMedia(post.id, tuple(dict.fromkeys(urls)), tuple(dict.fromkeys(ids)), gallery)


def _scan(text: str, urls: list[str], ids: list[int]) -> bool:
    """Add one piece of markup's media URLs and attachment ids; True if it has a bare ``[gallery]``."""
    if not text:
        return False
    urls.extend(find_urls(text))
    if "wp-image-" in text:
        ids.extend(int(n) for n in _WP_IMAGE.findall(text))
    if "<!-- wp:" in text:
        for attributes in _MEDIA_BLOCK.findall(text):
            ids.extend(int(n) for n in _BLOCK_ID.findall(attributes))
            for listed in _BLOCK_IDS.findall(attributes):
                ids.extend(_ids(listed))
    gallery = False
    if "[" in text:
        for attributes in _GALLERY.findall(text):
            listed = _GALLERY_IDS.search(attributes)
            if listed is not None:
                ids.extend(_ids(listed.group(1)))
            else:
                gallery = True
        ids.extend(int(n) for n in _CAPTION_ID.findall(text))
    return gallery


class MediaGraphBuilder:
    """Collects attachments and references over one pass of the posts; :meth:`finish` links them."""

    def __init__(self, site_urls: Iterable[str], extra_hosts: Iterable[str] = ()) -> None:
        urls = [u for u in site_urls if u]
        self.hosts = SiteHosts.of(urls, extra_hosts)
        self.base = urls[0] if urls else ""
        self.records: dict[str, MediaRecord] = {}
        self.aliases: dict[str, str] = {}
        self.attachments: dict[int, str] = {}
        self._pending: list[PostMedia] = []
        self._attachments: list[PostMedia] = []

    def add(self, item: Post | PostMedia) -> None:
        """Take one post (or what :func:`extract` took of it) into the graph."""
        media = extract(item) if isinstance(item, Post) else item
        if media.attachment is not None:
            self._attachments.append(media)
        elif media.urls or media.ids or media.gallery:
            self._pending.append(media)

    def _record(self, parsed: MediaUrl) -> MediaRecord:
        record = self.records.get(parsed.key)
        if record is None:
            record = MediaRecord(parsed.key, parsed.fetch, parsed.upload_path, parsed.own, parsed.kind)
            self.records[parsed.key] = record
        return record

    def _place_attachments(self) -> None:
        """Attachment files first: they are the originals every other form resolves to."""
        self.hosts = self.hosts.with_hosts(_hostname(m.attachment[1]) for m in self._attachments if m.attachment)
        for media in self._attachments:
            parent, url, attached, sizes = media.attachment  # type: ignore[misc]
            parsed = parse_media_url(url, self.hosts, self.base)
            if parsed is None and attached and self.base:
                parsed = parse_media_url(f"{self.base.rstrip('/')}/wp-content/uploads/{attached}", self.hosts)
            if parsed is None:
                continue
            record = self._record(parsed)
            record.attachment = record.attachment or media.id
            record.parent = record.parent or parent
            self.attachments[media.id] = record.key
            folder = parsed.key.rpartition("/")[0]
            for name in sizes:
                variant = f"{folder}/{name.rsplit('/', 1)[-1]}" if folder else f"uploads:{name}"
                if variant != record.key:
                    self.aliases.setdefault(variant, record.key)

    def _resolve_url(self, url: str) -> tuple[MediaRecord, bool] | None:
        parsed = parse_media_url(url, self.hosts, self.base)
        if parsed is None:
            return None
        key = self.aliases.get(parsed.key, parsed.key)
        if key in self.records:
            return self.records[key], url.replace("&amp;", "&") != self.records[key].url
        original = parsed.original_key
        if original is not None:
            original = self.aliases.get(original, original)
            if original in self.records and self.records[original].attachment is not None:
                self.aliases[parsed.key] = original
                return self.records[original], True
        return self._record(parsed), False

    def finish(self) -> MediaGraph:
        """Link every reference to its file; the graph is complete."""
        self._place_attachments()
        galleries: set[int] = set()
        for media in self._pending:
            for url in media.urls:
                found = self._resolve_url(url)
                if found is not None:
                    record, variant = found
                    record.posts.add(media.id)
                    if variant:
                        record.variants.add(url)
            for attachment in media.ids:
                key = self.attachments.get(attachment)
                if key is not None:
                    self.records[key].posts.add(media.id)
            if media.gallery:
                galleries.add(media.id)
        if galleries:
            for record in self.records.values():
                if record.parent in galleries and record.kind == "image":
                    record.posts.add(record.parent)  # type: ignore[arg-type]
        self._pending, self._attachments = [], []
        return MediaGraph(self.hosts, self.base, self.records, self.aliases, self.attachments)


def _hostname(url: str) -> str:
    try:
        return urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""


def build_graph(posts: Iterable[Post], site_urls: Iterable[str], extra_hosts: Iterable[str] = ()) -> MediaGraph:
    """The media graph of a stream of posts (``site_urls``: the export's home URL first, then its site URL)."""
    builder = MediaGraphBuilder(site_urls, extra_hosts)
    for post in posts:
        builder.add(post)
    return builder.finish()


__all__ = ["MediaGraph", "MediaGraphBuilder", "MediaRecord", "PostMedia", "build_graph", "extract", "find_urls", "url_spans"]
