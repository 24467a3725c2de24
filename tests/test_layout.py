"""The package stays easy to read: no module grows past a few hundred lines, and every module of the
pipeline's packages is in the architecture's table (kinds, readers, formats and the server are one
module per kind, format or job, named by the table as a family)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "newslint"
LONGEST = 400  # lines


def test_no_module_is_longer_than_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > LONGEST}
    assert not long, f"split these modules by job: {long}"


def test_every_module_is_named_in_the_architecture():
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    modules = [*PACKAGE.glob("*.py"), *(PACKAGE / "document").glob("*.py"), *(PACKAGE / "matching").glob("*.py"),
               *(PACKAGE / "cache").glob("*.py")]
    missing = [str(p.relative_to(PACKAGE)) for p in modules if p.stem != "__init__" and f"`{p.stem}" not in text]
    assert not missing, f"add these modules to ARCHITECTURE.md: {missing}"
