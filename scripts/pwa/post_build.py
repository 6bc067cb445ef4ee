#!/usr/bin/env python3
"""Trunk post-build hook (see Trunk.toml): makes the build a strict-CSP, offline app.

It works on trunk's staging directory ($TRUNK_STAGING_DIR, or the directory given as
argument) after trunk has written index.html there:

1. No inline script. trunk writes its loader as an inline <script type="module">, which
   the Content-Security-Policy in index.html forbids. The loader moves into
   `start-<hash>.js` and index.html loads it with <script type="module" src integrity>.
   trunk's modulepreload/preload links (src/platform/worker.rs reads them) and their integrity
   attributes stay as they are: the files they name are not touched. Any other inline
   script fails the build.
2. Offline (release builds, $TRUNK_PROFILE=release): the start script first registers the
   service worker (scripts/pwa/register-sw.js), and `sw.js` is written from
   scripts/pwa/sw.js with the build in front of it:
       const BUILD = {"version": ..., "files": [[path, integrity], ...]};
   `files` is every file of the build except sw.js itself, sorted, each with its sha256
   subresource integrity (the template's whole-line comments are left out: every page
   downloads sw.js); `version` is a hash of all those paths and contents and of the
   service worker's own code, so any change to the build makes a new version.
   Debug builds get scripts/pwa/sw-off.js as sw.js instead, which removes a release
   build's service worker from the origin (`trunk serve` has no offline mode).

3. The instructor's page: `desk.html` is written from index.html with the desk's module
   (trunk builds it as a worker-type asset, `takt-desk.js` and `takt-desk_bg.wasm`,
   renamed here to `takt-desk-<hash>...` like the trainee's module) in place of the
   trainee's: its preload links, and a start script `desk-start-<hash>.js` made from the
   trainee's the same way. So both pages share one head (CSP, manifest, icons, style).
   The desk's classroom mode (`takt-room`) gets `classroom.html` and
   `classroom-start-<hash>.js` the same way, and the course's sheets (`takt-sheets`)
   `sheets.html` and `sheets-start-<hash>.js`.

4. Smaller scripts and true integrity: every script of the build loses its whole-line
   comments (`// …` lines, `/** … */` blocks on lines of their own: the sources keep them),
   then every preload link of index.html whose file is in the build gets the integrity of
   that file as it is. trunk builds the three modules at once and each copies
   the library's JS snippets to the same paths; once in a while trunk hashed a snippet while
   another copy was being written, and the page refused its own file. A corrected link is
   reported.

5. The best-plan search: trunk builds `takt-optimize.js` and `takt-optimize_bg.wasm` as a
   worker-type asset; they are renamed `takt-optimize-<hash>...` and desk.html names them in
   `<meta name="takt-optimizer" content="JS WASM">` (src/platform/worker.rs reads it). Nothing
   preloads them: the desk's page starts a worker of this module only when asked for the
   best plan.

Only a page with a Content-Security-Policy <meta> (the repository's index.html) is
changed; another page built with this Trunk.toml is left as trunk made it, with a warning.
Python standard library only. Safe to run twice on the same directory.
"""

import base64
import hashlib
import json
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
CSP_META = re.compile(r"""<meta\s[^>]*http-equiv=["']?Content-Security-Policy""", re.IGNORECASE)


def fail(message):
    sys.exit(f"post_build.py: {message}")


def integrity(data, algorithm="sha384"):
    digest = hashlib.new(algorithm, data).digest()
    return f"{algorithm}-{base64.b64encode(digest).decode()}"


def move_inline_loader(staging, base, release):
    """Moves trunk's inline loader into start-<hash>.js; returns that file's name, or None."""
    html_path = staging / "index.html"
    html = html_path.read_text(encoding="utf-8")
    loaders = []
    for match in SCRIPT.finditer(html):
        attributes, body = match.group(1), match.group(2)
        if re.search(r"\bsrc\s*=", attributes, re.IGNORECASE) or not body.strip():
            continue
        if "module" not in attributes or "TrunkApplicationStarted" not in body:
            fail(f"an inline script in index.html, which the CSP forbids: move it into a file\n{match.group(0)[:300]}")
        loaders.append(match)
    if not loaders:
        return None  # already moved (a second run)
    if len(loaders) > 1:
        fail("more than one trunk loader script in index.html")
    loader = loaders[0]
    code = loader.group(2).strip() + "\n"
    if release:
        register = (HERE / "register-sw.js").read_text(encoding="utf-8").replace("__BASE__", base)
        code = register + "\n" + code
    data = without_js_comments(code).encode("utf-8")
    name = f"start-{hashlib.sha256(data).hexdigest()[:16]}.js"
    (staging / name).write_bytes(data)
    tag = f'<script type="module" src="{base}{name}" integrity="{integrity(data)}"></script>'
    html = html[: loader.start()] + tag + html[loader.end() :]
    html_path.write_text(html, encoding="utf-8")
    return name


