"""Media URLs: which URLs are files of the site, in which of their many forms, and of which original.

WordPress serves one uploaded file under many URLs: ``/wp-content/uploads/2013/03/a.jpg``,
its sizes ``a-300x200.jpg`` (and ``a-scaled.jpg`` for a big image), resized on the fly
with ``?w=604`` / ``?resize=300,200`` / ``?fit=...``, through Jetpack's image CDN
``i0.wp.com/<host>/...``, and on WordPress.com from ``<site>.files.wordpress.com/2013/03/a.jpg``.
:func:`parse_media_url` reduces each to one :class:`MediaUrl`: the URL to fetch and a key
that is the same for every form of the same file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit, urlunsplit

from ..transforms.index import IMAGE_EXTENSIONS
from ..transforms.shortcode_renderers import AUDIO_EXTENSIONS, VIDEO_EXTENSIONS

DOCUMENT_EXTENSIONS = frozenset({
    "pdf", "doc", "docx", "odt", "rtf", "txt", "xls", "xlsx", "ods", "csv", "ppt", "pptx", "odp", "key",
    "zip", "gz", "tgz", "7z", "rar", "epub", "mobi", "psd", "ai", "eps",
})
"""Extensions of the other files WordPress lets authors upload."""

KINDS: dict[str, frozenset[str]] = {
    "image": IMAGE_EXTENSIONS,
    "audio": frozenset(AUDIO_EXTENSIONS),
    "video": frozenset(VIDEO_EXTENSIONS),
    "document": DOCUMENT_EXTENSIONS,
}
MEDIA_EXTENSIONS = frozenset().union(*KINDS.values())

SIZE_QUERY_KEYS = frozenset({"w", "h", "resize", "fit", "crop", "zoom", "quality", "strip", "ssl", "lb", "ulb"})
"""Query parameters that only ask WordPress.com or Jetpack for another size of the same file."""

_UPLOADS = "/wp-content/uploads/"
_MS_FILES = "/files/"
_JETPACK_HOST = re.compile(r"i[0-9]\.wp\.com\Z")
_WPCOM_FILES = re.compile(r"([a-z0-9-]+)\.files\.wordpress\.com\Z")
_WPCOM_SITE = re.compile(r"([a-z0-9-]+)\.wordpress\.com\Z")
_SIZE_SUFFIX = re.compile(r"-(?:\d+x\d+|scaled)(?=\.[A-Za-z0-9]+\Z)")
"""``-300x200`` or ``-scaled`` just before the extension: a size WordPress made of an upload."""


def kind_of(path: str) -> str:
    """``image``, ``audio``, ``video``, ``document`` or ``other``, from a path's extension."""
    extension = path.rsplit("/", 1)[-1].rpartition(".")[2].lower()
    for kind, extensions in KINDS.items():
        if extension in extensions:
            return kind
    return "other"


def _host(host: str | None) -> str:
    return (host or "").lower().removeprefix("www.")


@dataclass(frozen=True)
class SiteHosts:
    """The hosts whose files belong to the site (``--media-hosts``): fetched with ``--media download``.

    ``everything`` (``--media-hosts all``) makes every host the site's.
    """

    hosts: frozenset[str]
    everything: bool = False

    @classmethod
    def of(cls, site_urls: Iterable[str], extra: Iterable[str] = ()) -> SiteHosts:
        """The site's own hosts: its site and home URLs' hosts, its ``files.wordpress.com`` mirror, ``extra``."""
        hosts: set[str] = set()
        everything = False
        for url in site_urls:
            try:
                host = _host(urlsplit(url.strip()).hostname) if url else ""
            except ValueError:
                continue
            if host:
                hosts.add(host)
                site = _WPCOM_SITE.match(host)
                if site is not None and site.group(1) != "files":
                    hosts.add(f"{site.group(1)}.files.wordpress.com")
        for name in extra:
            name = name.strip().lower()
            if name == "all":
                everything = True
            elif name:
                hosts.add(_host(urlsplit(name).hostname if "//" in name else name.split("/", 1)[0].split(":")[0]))
        return cls(frozenset(hosts), everything)

    def with_hosts(self, more: Iterable[str]) -> SiteHosts:
        """These hosts and ``more`` (say, the hosts the export's attachment files live on)."""
        return SiteHosts(self.hosts | {_host(h) for h in more if h}, self.everything)

    def __contains__(self, host: object) -> bool:
        return self.everything or (isinstance(host, str) and _host(host) in self.hosts)


