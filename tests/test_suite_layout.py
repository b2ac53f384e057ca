"""The suite's own rules: a test module imports no other test module (shared helpers live in
conftest.py and the support modules, `*_support.py`, `*_helpers.py` and the like), so that
each test module can be run, moved or deleted on its own."""

import ast
from pathlib import Path

TESTS = Path(__file__).parent


def imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
    return modules


def test_no_module_imports_a_test_module():
    test_modules = {path.stem for path in TESTS.glob("test_*.py")}
    offending = {
        path.name: sorted(imported_modules(path) & test_modules)
        for path in sorted(TESTS.glob("*.py"))
        if imported_modules(path) & test_modules
    }
    assert offending == {}
