"""A server installs the production lock only, every file checked against its hash; development adds the test tools
on top at the very versions production runs (requirements/, `make lock`)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = ROOT / "requirements"
TEST_TOOLS = {"pytest", "pytest-django", "pytest-env", "pytest-xdist", "playwright", "localstripe", "ruff", "moto"}
TEST_TOOLS |= {"zxing-cpp", "pip-tools"}


def normalized(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def locked(path):
    """{package: (version, number of hashes)} of a pip-compile lock."""
    packages = {}
    for block in re.split(r"\n(?=\S)", path.read_text()):
        match = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", block)
        if match:
            packages[normalized(match.group(1))] = (match.group(2), block.count("--hash=sha256:"))
    return packages


def declared(path):
    """The package names an .in file asks for."""
    names = set()
    for line in path.read_text().splitlines():
        match = re.match(r"([A-Za-z0-9_.-]+)(\[[^]]*])?==", line.strip())
        if match:
            names.add(normalized(match.group(1)))
    return names


def test_production_lock_holds_no_test_tools():
    production = locked(REQUIREMENTS / "prod.txt")

    assert "django" in production and "gunicorn" in production
    assert TEST_TOOLS.isdisjoint(production)


def test_every_locked_package_is_pinned_with_its_hashes():
    for lock in ("prod.txt", "dev.txt"):
        packages = locked(REQUIREMENTS / lock)

        assert len(packages) > 50, lock
        assert [name for name, (_, hashes) in packages.items() if hashes == 0] == [], lock


def test_development_runs_the_production_versions_plus_the_test_tools():
    production = locked(REQUIREMENTS / "prod.txt")
    development = locked(REQUIREMENTS / "dev.txt")

    assert {name: development.get(name, ("missing",))[0] for name in production} == {
        name: version for name, (version, _) in production.items()
    }
    assert set(development) >= TEST_TOOLS


def test_every_declared_dependency_is_in_its_lock():
    assert declared(REQUIREMENTS / "base.in") <= set(locked(REQUIREMENTS / "prod.txt"))
    assert declared(REQUIREMENTS / "dev.in") <= set(locked(REQUIREMENTS / "dev.txt"))


def test_make_install_and_the_image_install_the_locks():
    top_level = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if not line.startswith("#")]
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text()

    assert top_level == ["-r requirements/dev.txt"]
    assert "pip install --require-hashes -r requirements/prod.txt" in dockerfile
    assert "requirements.txt" not in dockerfile.replace("requirements/prod.txt", "")
