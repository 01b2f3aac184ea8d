"""Real static site generators for the build tests: find them, install the npm ones once, build a site.

Hugo and Jekyll are Debian packages (``.ci/run`` installs them); Eleventy 3
and Astro 5 are npm packages, installed once into a cache folder outside the
repository (``$WXR_SSG_CACHE`` or ``~/.cache/wxr-tools-ssg``) and linked into
each site as its ``node_modules``. A generator that is missing makes its
tests skip, saying what to install.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

NPM_PACKAGES = ("@11ty/eleventy@3", "astro@5")
CACHE = Path(os.environ.get("WXR_SSG_CACHE", Path.home() / ".cache" / "wxr-tools-ssg"))
OUTPUT_DIRS = {"hugo": "public", "jekyll": "_site", "eleventy": "_site", "astro": "dist"}
JEKYLL_PLUGINS = ("jekyll-redirect-from", "jekyll-feed", "jekyll-seo-tag")
BUILD_TIMEOUT = 300
ERROR_LINE = re.compile(r"^.*(\bERROR\b|\bError:|\[11ty\] Problem|Liquid Exception|\bfatal\b).*$", re.M | re.I)


@cache
def _missing_jekyll() -> str | None:
    if shutil.which("jekyll") is None:
        return "jekyll is not installed (apt-get install jekyll)"
    requires = "; ".join(f"require '{p}'" for p in JEKYLL_PLUGINS)
    if subprocess.run(["ruby", "-e", requires], capture_output=True).returncode != 0:
        return f"a Jekyll plugin is missing (apt-get install {' '.join('ruby-' + p for p in JEKYLL_PLUGINS)})"
    return None


@cache
def _npm_modules() -> Path | str:
    """The cache's node_modules, installed on first use; or why it cannot be."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        return "node and npm are not installed"
    version = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    if int(version.lstrip("v").split(".")[0] or 0) < 20:
        return f"Node {version} is too old: Eleventy 3 and Astro 5 need Node 20 or later"
    modules = CACHE / "node_modules"
    if not all((modules / ".bin" / tool).exists() for tool in ("eleventy", "astro")):
        CACHE.mkdir(parents=True, exist_ok=True)
        if not (CACHE / "package.json").exists():
            (CACHE / "package.json").write_text('{"name": "wxr-tools-ssg-cache", "private": true}\n')
        done = subprocess.run(["npm", "install", "--no-audit", "--no-fund", *NPM_PACKAGES], cwd=CACHE,
                              capture_output=True, text=True, timeout=BUILD_TIMEOUT)
        if done.returncode != 0:
            return f"npm install {' '.join(NPM_PACKAGES)} failed: {done.stderr[-500:]}"
    return modules


def require(preset: str) -> None:
    """Skip the test, saying why, when the generator for ``preset`` cannot run here."""
    if preset == "hugo" and shutil.which("hugo") is None:
        pytest.skip("hugo is not installed (apt-get install hugo; .ci/run does)")
    if preset == "jekyll" and (reason := _missing_jekyll()):
        pytest.skip(reason)
    if preset in ("eleventy", "astro") and isinstance(reason := _npm_modules(), str):
        pytest.skip(reason)


@dataclass
class BuiltSite:
    """A site built by its generator: where it is, and what the build printed."""

    root: Path
    output: Path
    log: str

    def page(self, url_path: str) -> Path:
        """The file that answers a URL path (``/a/b/`` -> ``a/b/index.html``)."""
        path = unquote(urlsplit(url_path).path).lstrip("/")
        target = self.output / path
        return target / "index.html" if url_path.endswith("/") or target.is_dir() else target

    def answers(self, url_path: str) -> bool:
        return self.page(url_path).is_file()

    def html_files(self) -> list[Path]:
        return sorted(p for p in self.output.rglob("*.html"))

    def text_of(self, url_path: str) -> str:
        """The visible text of the page's main content, entities decoded."""
        return visible_text(self.page(url_path).read_text(encoding="utf-8"))


def visible_text(page: str) -> str:
    """Text of an HTML page without tags, scripts or styles, entities decoded."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def build(preset: str, root: Path) -> BuiltSite:
    """Run the generator's own build on a site folder written by ``wxr convert``."""
    require(preset)
    if preset == "hugo":
        command = ["hugo", "-s", str(root)]
    elif preset == "jekyll":
        command = ["jekyll", "build", "-s", str(root), "-d", str(root / "_site")]
    else:
        modules = _npm_modules()
        assert isinstance(modules, Path)
        if not (root / "node_modules").exists():
            (root / "node_modules").symlink_to(modules, target_is_directory=True)
        command = [str(modules / ".bin" / preset), *(["build"] if preset == "astro" else [])]
    env = {**os.environ, "ASTRO_TELEMETRY_DISABLED": "1", "NO_COLOR": "1"}
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=BUILD_TIMEOUT, env=env)
    log = done.stdout + done.stderr
    assert done.returncode == 0, f"{preset} build failed:\n{log[-3000:]}"
    return BuiltSite(root, root / OUTPUT_DIRS[preset], log)


def error_lines(log: str) -> list[str]:
    """Lines of a build log that report an error."""
    return [m.group(0) for m in ERROR_LINE.finditer(log)]
