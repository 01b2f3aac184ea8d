"""One worker pool per run: --jobs bounds every process of the run, this one included."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from wxr_tools import workers
from wxr_tools.convert import convert
from wxr_tools.errors import WxrToolsError
from wxr_tools.readers.wxr import parallel
from wxr_tools.workers import WorkerPool, run_pool

from corpus import FIXTURES

SEED = FIXTURES / "awen-therapy.xml"


def _pid_after(index: int, pause: float) -> tuple[int, int]:
    time.sleep(pause)
    return index, os.getpid()


@pytest.fixture
def pools_made(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The worker count of every process pool the run makes, on a machine that says it has 8 cores."""
    made: list[int] = []
    real = workers.ProcessPoolExecutor

    class Recording(real):  # type: ignore[misc,valid-type]
        def __init__(self, max_workers: int, **kwargs: object) -> None:
            made.append(max_workers)
            super().__init__(max_workers, **kwargs)

    monkeypatch.setattr(workers, "ProcessPoolExecutor", Recording)
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    monkeypatch.setattr(workers, "SMALL_INPUT_BYTES", 0)  # the seed is worth workers
    monkeypatch.setattr(parallel, "MIN_FILE_BYTES", 0)  # and takes the parallel reader's path
    monkeypatch.setattr(parallel, "CHUNK_BYTES", 3000)
    return made


@pytest.mark.parametrize("to", ["markdown", "json"])
def test_jobs_1_makes_no_worker_process(tmp_path: Path, pools_made: list[int], to: str) -> None:
    result = convert([SEED], to=to, out=tmp_path / "out", jobs=1)
    assert result.posts_written == {"markdown": 2, "json": 3}[to] and pools_made == []  # Markdown: not the draft


def test_jobs_n_makes_one_pool_of_n_minus_1_for_reader_and_writer(tmp_path: Path, pools_made: list[int]) -> None:
    result = convert([SEED], to="markdown", out=tmp_path / "site", jobs=2)
    assert result.posts_written == 2 and pools_made == [1]  # the post and the page; the draft is not public


def test_the_default_is_the_cores_this_process_may_use_not_the_machines(tmp_path: Path,
                                                                         pools_made: list[int]) -> None:
    convert([SEED], to="markdown", out=tmp_path / "site")
    assert pools_made == [2]  # 3 cores in its affinity, of the 8 the machine has


def test_a_small_input_starts_no_worker(tmp_path: Path, pools_made: list[int],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "SMALL_INPUT_BYTES", 1 << 20)
    convert([SEED], to="markdown", out=tmp_path / "site", jobs=4)
    assert pools_made == []


def test_negative_jobs_are_refused() -> None:
    with pytest.raises(WxrToolsError, match="must be 0 .every available core. or more, not -3") as caught:
        with run_pool(-3):
            pass
    assert caught.value.option == "jobs"  # the command line names it as typed: --jobs or -j


def test_results_come_in_order_and_this_process_works_beside_the_workers() -> None:
    with WorkerPool(2) as pool:
        assert pool.workers == 1
        results = list(pool.map_ordered(_pid_after, ((i, 0.02) for i in range(30)), ahead=2))
    assert [index for index, _ in results] == list(range(30))
    processes = {pid for _, pid in results}
    assert os.getpid() in processes and len(processes) == 2


def test_a_pool_stopped_by_an_error_kills_its_workers_at_once() -> None:
    with pytest.raises(RuntimeError, match="stop"):
        with WorkerPool(3) as pool:
            pids = pool.pids()
            pool.submit(time.sleep, 30)
            raise RuntimeError("stop")
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