DESK = "takt-desk"
ROOM = "takt-room"
SHEETS = "takt-sheets"
PRELOAD = re.compile(r"<link\b[^>]*\brel=\"(?:modulepreload|preload)\"[^>]*>", re.IGNORECASE)
HREF = re.compile(r'\bhref="([^"]*)"')
START = re.compile(r'<script type="module" src="([^"]*)" integrity="[^"]*"></script>')


def module_page(staging, base, module, page, prefix):
    """Writes `page` and its start script `<prefix>-start-<hash>.js` for `module` (built by
    trunk as a worker-type asset), from index.html; returns the page's name."""
    js, wasm = staging / f"{module}.js", staging / f"{module}_bg.wasm"
    if not js.is_file() or not wasm.is_file():
        if (staging / page).is_file():
            return page  # already written (a second run)
        fail(f"no {module}.js and {module}_bg.wasm: index.html must build the module of {page}")
    html = (staging / "index.html").read_text(encoding="utf-8")
    stem = f"{module}-{hashlib.sha256(wasm.read_bytes()).hexdigest()[:16]}"
    names = {}  # the trainee's module's file names -> the desk's
    for link in PRELOAD.findall(html):
        href = HREF.search(link).group(1)
        name = href.removeprefix(base)
        if "/" in name:
            continue  # a JS snippet of the library (snippets/…), the same for both modules
        if name.endswith("_bg.wasm"):
            names[name] = f"{stem}_bg.wasm"
        elif name.endswith(".js"):
            names[name] = f"{stem}.js"
    if sorted(names.values()) != sorted([f"{stem}.js", f"{stem}_bg.wasm"]):
        fail(f"index.html should preload one module's .js and _bg.wasm, found {sorted(names)}")
    js.rename(staging / f"{stem}.js")
    wasm.rename(staging / f"{stem}_bg.wasm")

    def swap(text):
        for old, new in names.items():
            text = text.replace(f"{base}{old}", f"{base}{new}")
        return text

    def relink(match):
        link = swap(match.group(0))
        if link == match.group(0):
            return link
        name = HREF.search(link).group(1).removeprefix(base)
        data = (staging / name).read_bytes()
        return re.sub(r'\bintegrity="[^"]*"', f'integrity="{integrity(data)}"', link)

    html = PRELOAD.sub(relink, html)
    start = START.search(html)
    if not start:
        fail("index.html has no start script")
    code = swap((staging / start.group(1).removeprefix(base)).read_text(encoding="utf-8")).encode("utf-8")
    name = f"{prefix}-start-{hashlib.sha256(code).hexdigest()[:16]}.js"
    (staging / name).write_bytes(code)
    tag = f'<script type="module" src="{base}{name}" integrity="{integrity(code)}"></script>'
    html = html[: start.start()] + tag + html[start.end() :]
    (staging / page).write_text(html, encoding="utf-8")
    return page


INTEGRITY = re.compile(r'\bintegrity="(sha\d+)-[^"]*"')


JSDOC = re.compile(r"^[ \t]*/\*\*.*?\*/[ \t]*\n", re.MULTILINE | re.DOTALL)
LINE_COMMENT = re.compile(r"^[ \t]*//.*\n", re.MULTILINE)


def without_js_comments(code):
    """`code` without its whole-line comments: `// …` lines and `/** … */` blocks that stand on
    lines of their own. Every page downloads its scripts; the comments stay in the sources."""
    return LINE_COMMENT.sub("", JSDOC.sub("", code))


def strip_scripts(staging):
    """Strips the whole-line comments of every script of the build but sw.js (whose template
    is stripped when it is written); returns the paths (relative, POSIX) that changed."""
    changed = set()
    for path in sorted(staging.rglob("*.js")):
        rel = path.relative_to(staging).as_posix()
        if rel == "sw.js" or any(part.startswith(".") for part in rel.split("/")):
            continue
        code = path.read_text(encoding="utf-8")
        stripped = without_js_comments(code)
        if stripped != code:
            path.write_text(stripped, encoding="utf-8")
            changed.add(rel)
    return changed