@dataclass(frozen=True, slots=True)
class MediaUrl:
    """One form of a media file's URL, reduced."""

    fetch: str
    """The URL to download: the original size, no size query, no CDN in front."""
    key: str
    """Same for every form of the same file: ``uploads:<upload path>`` or ``url:<fetch URL>``."""
    upload_path: str
    """``2013/03/a.jpg`` (decoded, NFC) for the site's uploads; for other files ``<host>/<path>``."""
    own: bool
    """A file of the site itself (its hosts, CDN and mirrors), as opposed to a third party's."""
    kind: str

    @property
    def original_key(self) -> str | None:
        """The key of the file this one is a size of (``a-300x200.jpg`` -> ``a.jpg``), if its name says so."""
        stripped = _SIZE_SUFFIX.sub("", self.key, count=1)
        return stripped if stripped != self.key else None


def _clean_path(path: str) -> str:
    return unicodedata.normalize("NFC", unquote(path, errors="replace"))


def _unwrap_jetpack(parts: tuple[str, str, str, str, str]) -> tuple[str, str, str, str, str] | None:
    """``https://i0.wp.com/example.com/a.jpg?w=300`` -> the parts of ``https://example.com/a.jpg``."""
    scheme, _, path, query, fragment = parts
    inner_host, _, inner_path = path.lstrip("/").partition("/")
    if not inner_host or "." not in inner_host:
        return None
    return scheme or "https", inner_host, "/" + inner_path, query, fragment


def _query_without_sizes(query: str) -> str:
    kept = [p for p in query.split("&") if p and p.split("=", 1)[0].lower() not in SIZE_QUERY_KEYS]
    return "&".join(kept)


@lru_cache(maxsize=4096)
def parse_media_url(url: str, hosts: SiteHosts, base: str = "") -> MediaUrl | None:
    """The media file a URL points at, or None when it is no media file.

    A URL is a media file when its path is an upload path of the site
    (``/wp-content/uploads/``, ``<site>.files.wordpress.com``) or ends in a media
    extension. Relative URLs (``/wp-content/...``) are read against ``base`` (the site URL).
    Only ``http``, ``https`` and scheme-relative URLs qualify. Answers are kept for
    the last 4,096 URLs: a site uses the same files over and over.
    """
    text = url.strip().replace("&amp;", "&")
    if not text or text.startswith(("data:", "#", "mailto:", "javascript:")):
        return None
    if text.startswith("/") and not text.startswith("//"):
        if not base:
            return None
        text = base.rstrip("/") + text
    elif text.startswith("//"):
        text = "https:" + text
    try:
        parts = urlsplit(text)
        host = _host(parts.hostname)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host:
        return None
    split = (parts.scheme, parts.netloc, parts.path, parts.query, "")
    if _JETPACK_HOST.match(host):
        unwrapped = _unwrap_jetpack(split)
        if unwrapped is None:
            return None
        split = unwrapped
        host = _host(urlsplit(f"//{split[1]}").hostname)
    path = split[2]
    files = _WPCOM_FILES.match(host)
    own = host in hosts
    if files is not None:
        upload = path.lstrip("/")
    elif _UPLOADS in path:
        upload = path.split(_UPLOADS, 1)[1]
    elif own and path.startswith(_MS_FILES):
        upload = path[len(_MS_FILES):]
    else:
        upload = ""
    kind = kind_of(path)
    if not upload and kind == "other":
        return None
    if upload and own:
        clean = _clean_path(upload)
        fetch = urlunsplit((split[0], split[1], path, "", ""))
        return MediaUrl(fetch=fetch, key="uploads:" + clean, upload_path=clean, own=True, kind=kind_of(clean))
    query = _query_without_sizes(split[3])
    fetch = urlunsplit((split[0], split[1], path, query, ""))
    where = _clean_path(path.lstrip("/")) + (f"?{query}" if query else "")
    return MediaUrl(fetch=fetch, key="url:" + fetch, upload_path=f"{host}/{where}", own=own, kind=kind)


__all__ = ["DOCUMENT_EXTENSIONS", "KINDS", "MEDIA_EXTENSIONS", "MediaUrl", "SiteHosts", "kind_of",
           "parse_media_url"]
