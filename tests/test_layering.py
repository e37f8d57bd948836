"""The core never imports Qt (STYLE.md "A Qt-free core"): checked statically and at run time."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "fieldapp"


def core_modules() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py")
            if "ui" not in p.relative_to(PACKAGE).parts[:1]]


def imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_core_module_mentions_qt() -> None:
    offenders = {str(p.relative_to(REPO)): sorted(n for n in imported_names(p)
                                                   if n.split(".")[0] in {"PySide6", "shiboken6"})
                 for p in core_modules()}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_the_whole_core_loads_no_qt() -> None:
    modules = sorted(".".join(p.relative_to(REPO).with_suffix("").parts) for p in core_modules()
                     if "migrations" not in p.parts and p.name != "__main__.py")
    code = ("import sys\n" + "".join(f"import {m}\n" for m in modules) +
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
            "print(bad)\nsys.exit(1 if bad else 0)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(modules) > 10


def test_widgets_do_not_talk_sql() -> None:
    ui = [p for p in (PACKAGE / "ui").rglob("*.py")]
    offenders = {str(p.relative_to(REPO)) for p in ui
                 if {n for n in imported_names(p) if n.split(".")[0] in {"sqlalchemy", "sqlite3"}}
                 or "fieldapp.models" in imported_names(p)}
    assert offenders == set()