def true_integrity(staging, base, stripped=frozenset()):
    """Sets each preload link of index.html to the integrity of its file as built (a file in
    `stripped` was changed here on purpose; any other correction is reported)."""
    html_path = staging / "index.html"
    html = html_path.read_text(encoding="utf-8")

    def check(match):
        link = match.group(0)
        href, declared = HREF.search(link), INTEGRITY.search(link)
        if not href or not declared:
            return link
        path = staging / href.group(1).removeprefix(base)
        if not path.is_file():
            return link
        actual = integrity(path.read_bytes(), declared.group(1))
        if declared.group(0) == f'integrity="{actual}"':
            return link
        if href.group(1).removeprefix(base) not in stripped:
            print(f"post_build.py: corrected the integrity of {href.group(1)} (it did not match the file)")
        return link.replace(declared.group(0), f'integrity="{actual}"')

    html_path.write_text(PRELOAD.sub(check, html), encoding="utf-8")


OPTIMIZER = "takt-optimize"
OPTIMIZER_META = re.compile(r'<meta name="takt-optimizer"[^>]*>\n?')


def optimizer_module(staging, base, desk):
    """Renames the search's module with its hash and names it in desk.html."""
    js, wasm = staging / f"{OPTIMIZER}.js", staging / f"{OPTIMIZER}_bg.wasm"
    html_path = staging / desk
    html = html_path.read_text(encoding="utf-8")
    if not js.is_file() or not wasm.is_file():
        if OPTIMIZER_META.search(html):
            return  # already done (a second run)
        fail(f"no {OPTIMIZER}.js and {OPTIMIZER}_bg.wasm: index.html must build the search's module")
    stem = f"{OPTIMIZER}-{hashlib.sha256(wasm.read_bytes()).hexdigest()[:16]}"
    js.rename(staging / f"{stem}.js")
    wasm.rename(staging / f"{stem}_bg.wasm")
    meta = f'<meta name="takt-optimizer" content="{base}{stem}.js {base}{stem}_bg.wasm" />\n'
    html = html.replace("</head>", f"  {meta}  </head>", 1)
    html_path.write_text(html, encoding="utf-8")


def build_files(staging):
    """Every file of the build but sw.js, sorted: (relative POSIX path, bytes). Hidden
    entries (such as trunk's own .stage when run on dist/) are not part of the build."""
    paths = sorted(
        path.relative_to(staging).as_posix() for path in staging.rglob("*") if path.is_file()
    )
    return [
        (path, (staging / path).read_bytes())
        for path in paths
        if path != "sw.js" and not any(part.startswith(".") for part in path.split("/"))
    ]


def service_worker(staging):
    """The release sw.js text for the files now in `staging`."""
    template = (HERE / "sw.js").read_bytes()
    files = build_files(staging)
    version = hashlib.sha256()
    for path, data in files:
        version.update(f"{path}\0{hashlib.sha256(data).hexdigest()}\n".encode("utf-8"))
    version.update(template)
    entries = ",\n".join(
        f"    {json.dumps([path, integrity(data, 'sha256')])}" for path, data in files
    )
    build = f'{{\n  "version": "{version.hexdigest()[:20]}",\n  "files": [\n{entries}\n  ]\n}}'
    header = "// Generated by scripts/pwa/post_build.py from scripts/pwa/sw.js (read its comments there): do not edit.\n"
    return f"{header}const BUILD = {build};\n\n{without_js_comments(template.decode('utf-8'))}"





def main():
    staging = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("TRUNK_STAGING_DIR", ""))
    if not staging.name or not (staging / "index.html").is_file():
        fail("usage: post_build.py [DIR] (or $TRUNK_STAGING_DIR): DIR/index.html must exist")
    release = os.environ.get("TRUNK_PROFILE", "release") == "release"
    base = os.environ.get("TRUNK_PUBLIC_URL", "/")
    if not base.endswith("/"):
        base += "/"

    if not CSP_META.search((staging / "index.html").read_text(encoding="utf-8")):
        # Another page built with this Trunk.toml (`trunk build other.html`) that does not opt in.
        print("post_build.py: warning: index.html has no Content-Security-Policy <meta>: left as trunk made it, no offline mode")
        return
    stripped = strip_scripts(staging)
    start = move_inline_loader(staging, base, release)
    true_integrity(staging, base, stripped)
    desk = module_page(staging, base, DESK, "desk.html", "desk")
    room = module_page(staging, base, ROOM, "classroom.html", "classroom")
    sheets = module_page(staging, base, SHEETS, "sheets.html", "sheets")
    optimizer_module(staging, base, desk)
    if release:
        text = service_worker(staging)
    else:
        text = (HERE / "sw-off.js").read_text(encoding="utf-8")
    (staging / "sw.js").write_text(text, encoding="utf-8")
    print(f"post_build.py: {start or 'start script already in place'}, {desk}, {room}, {sheets}, sw.js ({'offline' if release else 'off'})")


if __name__ == "__main__":
    main()
