"""Internal links rewritten to a post's new URL: an HTML-to-HTML content step.

Old URLs come in many forms: the permalink (any structure), the guid,
``?p=N``, ``?page_id=N``, ``?attachment_id=N``, attachment pages, with or
without the old domain. :func:`url_key` reduces each to one lookup key;
:class:`LinkRewriter` replaces ``href``/``src`` values found in a
:class:`LinkTable`, keeping the ``#fragment``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, MutableMapping
from urllib.parse import parse_qsl, unquote, urlsplit

ID_QUERY_KEYS = ("p", "page_id", "attachment_id")
"""Query parameters WordPress resolves to a post by id."""


def site_hosts(urls: Iterable[str]) -> frozenset[str]:
    """Host names of the old site (without ``www.``), from its URLs (those that parse)."""
    hosts = set()
    for url in urls:
        try:
            host = urlsplit(url).hostname if url else None
        except ValueError:  # not a URL (a bad IPv6 host, say): no host to learn from it
            continue
        if host:
            hosts.add(host.removeprefix("www."))
    return frozenset(hosts)


_PLAIN_URL_RE = re.compile(r"https?://([a-z0-9.-]+)(/[^?#%@\[\]\\\s]*)?\Z")
"""An http(s) URL with a plain host, no port, query, fragment, escapes or white space: most links."""
_ID_URL_RE = re.compile(r"https?://([a-z0-9.-]+)(?:/[^?#%@\[\]\\\s]*)?\?(?:p|page_id|attachment_id)=([0-9]{1,18})\Z")
"""The same with ``?p=N`` (or ``page_id``, ``attachment_id``) as its whole query: most guids."""


_ID_VALUE_RE = re.compile("[0-9]{1,18}")
"""A post id in a query: ASCII digits a 64-bit integer holds (int() refuses "²" and 5,000 digits)."""


def url_key(url: str, hosts: Collection[str]) -> str | None:
    """The lookup key of an old-site URL (``/path`` or ``?p=N``); None for other sites' URLs."""
    plain = _PLAIN_URL_RE.match(url) or _ID_URL_RE.match(url)
    if plain is not None:  # what urlsplit gives for these, without its cost (links are looked up by the thousand)
        return _plain_key(plain) if plain.group(1).removeprefix("www.") in hosts else None
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if host is not None:
        if host.removeprefix("www.") not in hosts:
            return None
    elif not parts.path.startswith("/"):
        return None
    if parts.query:
        for name, value in parse_qsl(parts.query):
            if name in ID_QUERY_KEYS and _ID_VALUE_RE.fullmatch(value):  # not isdigit(): "²" is a digit too
                return f"?id={int(value)}"
    path = unquote(parts.path, errors="replace").rstrip("/")
    return path or "/"


def own_url_key(url: str) -> str | None:
    """The key of a URL of the site itself: :func:`url_key` with the URL's own host among the site's."""
    plain = _PLAIN_URL_RE.match(url) or _ID_URL_RE.match(url)
    if plain is not None:  # its host is the site's by definition: no need to parse it out
        return _plain_key(plain)
    return url_key(url, site_hosts([url]))


def _plain_key(match: re.Match[str]) -> str:
    """The key of a URL matched by :data:`_PLAIN_URL_RE` or :data:`_ID_URL_RE`."""
    if match.re is _ID_URL_RE:
        return id_key(int(match.group(2)))
    return (match.group(2) or "").rstrip("/") or "/"


def key_to_url(key: str) -> str:
    """An old URL back from its key: ``/path/`` (slash restored unless a file) or ``/?p=N``."""
    if key.startswith("?id="):
        return "/?p=" + key[4:]
    if key == "/" or "." in key.rsplit("/", 1)[-1]:
        return key
    return key + "/"


def id_key(post_id: int) -> str:
    """The key every ``?p=N``-style URL of a post reduces to."""
    return f"?id={post_id}"


class LinkTable:
    """Old-URL keys to new URLs, for one site.

    ``targets`` may be any mapping with ``get`` and ``setdefault`` (a dict by
    default; the Markdown writer passes one kept on disk).
    """

    def __init__(self, hosts: set[str], targets: MutableMapping[str, str] | None = None) -> None:
        self.hosts = hosts
        """Host names of the old site; grows as posts show where they lived."""
        self.targets: MutableMapping[str, str] = {} if targets is None else targets

    def add(self, old_url: str, new_url: str) -> str | None:
        """Map an old URL to a new one (first mapping wins); returns the key, or None if foreign."""
        key = url_key(old_url, self.hosts)
        if key is not None:
            self.add_key(key, new_url)
        return key

    def add_key(self, key: str, new_url: str) -> None:
        """Map an old URL's key (from :func:`url_key`) to a new URL (first mapping wins)."""
        self.targets.setdefault(key, new_url)

    def add_id(self, post_id: int, new_url: str) -> None:
        """Map every ``?p=N`` form of a post."""
        self.targets.setdefault(id_key(post_id), new_url)

    def old_path(self, url: str) -> str | None:
        """The path an old URL of this site had (for aliases); None for id forms and other sites."""
        key = url_key(url, self.hosts) if url else None
        if key is None or key.startswith("?id="):
            return None
        return key_to_url(key)

    def lookup(self, url: str) -> str | None:
        """The new URL for an old one, fragment kept; None when it is not a known internal link."""
        base, hash_, fragment = url.partition("#")
        key = url_key(base, self.hosts) if base else None
        new = self.targets.get(key) if key is not None else None
        if new is None:
            return None
        return new + hash_ + fragment


_ATTRIBUTE = re.compile(r"""(\s(?:href|src)\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)


class LinkRewriter:
    """HTML step: ``href`` and ``src`` values pointing at old posts now point at their new URLs.

    With ``remember`` > 0, the answers for up to that many URLs are kept (a
    site links to the same pages over and over, and a table on disk costs a
    query per look-up): only for a table that no longer changes.
    """

    def __init__(self, table: LinkTable, remember: int = 0) -> None:
        self.table = table
        self.remember = remember
        self._answers: dict[str, str | None] = {}

    def _new_url(self, old: str) -> str | None:
        if old in self._answers:
            return self._answers[old]
        new = self.table.lookup(old)
        if self.remember:
            if len(self._answers) >= self.remember:
                self._answers.clear()  # bounded memory; the links in use come back at once
            self._answers[old] = new
        return new

    def _replace(self, match: re.Match[str]) -> str:
        old = match.group(3)
        new = self._new_url(old.replace("&amp;", "&"))
        if new is None:
            return match.group(0)
        return f"{match.group(1)}{match.group(2)}{new}{match.group(2)}"

    def __call__(self, html: str) -> str:
        if "href" not in html and "src" not in html:
            return html
        return _ATTRIBUTE.sub(self._replace, html)
