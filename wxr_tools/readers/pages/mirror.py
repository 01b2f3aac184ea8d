"""Merging what many pages of one mirror say into one record per post, term and author."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time
from urllib.parse import unquote

from wxr_tools.diagnostics import DiagnosticLog
from wxr_tools.model import Author, Comment, Post, Site, SiteInfo, Term, TermRef

from slugify import slugify

from .dom import whole_number
from .post import permalink
from .reader import PageRecord, PostSeen
from .terms import class_slug


class MirrorBuilder:
    """Accumulates page records; ``build()`` gives the site. Pages may come in any order."""

    def __init__(self, log: DiagnosticLog) -> None:
        self.log = log
        self.posts: dict[object, Post] = {}
        self.parts: dict[object, dict[int, str]] = {}
        self.heading_counts: dict[object, tuple[int, str]] = {}
        self.comment_pages: set[object] = set()
        self.authors: dict[str, Author] = {}
        self.terms: dict[tuple[str, str], Term] = {}
        self.listed_terms: dict[int, list[TermRef]] = {}
        self.listed_authors: dict[int, str] = {}
        self.guessed_authors: set[object] = set()
        self.post_classes: dict[object, set[str]] = {}
        self.recent_comments: dict[tuple[str, str], int] = {}
        self.fully_known: set[int] = set()
        """Ids of posts whose single page or full text was read: listings need not be read for them again."""
        self.files: dict[object, str] = {}
        """The first page each post was read from, for diagnostics about the merged record."""
        self.listed_posts: dict[int, tuple[Post, str]] = {}
        """Posts as listings show them, with the file of the first listing: records when no single page shows them."""
        self.site_name = ""
        self.site_link = ""
        self.language = ""

    def add(self, record: PageRecord) -> None:
        """Fold one page's record in."""
        self.site_name = self.site_name or record.site_name
        self.site_link = self.site_link or record.home_url
        self.language = self.language or record.language
        for term in record.directory.terms:
            self._add_term(term, record.file)
        for recent in record.directory.recent_comments:
            self.recent_comments[(_url_key(recent.post_url), name_key(recent.author))] = recent.comment_id
        if record.post is not None:
            self._add_post(record.post, record.file)
        if record.archive is not None:
            archive = record.archive
            if archive.term is not None:
                self._add_term(archive.term, record.file)
            if archive.author is not None:
                self._add_author(archive.author, record.file)
            for listed in archive.listed:
                self.listed_terms.setdefault(listed.id, []).extend(listed.terms)
                if listed.author:
                    self.listed_authors.setdefault(listed.id, listed.author)
                if listed.post is not None:
                    self._add_listed_post(listed.post, record.file)
                for author in listed.authors:
                    self._add_author(author, record.file)
                for term in listed.linked_terms:
                    self._add_term(term, record.file)

    def _key(self, post: Post) -> object:
        return post.id if post.id else ("url", permalink(post.url))

    def _add_post(self, seen: PostSeen, file: str) -> None:
        post = seen.post
        key = self._key(post)
        if post.id:
            self.fully_known.add(post.id)
        self.parts.setdefault(key, {}).setdefault(seen.page_number, post.content)
        for author in ([seen.author] if seen.author is not None else []) + seen.coauthors:
            self._add_author(author, file)
        for term in seen.terms:
            self._add_term(term, file)
        if seen.heading_count is not None:
            self.heading_counts.setdefault(key, (seen.heading_count, file))
        if seen.comment_page:
            self.comment_pages.add(key)
        self.post_classes.setdefault(key, set()).update(seen.classes)
        self.files.setdefault(key, file)
        if seen.author_guessed:
            self.guessed_authors.add(key)
        existing = self.posts.get(key)
        if existing is None:
            self.posts[key] = post
            return
        for name in ("title", "url", "author", "date", "date_gmt", "modified", "modified_gmt", "slug", "type"):
            old, new = getattr(existing, name), getattr(post, name)
            if not old and new:
                setattr(existing, name, new)
            elif old and new and old != new and name in ("title", "author"):
                self.log.add("PAGE150", "warning", f"post {post.id or post.url}: {name} {new!r} differs from"
                             f" {old!r} seen on another page", file=file, action="first kept")
        known = {(t.taxonomy, t.slug) for t in existing.terms}
        existing.terms.extend(t for t in post.terms if (t.taxonomy, t.slug) not in known)
        existing.comments = merge_comments(existing.comments, post.comments)

    def _add_listed_post(self, post: Post, file: str) -> None:
        """Keep what listings show of a post: the full text over an excerpt, the first value of each field."""
        if not post.excerpt_only:
            self.fully_known.add(post.id)
        known = self.listed_posts.get(post.id)
        if known is None:
            self.listed_posts[post.id] = (post, file)
            return
        existing = known[0]
        if (existing.excerpt_only and not post.excerpt_only) or (
                existing.excerpt_only == post.excerpt_only and len(post.content) > len(existing.content)):
            existing.content, existing.excerpt_only = post.content, post.excerpt_only
        if post.date is not None and (existing.date is None or _more_precise(post.date, existing.date)):
            existing.date, existing.date_gmt = post.date, post.date_gmt
        for name in ("title", "url", "slug", "author", "excerpt"):
            if not getattr(existing, name) and getattr(post, name):
                setattr(existing, name, getattr(post, name))
        seen = {(t.taxonomy, t.slug) for t in existing.terms}
        existing.terms.extend(t for t in post.terms if (t.taxonomy, t.slug) not in seen)

    def _adopt_listed_posts(self) -> None:
        """Posts shown only in listings become records; a single page of the post, where saved, wins."""
        urls = {permalink(p.url).rstrip("/") for p in self.posts.values() if p.url}
        for number, (post, file) in self.listed_posts.items():
            if number in self.posts or (post.url and permalink(post.url).rstrip("/") in urls):
                continue
            self.posts[number] = post
            self.files[number] = file
            self.log.add("PAGE170", "info", f"post {number} ({post.title!r}) is shown only in listings; read"
                         " from them", file=file, action="read from the listing")
            if post.excerpt_only:
                self.log.add("PAGE171", "warning", f"post {number} ({post.title!r}): the listings show only"
                             " its excerpt or teaser, not the full text", file=file,
                             action="content is the excerpt; excerpt_only set")

    def _add_author(self, author: Author, file: str) -> None:
        existing = self.authors.get(author.login)
        if existing is None and author.display_name:
            existing = next((a for a in self.authors.values()
                             if a.display_name and name_key(a.display_name) == name_key(author.display_name)
                             and a.login == slugify(a.display_name)), None)
            if existing is not None:
                del self.authors[existing.login]
                existing.login = author.login
                self.authors[author.login] = existing
        if existing is None:
            self.authors[author.login] = Author(login=author.login, id=author.id,
                                                display_name=author.display_name, bio=author.bio)
            return
        existing.id = existing.id or author.id
        existing.display_name = existing.display_name or author.display_name
        if existing.bio is None:
            existing.bio = author.bio

    def _add_term(self, term: Term, file: str) -> None:
        key = (term.taxonomy, term.slug)
        existing = self.terms.get(key)
        if existing is None and term.id is not None:
            existing = next((t for t in self.terms.values()
                             if t.taxonomy == term.taxonomy and t.id == term.id), None)
            if existing is not None and existing.slug.isdigit() and not term.slug.isdigit():
                del self.terms[(existing.taxonomy, existing.slug)]
                existing.slug = term.slug  # the archive showed only the id; a link gave the slug
                self.terms[key] = existing
        if existing is None:
            self.terms[key] = Term(taxonomy=term.taxonomy, slug=term.slug, name=term.name, id=term.id,
                                   parent=term.parent, description=term.description)
            return
        existing.name = existing.name or term.name
        existing.id = existing.id or term.id
        existing.parent = existing.parent or term.parent
        existing.description = existing.description or term.description

    def build(self) -> Site:
        """The merged site: posts with joined content, all comments, recovered terms and names."""
        self._adopt_listed_posts()
        self._merge_id_slugged_terms()
        by_class_slug = {(t.taxonomy, class_slug(t.slug)): t for t in self.terms.values()}
        self.terms_by_id = {(t.taxonomy, t.id): t for t in self.terms.values() if t.id is not None}
        logins = self._logins_by_name()
        taxonomies = {t.taxonomy for t in self.terms.values()} - {"category", "post_tag"}
        posts: list[Post] = []
        next_free = -1
        for key, post in self.posts.items():
            parts = self.parts.get(key, {})
            if len(parts) > 1:
                post.content = "\n<!--nextpage-->\n".join(parts[n] for n in sorted(parts))
            if not post.id:
                post.id = next_free
                next_free -= 1
            self._recover_author(key, post, logins)
            self._recover_custom_terms(key, post, taxonomies)
            self._recover_terms(post, by_class_slug, self.files.get(key, ""))
            self._recover_comment_ids(post)
            self._check_count(key, post)
            posts.append(post)
        posts.sort(key=lambda p: (p.date is None, str(p.date_gmt or p.date or ""), p.id))
        _number_idless_comments(posts)
        used = {p.author for p in posts}
        for login in list(self.authors):
            author = self.authors[login]
            if login not in used and author.login == slugify(author.display_name) and \
                    name_key(author.display_name) in logins:
                del self.authors[login]
        for post in posts:
            if post.author and post.author not in self.authors:
                self.authors[post.author] = Author(login=post.author)
        info = SiteInfo(title=self.site_name, link=self.site_link, language=self.language)
        return Site(info=info, authors=list(self.authors.values()),
                    terms=sorted(self.terms.values(), key=lambda t: (t.taxonomy, t.slug)), posts=posts)

    def _recover_terms(self, post: Post, by_class_slug: dict[tuple[str, str], Term], file: str) -> None:
        refs: list[TermRef] = []
        seen: set[tuple[str, str]] = set()
        by_id = self.terms_by_id
        for ref in [*post.terms, *self.listed_terms.get(post.id, [])]:
            term = self.terms.get((ref.taxonomy, ref.slug)) or by_class_slug.get((ref.taxonomy, ref.slug)) \
                or self.aliases.get((ref.taxonomy, ref.slug))
            if term is None and (number := whole_number(ref.slug)) is not None:  # post_class() prints the id
                term = by_id.get((ref.taxonomy, number))  # when the slug is not ASCII
            if term is not None:
                ref = TermRef(taxonomy=term.taxonomy, slug=term.slug, name=term.name or ref.name)
            key = (ref.taxonomy, ref.slug)
            if key in seen:
                continue
            if not ref.name:
                ref = TermRef(taxonomy=ref.taxonomy, slug=ref.slug, name=name_from_slug(ref.slug))
                self.log.add("PAGE131", "info", f"post {post.id}: {ref.taxonomy} '{ref.slug}' is named only by the"
                             " post classes; no link, breadcrumb, structured data or archive shows its name",
                             file=file, action=f"named '{ref.name}' after its slug")
            seen.add(key)
            refs.append(ref)
        post.terms = refs

    def _merge_id_slugged_terms(self) -> None:
        """Fold a term known by id only (an archive of a non-ASCII slug) into the linked term of that name."""
        self.aliases: dict[tuple[str, str], Term] = {}
        for key, term in list(self.terms.items()):
            if not term.slug.isdigit() or not term.name:
                continue
            twin = next((t for t in self.terms.values() if t is not term and t.taxonomy == term.taxonomy
                         and t.name == term.name and not t.slug.isdigit()), None)
            if twin is not None:
                twin.id = twin.id or term.id
                twin.description = twin.description or term.description
                twin.parent = twin.parent or term.parent
                del self.terms[key]
                self.aliases[key] = twin

    def _logins_by_name(self) -> dict[str, str]:
        """Display name → login, for authors whose login a page showed (archive, URL, class)."""
        found: dict[str, str] = {}
        for author in self.authors.values():
            if author.display_name and author.login != slugify(author.display_name):
                found.setdefault(name_key(author.display_name), author.login)
        return found

    def _recover_author(self, key: object, post: Post, logins: dict[str, str]) -> None:
        if not post.author and post.id in self.listed_authors:
            post.author = self.listed_authors[post.id]
        elif key in self.guessed_authors:
            guessed = self.authors.get(post.author)
            name = guessed.display_name if guessed is not None else ""
            if name and name_key(name) in logins:
                post.author = logins[name_key(name)]

    def _recover_custom_terms(self, key: object, post: Post, taxonomies: set[str]) -> None:
        known = {(t.taxonomy, class_slug(t.slug)) for t in post.terms}
        for token in sorted(self.post_classes.get(key, ())):
            for taxonomy in taxonomies:
                prefix = f"{taxonomy}-"
                if token.startswith(prefix) and (taxonomy, token[len(prefix):]) not in known:
                    post.terms.append(TermRef(taxonomy=taxonomy, slug=token[len(prefix):]))

    def _recover_comment_ids(self, post: Post) -> None:
        url = _url_key(post.url)
        for comment in post.comments:
            if comment.id <= 0:
                found = self.recent_comments.get((url, name_key(comment.author_name)))
                if found is not None and all(c.id != found for c in post.comments):
                    comment.id = found

    def _check_count(self, key: object, post: Post) -> None:
        if key not in self.heading_counts:
            return
        claimed, file = self.heading_counts[key]
        shown = sum(1 for c in post.comments if c.status == "approved")
        comments_only = sum(1 for c in post.comments if c.status == "approved" and c.type == "comment")
        if claimed not in (shown, comments_only):  # some themes count comments without pings
            self.log.add("PAGE140", "warning", f"post {post.id}: the heading counts {claimed} responses but"
                         f" {shown} were found" + (" (comments are paginated; save every comment page)"
                                                   if key in self.comment_pages else ""),
                         file=file, action="kept what was found")


