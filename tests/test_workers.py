"""One worker pool per run: steps opened inside another share its pool."""

from __future__ import annotations

import os

import pytest

from wxr_tools.workers import worker_pool


def _pid() -> int:
    return os.getpid()


def test_an_inner_step_shares_the_outer_pool_and_only_the_owner_shuts_it_down() -> None:
    with worker_pool(2) as outer:
        with worker_pool(2) as inner:
            assert inner is outer
        with worker_pool(1) as smaller:
            assert smaller is outer  # at least as many workers as asked for
        assert outer.submit(_pid).result() != os.getpid()  # still open after the inner steps
        with worker_pool(3) as larger:
            assert larger is not outer
        with pytest.raises(RuntimeError):
            larger.submit(_pid)  # the pool it had to open closed with its block
    with pytest.raises(RuntimeError):
        outer.submit(_pid)
