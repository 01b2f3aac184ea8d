"""Media URL forms: uploads, sizes, resized and CDN forms, WordPress.com files, the site's own hosts."""

from __future__ import annotations

import pytest

from wxr_tools.media.urls import SiteHosts, kind_of, parse_media_url

HOSTS = SiteHosts.of(["https://example.com", "https://blog.wordpress.com"])


@pytest.mark.parametrize("url, fetch, key", [
    ("https://example.com/wp-content/uploads/2013/03/a.jpg",
     "https://example.com/wp-content/uploads/2013/03/a.jpg", "uploads:2013/03/a.jpg"),
    ("https://www.example.com/wp-content/uploads/2013/03/a.jpg?w=300&amp;h=200",
     "https://www.example.com/wp-content/uploads/2013/03/a.jpg", "uploads:2013/03/a.jpg"),
    ("//example.com/wp-content/uploads/2013/03/a.jpg",
     "https://example.com/wp-content/uploads/2013/03/a.jpg", "uploads:2013/03/a.jpg"),
    ("/wp-content/uploads/2013/03/a.jpg",
     "https://example.com/wp-content/uploads/2013/03/a.jpg", "uploads:2013/03/a.jpg"),
    ("https://i0.wp.com/example.com/wp-content/uploads/2013/03/a.jpg?resize=300%2C200&ssl=1",
     "https://example.com/wp-content/uploads/2013/03/a.jpg", "uploads:2013/03/a.jpg"),
    ("https://i2.wp.com/example.com/wp-content/uploads/2013/03/a.jpg?fit=1024%2C768",
     "https://example.com/wp-content/uploads/2013/03/a.jpg", "uploads:2013/03/a.jpg"),
    ("https://blog.files.wordpress.com/2013/03/a.jpg?w=604",
     "https://blog.files.wordpress.com/2013/03/a.jpg", "uploads:2013/03/a.jpg"),
    ("https://example.com/wp-content/uploads/2013/03/caf%C3%A9.jpg",
     "https://example.com/wp-content/uploads/2013/03/caf%C3%A9.jpg", "uploads:2013/03/café.jpg"),
])
def test_every_form_of_an_upload_reduces_to_one_key(url, fetch, key):
    parsed = parse_media_url(url, HOSTS, "https://example.com")
    assert parsed is not None and parsed.own
    assert (parsed.fetch, parsed.key) == (fetch, key)


@pytest.mark.parametrize("url, original", [
    ("https://example.com/wp-content/uploads/2013/03/a-300x200.jpg", "uploads:2013/03/a.jpg"),
    ("https://example.com/wp-content/uploads/2013/03/a-scaled.jpg", "uploads:2013/03/a.jpg"),
    ("https://example.com/wp-content/uploads/2013/03/a.jpg", None),
])
def test_a_size_variant_names_its_original(url, original):
    assert parse_media_url(url, HOSTS).original_key == original


def test_other_sites_files_are_media_but_not_the_sites_own():
    parsed = parse_media_url("https://upload.wikimedia.org/x/Armstrong.ogg?download=1&w=3", HOSTS)
    assert parsed is not None and not parsed.own and parsed.kind == "audio"
    assert parsed.fetch == "https://upload.wikimedia.org/x/Armstrong.ogg?download=1"
    everything = SiteHosts.of(["https://example.com"], ["all"])
    assert parse_media_url("https://upload.wikimedia.org/x/a.png", everything).own


def test_media_hosts_adds_hosts():
    hosts = SiteHosts.of(["https://example.com"], ["cdn.example.net", "https://media.example.org/x"])
    assert "cdn.example.net" in hosts and "media.example.org" in hosts and "other.org" not in hosts


@pytest.mark.parametrize("url", [
    "https://example.com/2013/03/some-post/", "mailto:a@example.com", "data:image/png;base64,AAAA",
    "javascript:alert(1)", "ftp://example.com/a.jpg", "#top", "/wp-content/uploads",
])
def test_non_media_urls_are_left_alone(url):
    assert parse_media_url(url, HOSTS) is None


def test_kinds_come_from_the_extension():
    assert [kind_of(p) for p in ("a.JPG", "b.mp3", "c.mov", "d.pdf", "e.html")] == \
        ["image", "audio", "video", "document", "other"]
