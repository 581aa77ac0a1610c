"""Chaque séance du droit des étrangers s'exécute aussi en mode « projection » (le paramètre
``mode`` du carnet, que papermill remplace comme le ferait un formateur) : grandes polices, aucune
erreur, le même contenu."""

from __future__ import annotations

import json
import os
from pathlib import Path

import papermill as pm
import pytest

from widgets import seance
from widgets.ui import theme

RACINE = Path(__file__).resolve().parent.parent
SEANCES = sorted(RACINE.glob("modules/droit-etrangers/[0-9][0-9]-*.ipynb"))


def test_le_theme_projection_agrandit_et_contraste():
    css = theme.css("projection")
    assert "font-size: 24px" in css and "body .kit-ref" in css
    # En mode apprenant, les mêmes règles sont là mais rattachées à la classe que pose l'interrupteur.
    apprenant = theme.css("apprenant")
    assert "body.kit-mode-projection .kit-ref" in apprenant and "body .kit-ref" not in apprenant
    assert "body .kit-ref" in seance.preparer("projection").children[0].value
    assert "body .kit-ref" not in seance.preparer("apprenant").children[0].value
    with pytest.raises(ValueError, match="Mode inconnu"):
        theme.css("cinema")


@pytest.mark.parametrize("carnet", SEANCES, ids=lambda p: p.name)
def test_seance_en_mode_projection(carnet, tmp_path):
    sortie = tmp_path / carnet.name
    env = {"JUPYTER_PATH": str(RACINE / ".venv" / "share" / "jupyter")}
    ancien = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        pm.execute_notebook(str(carnet), str(sortie), parameters={"mode": "projection"}, cwd=str(carnet.parent),
                            kernel_name="python3", progress_bar=False, execution_timeout=180)
    finally:
        for k, v in ancien.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    nb = json.loads(sortie.read_text(encoding="utf-8"))
    sorties = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
    assert not [o for o in sorties if o.get("output_type") == "error"]
    injecte = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert injecte and 'mode = "projection"' in "".join(injecte[0]["source"])
    assert "Traceback" not in json.dumps(sorties, ensure_ascii=False)
