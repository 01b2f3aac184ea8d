"""Slugs and file names: decoded, derived, unique per folder, safe on every file system."""

from __future__ import annotations

from wxr_tools.writers.markdown.slugs import MAX_SLUG_BYTES, UniqueNames, decode_post_name, make_slug


def test_percent_encoded_names_are_decoded_and_bad_sequences_survive():
    assert decode_post_name("%e6%97%a5%e6%9c%ac") == "日本"
    assert decode_post_name("100%-sure%zz") == "100%-sure%zz"
    assert decode_post_name("cut-%e6%97") == "cut-"  # a multi-byte character cut by WordPress


def test_empty_slug_comes_from_the_title():
    assert make_slug("", "A draft that was never published") == "a-draft-that-was-never-published"
    assert make_slug("", "!!!", fallback="post-10") == "post-10"


def test_non_ascii_is_kept_or_transliterated():
    name = "%e6%97%a5%e6%9c%ac%e8%aa%9e"
    assert make_slug(name, "") == "日本語"
    assert make_slug(name, "", transliterate=True).isascii()


def test_trash_suffix_and_reserved_windows_names():
    assert make_slug("old-post__trashed", "") == "old-post"
    assert make_slug("con", "") != "con"
    assert make_slug("LPT1", "").lower() != "lpt1"


def test_long_names_are_cut_on_a_character_boundary():
    slug = make_slug("", "日本語" * 100)
    assert len(slug.encode("utf-8")) <= MAX_SLUG_BYTES
    slug.encode("utf-8").decode("utf-8")


def test_names_are_unique_per_folder_case_insensitively():
    names = UniqueNames()
    assert names.claim("posts", "hello") == "hello"
    assert names.claim("posts", "Hello") == "Hello-2"
    assert names.claim("posts", "hello") == "hello-3"
    assert names.claim("pages", "hello") == "hello"
    names.reserve("content", "posts")
    assert names.claim("content", "posts") == "posts-2"


def test_names_kept_on_disk_behave_the_same(tmp_path):
    from wxr_tools.writers.markdown.store import DiskMap, IndexDatabase

    names = UniqueNames(DiskMap(IndexDatabase(tmp_path / "index.sqlite"), "names"))
    assert [names.claim("posts", n) for n in ("a", "A", "a", "b")] == ["a", "A-2", "a-3", "b"]


def test_disk_map_buffers_writes_yet_reads_them_back_and_a_worker_copy_sees_all(tmp_path):
    import pickle

    from wxr_tools.writers.markdown.store import DiskMap, IndexDatabase

    database = IndexDatabase(tmp_path / "index.sqlite")
    table = DiskMap(database, "t")
    for i in range(5000):  # more than one batch
        table[f"k{i}"] = str(i)
    assert table.get("k4999") == "4999" and table.get("k0") == "0" and table.get("absent") is None
    assert table.setdefault("k1", "x") == "1" and table.setdefault("new", "y") == "y"
    table["k0"] = "again"  # written again: moves to the end, as INSERT OR REPLACE does
    assert len(table) == 5001
    assert list(table.items())[-1] == ("k0", "again")
    database.commit()
    copy = pickle.loads(pickle.dumps(table))  # what a worker process gets: the committed file, read-only
    assert copy.database.read_only
    assert copy.get("k4998") == "4998" and copy.get("new") == "y" and copy.get("absent") is None


def test_pickled_disk_map_buffers_writes_keeps_order_and_hands_out_copies(tmp_path):
    import pickle

    from wxr_tools.writers.markdown.store import IndexDatabase, PickledDiskMap

    database = IndexDatabase(tmp_path / "index.sqlite")
    table = PickledDiskMap(database, "t")
    for i in range(5000):  # more than one batch
        table[i] = [i]
    assert table[4999] == [4999] and table[0] == [0] and table.get(-1) is None
    table[3] = ["again"]  # written again: keeps its place, as the table's upsert does
    table[4999].append("changed")  # a value read back is a copy
    assert table[4999] == [4999]
    assert len(table) == 5000
    assert list(table)[:5] == [0, 1, 2, 3, 4] and list(table.values())[3] == ["again"]
    table[5000] = ["waiting"]
    database.commit()
    copy = pickle.loads(pickle.dumps(table))  # what a worker process gets: the committed file, read-only
    assert copy.database.read_only
    assert copy[5000] == ["waiting"] and copy[3] == ["again"] and copy.get(-1) is None


def test_pickled_disk_map_stores_large_values_before_its_buffer_grows_large(tmp_path):
    from wxr_tools.writers.markdown.store import IndexDatabase, PickledDiskMap

    database = IndexDatabase(tmp_path / "index.sqlite")
    blocks = PickledDiskMap(database, "blocks")
    for i in range(40):  # reusable blocks of 100 KB each: 4 MB in all
        blocks[i] = "x" * 100_000
    stored = database.connection.execute("SELECT count(*) FROM blocks").fetchone()[0]
    assert stored >= 30  # in the table already, not waiting in memory
    assert blocks[39] == "x" * 100_000 and len(blocks) == 40


def test_many_items_with_one_name_get_consecutive_numbers():
    names = UniqueNames()
    names.claim("posts", "x-3")
    assert [names.claim("posts", "x") for _ in range(5)] == ["x", "x-2", "x-4", "x-5", "x-6"]
