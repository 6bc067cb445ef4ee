#!/usr/bin/env python3
"""Checks the architecture of the core and of the app (docs/architecture.md).

1. Layers: each top-level module may import (`crate::<module>` outside a comment) only from
   its own layer's bottom and the layers below it:
   - the core (`crates/takt-core/src`): json < model < sim < lean < training < view, with
     `invariants` beside the top;
   - the app (`src`): i18n < fmt < {platform, names, library} < refusals < charts < trainee <
     desk; the modules of one layer do not import each other, so there is no import circle.
2. Size: no source file of the core is over MAX_LINES lines.

Exits 1 naming every offending import and file, 0 otherwise.
"""
import pathlib
import re
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent
MAX_LINES = 600
PATH = re.compile(r"\bcrate::(\w+)")

# Per tree: its root, its layers bottom-up (each a set of modules), modules beside the stack
# with what they may import, and whether file sizes are checked.
TREES = [
    {
        "name": "core",
        "root": REPO / "crates" / "takt-core" / "src",
        "layers": [{"json"}, {"model"}, {"sim"}, {"lean"}, {"training"}, {"view"}],
        "beside": {"invariants": {"json", "model", "sim", "lean"}},
        "sizes": True,
    },
    {
        "name": "app",
        "root": REPO / "src",
        "layers": [{"i18n"}, {"fmt"}, {"platform", "names", "library"}, {"refusals"}, {"charts"}, {"trainee"}, {"desk"}],
        "beside": {},
        "sizes": False,
    },
]


def code_lines(text: str):
    for number, line in enumerate(text.splitlines(), 1):
        yield number, line.split("//", 1)[0]


def check(tree) -> list[str]:
    root, layers, beside = tree["root"], tree["layers"], tree["beside"]
    level = {m: i for i, layer in enumerate(layers) for m in layer}
    known = set(level) | set(beside)
    problems = []
    for path in sorted(root.rglob("*.rs")):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(REPO)
        lines = text.count("\n") + (not text.endswith("\n"))
        if tree["sizes"] and lines > MAX_LINES:
            problems.append(f"{rel}: {lines} lines (at most {MAX_LINES}): split it by concern")
        parts = path.relative_to(root).parts
        module = parts[0].removesuffix(".rs")
        if len(parts) == 1 and module in ("lib", "main"):
            continue  # the crate root wires everything together
        if module == "bin":
            continue  # a binary only mounts a page
        if module not in known:
            problems.append(f"{rel}: top-level module '{module}' is in no layer (scripts/check-layers.py)")
            continue
        if module in beside:
            allowed = beside[module] | {module}
        else:
            allowed = {m for m, i in level.items() if i < level[module]} | {module}
        for number, code in code_lines(text):
            for target in PATH.findall(code):
                if target in known and target not in allowed:
                    problems.append(f"{rel}:{number}: '{module}' imports from '{target}', which is not below it")
    return problems


def main() -> int:
    failed = False
    for tree in TREES:
        problems = check(tree)
        order = " < ".join("{" + ", ".join(sorted(l)) + "}" if len(l) > 1 else next(iter(l)) for l in tree["layers"])
        for p in problems:
            print(p)
        if problems:
            print(f"{tree['name']}: {len(problems)} problem(s); the layers are {order}")
            failed = True
        else:
            sizes = f"; no file over {MAX_LINES} lines" if tree["sizes"] else ""
            print(f"{tree['name']} layers ok: {order}{sizes}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
