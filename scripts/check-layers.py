#!/usr/bin/env python3
"""Checks the core's architecture (see crates/takt-core/src/lib.rs and docs/architecture.md).

1. Layers: each top-level module of `crates/takt-core/src` may import only from the layers
   below it (json < model < sim < lean < training < view; `invariants` sits beside the top).
   An import is any `crate::<module>` path outside a comment.
2. Size: no source file of the core is over MAX_LINES lines.

Exits 1 naming every offending import and file, 0 otherwise.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "crates" / "takt-core" / "src"
LAYERS = ["json", "model", "sim", "lean", "training", "view"]
# Modules outside the stack: what each may import.
BESIDE = {"invariants": {"json", "model", "sim", "lean"}}
MAX_LINES = 600

PATH = re.compile(r"\bcrate::(\w+)")


def module_of(path: pathlib.Path) -> str | None:
    rel = path.relative_to(ROOT)
    name = rel.parts[0].removesuffix(".rs")
    return None if name == "lib" else name


def code_lines(text: str):
    for number, line in enumerate(text.splitlines(), 1):
        yield number, line.split("//", 1)[0]


def main() -> int:
    problems = []
    known = set(LAYERS) | set(BESIDE)
    for path in sorted(ROOT.rglob("*.rs")):
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n") + (not text.endswith("\n"))
        rel = path.relative_to(ROOT.parent.parent.parent)
        if lines > MAX_LINES:
            problems.append(f"{rel}: {lines} lines (at most {MAX_LINES}): split it by concern")
        module = module_of(path)
        if module is None:
            continue
        if module not in known:
            problems.append(f"{rel}: top-level module '{module}' is in no layer (scripts/check-layers.py)")
            continue
        allowed = BESIDE.get(module) or set(LAYERS[: LAYERS.index(module) + 1])
        for number, code in code_lines(text):
            for target in PATH.findall(code):
                if target in known and target not in allowed:
                    problems.append(f"{rel}:{number}: '{module}' imports from '{target}', a layer above it")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s): the layers are {' < '.join(LAYERS)}")
        return 1
    print(f"core layers ok: {' < '.join(LAYERS)}; no file over {MAX_LINES} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
