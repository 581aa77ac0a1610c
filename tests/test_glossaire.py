"""Le glossaire du module « Droit des étrangers » : le fichier est valide et assez riche, chaque séance
l'affiche, la recherche ignore accents et casse, un fichier cassé donne un message français avec le
fichier et la ligne, et le widget se construit et filtre."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from widgets.ui import glossaire

RACINE = Path(__file__).resolve().parent.parent
MODULE = RACINE / "modules" / "droit-etrangers"
GLOSSAIRE = MODULE / "glossaire.yaml"
SEANCES = sorted(MODULE.glob("[0-9][0-9]-*.ipynb"))

# Les notions que l'issue du module demande de trouver dans le glossaire (par leur nom ou une variante).
NOTIONS = [
    "séjour légal", "séjour illégal", "séjour irrégulier", "titre de séjour", "annexe 3", "annexe 15", "annexe 19",
    "annexe 19ter", "annexe 26", "annexe 35", "carte A", "carte B", "carte C", "carte D", "carte E", "carte E+",
    "carte F", "carte F+", "carte H", "carte K", "carte L", "carte M", "carte électronique", "carte orange",
    "attestation d'immatriculation", "protection temporaire", "protection internationale", "réfugié",
    "protection subsidiaire", "CGRA", "Office des étrangers", "CCE", "Fedasil", "registre des étrangers",
    "registre de la population", "registre d'attente", "domiciliation", "primo-arrivant", "parcours d'intégration",
    "CRI", "regroupant", "regroupé", "regroupement familial", "RMMMG", "RIS", "revenu d'intégration", "CPAS",
    "aide médicale urgente", "enquête sociale", "déclaration de nationalité", "parquet", "permis unique",
    "équivalence de diplôme", "validation des compétences", "citoyen UE+", "séjour illimité", "séjour limité",
    "ordre de quitter le territoire",
]


@pytest.fixture(scope="module")
def g():
    return glossaire.charger(GLOSSAIRE)


def _noms(t) -> list[str]:
    return [glossaire.normaliser(x) for x in (t.terme, *t.variantes)]


def test_le_glossaire_du_module_est_valide_et_riche(g):
    assert len(g.termes) >= 45
    for t in g.termes:
        phrases = [p for p in t.definition.replace("…", ".").split(". ") if p.strip()]
        assert 1 <= len(phrases) <= 5, t.terme  # une définition courte (1 à 4 phrases, parenthèses comprises)
        assert len(t.source) > 15, f"{t.terme} : source trop vague"


@pytest.mark.parametrize("notion", NOTIONS)
def test_chaque_notion_de_l_issue_a_son_entree(g, notion):
    cle = glossaire.normaliser(notion)
    assert any(cle in _noms(t) for t in g.termes), f"« {notion} » n'est ni un terme ni une variante du glossaire"


def test_les_renvois_nomment_des_termes_du_glossaire(g):
    termes = {glossaire.normaliser(t.terme) for t in g.termes}
    for t in g.termes:
        for v in t.voir:
            assert glossaire.normaliser(v) in termes, (t.terme, v)
            assert v in {x.terme for x in g.termes}, f"{t.terme} : le renvoi « {v} » doit être écrit exactement comme le terme"


@pytest.mark.parametrize("carnet", SEANCES, ids=lambda p: p.name)
def test_chaque_seance_affiche_le_glossaire(carnet):
    nb = json.loads(carnet.read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    assert any('glossaire.afficher("glossaire.yaml")' in c for c in code), f"{carnet.name} n'appelle pas glossaire.afficher"
    # juste après la préparation de la séance
    assert "seance.preparer(mode)" in code[1] and "glossaire.afficher" in code[2]


def test_au_moins_les_deux_premieres_seances():
    assert {p.name for p in SEANCES} >= {"01-parcours-integration.ipynb", "02-titres-de-sejour.ipynb"}


@pytest.mark.parametrize("recherche, attendu", [
    ("annexe", "Annexe"),
    ("ANNEXE 19TER", "Annexe 19ter"),
    ("carte f", "Carte F"),
    ("carte f+", "Carte F+"),
    ("regroupant", "Regroupant"),
    ("sejour illegal", "Séjour irrégulier"),
    ("refugie", "Réfugié"),
    ("carte orange", "Attestation d'immatriculation"),
    ("primoarrivant", "Primo-arrivant"),
    ("equivalence", "Équivalence de diplôme"),
    ("cgra", "CGRA"),
])
def test_recherche_sans_accents_ni_casse(g, recherche, attendu):
    trouves = [t.terme for t in glossaire.chercher(g, recherche)]
    assert attendu in trouves, trouves[:8]


def test_recherche_classe_les_noms_avant_les_definitions(g):
    trouves = [t.terme for t in glossaire.chercher(g, "regroupant")]
    assert trouves[0] == "Regroupant"
    annexes = [t.terme for t in glossaire.chercher(g, "annexe")]
    assert annexes[:8] == ["Annexe", "Annexe 3", "Annexe 13", "Annexe 15", "Annexe 19", "Annexe 19ter", "Annexe 26", "Annexe 35"]
    assert glossaire.chercher(g, "  ") == list(g.termes)
    assert glossaire.chercher(g, "zzzz introuvable") == []


# --- Fichiers cassés ------------------------------------------------------------------------------

TERME = """  - terme: "{nom}"
    definition: "Une définition."
    source: "Une source précise"
