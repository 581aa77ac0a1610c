"""Les textes clés en deux versions (courant / langage simplifié) et leur interrupteur."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from widgets.ui import langage

RACINE = Path(__file__).resolve().parent.parent
FICHIERS = sorted(RACINE.glob("modules/*/textes/*.yaml"))

BON = """titre: "Textes clés — essai"
textes:
  - id: niveaux
    titre: "Les niveaux de pouvoir"
    courant: "La Belgique est un **État fédéral**."
    simplifie: "La Belgique a plusieurs niveaux de pouvoir."
  - id: commune
    titre: "La commune"
    courant: "Le conseil communal vote le budget."
    simplifie: "La commune décide pour la ville. <script>alert(1)</script>"
"""


@pytest.fixture(autouse=True)
def _etat_neuf():
    langage.ETAT.version = langage.COURANT
    yield
    langage.ETAT.version = langage.COURANT


def _ecrire(tmp_path, texte, nom="textes.yaml"):
    chemin = tmp_path / nom
    chemin.write_text(texte, encoding="utf-8")
    return chemin


@pytest.mark.parametrize("chemin", FICHIERS, ids=lambda p: p.relative_to(RACINE).as_posix())
def test_les_fichiers_du_kit_sont_valides_et_utilises(chemin):
    fichier = langage.charger(chemin)
    assert 4 <= len(fichier.textes) <= 8
    for t in fichier.textes:
        # une version simplifiée n'est pas une copie : elle est plus courte en mots par phrase
        assert t.simplifie != t.courant
    carnet = next(chemin.parent.parent.glob(chemin.stem + ".ipynb"), None)
    assert carnet is not None, f"aucune séance {chemin.stem}.ipynb pour ce fichier"
    nb = json.loads(carnet.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "langage.bascule()" in code, f"{carnet.name} : l'interrupteur du langage simplifié manque"
    appels = set(re.findall(r"langage\.encadre\(\s*[\"']textes/" + re.escape(chemin.name) + r"[\"']\s*,\s*[\"']([a-z0-9-]+)[\"']", code))
    manquants = {t.id for t in fichier.textes} - appels
    assert not manquants, f"textes clés encadrés nulle part dans {carnet.name} : {sorted(manquants)}"
    inconnus = appels - {t.id for t in fichier.textes}
    assert not inconnus, f"{carnet.name} encadre des textes clés qui n'existent pas : {sorted(inconnus)}"


def test_un_interrupteur_change_tous_les_encadres(tmp_path):
    chemin = _ecrire(tmp_path, BON)
    haut = langage.bascule()
    a, b = langage.encadre(chemin, "niveaux"), langage.encadre(chemin, "commune")
    assert "<strong>État fédéral</strong>" in a.children[0].value and 'data-version="courant"' in b.children[0].value
    haut.children[1].value = langage.SIMPLIFIE
    assert "plusieurs niveaux" in a.children[0].value and "langage simplifié" in a.children[0].value
    assert "La commune décide" in b.children[0].value
    assert b.children[1].value == langage.SIMPLIFIE  # l'interrupteur de chaque encadré suit aussi
    b.children[1].value = langage.COURANT  # et on peut rebasculer depuis n'importe quel encadré
    assert "État fédéral" in a.children[0].value


def test_le_html_des_fichiers_n_est_pas_interprete(tmp_path):
    langage.ETAT.version = langage.SIMPLIFIE
    boite = langage.encadre(_ecrire(tmp_path, BON), "commune")
    assert "<script>" not in boite.children[0].value and "&lt;script&gt;" in boite.children[0].value


@pytest.mark.parametrize("texte, attendu", [
    ("titre: x\ntextes:\n  - id: a\n    titre: A\n    courant: c\n", "le texte n° 1 (« a »), champ « simplifie » : champ manquant"),
    ("titre: x\ntextes:\n  - id: A B\n    titre: A\n    courant: c\n    simplifie: s\n", "identifiant invalide"),
    ("titre: x\ntextes:\n  - {id: a, titre: A, courant: c, simplifie: s}\n  - {id: a, titre: B, courant: c, simplifie: s}\n", "« a » est utilisé deux fois"),
    ("titre: x\ntextes: [\n", "ligne"),
])
def test_fichier_casse_message_francais(tmp_path, texte, attendu):
    chemin = _ecrire(tmp_path, texte)
    with pytest.raises(langage.TextesInvalides) as exc:
        langage.charger(chemin)
    assert str(chemin) in str(exc.value) and attendu in str(exc.value)
    boite = langage.encadre(chemin, "a")  # dans une séance : un message à la place de l'encadré
    assert "Texte clé indisponible" in boite.value and attendu.split(" (")[0][:10] in boite.value


def test_identifiant_inconnu_ou_fichier_absent(tmp_path):
    assert "aucun texte clé « absent » (textes connus : niveaux, commune)" in langage.encadre(_ecrire(tmp_path, BON), "absent").value
    assert "introuvable" in langage.encadre(tmp_path / "rien.yaml", "x").value


@pytest.mark.parametrize("carnet", sorted(RACINE.glob("modules/citoyennete/[0-9][0-9]-*.ipynb")), ids=lambda p: p.name)
def test_chaque_seance_de_citoyennete_a_sa_version_simplifiee(carnet):
    # l'issue du module : une variante « langage simplifié » des textes clés, dans chaque séance
    assert (carnet.parent / "textes" / f"{carnet.stem}.yaml").is_file()
