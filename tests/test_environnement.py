"""pyproject.toml est la source unique des dépendances ; environment.yml doit dire la même chose."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

RACINE = Path(__file__).resolve().parent.parent


def _norme(nom: str) -> str:
    return re.sub(r"[-_.]+", "-", nom).lower()


def _paquets(exigences: list[str]) -> dict[str, str]:
    paquets = {}
    for e in exigences:
        m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(==\s*[^\s;]+)?\s*", e)
        assert m, f"exigence illisible : {e!r}"
        paquets[_norme(m.group(1))] = (m.group(2) or "").replace(" ", "")
    return paquets


def test_environment_yml_suit_pyproject():
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    attendu = _paquets(projet["dependencies"] + projet["optional-dependencies"]["test"])
    env = yaml.safe_load((RACINE / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str) and re.split(r"[<>=\s]", d)[0] not in ("python", "pip")]
    pip = [d for d in env["dependencies"] if isinstance(d, dict)]
    # Ce que conda-forge n'a pas s'installe par pip, dans la même liste.
    trouve = _paquets(conda + [e for e in pip[0]["pip"] if e != "-e ."] if pip else conda)
    manquants = sorted(set(attendu) - set(trouve))
    en_trop = sorted(set(trouve) - set(attendu))
    versions = sorted(n for n in set(attendu) & set(trouve) if attendu[n] != trouve[n])
    assert not (manquants or en_trop or versions), (
        f"environment.yml et pyproject.toml divergent : manquants {manquants}, en trop {en_trop}, versions différentes {versions}")
    assert "conda-forge" in env["channels"]
    assert pip and "-e ." in pip[0]["pip"], "environment.yml doit installer le paquet du kit (pip: -e .)"


def test_les_versions_sont_epinglees():
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for nom, version in _paquets(projet["dependencies"] + projet["optional-dependencies"]["test"]).items():
        assert version.startswith("=="), f"{nom} n'est pas épinglé (voir shared/STACK-NOTES.md)"
