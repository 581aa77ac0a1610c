"""Le budget, ses ratios et le plan de cofinancement ; les montants (Decimal, format belge) ; les
exports CSV et Excel ; le budget d'exemple (données fictives) et les erreurs d'un CSV cassé."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets import data
from widgets.rules import budget, montants
from widgets.rules.cli import en_json
from widgets.rules.validation import ErreurSituation


def ligne(type_, montant, nature=None, categorie="Divers", libelle="ligne", **autres):
    l = {"type": type_, "categorie": categorie, "libelle": libelle, "montant": montant, **autres}
    if nature:
        l["nature"] = nature
    return l


def _espaces(texte: str) -> str:
    return texte.replace("\u202f", " ").replace("\xa0", " ")


# --- Montants -------------------------------------------------------------------------------

@pytest.mark.parametrize("texte,attendu", [
    ("1250", "1250.00"), ("1 250,50", "1250.50"), ("1.250,50", "1250.50"), ("1,250.50", "1250.50"), ("1.234.567", "1234567.00"),
    ("12,5", "12.50"), ("0.10", "0.10"), ("1 234,56 €", "1234.56"), ("-3", "-3.00"), (7, "7.00"), (Decimal("0.1"), "0.10"), (0.1, "0.10"),
])
def test_lire_montant(texte, attendu):
    assert montants.lire_montant(texte) == Decimal(attendu)


@pytest.mark.parametrize("texte,extrait", [
    ("1.234", "deux décimales"), ("12,345", "deux décimales"), ("abc", "n'est pas un montant"), ("1.234.5", "n'est pas un montant"),
    ("1,2,3", "une seule virgule"), (True, "montant en euros"), (None, "montant en euros"), ("NaN", "n'est pas un montant"),
])
def test_montant_refuse(texte, extrait):
    with pytest.raises(ValueError, match=extrait):
        montants.lire_montant(texte)


def test_euros_et_pourcentages_a_la_belge():
    assert _espaces(montants.euros(Decimal("12345.5"))) == "12 345,50 €"
    assert _espaces(montants.pourcent(Decimal("0.3491"))) == "34,9 %"
    assert montants.pourcent(None) == "—"


# --- Budget -----------------------------------------------------------------------------------

def test_budget_d_exemple_donnees_fictives():
    """Le budget de Passerelles (séance 2 du module, partie 5 et ratios de la partie 7)."""
    lignes = data.budget_exemple()
    assert lignes and all(l["source"] == "données fictives" for l in lignes)
    d = budget.evaluer(lignes)
    assert d.statut == "equilibre" and d.details["solde"] == 0
    assert d.details["total_charges"] == Decimal("50400.00") == d.details["total_produits"]
    ratios = {r["code"]: r for r in d.details["ratios"]}
    assert _espaces(ratios["part_subsides"]["texte"]) == "71,4 %" and not ratios["part_subsides"]["repere"]["signale"]
    assert _espaces(ratios["part_fonds_propres"]["texte"]) == "15,9 %"
    assert _espaces(ratios["part_en_nature"]["texte"]) == "4,8 %"
    premier = ratios["part_premier_financeur"]
    assert premier["financeur"] == "Wallonie" and _espaces(premier["texte"]) == "59,5 %" and premier["repere"]["signale"]
    assert any(m.code == "en_nature" for m in d.motifs)  # salle prêtée : des deux côtés


def test_exercices_de_la_seance_2():
    """Exercices 1 et 2 de la séance « Budget et plan financier » : perdre son premier financeur ;
    un apport en nature d'un seul côté."""
    lignes = data.budget_exemple()
    sans_wallonie = [{**l, "montant": "0"} if l.get("financeur") == "Wallonie" else l for l in lignes]
    d = budget.evaluer(sans_wallonie)
    assert d.statut == "deficit" and d.details["solde"] == Decimal("-30000.00")
    boiteux = lignes + [{"type": "produit", "categorie": "Apport en nature", "libelle": "Salle", "montant": "2400", "nature": "en_nature"}]
    d = budget.evaluer(boiteux)
    assert d.details["solde"] == Decimal("2400.00")
    assert any(m.code == "en_nature_desequilibre" for m in d.motifs)


def test_reperes_ne_sont_pas_des_regles_legales():
    d = budget.evaluer(data.budget_exemple())
    for r in d.details["ratios"]:
        assert "repère, pas une règle légale" in r["repere"]["texte"]


