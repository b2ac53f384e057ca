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


def _django_db_marks(path: Path) -> list[tuple[int, set[str]]]:
    """Each `django_db(...)` mark in a module, with the line and the keywords set to True."""
    marks: list[tuple[int, set[str]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "django_db"
        ):
            enabled = {
                keyword.arg
                for keyword in node.keywords
                if keyword.arg and isinstance(keyword.value, ast.Constant) and keyword.value.value
            }
            marks.append((node.lineno, enabled))
    return marks


def test_every_transactional_test_restores_the_reference_data():
    """A transactional test empties every table when it ends; without serialized_rollback
    the reference data (forces, stations, business units) is not put back for the ordinary
    tests xdist runs after it on the same worker, which then fail far from the cause."""
    missing = [
        f"{path.name}:{line}"
        for path in sorted(TESTS.glob("test_*.py"))
        for line, enabled in _django_db_marks(path)
        if "transaction" in enabled and "serialized_rollback" not in enabled
    ]
    assert missing == []
