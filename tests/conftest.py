from __future__ import annotations

from pathlib import Path

import pytest

from newslint.rulebook import Rule, load_rules

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def rules() -> list[Rule]:
    return load_rules()