@pytest.mark.parametrize("lignes,statut,solde", [
    ([], "equilibre", "0.00"),
    ([ligne("charge", 100), ligne("produit", 100, "subside")], "equilibre", "0.00"),
    ([ligne("charge", "100,50"), ligne("produit", 100, "subside")], "deficit", "-0.50"),
    ([ligne("charge", 100), ligne("produit", 150, "recette")], "excedent", "50.00"),
])
def test_solde_et_statut(lignes, statut, solde):
    d = budget.evaluer(lignes)
    assert d.statut == statut and d.details["solde"] == Decimal(solde)


def test_budget_vide_equilibre_et_ratios_sans_objet():
    d = budget.evaluer({"lignes": []})
    assert d.statut == "equilibre"
    assert all(r["valeur"] is None and r["texte"] == "—" for r in d.details["ratios"])
    assert d.avertissements


def test_apport_en_nature_des_deux_cotes():
    seul = budget.evaluer([ligne("charge", 100), ligne("produit", 100, "subside"), ligne("produit", 40, "en_nature", libelle="Salle")])
    assert any(m.code == "en_nature_desequilibre" and "40,00" in m.texte and "en charges" in m.texte for m in seul.motifs)
    complet = budget.evaluer([ligne("charge", 100), ligne("charge", 40, "en_nature"), ligne("produit", 100, "subside"),
                              ligne("produit", 40, "en_nature", libelle="Salle")])
    assert complet.statut == "equilibre" and not any(m.code == "en_nature_desequilibre" for m in complet.motifs)


def test_premier_financeur_regroupe_par_financeur():
    d = budget.evaluer([ligne("produit", 30, "subside", libelle="PCS", financeur="Commune"),
                        ligne("produit", 30, "en_nature", libelle="Salle", financeur="Commune"),
                        ligne("produit", 40, "subside", libelle="Région"), ligne("charge", 30, "en_nature")])
    r = {r["code"]: r for r in d.details["ratios"]}["part_premier_financeur"]
    assert r["financeur"] == "Commune" and r["valeur"] == Decimal("0.6") and r["repere"]["signale"]


@pytest.mark.parametrize("lignes,champ,extrait", [
    ([ligne("produit", 10)], "lignes.0.nature", "un produit a une nature"),
    ([ligne("charge", 10, "subside")], "lignes.0.nature", "une charge n'a pas de nature"),
    ([ligne("charge", -10)], "lignes.0.montant", "négatif"),
    ([ligne("recette", 10)], "lignes.0.type", "charge, produit"),
    ([ligne("produit", 10, "cadeau")], "lignes.0.nature", "fonds_propres"),
    ([ligne("charge", "1.234")], "lignes.0.montant", "deux décimales"),
    ([{**ligne("charge", 10), "libelle": ""}], "lignes.0.libelle", "vide"),
    ([{**ligne("charge", 10), "couleur": "rouge"}], "lignes.0.couleur", "champ inconnu"),
])
def test_erreurs_budget(lignes, champ, extrait):
    with pytest.raises(ErreurSituation) as exc:
        budget.evaluer(lignes)
    assert champ in exc.value.par_champ(), exc.value.par_champ()
    assert extrait in exc.value.par_champ()[champ]


lignes_budget = st.lists(st.one_of(
    st.builds(lambda m: ligne("charge", m), st.decimals(min_value=0, max_value=10**7, places=2)),
    st.builds(lambda m, n: ligne("produit", m, n), st.decimals(min_value=0, max_value=10**7, places=2), st.sampled_from(budget.NATURES)),
), max_size=30)
REGLAGES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@REGLAGES
@given(lignes_budget)
def test_solde_exact_en_decimal(lignes):
    d = budget.evaluer(lignes)
    attendu = sum((Decimal(l["montant"]) for l in lignes if l["type"] == "produit"), Decimal(0)) - sum(
        (Decimal(l["montant"]) for l in lignes if l["type"] == "charge"), Decimal(0))
    assert d.details["solde"] == attendu and isinstance(d.details["solde"], Decimal)
    assert sum(d.details["par_nature"].values(), Decimal(0)) == d.details["total_produits"]
    json.loads(en_json(d))


