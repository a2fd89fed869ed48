"""The plugin beside the plugins real sites use, in real `mkdocs build --strict` and `mike` runs.

Every combination passes three checkers (tests/real_sites.py): ours, RealFaviconGenerator's and
Chromium. The icon files are real files (mkdocs-static-i18n opens every file's `abs_src_path`)
and exist once, at the site root.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cdp import Tab
from helpers import Site, cli
from logos import svg_logo
from real_sites import assert_site_passes, icon_files

from mkdocs_favicons.presets import file_names

SITE_URL = "https://example.org/docs/"
ROOT_ICONS = sorted(file_names("minimal", True))


# ---------------------------------------------------------------------------------------------
# mkdocs-static-i18n


def _i18n_docs(structure: str) -> dict[str, str | bytes]:
    pages = {"index": "Home", "about": "About", "guide/deep": "Deep"}
    docs: dict[str, str | bytes] = {"assets/logo.svg": svg_logo()}
    for page, title in pages.items():
        for locale in ("en", "fr"):
            name = f"{locale}/{page}.md" if structure == "folder" else f"{page}.{locale}.md"
            docs[name] = f"# {title} ({locale})\n"
    return docs


@pytest.mark.parametrize("theme", ["mkdocs", "material"])
@pytest.mark.parametrize("default", ["en", "fr"])  # fr: English is not at the root
@pytest.mark.parametrize("structure", ["suffix", "folder"])
def test_i18n_icons_once_at_the_root_for_every_language(
    tmp_path: Path, structure: str, default: str, theme: str, tab: Tab
) -> None:
    other = "fr" if default == "en" else "en"
    languages = [
        {"locale": default, "default": True, "name": default.upper()},
        {"locale": other, "name": other.upper()},
    ]
    config = {
        "site_url": SITE_URL,
        "theme": {"name": theme},
        "plugins": [{"i18n": {"docs_structure": structure, "languages": languages}}, "favicons"],
    }
    site = Site(tmp_path / "site").write(config, docs=_i18n_docs(structure), pages={})
    result = site.build(strict=True)
    assert "Traceback" not in result.output
    # Once, at the root: no language folder holds a copy.
    assert icon_files(site.site_dir) == ROOT_ICONS
    assert (site.site_dir / other / "index.html").is_file()
    pages = ["", "about/", "guide/deep/", f"{other}/", f"{other}/guide/deep/", "no/such/page/"]
    if theme == "material":  # a nested missing URL in the other language: the root 404 page
        pages.append(f"{other}/no/such/")
    assert_site_passes(site.site_dir, "/docs/", pages, tab)


# ---------------------------------------------------------------------------------------------
# mike: versions in a gh-pages branch


def _git_env(tmp_path: Path) -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)  # mike runs `mkdocs` (or `properdocs`) by name
    return {
        **os.environ,
        "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "HOME": str(tmp_path),  # no user git configuration
        "GIT_CONFIG_NOSYSTEM": "1",
    }


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    process = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert process.returncode == 0, f"{args}: {process.stdout}\n{process.stderr}"
    return process.stdout + process.stderr


def test_mike_versions_resolve_their_icons(tmp_path: Path, tab: Tab) -> None:
    config = {"site_url": "https://example.org/project/", "theme": {"name": "mkdocs"}}
    config["plugins"] = ["favicons"]
    site = Site(tmp_path / "repo").write(config, docs={"assets/logo.svg": svg_logo()})
    env = _git_env(tmp_path)
    mike = [str(Path(sys.executable).parent / "mike")]
    _run(["git", "init", "-q", "-b", "main"], site.root, env)
    _run(["git", "add", "-A"], site.root, env)
    _run(["git", "commit", "-q", "-m", "docs"], site.root, env)
    first = _run([*mike, "deploy", "1.0", "latest"], site.root, env)
    second = _run([*mike, "deploy", "--update-aliases", "2.0", "latest"], site.root, env)
    assert "favicons: 8 files" in first and "favicons: 8 files" in second
    # The gh-pages tree, as GitHub Pages serves it.
    tree = tmp_path / "gh-pages"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "archive", "gh-pages"], cwd=site.root, env=env, capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    assert (tree / "latest").is_symlink()  # mike's default alias: a link to 2.0
    for version in ("1.0", "2.0", "latest"):
        folder = tree / version
        assert icon_files(folder) == ROOT_ICONS
        pages = ["", "about/", "nested/deep/page/"]
        if version != "latest":  # latest/404.html is 2.0's: it links /project/2.0/ (checked)
            pages.append("404.html")
        assert_site_passes(
            folder,
            f"/project/{version}/",
            pages,
            tab,
            served=tree,
            serve_prefix="/project/",
            check_base="/project/2.0/" if version == "latest" else "",
        )


def test_check_infers_a_mike_version_base_url(tmp_path: Path) -> None:
    """`check` on one version's folder without --base-url: the sitemap says /project/1.0/."""
    config = {"site_url": "https://example.org/project/1.0/", "plugins": ["favicons"]}
    site = Site(tmp_path / "proj").write(config, docs={"logo.svg": svg_logo()})
    site.build(strict=True)
    process = cli("check", site.site_dir, cwd=tmp_path)
    assert process.returncode == 0, process.stdout + process.stderr
    assert "base URL /project/1.0/ (guessed from" in process.stderr
    assert "favicon check passed: 0 errors, 0 warnings" in process.stdout