"""


def _ecrire(tmp_path, texte: str) -> Path:
    f = tmp_path / "glossaire.yaml"
    f.write_text(texte, encoding="utf-8")
    return f


@pytest.mark.parametrize("texte, motif", [
    ('titre: "G"\ntermes:\n' + TERME.format(nom="Carte A") + '  - terme: "Carte B"\n    source: "s"\n',
     r"glossaire.yaml, ligne 6, terme n° 2 \(« Carte B »\), champ « definition » : champ manquant\."),
    ('titre: "G"\ntermes:\n' + TERME.format(nom="Carte A") + TERME.format(nom="carte a"),
     r"glossaire.yaml, ligne 6, terme n° 2 : « carte a » est déjà défini \(terme n° 1\)\."),
    ('titre: "G"\ntermes:\n' + TERME.format(nom="Carte A") + '    voir: ["Carte Z"]\n',
     r"glossaire.yaml, ligne 6, terme n° 1 \(« Carte A »\) : le renvoi « Carte Z » ne correspond à aucun terme du glossaire\."),
    ('titre: "G"\ntermes:\n  - terme: [Carte A\n', r"glossaire.yaml, ligne \d+, colonne \d+ : YAML illisible"),
    ('titre: "G"\ntermes:\n' + TERME.format(nom="Carte A") + "    couleur: bleue\n",
     r"glossaire.yaml, ligne 6, terme n° 1 \(« Carte A »\), champ « couleur »"),
])
def test_fichier_casse_message_francais_avec_la_ligne(tmp_path, texte, motif):
    f = _ecrire(tmp_path, texte)
    with pytest.raises(glossaire.GlossaireInvalide, match=motif):
        glossaire.charger(f)
    # Dans une séance, le même message s'affiche à la place du glossaire, sans trace d'erreur.
    vue = glossaire.afficher(f)
    assert "kit-erreur-fichier" in vue._dom_classes and "glossaire.yaml" in vue.value and "Traceback" not in vue.value


def test_glossaire_introuvable(tmp_path):
    with pytest.raises(glossaire.GlossaireInvalide, match="introuvable"):
        glossaire.charger(tmp_path / "absent.yaml")


# --- Le widget ------------------------------------------------------------------------------------

def test_le_widget_se_construit_et_filtre(g):
    vue = glossaire.afficher(GLOSSAIRE)
    assert "kit-glossaire-module" in vue._dom_classes
    assert f"({len(g.termes)} termes)" in vue.get_title(0)
    recherche, liste = vue.children[0].children
    assert f"{len(g.termes)} termes sur {len(g.termes)}" in liste.value and "précisez la recherche" in liste.value
    recherche.value = "carte orange"
    assert "Attestation d&#x27;immatriculation" in liste.value and "Source :" in liste.value and "Voir aussi" in liste.value
    recherche.value = "regroupant"
    assert liste.value.index("<dt>Regroupant</dt>") < liste.value.index("<dt>Regroupement familial</dt>")
    recherche.value = "xylophone"
    assert "Aucun terme ne correspond à « xylophone »" in liste.value
