"""Le budget d'un ménage (module Citoyenneté, séance 4) : les règles au centime près, les refus en
français par champ, le fichier des ménages d'exemple, le simulateur piloté sans navigateur, et une
propriété : le solde vaut toujours revenus − dépenses."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets.rules import menage
from widgets.rules.validation import ErreurSituation
from widgets.simulateurs import budget_menage

RACINE = Path(__file__).resolve().parent.parent
EXEMPLES = RACINE / "modules" / "citoyennete" / "donnees" / "menages-exemples.yaml"
PNG = b"\x89PNG\r\n\x1a\n"


def texte_seul(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))).replace("\u202f", " ").replace("\xa0", " ")


def amina() -> dict:
    """Le ménage d'Amina (données fictives du fichier d'exemples), recopié ici pour que le calcul
    attendu se vérifie à la main."""
    return {
        "adultes": 1, "enfants": 1,
        "revenus": [{"libelle": "Salaire net", "montant": "1104.80"},
                    {"libelle": "Allocations familiales", "montant": "190"},
                    {"libelle": "Contribution alimentaire", "montant": "150,00"}],
        "depenses": [{"libelle": "Loyer", "categorie": "logement", "montant": "640"},
                     {"libelle": "Charges", "categorie": "logement", "montant": "45"},
                     {"libelle": "Électricité", "categorie": "energie", "montant": "95"},
                     {"libelle": "Eau", "categorie": "energie", "montant": "30"},
                     {"libelle": "Courses", "categorie": "alimentation", "montant": "330"},
                     {"libelle": "Bus", "categorie": "transport", "montant": "25"},
                     {"libelle": "GSM", "categorie": "communication", "montant": "20"},
                     {"libelle": "Mutualité", "categorie": "sante", "montant": "28"},
                     {"libelle": "Garderie", "categorie": "ecole_enfants", "montant": "60"},
                     {"libelle": "Assurances", "categorie": "assurances", "montant": "18.50"},
                     {"libelle": "Achat à tempérament", "categorie": "remboursements", "montant": "85"},
                     {"libelle": "Imprévus", "categorie": "autres", "montant": "90"}],
    }


# --- Les calculs --------------------------------------------------------------------------------

def test_calcul_exact_au_centime():
    d = menage.evaluer(amina())
    t = d.details
    assert t["total_revenus"] == Decimal("1444.80")          # 1104,80 + 190 + 150
    assert t["total_depenses"] == Decimal("1466.50")
    assert t["solde"] == Decimal("-21.70")
    assert t["logement"] == Decimal("810.00")                # loyer 640 + charges 45 + énergie 125
    assert t["part_logement"] == Decimal("0.5606")           # 810 / 1444,80 = 0,56063...
    assert t["reste_par_personne"] == Decimal("-10.85")      # −21,70 / 2
    assert t["par_categorie"]["energie"] == Decimal("125.00")
    assert d.statut == "deficit" and "21,70" in d.libelle
    codes = [c["code"] for c in t["constats"]]
    assert codes[:2] == ["solde", "part_logement"] and "orientation" in codes
    logement = next(c for c in t["constats"] if c["code"] == "part_logement")
    assert "56 % des revenus" in logement["texte"].replace("\xa0", " ") and logement["signale"]
    assert "pas une règle légale" in logement["repere"]


def test_arrondi_du_reste_par_personne_et_excedent():
    m = {"adultes": 2, "enfants": 1, "revenus": [{"libelle": "Salaire", "montant": "1000.01"}],
         "depenses": [{"libelle": "Loyer", "categorie": "logement", "montant": "300"}]}
    t = menage.evaluer(m).details
    assert t["solde"] == Decimal("700.01") and t["reste_par_personne"] == Decimal("233.34")  # 233,336... arrondi au centime
    assert t["part_logement"] == Decimal("0.3000")
    logement = next(c for c in t["constats"] if c["code"] == "part_logement")
    assert not logement["signale"]  # 30 % : sous le repère d'un tiers


def test_exactement_un_tiers_n_est_pas_signale():
    m = {"adultes": 1, "revenus": [{"libelle": "Salaire", "montant": "900"}],
         "depenses": [{"libelle": "Loyer", "categorie": "logement", "montant": "300"}]}
    logement = next(c for c in menage.evaluer(m).details["constats"] if c["code"] == "part_logement")
    assert not logement["signale"]


def test_sans_revenus_pas_de_division_par_zero():
    d = menage.evaluer({"adultes": 1, "depenses": [{"libelle": "Loyer", "categorie": "logement", "montant": "500"}]})
    assert d.statut == "deficit" and d.details["part_logement"] is None
    assert "sans_revenus" in [c["code"] for c in d.details["constats"]]


def test_aucun_seuil_legal_dans_les_constats():
    """Le seul repère est présenté comme pédagogique ; aucun texte ne parle de règle ou de droit."""
    for e in menage.charger_exemples(EXEMPLES).exemples:
        for c in menage.evaluer(e.menage).details["constats"]:
            assert "légal" not in c["texte"] and "droit à" not in c["texte"]
            if c["repere"]:
                assert "repère pédagogique du kit" in c["repere"].lower() and "pas une règle légale" in c["repere"]


# --- Les refus, en français, par champ ------------------------------------------------------------

@pytest.mark.parametrize("montant,attendu", [
    ("-12", "ne peut pas être négatif"),
    ("douze euros", "n'est pas un montant en euros"),
    ("", "montant manquant"),
    ("   ", "montant manquant"),
    (None, "montant manquant"),
    ("12,345", "au plus deux décimales"),
    ("2500000", "invraisemblable"),
    ("1e15", "n'est pas un montant"),
])
def test_montant_refuse_avec_message_par_champ(montant, attendu):
    m = amina()
    m["depenses"][2]["montant"] = montant
    with pytest.raises(ErreurSituation) as exc:
        menage.evaluer(m)
    assert list(exc.value.par_champ()) == ["depenses.2.montant"]
    assert attendu in exc.value.par_champ()["depenses.2.montant"]


def test_autres_champs_refuses():
    m = amina()
    m["adultes"] = 0
    m["enfants"] = "deux"
    m["revenus"][0]["libelle"] = ""
    m["depenses"][0]["categorie"] = "loisirs"
    with pytest.raises(ErreurSituation) as exc:
        menage.valider(m)
    champs = exc.value.par_champ()
    assert "au moins 1" in champs["adultes"]
    assert "nombre entier de personnes" in champs["enfants"]
    assert "ne peut pas être vide" in champs["revenus.0.libelle"]
    assert "valeurs possibles" in champs["depenses.0.categorie"] and "logement" in champs["depenses.0.categorie"]


# --- Le fichier des ménages d'exemple ---------------------------------------------------------------

def test_fichier_d_exemples_valide_et_fictif():
    f = menage.charger_exemples(EXEMPLES)
    assert len(f.exemples) == 3 and len({e.id for e in f.exemples}) == 3
    assert "fictives" in f.avertissement.lower()
    assert all("fictif" in (e.menage.nom or "") for e in f.exemples)
    statuts = {menage.evaluer(e.menage).statut for e in f.exemples}
    assert statuts == {"excedent", "deficit"}
    # Le ménage d'Amina du fichier est celui des calculs ci-dessus.
    assert menage.evaluer(f.exemple("amina-haddad").menage).details["solde"] == Decimal("-21.70")


@pytest.mark.parametrize("contenu,attendu", [
    ("titre: t\navertissement: a\nmenages:\n  - id: x\n    adultes: 1\n    depenses:\n      - {libelle: Loyer, categorie: logement, montant: '-5'}\n",
     r"ménage n° 1 \(id « x »\), champ « depenses\.0\.montant » : un montant ne peut pas être négatif"),
    ("titre: t\navertissement: a\nmenages:\n  - id: x\n    adultes: 1\n  - id: y\n    adultes: deux\n",
     r"ménage n° 2 \(id « y »\), champ « adultes » : un nombre entier"),
    ("titre: t\navertissement: a\nmenages:\n  - id: x\n    adultes: 1\n  - id: x\n    adultes: 1\n",
     r"ménage n° 2 \(id « x »\), champ « id » : identifiant déjà utilisé"),
    ("titre: t\nmenages: []\n", r"champ « avertissement » : texte obligatoire"),
    ("titre: [t\n", r"ligne \d+, colonne \d+ : YAML illisible"),
])
def test_fichier_casse_message_qui_nomme_le_fichier(tmp_path, contenu, attendu):
    f = tmp_path / "menages-casse.yaml"
    f.write_text(contenu, encoding="utf-8")
    with pytest.raises(menage.ExemplesInvalides, match=r"menages-casse\.yaml.*" + attendu):
        menage.charger_exemples(f)


def test_fichier_introuvable():
    with pytest.raises(menage.ExemplesInvalides, match="introuvable.*absent.yaml"):
        menage.charger_exemples(Path("/nulle/part/absent.yaml"))


# --- Le simulateur, sans navigateur -------------------------------------------------------------------

def test_le_widget_se_construit_et_le_bouton_calcule():
    sim = budget_menage.SimulateurMenage(menage.charger_exemples(EXEMPLES))
    sim.choix.value = "amina-haddad"
    assert "données fictives" in sim.mention.value
    assert sim.derniere_decision is None
    sim.bouton_calculer.click()
    assert sim.derniere_decision is not None and sim.derniere_decision.details["solde"] == Decimal("-21.70")
    texte = texte_seul(sim.resultat.value)
    assert "-21,70 €" in texte and "810,00 €" in texte and "-10,85 €" in texte and "données fictives" in texte
    assert 'data-categorie="logement"' in sim.resultat.value  # le tableau qui double le graphique
    assert sim.graphique.png.startswith(PNG)
    # Une ligne modifiée : le calcul suit.
    sim.champs["depenses-0-montant"].valeur = "600"
    sim.bouton_calculer.click()
    assert sim.derniere_decision.details["solde"] == Decimal("18.30")


def test_le_widget_signale_l_erreur_sous_le_champ():
    sim = budget_menage.SimulateurMenage(menage.charger_exemples(EXEMPLES))
    sim.choix.value = "tomas-ribeiro"
    sim.champs["depenses-3-montant"].valeur = "-48"
    sim.champs["revenus-0-montant"].valeur = "mille"
    sim.bouton_calculer.click()
    assert sim.derniere_decision is None
    assert "négatif" in sim.champs["depenses-3-montant"].erreur.value
    assert "n&#x27;est pas un montant" in sim.champs["revenus-0-montant"].erreur.value
    assert sim.champs["depenses-2-montant"].erreur.value == ""
    assert "Corrigez les champs signalés" in sim.message.value and sim.resultat.value == ""


def test_mon_menage_ignore_les_lignes_vides_et_retrouve_le_bon_champ():
    sim = budget_menage.SimulateurMenage(menage.charger_exemples(EXEMPLES))
    sim.choix.value = budget_menage.MON_MENAGE
    assert sim.mention.value == ""
    sim._ajouter("depenses")  # la ligne 0 reste vide, la ligne 1 est remplie
    sim.champs["revenus-0-libelle"].valeur = "Salaire"
    sim.champs["revenus-0-montant"].valeur = ""
    sim.champs["depenses-1-libelle"].valeur = "Loyer"
    sim.champs["depenses-1-montant"].valeur = "abc"
    sim.bouton_calculer.click()
    assert "montant manquant" in sim.champs["revenus-0-montant"].erreur.value
    assert "abc" in sim.champs["depenses-1-montant"].erreur.value  # pas sous la ligne 0, vide et ignorée
    assert sim.champs["depenses-0-montant"].erreur.value == ""
    sim.champs["revenus-0-montant"].valeur = "1 500,50"
    sim.champs["depenses-1-montant"].valeur = "600"
    sim.bouton_calculer.click()
    assert sim.derniere_decision.details["solde"] == Decimal("900.50")
    assert "données fictives" not in sim.resultat.value


def test_afficher_avec_un_fichier_casse_nomme_le_fichier(tmp_path):
    f = tmp_path / "menages-casse.yaml"
    f.write_text("titre: t\navertissement: a\nmenages:\n  - id: x\n    adultes: -1\n", encoding="utf-8")
    vue = budget_menage.afficher(f)
    alerte = vue.children[1].value
    assert "kit-erreur-fichier" in alerte and "menages-casse.yaml" in alerte and "adultes" in alerte
    assert "kit-simulateur-menage" in vue._dom_classes  # « Mon ménage » reste utilisable


def test_afficher_par_defaut_trouve_les_exemples():
    vue = budget_menage.afficher()
    assert "kit-simulateur-menage" in vue._dom_classes and vue.children[1].value == ""


# --- Propriété ------------------------------------------------------------------------------------

montants = st.decimals(min_value=0, max_value=Decimal("999999.99"), places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(montants, max_size=8), st.lists(st.tuples(st.sampled_from(menage.CATEGORIES), montants), max_size=12),
       st.integers(min_value=1, max_value=6), st.integers(min_value=0, max_value=8))
def test_le_solde_vaut_revenus_moins_depenses(revenus, depenses, adultes, enfants):
    m = {"adultes": adultes, "enfants": enfants,
         "revenus": [{"libelle": f"R{i}", "montant": str(v)} for i, v in enumerate(revenus)],
         "depenses": [{"libelle": f"D{i}", "categorie": c, "montant": str(v)} for i, (c, v) in enumerate(depenses)]}
    t = menage.evaluer(m).details
    assert t["total_revenus"] == sum(revenus, Decimal(0))
    assert t["total_depenses"] == sum((v for _, v in depenses), Decimal(0))
    assert t["solde"] == t["total_revenus"] - t["total_depenses"]
    assert sum(t["par_categorie"].values(), Decimal(0)) == t["total_depenses"]
    assert abs(t["reste_par_personne"] * (adultes + enfants) - t["solde"]) <= Decimal("0.005") * (adultes + enfants)


# --- Pureté et ligne de commande ---------------------------------------------------------------------

def test_les_regles_du_menage_restent_pures():
    code = ("import sys, widgets.rules.menage; "
            "interdits = [m for m in ('ipywidgets', 'IPython', 'folium', 'pandas', 'matplotlib') if m in sys.modules]; "
            "print(interdits); sys.exit(1 if interdits else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=RACINE)
    assert r.returncode == 0, r.stdout + r.stderr


def test_ligne_de_commande(tmp_path):
    f = tmp_path / "menage.json"
    f.write_text(json.dumps(amina()), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "widgets.rules.menage", str(f)], capture_output=True, text=True, cwd=RACINE)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["details"]["solde"] == "-21.70"
    f.write_text(json.dumps({"adultes": 1, "revenus": [{"libelle": "Salaire", "montant": -3}]}), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "widgets.rules.menage", str(f)], capture_output=True, text=True, cwd=RACINE)
    assert r.returncode == 2 and "revenus.0.montant" in r.stderr and "Traceback" not in r.stderr