# ---------------------------------------------------------------------------------------------
# mkdocs-redirects, Material's blog and meta, a minifier


def test_redirect_stubs_stay_untouched(tmp_path: Path, tab: Tab) -> None:
    config: dict[str, Any] = {
        "site_url": SITE_URL,
        "plugins": [
            {"redirects": {"redirect_maps": {"old.md": "about.md", "older/page.md": "index.md"}}},
            "favicons",
        ],
    }
    site = Site(tmp_path / "site").write(config, docs={"logo.svg": svg_logo()})
    plain = Site(tmp_path / "plain").write({**config, "plugins": config["plugins"][:1]}, docs={})
    site.build(strict=True)
    plain.build(strict=True)
    stubs = ("old/index.html", "older/page/index.html")
    for stub in stubs:
        assert site.read(stub) == plain.read(stub), stub
        assert "favicon" not in site.read(stub)
    assert_site_passes(site.site_dir, "/docs/", ["", "about/", "nope/deep/"], tab, skipped=stubs)


def test_material_blog_and_meta(tmp_path: Path, tab: Tab) -> None:
    config = {
        "site_url": SITE_URL,
        "theme": {"name": "material", "logo": "images/brand.svg"},
        "plugins": ["meta", {"blog": {"blog_dir": "blog"}}, "favicons"],
    }
    docs: dict[str, str | bytes] = {
        "images/brand.svg": svg_logo(),
        "blog/index.md": "# Blog\n",
        "blog/.meta.yml": "authors: []\n",
        "blog/posts/first.md": "---\ndate: 2024-01-31\ncategories: [News]\n---\n# First post\n\nHello.\n",
        "blog/posts/second.md": "---\ndate: 2024-02-29\n---\n# Second post\n\nMore.\n",
    }
    site = Site(tmp_path / "site").write(config, docs=docs)
    result = site.build(strict=True)
    assert any("source docs/images/brand.svg (" in line for line in result.lines("favicons"))
    posts = sorted(
        p.relative_to(site.site_dir).as_posix()
        for p in site.site_dir.rglob("blog/20*/**/index.html")
    )
    assert len(posts) == 2, posts
    archive = sorted(site.site_dir.glob("blog/archive/*/index.html"))
    category = sorted(site.site_dir.glob("blog/category/*/index.html"))
    assert archive and category
    pages = ["", "blog/", posts[0].removesuffix("index.html")]
    pages += [
        p.relative_to(site.site_dir).as_posix().removesuffix("index.html")
        for p in (archive[0], category[0])
    ]
    assert_site_passes(site.site_dir, "/docs/", [*pages, "blog/no/such/"], tab)


@pytest.mark.parametrize("order", ["favicons-first", "minify-first"])
def test_minified_pages_keep_the_tags(tmp_path: Path, tab: Tab, order: str) -> None:
    minify = {"minify": {"minify_html": True}}
    config = {
        "site_url": SITE_URL,
        "theme": {"name": "material"},
        # Ours first: the minifier then squeezes pages that already carry the tags.
        "plugins": ["favicons", minify] if order == "favicons-first" else [minify, "favicons"],
    }
    site: Site = Site(tmp_path / "site").write(config, docs={"logo.svg": svg_logo()})
    site.build(strict=True)
    head = site.read("about/index.html").split("</head>")[0]
    assert head.count("\n") < 12, "the minifier ran"
    if order == "favicons-first":
        assert 'rel="manifest"' not in head and "rel=manifest" in head  # squeezed with the rest
    assert_site_passes(
        site.site_dir,
        "/docs/",
        ["", "about/", "nested/deep/page/", "no/such/"],
        tab,
    )