@REGLAGES
@given(lignes_budget)
def test_export_csv_relu_a_l_identique(lignes):
    texte = budget.exporter_csv(lignes)
    relu = budget.valider(list(__import__("csv").DictReader(io.StringIO(texte))))
    assert [l.montant for l in relu.lignes] == [montants.lire_montant(l["montant"]) for l in lignes]


def test_somme_de_centimes_sans_erreur_de_float():
    d = budget.evaluer([ligne("produit", "0.10", "don")] * 3 + [ligne("charge", "0.30")])
    assert d.statut == "equilibre" and d.details["solde"] == Decimal("0.00")


# --- Exports ---

def test_export_csv_relu_par_le_chargeur(tmp_path):
    lignes = data.budget_exemple()
    chemin = tmp_path / "export.csv"
    chemin.write_text(budget.exporter_csv(lignes), encoding="utf-8")
    relu = data.budget_exemple(chemin)
    assert relu == lignes


def test_export_excel():
    from openpyxl import load_workbook

    contenu = budget.exporter_excel(data.budget_exemple())
    assert contenu[:2] == b"PK"
    classeur = load_workbook(io.BytesIO(contenu))
    assert classeur.sheetnames == ["Budget", "Synthèse"]
    feuille = classeur["Budget"]
    valeurs = [c for ligne_ in feuille.iter_rows(values_only=True) for c in ligne_ if c is not None]
    assert "Données fictives (exemple du kit de formation)" in valeurs
    assert "Solde (produits − charges)" in valeurs
    assert any(isinstance(v, (int, float)) and round(v, 2) == 50400 for v in valeurs)
    assert "Part des subsides dans les produits" in [r[0] for r in classeur["Synthèse"].iter_rows(values_only=True)]


# --- Cofinancement ---

PLAN = {"projet": "Cours de FLE et citoyenneté (fictif)", "cout_total": 80000, "financeurs": [
    {"nom": "Région wallonne (appel ILI)", "taux": 60, "plafond": 45000},
    {"nom": "Commune (PCS)", "montant": 15000},
    {"nom": "Fondation privée", "montant": "10 000"},
    {"nom": "Fonds propres de l'ASBL", "montant": 5000},
]}


def test_cofinancement_manque():
    d = budget.evaluer_cofinancement(PLAN)
    assert d.statut == "manque"
    assert d.details["manque"] == Decimal("5000.00") and d.details["total"] == Decimal("75000.00")
    region = d.details["financeurs"][0]
    assert region["demande"] == Decimal("48000.00") and region["retenu"] == Decimal("45000.00") and region["plafonne"]
    assert "Il manque" in d.libelle and "5\u202f000,00" in d.libelle
    assert any("ramenés à" in m.texte for m in d.motifs)


def test_cofinancement_equilibre_et_excedent():
    equilibre = {**PLAN, "financeurs": PLAN["financeurs"] + [{"nom": "Autre", "montant": 5000}]}
    assert budget.evaluer_cofinancement(equilibre).statut == "equilibre"
    trop = {**PLAN, "financeurs": PLAN["financeurs"] + [{"nom": "Autre", "montant": 7000}]}
    d = budget.evaluer_cofinancement(trop)
    assert d.statut == "excedent" and d.details["excedent"] == Decimal("2000.00")
    assert "dépasse" in d.libelle


def test_cofinancement_plafond_en_pourcentage():
    d = budget.evaluer_cofinancement({"cout_total": 1000, "financeurs": [{"nom": "A", "montant": 900, "taux_max": 75}, {"nom": "B", "montant": 250}]})
    assert d.details["financeurs"][0]["retenu"] == Decimal("750.00")
    assert d.statut == "equilibre"


@pytest.mark.parametrize("plan,champ,extrait", [
    ({"cout_total": 0, "financeurs": []}, "cout_total", "supérieur à zéro"),
    ({"cout_total": 10, "financeurs": [{"nom": "A"}]}, "financeurs.0.montant", "un montant ou un taux"),
    ({"cout_total": 10, "financeurs": [{"nom": "A", "montant": 1, "taux": 5}]}, "financeurs.0.taux", "pas les deux"),
    ({"cout_total": 10, "financeurs": [{"nom": "A", "taux": 101}]}, "financeurs.0.taux", "entre 0 et 100"),
    ({"cout_total": 10, "financeurs": [{"nom": "A", "montant": -1}]}, "financeurs.0.montant", "négatif"),
    ({"cout_total": 10, "financeurs": [{"nom": "", "montant": 1}]}, "financeurs.0.nom", "vide"),
])
def test_erreurs_cofinancement(plan, champ, extrait):
    with pytest.raises(ErreurSituation) as exc:
        budget.evaluer_cofinancement(plan)
    assert champ in exc.value.par_champ(), exc.value.par_champ()
    assert extrait in exc.value.par_champ()[champ]


