"""The pass-1 index kept on disk (SQLite), so memory stays flat however big the export.

A :class:`DiskMap` is a string-to-string mapping in one table of a SQLite
file. The writer's process fills it; worker processes open the same file
read-only and immutable after it is committed (each process its own
connection), so their lookups take no locks and keep their page cache.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any


class KeyFilter:
    """A Bloom filter of ``(table, key)`` pairs: "absent" is certain, "present" only likely.

    Most look-ups while the index is built are for keys not there yet (is this
    name taken? this id seen?); the filter answers those without a query. Its
    size is fixed (2 MiB, two probes: under 0.1% false "present" up to 300,000
    keys, 2.4% at 1.4 million): a very large export only makes "likely" less sure.
    """

    _MASK = (1 << 24) - 1

    def __init__(self) -> None:
        self._bits = bytearray((self._MASK + 1) // 8)

    def add(self, table: str, key: str) -> None:
        h = hash((table, key))
        first, second = h & self._MASK, (h >> 32) & self._MASK
        self._bits[first >> 3] |= 1 << (first & 7)
        self._bits[second >> 3] |= 1 << (second & 7)

    def may_hold(self, table: str, key: str) -> bool:
        h = hash((table, key))
        first, second = h & self._MASK, (h >> 32) & self._MASK
        return bool(self._bits[first >> 3] >> (first & 7) & 1 and self._bits[second >> 3] >> (second & 7) & 1)


class IndexDatabase:
    """One SQLite file holding the index's tables; a connection per process."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._connection: sqlite3.Connection | None = None
        self._pid = 0
        self.written = None if read_only else KeyFilter()
        """Which keys this process wrote, per table: a "no" answers a look-up without a query."""
        self._buffered: list[DiskMap | PickledDiskMap] = []

    def flush_on_commit(self, table: DiskMap | PickledDiskMap) -> None:
        """Have ``table``'s buffered writes stored whenever the database commits."""
        self._buffered.append(table)

    @property
    def connection(self) -> sqlite3.Connection:
        """This process's connection (a forked worker opens its own)."""
        if self._connection is None or self._pid != os.getpid():
            if self.read_only:  # lookups by key: a small cache, the OS caches the file
                self._connection = sqlite3.connect(f"{self.path.as_uri()}?mode=ro&immutable=1", uri=True)
                self._connection.execute("PRAGMA cache_size=-2000")
            else:  # pass 1 writes the whole index: a larger cache
                self._connection = sqlite3.connect(self.path, isolation_level="DEFERRED")
                self._connection.execute("PRAGMA journal_mode=OFF")
                self._connection.execute("PRAGMA synchronous=OFF")
                self._connection.execute("PRAGMA cache_size=-8000")
            self._pid = os.getpid()
        return self._connection

    def commit(self) -> None:
        """Make everything written visible to other processes."""
        for table in self._buffered:
            table.flush()
        self.connection.commit()

    def finish_writing(self) -> None:
        """Commit; from here on nothing writes, so this process keeps its lock (no re-check per lookup)."""
        self.commit()
        self.connection.execute("PRAGMA locking_mode=EXCLUSIVE")

    def close(self) -> None:
        if self._connection is not None and self._pid == os.getpid():
            self._connection.close()
        self._connection = None

    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, object]) -> None:
        """A copy in another process only reads the committed file."""
        self.__init__(state["path"], read_only=True)  # type: ignore[misc, arg-type]


class DiskMap(MutableMapping[str, str]):
    """A ``str -> str`` mapping in a table; iterates in insertion order.

    While the index is built, writes wait in a small buffer and are stored
    in batches, and the database's :class:`KeyFilter` answers most look-ups
    of absent keys: a query costs several times a Python dict operation.
    """

    _BATCH = 2048

    def __init__(self, database: IndexDatabase, table: str) -> None:
        self.database = database
        self.table = table
        self.database.connection.execute(
            f"CREATE TABLE IF NOT EXISTS {table} (k TEXT PRIMARY KEY, v TEXT NOT NULL)")
        self._unbuffered()
        if database.written is not None and not self.database.connection.execute(
                f"SELECT 1 FROM {table} LIMIT 1").fetchone():
            self._filter = database.written  # an empty table: every key it gets goes through the filter
            database.flush_on_commit(self)

    def _unbuffered(self) -> None:
        """Statements, and no buffer or filter: every access is a query."""
        self._get = f"SELECT v FROM {self.table} WHERE k = ?"
        self._replace = f"INSERT OR REPLACE INTO {self.table} (k, v) VALUES (?, ?)"
        self._pending: dict[str, str] = {}
        self._filter: KeyFilter | None = None

    def __getstate__(self) -> dict[str, object]:
        self.flush()
        return {"database": self.database, "table": self.table}

    def __setstate__(self, state: dict[str, object]) -> None:
        """A copy in another process reads the committed table (no buffer: it does not write)."""
        self.__dict__.update(state)
        self._unbuffered()

    def flush(self) -> None:
        """Store the buffered writes."""
        if self._pending:
            self.database.connection.executemany(self._replace, self._pending.items())
            self._pending.clear()

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        value = self._pending.get(key)
        if value is not None:
            return value
        if self._filter is not None and not self._filter.may_hold(self.table, key):
            return default
        row = self.database.connection.execute(self._get, (key,)).fetchone()
        return row[0] if row else default

    def __getitem__(self, key: str) -> str:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __delitem__(self, key: str) -> None:
        self.flush()
        self.database.connection.execute(f"DELETE FROM {self.table} WHERE k = ?", (key,))

    def __iter__(self) -> Iterator[str]:
        return (k for k, _ in self.items())

    def __setitem__(self, key: str, value: str) -> None:
        if self._filter is None:
            self.database.connection.execute(self._replace, (key, value))
            return
        self._pending.pop(key, None)  # a key written again moves to the end, as INSERT OR REPLACE does
        self._pending[key] = value
        self._filter.add(self.table, key)
        if len(self._pending) >= self._BATCH:
            self.flush()

    def setdefault(self, key: str, value: str) -> str:  # type: ignore[override]
        """Store ``value`` unless ``key`` has one; return the value kept."""
        kept = self.get(key)
        if kept is not None:
            return kept
        self[key] = value
        return value

    def items(self) -> Iterator[tuple[str, str]]:  # type: ignore[override]
        """Every pair, in insertion order."""
        self.flush()
        return iter(self.database.connection.execute(f"SELECT k, v FROM {self.table} ORDER BY rowid"))

    def sorted_items(self) -> Iterator[tuple[str, str]]:
        """Every pair, sorted by key (SQLite's binary order: the same on every run)."""
        self.flush()
        return iter(self.database.connection.execute(f"SELECT k, v FROM {self.table} ORDER BY k"))

    def __len__(self) -> int:
        self.flush()
        return self.database.connection.execute(f"SELECT count(*) FROM {self.table}").fetchone()[0]


