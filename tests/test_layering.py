"""Import rules of ../shared/DESIGN.md "Layout", checked statically (and Qt at run time too).

* The core (everything in ``fieldapp/`` but ``ui/``) never imports Qt.
* ``fieldapp/sync/`` never imports ``fieldapp.ui``; widgets never talk SQL.
* ``fieldapp/storage/`` is the bottom layer: it imports only the shared basics.
* ``fieldapp/seal/`` imports only the standard library and the shared basics (no storage,
  visits, incidents, no third-party package but pydantic-core, whose serialiser writes the
  common case; the reference encoder is the standard library's), so the central service can
  recompute a digest.
* ``fieldcentral/`` imports nothing of the app but ``fieldapp.sync.protocol``, ``fieldapp.seal``
  and ``fieldapp.pdfkit`` (ReportLab pieces shared by both sides, itself importing no FieldApp).
"""

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


SHARED_BASICS = {"fieldapp", "fieldapp.changes", "fieldapp.clock", "fieldapp.errors", "fieldapp.i18n",
                 "fieldapp.ids", "fieldapp.money", "fieldapp.paths", "fieldapp.resources",
                 "fieldapp.settings"}


def imported_names(path: Path) -> set[str]:
    """Every module a file imports; ``from a import b`` counts as ``a`` and ``a.b``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def fieldapp_imports(path: Path) -> set[str]:
    return {n for n in imported_names(path) if n == "fieldapp" or n.startswith("fieldapp.")}


def within(name: str, allowed: set[str]) -> bool:
    """``name`` is one of ``allowed`` or inside one; the bare package ``fieldapp`` (its
    ``__init__``) allows only itself, or it would allow everything."""
    return any(name == a or (a != "fieldapp" and name.startswith(a + ".")) for a in allowed)


def violations(folder: Path, allowed: set[str], root: Path = REPO) -> dict[str, list[str]]:
    """Files under ``folder`` importing app modules outside ``allowed`` (and their parents)."""
    found = {}
    for p in folder.rglob("*.py"):
        bad = sorted(n for n in fieldapp_imports(p) if not within(n, allowed) and n not in
                     {a.rsplit(".", i)[0] for a in allowed for i in range(a.count(".") + 1)})
        if bad:
            found[str(p.relative_to(root))] = bad
    return found


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
                 or "fieldapp.storage.models" in imported_names(p)}
    assert offenders == set()


def test_storage_is_the_bottom_layer() -> None:
    assert violations(PACKAGE / "storage", SHARED_BASICS | {"fieldapp.storage"}) == {}


def test_the_seal_imports_only_the_standard_library_and_the_shared_basics() -> None:
    folder = PACKAGE / "seal"
    assert violations(folder, SHARED_BASICS | {"fieldapp.seal"}) == {}
    outside = {str(p.relative_to(REPO)): sorted(
        n for n in imported_names(p)
        if n.split(".")[0] not in sys.stdlib_module_names | {"fieldapp", "__future__",
                                                              "pydantic_core"})
        for p in folder.rglob("*.py")}
    assert {k: v for k, v in outside.items() if v} == {}
    assert len(outside) >= 2


def test_sync_never_imports_the_ui() -> None:
    sync = PACKAGE / "sync"
    offenders = {str(p.relative_to(REPO)) for p in sync.rglob("*.py")
                 if any(within(n, {"fieldapp.ui", "PySide6"}) for n in imported_names(p))}
    assert offenders == set()


def test_the_central_service_imports_only_the_wire_schemas_the_seal_and_the_pdf_kit() -> None:
    central = REPO / "fieldcentral"
    allowed = {"fieldapp.sync.protocol", "fieldapp.seal", "fieldapp.pdfkit"}
    if central.is_dir():
        assert violations(central, allowed) == {}
    kit = PACKAGE / "pdfkit.py"  # shared with the centre: it may import no other FieldApp
    assert [n for n in imported_names(kit) if n.split(".")[0] == "fieldapp"] == []


def test_the_rules_catch_a_violation(tmp_path: Path) -> None:
    """The checks above are only worth something if a bad import fails them."""
    (tmp_path / "bad.py").write_text("from fieldapp.visits import service\nimport fieldapp.ui.app\n")
    (tmp_path / "good.py").write_text("from fieldapp.sync.protocol import PushRequest\n"
                                      "from fieldapp import seal\n")
    found = violations(tmp_path, {"fieldapp.sync.protocol", "fieldapp.seal"}, root=tmp_path)
    assert found == {"bad.py": ["fieldapp.ui.app", "fieldapp.visits", "fieldapp.visits.service"]}
    basics = violations(tmp_path, SHARED_BASICS, root=tmp_path)  # "fieldapp" is no wildcard
    assert basics["bad.py"] == ["fieldapp.ui.app", "fieldapp.visits", "fieldapp.visits.service"]
