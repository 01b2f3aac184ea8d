"""The attachment graph: one record per file, every reference form found, sizes known as sizes."""

from __future__ import annotations

from wxr_tools.media.graph import build_graph
from wxr_tools.model import Comment, Meta, Post

SITE = "https://example.com"
UP = SITE + "/wp-content/uploads"
METADATA = ('a:5:{s:5:"width";i:2560;s:6:"height";i:1700;s:4:"file";s:22:"2020/01/photo-scaled.jpg";'
            's:5:"sizes";a:1:{s:6:"medium";a:4:{s:4:"file";s:19:"photo-300x199.jpg";s:5:"width";i:300;'
            's:6:"height";i:199;s:9:"mime-type";s:10:"image/jpeg";}}s:14:"original_image";s:9:"photo.jpg";}')
"""Sizes as WordPress stores them; ``file`` lengths are wrong on purpose (a search-and-replace broke them)."""


def attachment(id: int, path: str, parent: int | None = None, meta: tuple[Meta, ...] = ()) -> Post:
    return Post(id=id, type="attachment", status="inherit", parent=parent, attachment_url=f"{UP}/{path}",
                meta=[Meta("_wp_attached_file", path), *meta])


ATTACHMENTS = [
    attachment(10, "2020/01/photo-scaled.jpg", 1, (Meta("_wp_attachment_metadata", METADATA),)),
    attachment(11, "2020/01/song.mp3", 2),
    attachment(12, "2020/01/clip.mp4", 2),
    attachment(13, "2020/01/poster.png", 2),
    attachment(14, "2020/01/doc.pdf", 3),
    attachment(15, "2020/01/g1.jpg", 4),
    attachment(16, "2020/01/g2.jpg", 4),
    attachment(17, "2020/01/cover.jpg"),
    attachment(18, "2020/01/featured.jpg"),
    attachment(19, "2020/01/unused.jpg", 5),
]


def graph_of(*posts: Post):
    return build_graph([*posts, *ATTACHMENTS], [SITE])


def users(graph, path: str) -> set[int]:
    return graph.records["uploads:" + path].posts


def test_one_record_per_file_whatever_the_form():
    body = (f'<img class="wp-image-10" src="{UP}/2020/01/photo-300x199.jpg" '
            f'srcset="{UP}/2020/01/photo-300x199.jpg 300w, {UP}/2020/01/photo-scaled.jpg 2560w">'
            f'<a href="{UP}/2020/01/photo.jpg">full size</a>'
            f'<img src="https://i0.wp.com/example.com/wp-content/uploads/2020/01/photo-scaled.jpg?resize=300%2C200">')
    graph = graph_of(Post(id=1, content=body))
    assert [k for k in graph.records if "photo" in k] == ["uploads:2020/01/photo-scaled.jpg"]
    record = graph.records["uploads:2020/01/photo-scaled.jpg"]
    assert record.posts == {1} and record.attachment == 10 and record.parent == 1
    assert f"{UP}/2020/01/photo-300x199.jpg" in record.variants and f"{UP}/2020/01/photo.jpg" in record.variants
    assert graph.resolve(f"{UP}/2020/01/photo-300x199.jpg") is record


def test_audio_video_source_and_poster():
    body = (f'<audio controls src="{UP}/2020/01/song.mp3"></audio>'
            f'<video poster="{UP}/2020/01/poster.png"><source src="{UP}/2020/01/clip.mp4" type="video/mp4"></video>')
    graph = graph_of(Post(id=2, content=body))
    assert all(users(graph, f"2020/01/{n}") == {2} for n in ("song.mp3", "clip.mp4", "poster.png"))


def test_blocks_by_id_and_by_url():
    body = ('<!-- wp:file {"id":14,"href":"' + UP + '/2020/01/doc.pdf"} --><div class="wp-block-file"></div>'
            '<!-- /wp:file --><!-- wp:gallery {"ids":[15,16]} --><!-- /wp:gallery -->'
            '<!-- wp:cover {"url":"' + UP + '/2020/01/cover.jpg","id":17} --><!-- /wp:cover -->'
            '<!-- wp:audio {"id":11} --><!-- /wp:audio --><!-- wp:video {"id":12} --><!-- /wp:video -->')
    graph = graph_of(Post(id=3, content=body))
    for name in ("doc.pdf", "g1.jpg", "g2.jpg", "cover.jpg", "song.mp3", "clip.mp4"):
        assert 3 in users(graph, f"2020/01/{name}"), name


def test_shortcodes():
    body = (f'[gallery ids="15,16"][caption id="attachment_17" align="alignnone"]<img src="x">Cover[/caption]'
            f'[audio mp3="{UP}/2020/01/song.mp3"][/audio][video mp4="{UP}/2020/01/clip.mp4" '
            f'poster="{UP}/2020/01/poster.png"][/video]')
    graph = graph_of(Post(id=6, content=body))
    for name in ("g1.jpg", "g2.jpg", "cover.jpg", "song.mp3", "clip.mp4", "poster.png"):
        assert 6 in users(graph, f"2020/01/{name}"), name


def test_a_bare_gallery_shows_the_posts_attached_images():
    graph = graph_of(Post(id=4, content="[gallery columns=2]"))
    assert users(graph, "2020/01/g1.jpg") == {4} and users(graph, "2020/01/g2.jpg") == {4}


def test_excerpts_comments_and_featured_images():
    post = Post(id=7, excerpt=f'<img src="{UP}/2020/01/cover.jpg">', meta=[Meta("_thumbnail_id", "18")],
                comments=[Comment(id=1, content=f'see <a href="{UP}/2020/01/doc.pdf">the doc</a>')])
    graph = graph_of(post)
    assert 7 in users(graph, "2020/01/cover.jpg") and 7 in users(graph, "2020/01/doc.pdf")
    assert graph.featured(post) is graph.records["uploads:2020/01/featured.jpg"]


def test_an_unused_attachment_belongs_to_its_parent():
    graph = graph_of()
    assert graph.records["uploads:2020/01/unused.jpg"].users == {5}


def test_a_name_like_a_size_is_its_own_file_unless_its_original_is_known():
    body = f'<img src="{UP}/2013/03/image-alignment-1200x4002.jpg"><img src="{SITE}/2020/01/x.jpg">'
    graph = graph_of(Post(id=8, content=body))
    assert "uploads:2013/03/image-alignment-1200x4002.jpg" in graph.records
    assert graph.records[f"url:{SITE}/2020/01/x.jpg"].own