class PickledDiskMap(MutableMapping[Any, Any]):
    """A mapping of any picklable keys and values in a table: keys by ``repr``, insertion order kept.

    Like :class:`DiskMap`, writes wait in a small buffer (pickled at once, so a
    value read back is a copy, as from the table) and are stored in batches of
    at most :attr:`_BATCH` pairs or :attr:`_BATCH_BYTES` (reusable blocks can be large).
    """

    # Small: the index has five such tables filling at once (at 2,048 pairs and 1 MiB
    # each, the main process held some 7 MB more on a 1 GB export, for no measurable speed).
    _BATCH = 256
    _BATCH_BYTES = 1 << 17

    def __init__(self, database: IndexDatabase, table: str) -> None:
        self.database = database
        self.table = table
        database.connection.execute(f"CREATE TABLE IF NOT EXISTS {table} (k TEXT PRIMARY KEY, key BLOB, v BLOB)")
        self._statements()
        if not database.read_only:
            database.flush_on_commit(self)

    def _statements(self) -> None:
        self._get = f"SELECT v FROM {self.table} WHERE k = ?"
        self._set = (f"INSERT INTO {self.table} (k, key, v) VALUES (?, ?, ?) "
                     "ON CONFLICT (k) DO UPDATE SET v = excluded.v")  # a key written again keeps its place
        self._pending: dict[str, tuple[bytes, bytes]] = {}
        self._pending_bytes = 0

    def __getstate__(self) -> dict[str, object]:
        self.flush()
        return {"database": self.database, "table": self.table}

    def __setstate__(self, state: dict[str, object]) -> None:
        """A copy in another process reads the committed table."""
        self.__dict__.update(state)
        self._statements()

    def flush(self) -> None:
        """Store the buffered writes."""
        if self._pending:
            self.database.connection.executemany(
                self._set, [(k, key, value) for k, (key, value) in self._pending.items()])
            self._pending.clear()
            self._pending_bytes = 0

    def __getitem__(self, key: Any) -> Any:
        k = repr(key)
        pending = self._pending.get(k)
        if pending is not None:
            return pickle.loads(pending[1])
        row = self.database.connection.execute(self._get, (k,)).fetchone()
        if row is None:
            raise KeyError(key)
        return pickle.loads(row[0])

    def __setitem__(self, key: Any, value: Any) -> None:
        pickled = pickle.dumps(value)
        self._pending[repr(key)] = (pickle.dumps(key), pickled)
        self._pending_bytes += len(pickled)
        if len(self._pending) >= self._BATCH or self._pending_bytes >= self._BATCH_BYTES:
            self.flush()

    def __delitem__(self, key: Any) -> None:
        self.flush()
        if not self.database.connection.execute(f"DELETE FROM {self.table} WHERE k = ?", (repr(key),)).rowcount:
            raise KeyError(key)

    def __iter__(self) -> Iterator[Any]:
        self.flush()
        rows = self.database.connection.execute(f"SELECT key FROM {self.table} ORDER BY rowid")
        return (pickle.loads(key) for (key,) in rows)

    def values(self) -> Iterator[Any]:  # type: ignore[override]
        """Every value, in insertion order, in one query."""
        self.flush()
        rows = self.database.connection.execute(f"SELECT v FROM {self.table} ORDER BY rowid")
        return (pickle.loads(value) for (value,) in rows)

    def __len__(self) -> int:
        self.flush()
        return self.database.connection.execute(f"SELECT count(*) FROM {self.table}").fetchone()[0]