@REGLAGES
@given(st.decimals(min_value="0.01", max_value=10**6, places=2),
       st.lists(st.decimals(min_value=0, max_value=10**6, places=2), max_size=6))
def test_cofinancement_ecart_exact(cout, apports):
    d = budget.evaluer_cofinancement({"cout_total": cout, "financeurs": [{"nom": f"F{i}", "montant": a} for i, a in enumerate(apports)]})
    total = sum(apports, Decimal(0))
    assert d.details["total"] == total
    assert d.details["manque"] - d.details["excedent"] == cout - total
    assert (d.statut == "equilibre") == (total == cout)


# --- Le CSV d'exemple cassé : l'erreur nomme fichier, ligne, colonne ---

@pytest.fixture
def copie(tmp_path):
    chemin = tmp_path / "budget-exemple.csv"
    shutil.copy(data.DOSSIER_DONNEES / "budget-exemple.csv", chemin)
    return chemin


@pytest.mark.parametrize("ancien,nouveau,ligne_,colonne,extrait", [
    ("charge,Fonctionnement,Assurances,1200.00", "charge,Fonctionnement,Assurances,1200,5", 4, None, "8 valeurs pour 7 colonnes"),
    ("charge,Fonctionnement,Assurances,1200.00", "charge,Fonctionnement,Assurances,-1200.00", 4, "montant", "positif"),
    ("charge,Fonctionnement,Assurances,1200.00", "charge,Fonctionnement,Assurances,12OO.00", 4, "montant", "montant attendu"),
    ("charge,Fonctionnement,Assurances,1200.00,", "dépense,Fonctionnement,Assurances,1200.00,", 4, "type", "charge, produit"),
    ("Commune, subside annuel\",6000.00,subside", "Commune, subside annuel\",6000.00,", 10, "nature", "un produit a une nature"),
    ("type,categorie,libelle,montant,nature,financeur,source", "type,categorie,libelle,somme,nature,financeur,source", 1, "montant", "colonne obligatoire absente"),
])
def test_csv_casse(copie, ancien, nouveau, ligne_, colonne, extrait):
    texte = copie.read_text(encoding="utf-8")
    assert ancien in texte
    copie.write_text(texte.replace(ancien, nouveau, 1), encoding="utf-8")
    with pytest.raises(data.DonneesInvalides) as exc:
        data.charger_budget(copie)
    assert exc.value.fichier.endswith("budget-exemple.csv")
    assert exc.value.ligne == ligne_ and exc.value.colonne == colonne
    assert extrait in str(exc.value)


# --- Ligne de commande ---

def _cli(tmp_path, contenu: str):
    f = tmp_path / "budget.json"
    f.write_text(contenu, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "widgets.rules.budget", str(f)], capture_output=True, text=True)


def test_cli_budget_et_plan(tmp_path):
    r = _cli(tmp_path, json.dumps({"lignes": [ligne("charge", 100.10), ligne("produit", 100.1, "subside")]}))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["statut"] == "equilibre"
    r = _cli(tmp_path, json.dumps(PLAN))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["details"]["manque"] == "5000.00"


def test_cli_erreur_sans_trace(tmp_path):
    r = _cli(tmp_path, json.dumps({"lignes": [ligne("charge", -1)]}))
    assert r.returncode == 2 and "lignes.0.montant" in r.stderr and "Traceback" not in r.stderr


def test_les_regles_restent_pures():
    """Les règles du module ASBL n'importent aucune interface ni aucun graphique."""
    code = ("import sys, widgets.rules.asbl, widgets.rules.tresorerie, widgets.rules.budget; "
            "interdits = [m for m in ('ipywidgets', 'IPython', 'folium', 'matplotlib') if m in sys.modules]; "
            "print(interdits); sys.exit(1 if interdits else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
