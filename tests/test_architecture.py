"""The package's architecture (docs/architecture.md), read from its import graph with grimp:
no two apps import each other, directly or round a longer loop, and every app imports only
apps in the layers below it. Imports inside functions count, as import-linter counts them
(the contract in pyproject.toml, which `make test` runs as `lint-imports`)."""

from pathlib import Path

import grimp
import pytest

PACKAGE = "answerable"
ROOT = Path(__file__).resolve().parent.parent / PACKAGE

# Top to bottom; the apps of one layer are independent of each other.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"api", "backup", "dashboard", "demo", "mail", "retention"}),
    frozenset({"casework"}),
    frozenset({"statistics_releases"}),
    frozenset({"answers", "clock", "disclosure_log", "interchange"}),
    frozenset({"register"}),
    frozenset({"audit"}),
    frozenset({"web"}),
    frozenset({"roles"}),
    frozenset({"core"}),
)
LAYER_OF = {app: depth for depth, apps in enumerate(LAYERS) for app in apps}


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(PACKAGE, cache_dir=None)


@pytest.fixture(scope="module")
def app_imports(graph: grimp.ImportGraph) -> dict[str, set[str]]:
    """Each app's set of other apps it imports, from every module of the package."""
    found: dict[str, set[str]] = {app: set() for app in LAYER_OF}
    for module in graph.modules:
        source = _app_of(module)
        if source not in found:
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            target = _app_of(imported)
            if target in LAYER_OF and target != source:
                found[source].add(target)
    return found


def _app_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_app_of_the_package_has_a_layer():
    apps = {path.name for path in ROOT.iterdir() if (path / "__init__.py").exists()}
    assert apps == set(LAYER_OF)


def test_no_cycle_between_apps(app_imports: dict[str, set[str]]):
    cycles = []
    for start in sorted(app_imports):
        cycle = _path_back(app_imports, start)
        if cycle:
            cycles.append(" -> ".join(cycle))
    assert cycles == []


def _path_back(edges: dict[str, set[str]], start: str) -> list[str] | None:
    """A path of imports from `start` round to `start` again, or None (depth first)."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        app, path = stack.pop()
        for target in sorted(edges[app]):
            if target == start:
                return [*path, start]
            if target not in seen:
                seen.add(target)
                stack.append((target, [*path, target]))
    return None


def test_apps_import_only_from_layers_below(app_imports: dict[str, set[str]]):
    upward = sorted(
        f"{source} -> {target}"
        for source, targets in app_imports.items()
        for target in targets
        if LAYER_OF[target] <= LAYER_OF[source]
    )
    assert upward == []


def test_the_layers_are_in_use_top_to_bottom(app_imports: dict[str, set[str]]):
    # The order is not vacuous: every layer but the top one is imported from above it.
    for depth, layer in enumerate(LAYERS[1:], start=1):
        above = set().union(*LAYERS[:depth])
        assert any(app_imports[app] & layer for app in above), sorted(layer)


def test_the_core_imports_no_app(graph: grimp.ImportGraph):
    imported = {
        imported
        for module in graph.find_children(f"{PACKAGE}.core") | {f"{PACKAGE}.core"}
        for imported in graph.find_modules_directly_imported_by(module)
    }
    assert {module for module in imported if not module.startswith(f"{PACKAGE}.core")} == set()


def test_no_module_cycle_within_an_app(graph: grimp.ImportGraph):
    # The named loops of issue 17 were broken by moving code, not by imports in functions
    # (which count here too): a module never reaches itself again through the package.
    looping = sorted(
        module
        for module in graph.modules
        if any(
            graph.find_shortest_chain(importer=imported, imported=module) is not None
            for imported in graph.find_modules_directly_imported_by(module)
        )
    )
    assert looping == []
