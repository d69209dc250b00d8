"""The packages form layers that import only downward (docs/adr/0004-layers.md).

A module may import its own package and the packages on lower layers, never a higher one, and
packages on the same layer do not import each other. Production code never imports the demo.
The test reads each module's imports with `ast`, so nothing is imported to check it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]  # the `quarterly` package

# Lowest first. Packages sharing a layer are peers: neither may import the other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core", "assessment"),
    ("organisation",),
    ("places",),
    ("register",),
    ("collection",),
    ("benchmarking", "ambition", "actions", "risks", "assurance"),
    ("exchange",),
    ("reports",),
    ("api",),
    ("web",),
    ("demo",),  # the demo council: may use everything; nothing in production imports it
)
RANK = {package: rank for rank, layer in enumerate(LAYERS) for package in layer}
# Inside a package split by sub-area, the sub-areas are layers too, lowest first. Its top-level
# modules (models, admin, apps, templatetags, management) stand outside them: a sub-area never
# imports them, since the models module gathers every sub-area's models for Django.
SUBLAYERS: dict[str, tuple[str, ...]] = {
    "collection": (
        "results",
        "cycles",
        "highlights",
        "submissions",
        "information",
        "reminders",
    ),
}
# Test support and the command-line entry point sit outside the layers.
OUTSIDE = {"factories", "conftest", "cli", "tests", "__init__"}


@dataclass(frozen=True, order=True)
class Violation:
    module: str
    imported: str
    why: str


def _package(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) < 2 or parts[0] != "quarterly":
        return None
    return parts[1]


def _imports(path: Path, module: str) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.level:  # relative: resolve against this module's package
                base = module.split(".")[: -node.level]
                found.append(".".join([*base, node.module]))
            else:
                found.append(node.module)
    return found


def _production_modules(root: Path) -> list[tuple[Path, str]]:
    modules = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root.parent)
        if {"tests", "migrations"} & set(relative.parts):
            continue
        modules.append((path, ".".join(relative.with_suffix("").parts)))
    return modules


def _sublayer_problem(package: str, module: str, imported: str) -> str | None:
    areas = SUBLAYERS.get(package)
    if not areas:
        return None
    source, target = module.split(".")[2:3], imported.split(".")[2:3]
    if not source or source[0] not in areas:
        return None  # a top-level module of the package
    if not target or target[0] not in areas:
        return f"{package}.{source[0]} imports the top of {package}" if target else None
    if areas.index(target[0]) > areas.index(source[0]):
        return f"{package}.{source[0]} reaches up to {package}.{target[0]}"
    return None


def layer_violations(root: Path) -> list[Violation]:
    """Every import in the production modules under `root` that breaks the layers."""
    violations = []
    for path, module in _production_modules(root):
        source = _package(module)
        if source is None or source in OUTSIDE or source not in RANK:
            continue
        for imported in _imports(path, module):
            target = _package(imported)
            if target is None:
                continue
            if target == source:
                why = _sublayer_problem(source, module, imported)
                if why:
                    violations.append(Violation(module, imported, why))
                continue
            if target == "demo":
                violations.append(Violation(module, imported, "production code imports the demo"))
            elif target in OUTSIDE or target not in RANK:
                continue
            elif RANK[target] > RANK[source]:
                violations.append(Violation(module, imported, f"{source} reaches up to {target}"))
            elif RANK[target] == RANK[source]:
                violations.append(Violation(module, imported, f"peers {source} and {target}"))
    return sorted(violations)


def test_every_package_has_a_layer() -> None:
    # given / when
    packages = {p.name for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    # then
    assert packages - OUTSIDE <= set(RANK), f"give {sorted(packages - OUTSIDE - set(RANK))} a layer"


def test_imports_only_go_down() -> None:
    # given / when
    found = layer_violations(ROOT)
    # then
    assert not found, "upward or sideways imports:\n" + "\n".join(
        f"{v.module} imports {v.imported}: {v.why}" for v in found
    )


def _named_modules(path: Path, module: str) -> set[str]:
    """Every module an import statement may name: `from a.b import c` names a.b and a.b.c."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            parts = module.split(".")[: -node.level] if node.level else []
            base = ".".join([*parts, *([node.module] if node.module else [])])
            names |= {base} | {f"{base}.{alias.name}" for alias in node.names}
    return names


def module_circles(root: Path) -> list[tuple[str, str]]:
    """Pairs of production modules that import each other (directly)."""
    modules = {module: path for path, module in _production_modules(root)}
    edges = {
        module: (_named_modules(path, module) & modules.keys()) - {module}
        for module, path in modules.items()
    }
    return sorted(
        (a, b) for a, targets in edges.items() for b in targets if a < b and a in edges[b]
    )


def test_no_two_modules_import_each_other() -> None:
    # given / when / then
    assert module_circles(ROOT) == []


@pytest.fixture
def fixture_tree(tmp_path: Path) -> Path:
    """A tiny tree shaped like the package, with good modules and five bad ones."""
    root = tmp_path / "quarterly"
    files = {
        "register/good.py": "from quarterly.core.periods import Period\nfrom . import models\n",
        "register/models.py": "",
        "register/reaches_up.py": "from quarterly.collection.models import Result\n",
        "benchmarking/sideways.py": "import quarterly.actions.services\n",
        "web/uses_demo.py": "from quarterly.demo.loader import demo_load\n",
        "demo/loader.py": "from quarterly.web import charts\n",
        "collection/models.py": "from quarterly.collection.cycles.models import ReportingCycle\n",
        "collection/cycles/due.py": "from quarterly.collection.results.models import Result\n",
        "collection/results/up.py": "from quarterly.collection.cycles.models import Meeting\n",
        "collection/results/top.py": "from quarterly.collection.models import Result\n",
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.parent / "__init__.py").touch()
        path.write_text(text, encoding="utf-8")
    return root


def test_the_circle_guard_catches_two_modules_importing_each_other(fixture_tree: Path) -> None:
    # given
    (fixture_tree / "register" / "models.py").write_text("from quarterly.register import good\n")
    # when / then
    assert module_circles(fixture_tree) == [
        ("quarterly.register.good", "quarterly.register.models")
    ]


def test_the_guard_catches_upward_and_peer_imports_and_the_demo(fixture_tree: Path) -> None:
    # when
    found = layer_violations(fixture_tree)
    # then
    assert [(v.module, v.why) for v in found] == [
        ("quarterly.benchmarking.sideways", "peers benchmarking and actions"),
        ("quarterly.collection.results.top", "collection.results imports the top of collection"),
        ("quarterly.collection.results.up", "collection.results reaches up to collection.cycles"),
        ("quarterly.register.reaches_up", "register reaches up to collection"),
        ("quarterly.web.uses_demo", "production code imports the demo"),
    ]
