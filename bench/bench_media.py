"""Media downloads: files per second and peak memory against a local server.

    python bench/bench_media.py              # 500 and 2,000 small files, 100 files of 1 MiB
    python bench/bench_media.py 2000:2048    # files:bytes pairs of your own

The server runs in its own process (on 127.0.0.1) and each measurement in a
fresh one, so the peak RSS printed is the downloading process's alone: the
graph of the site, the downloader's threads and buffers. It should not grow
with the number of files (beyond the graph's few hundred bytes a file) nor
with their size (bodies are streamed to disk in 64 KiB pieces).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_RUNS = ((500, 2048), (2000, 2048), (100, 1 << 20))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body leave at once, not 40 ms apart

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        size = int(self.path.split("/s", 1)[1].split("/", 1)[0])  # /wp-content/uploads/s<size>/f<n>.jpg
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        piece = b"\xff" * 65536
        while size > 0:
            self.wfile.write(piece[:size])
            size -= len(piece)


def serve(port_file: str) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    Path(port_file).write_text(str(server.server_address[1]))
    server.serve_forever()


def measure(base: str, files: int, size: int) -> dict[str, float]:
    from wxr_tools.media import LAYOUTS, MediaManifest, MediaOptions, bring_media, build_graph, plan_places
    from wxr_tools.model import Post

    posts = (Post(id=i, content=f'<img src="{base}/wp-content/uploads/s{size}/f{i}.jpg">') for i in range(files))
    with tempfile.TemporaryDirectory(prefix="wxr-bench-media-") as out:
        start = time.perf_counter()
        graph = build_graph(posts, [base])
        places = plan_places(graph.records.values(), LAYOUTS["plain"])
        result = bring_media(graph, places, out, MediaOptions(mode="download", timeout=30), MediaManifest())
        seconds = time.perf_counter() - start
    assert result.downloaded == files, result.failed[:3]
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"files": files, "bytes": size, "seconds": seconds, "files_per_s": files / seconds,
            "mb_per_s": files * size / seconds / 1e6, "peak_rss_mb": peak_kb / 1024}


def main(argv: list[str]) -> None:
    if argv[:1] == ["serve"]:
        serve(argv[1])
        return
    if argv[:1] == ["measure"]:
        print(json.dumps(measure(argv[1], int(argv[2]), int(argv[3]))))
        return
    runs = [tuple(int(x) for x in arg.split(":")) for arg in argv] or DEFAULT_RUNS
    with tempfile.TemporaryDirectory() as work:
        port_file = os.path.join(work, "port")
        server = subprocess.Popen([sys.executable, __file__, "serve", port_file])
        try:
            for _ in range(100):
                if os.path.exists(port_file) and Path(port_file).read_text():
                    break
                time.sleep(0.05)
            base = f"http://127.0.0.1:{Path(port_file).read_text()}"
            print(f"{'files':>6} {'bytes':>9} {'seconds':>8} {'files/s':>8} {'MB/s':>7} {'peak RSS MB':>12}")
            for files, size in runs:
                output = subprocess.run([sys.executable, __file__, "measure", base, str(files), str(size)],
                                        check=True, capture_output=True, text=True, timeout=600).stdout
                row = json.loads(output)
                print(f"{row['files']:>6} {row['bytes']:>9} {row['seconds']:>8.2f} {row['files_per_s']:>8.0f} "
                      f"{row['mb_per_s']:>7.1f} {row['peak_rss_mb']:>12.1f}")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main(sys.argv[1:])
