"""Screenshots of the realwp seed post as each generator builds it, for the docs pages (not a test).

    python docs/screenshots.py [--presets hugo,jekyll,eleventy,astro] [--out docs/img]

Converts ``../shared/realwp/wxr/all.xml`` (with its saved pages, for the author's bio)
with each preset, builds the site with the generator's own command, serves it on
127.0.0.1 and has Debian's headless Chromium (``apt-get install chromium``) take the
picture. Eleventy and Astro come from npm: a ``node_modules`` in ``$WXR_SSG_CACHE``
(``~/.cache/wxr-tools-ssg``, which ``.ci/run`` fills) is used when there, else
``npm install`` runs in the site.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wxr_tools.convert import convert  # noqa: E402

REALWP = ROOT.parent / "shared" / "realwp"
SEED_URL = "/2012/11/26/we-can-all-use-a-little-help-sometimes/"
OUTPUT = {"hugo": "public", "jekyll": "_site", "eleventy": "_site", "astro": "dist"}
CACHE = Path(os.environ.get("WXR_SSG_CACHE", Path.home() / ".cache" / "wxr-tools-ssg"))


def build(preset: str, site: Path) -> Path:
    """Build a converted site with its generator; the folder of the built HTML."""
    if preset == "hugo":
        command = ["hugo", "-s", str(site)]
    elif preset == "jekyll":
        command = ["jekyll", "build", "-s", str(site), "-d", str(site / "_site")]
    else:
        if (CACHE / "node_modules").is_dir():
            (site / "node_modules").symlink_to(CACHE / "node_modules", target_is_directory=True)
        else:
            subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=site, check=True)
        command = ["npx", "@11ty/eleventy"] if preset == "eleventy" else ["npx", "astro", "build"]
    subprocess.run(command, cwd=site, check=True, capture_output=True)
    return site / OUTPUT[preset]


def screenshot(folder: Path, path: str, png: Path, browser: str) -> None:
    """Serve ``folder`` on 127.0.0.1 and have headless Chromium save ``path`` as ``png``."""
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(folder))
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server, \
            tempfile.TemporaryDirectory(prefix="wxr-chromium-") as profile:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}{path}"
        quiet = ["--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", f"--user-data-dir={profile}"]  # no request leaves the machine
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", *quiet, "--hide-scrollbars",
                        "--window-size=900,1500", f"--screenshot={png}", url],
                       check=True, capture_output=True, timeout=120)
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--presets", default="hugo,jekyll,eleventy,astro")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("chromium is not installed (apt-get install chromium)")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wxr-screenshots-") as scratch:
        for preset in args.presets.split(","):
            site = Path(scratch) / preset
            convert([REALWP / "wxr" / "all.xml"], to="markdown", out=site, preset=preset,
                    pages=REALWP / "html" / "twentytwentyone")
            png = args.out / f"{preset}-seed-post.png"
            screenshot(build(preset, site), SEED_URL, png, browser)
            print(f"{png}: {png.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