def _more_precise(new: datetime, old: datetime) -> bool:
    """Whether a listing's date says more than another's: a time of day, or its UTC offset."""
    if old.tzinfo is None and new.tzinfo is not None:
        return True
    return old.time() == time() and new.time() != time() and (old.tzinfo is None) == (new.tzinfo is None)


def name_from_slug(slug: str) -> str:
    """A readable name made from a term slug ("harbour-news" → "Harbour news"), for terms no page names."""
    words = unquote(slug).replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def name_key(name: str) -> str:
    """A display name compared as readers see it: curly quotes straightened, case folded."""
    return " ".join(name.translate(_QUOTES).casefold().split())


def _url_key(url: str) -> str:
    return permalink(url).rstrip("/")


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "″": '"', "′": "'"})


def merge_comments(first: Iterable[Comment], second: Iterable[Comment]) -> list[Comment]:
    """Union of two comment lists of one post, by id (id-less pings by author and type)."""
    merged: list[Comment] = list(first)
    by_id = {c.id: c for c in merged if c.id > 0}
    idless = {(c.type, c.author_name, c.author_url) for c in merged if c.id <= 0}
    for comment in second:
        if comment.id > 0:
            if comment.id not in by_id:
                by_id[comment.id] = comment
                merged.append(comment)
            elif by_id[comment.id].parent is None and comment.parent is not None:
                by_id[comment.id].parent = comment.parent
        elif (comment.type, comment.author_name, comment.author_url) not in idless:
            idless.add((comment.type, comment.author_name, comment.author_url))
            merged.append(comment)
    merged.sort(key=lambda c: (c.id <= 0, c.id if c.id > 0 else -c.id))
    return merged


def _number_idless_comments(posts: list[Post]) -> None:
    """Give comments the page showed without an id site-unique negative ids."""
    next_free = -1
    for post in posts:
        for comment in post.comments:
            if comment.id <= 0:
                comment.id = next_free
                next_free -= 1
