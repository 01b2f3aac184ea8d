"""Site-wide lookups content rendering needs: attachments and reusable blocks, gathered in one pass."""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass

from ..model import Post

IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "bmp", "tif", "tiff", "ico", "heic"})


@dataclass(frozen=True)
class Attachment:
    """What a gallery or caption needs to know about an attachment."""

    id: int
    url: str
    title: str = ""
    caption: str = ""
    """The attachment's excerpt, which WordPress shows as its caption."""
    alt: str = ""
    """Meta ``_wp_attachment_image_alt``."""
    parent: int | None = None
    menu_order: int = 0

    @property
    def is_image(self) -> bool:
        """Whether the file looks like an image (the model has no MIME type; the extension tells)."""
        path = self.url.split("?", 1)[0].split("#", 1)[0]
        return path.rsplit(".", 1)[-1].lower() in IMAGE_EXTENSIONS if "." in path else False


def attachment_of(post: Post) -> Attachment:
    """What the content index keeps of an attachment post."""
    alt = next((m.value for m in post.meta if m.key == "_wp_attachment_image_alt"), "")
    return Attachment(id=post.id, url=post.attachment_url or post.guid, title=post.title,
                      caption=post.excerpt, alt=alt, parent=post.parent, menu_order=post.menu_order)


class ContentIndex:
    """Site-wide lookups the content needs: attachments by id (url, title, caption = excerpt,
    alt = meta ``_wp_attachment_image_alt``, parent), attachments by parent id, reusable
    blocks (``wp_block`` posts) by id."""

    def __init__(self, attachments: MutableMapping[int, Attachment] | None = None,
                 children: MutableMapping[int, list[int]] | None = None,
                 reusable_blocks: MutableMapping[int, str] | None = None) -> None:
        """In memory by default; a writer streaming a huge export may pass mappings kept on disk."""
        self.attachments = attachments if attachments is not None else {}
        self.children = children if children is not None else {}
        self.reusable_blocks = reusable_blocks if reusable_blocks is not None else {}

    def add(self, post: Post) -> None:
        """Remember what rendering needs from ``post``; called for every post in a first pass."""
        if post.type == "attachment":
            self.add_attachment(attachment_of(post))
        elif post.type == "wp_block":
            self.reusable_blocks[post.id] = post.content

    def add_attachment(self, attachment: Attachment) -> None:
        """Remember an attachment (made by :func:`attachment_of`), under its parent too."""
        self.attachments[attachment.id] = attachment
        if attachment.parent is not None:  # assigned, not appended in place: a disk mapping must see it
            self.children[attachment.parent] = [*self.children.get(attachment.parent, ()), attachment.id]

    @classmethod
    def from_posts(cls, posts: Iterable[Post]) -> ContentIndex:
        """An index of every post in ``posts``."""
        index = cls()
        for post in posts:
            index.add(post)
        return index

    def attached_images(self, parent: int) -> list[Attachment]:
        """The images attached to post ``parent``, in WordPress's gallery order (menu order, then id)."""
        attachments = (self.attachments[i] for i in self.children.get(parent, ()))  # each read once
        return sorted((a for a in attachments if a.is_image), key=lambda a: (a.menu_order, a.id))
