"""Les simulateurs du module « Gestion d'ASBL et de projets » sans navigateur : chacun s'instancie,
se pilote champ par champ, affiche ses erreurs en français à côté du champ et ne lève jamais."""

from __future__ import annotations

import base64
import datetime as dt
import re
from decimal import Decimal
from html import unescape

import ipywidgets as w
import pytest

from widgets.simulateurs import budget, cofinancement, projet, taille_asbl, tresorerie
from widgets.ui import graphiques

PNG = b"\x89PNG\r\n\x1a\n"


def texte_seul(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))).replace("\u202f", " ").replace("\xa0", " ")


def classes(widget: w.Widget) -> set[str]:
    """Toutes les classes CSS de l'arbre de widgets."""
    trouvees = set(getattr(widget, "_dom_classes", ()))
    for enfant in getattr(widget, "children", ()):
        trouvees |= classes(enfant)
    return trouvees


@pytest.mark.parametrize("fabrique,classe", [
    (budget.afficher, "kit-simulateur-budget"),
    (tresorerie.afficher, "kit-simulateur-tresorerie"),
    (taille_asbl.afficher, "kit-simulateur-taille-asbl"),
    (cofinancement.afficher, "kit-simulateur-cofinancement"),
    (projet.semainier, "kit-semainier"),
    (projet.entonnoir, "kit-entonnoir"),
])
def test_chaque_point_d_entree_rend_un_widget(fabrique, classe):
    vue = fabrique()
    assert isinstance(vue, w.Widget)
    assert classe in classes(vue)


# --- Budget ---

def test_budget_precharge_fictif_et_exports():
    s = budget.SimulateurBudget()
    assert "données fictives" in s.vue.children[0].value
    assert s.derniere_decision.statut == "equilibre"
    assert 'data-statut="equilibre"' in s.resultat.value and "repères, pas des règles légales" in s.resultat.value
    csv_ = re.search(r'class="kit-export-csv" download="[^"]+" href="data:text/csv;charset=utf-8;base64,([^"]+)"', s.exports.value)
    xlsx = re.search(r'class="kit-export-excel" download="[^"]+\.xlsx" href="data:application/vnd\.openxmlformats[^;]+;base64,([^"]+)"', s.exports.value)
    assert csv_ and xlsx
    assert "données fictives" in base64.b64decode(csv_.group(1)).decode("utf-8")
    assert base64.b64decode(xlsx.group(1))[:2] == b"PK"


def test_budget_modifier_ajouter_supprimer():
    s = budget.SimulateurBudget()
    premier = next(i for i, l in enumerate(s.lignes) if l.get("financeur") == "Wallonie")
    s.choix.value = premier
    assert s.champs["montant"].valeur == "30 000"
    s.champs["montant"].valeur = "0"
    s.enregistrer()
    assert s.derniere_decision.statut == "deficit" and s.derniere_decision.details["solde"] == Decimal("-30000.00")
    assert "30 000,00 €" in texte_seul(s.resultat.value)
    # Exercice 2 de la séance : un apport en nature d'un seul côté est signalé.
    s.choix.value = budget.NOUVELLE
    s.champs["type"].valeur = "produit"
    s.champs["categorie"].valeur = "Apport en nature"
    s.champs["libelle"].valeur = "Matériel donné"
    s.champs["montant"].valeur = "1 200,50"
    s.champs["nature"].valeur = "en_nature"
    s.ajouter()
    assert any(m.code == "en_nature_desequilibre" for m in s.derniere_decision.motifs)
    assert s.lignes[-1]["montant"] == "1200.50"
    n = len(s.lignes)
    s.supprimer()  # la ligne ajoutée est sélectionnée
    assert len(s.lignes) == n - 1
    s.reinitialiser()
    assert s.derniere_decision.statut == "equilibre"


def test_budget_erreurs_a_cote_des_champs_sans_exception():
    s = budget.SimulateurBudget()
    s.choix.value = budget.NOUVELLE
    s.champs["type"].valeur = "produit"
    s.champs["libelle"].valeur = ""
    s.champs["montant"].valeur = "-12"
    s.champs["nature"].valeur = budget.AUCUNE
    n = len(s.lignes)
    s.ajouter()
    assert len(s.lignes) == n
    assert "négatif" in s.champs["montant"].erreur.value
    assert "nature" in s.champs["nature"].erreur.value
    assert "vide" in s.champs["libelle"].erreur.value
    assert "catégorie" not in s.champs["montant"].erreur.value
    s.supprimer()  # aucune ligne choisie : un message, pas d'exception
    assert "Choisissez" in s.message.value


# --- Trésorerie ---

@pytest.fixture
def treso():
    return tresorerie.SimulateurTresorerie()


def test_tresorerie_scenario_de_depart(treso):
    d = treso.derniere_decision
    assert d.details["premier_mois_negatif"]["libelle"] == "mars 2027"
    assert d.details["besoin_de_pont"] == Decimal("9700.00")
    assert 'class="kit-tresorerie-premier-negatif" data-mois="2027-03">mars 2027<' in treso.synthese.value
    assert "9 700,00 €" in texte_seul(treso.synthese.value)
    assert "données fictives" in treso.entete.value
    assert treso.graphique.png.startswith(PNG)
    assert "kit-premier-negatif" in treso.tableau.value and "kit-point-bas" in treso.tableau.value
    assert treso.tableau.value.count("<tr class") == 12


def test_tresorerie_retard_modifiable(treso):
    treso.champs["subsides-0-tranches-0-retard_mois"].valeur = 0  # l'avance à l'heure : scénario A
    d = treso.derniere_decision
    assert d.details["premier_mois_negatif"]["libelle"] == "novembre 2027"
    assert d.details["besoin_de_pont"] == Decimal("5000.00")
    treso.champs["subsides-0-tranches-0-mois"].valeur = "2027-06"
    assert treso.derniere_decision.details["premier_mois_negatif"]["libelle"] == "mars 2027"


def test_tresorerie_erreurs_nommees(treso):
    treso.champs["subsides-0-tranches-1-pourcentage"].valeur = "30"
    assert "110 %" in treso.champs["subsides-0-tranches"].widget.value
    assert treso.derniere_decision is None and "Corrigez" in treso.synthese.value
    assert treso.graphique.png == b""
    treso.champs["subsides-0-tranches-1-pourcentage"].valeur = "20"
    assert treso.champs["subsides-0-tranches"].widget.value == ""
    treso.champs["depenses-0-montant_mensuel"].valeur = "-2500"
    assert "négatif" in treso.champs["depenses-0-montant_mensuel"].erreur.value
    treso.champs["depenses-0-montant_mensuel"].valeur = "2 500"
    treso.champs["depenses-4-dernier_mois"].valeur = "13"
    assert "n'existe pas" in texte_seul(treso.champs["depenses-4-dernier_mois"].erreur.value)
    treso.champs["depenses-4-dernier_mois"].valeur = "1"
    treso.champs["debut"].valeur = "2027-13"
    assert "AAAA-MM" in treso.champs["debut"].erreur.value
    treso.champs["nombre_mois"].valeur = 0
    assert "au moins 1" in treso.champs["nombre_mois"].erreur.value


def test_tresorerie_ajouts_et_retraits(treso):
    treso._ajouter_tranche(1)
    assert len(treso.plan()["subsides"][1]["tranches"]) == 2
    assert "plus de 0" in treso.champs["subsides-1-tranches-1-pourcentage"].erreur.value  # 100 % déjà répartis
    treso._retirer_tranche(1, 1)
    treso._ajouter_flux("depenses")
    assert len(treso.plan()["depenses"]) == 7 and treso.derniere_decision is not None
    treso._retirer_flux("depenses", 6)
    treso._ajouter_subside()
    assert len(treso.plan()["subsides"]) == 3
    treso._retirer_subside(2)
    assert treso.derniere_decision.details["besoin_de_pont"] == Decimal("9700.00")
    treso.champs["solde_initial"].valeur = "20 000"
    assert treso.derniere_decision.statut == "sans_decouvert"
    treso.reinitialiser()
    assert treso.derniere_decision.details["besoin_de_pont"] == Decimal("9700.00")


def test_tresorerie_plan_de_depart_invalide_ne_leve_pas():
    vue = tresorerie.afficher({"debut": "n'importe quoi", "nombre_mois": 3})
    assert isinstance(vue, w.Widget)


# --- Taille d'une ASBL ---

def test_taille_exemples_et_seuils():
    s = taille_asbl.SimulateurTailleAsbl(dt.date(2026, 11, 22))
    assert s.derniere_decision is None and "exemple" in s.resultat.value
    attendus = ["tres_petite", "petite", "micro", "autre_que_petite"]
    for (nom, valeurs), statut in zip(taille_asbl.exemples().items(), attendus):
        s.remplir(valeurs)
        assert s.derniere_decision.statut == statut, nom
    assert 'data-statut="autre_que_petite"' in s.resultat.value
    seuils = texte_seul(s.seuils.value)
    assert "11 250 000,00 €" in seuils and "1er janvier 2024" in seuils and "AR du 25 mai 2024" in seuils
    assert "Incertain" in s.seuils.value
    obligations = texte_seul(s.obligations.value)
    assert "Banque nationale" in obligations and "registre UBO" in obligations


def test_taille_date_change_les_seuils():
    s = taille_asbl.SimulateurTailleAsbl(dt.date(2026, 11, 22))
    s.remplir({"etp_moyen": "6", "recettes": "800 000", "total_bilan": "400 000"})
    assert s.derniere_decision.statut == "micro"
    s.champs["date_reference"].valeur = dt.date(2023, 6, 1)
    assert s.derniere_decision.statut == "petite"
    assert "700 000,00 €" in texte_seul(s.seuils.value)


def test_taille_deux_exercices_et_erreurs():
    s = taille_asbl.SimulateurTailleAsbl(dt.date(2026, 11, 22))
    s.remplir(list(taille_asbl.exemples().values())[2])
    assert s.derniere_decision.statut == "micro"
    assert "Exercice par exercice" in s.resultat.value
    s.champs["n1-total_bilan"].valeur = ""
    assert "obligatoire" in s.champs["n1-total_bilan"].erreur.value
    s.remplir({"etp_moyen": "2", "recettes": "-1", "total_bilan": "abc"})
    assert "négatif" in s.champs["recettes"].erreur.value
    assert "montant" in s.champs["total_bilan"].erreur.value
    s.remplir({"etp_moyen": "2", "recettes": "1", "total_bilan": "1", "n2": {"etp_moyen": "1", "recettes": "1", "total_bilan": "1"}})
    assert "N-1" in s.champs["n1-etp_moyen"].erreur.value
    s.champs["date_reference"].valeur = None
    assert "date" in s.champs["date_reference"].erreur.value


# --- Cofinancement ---

def test_cofinancement_dit_ce_qui_manque():
    s = cofinancement.SimulateurCofinancement()
    d = s.derniere_decision
    assert d.statut == "manque" and d.details["manque"] == Decimal("2000.00")
    assert 'data-statut="manque"' in s.resultat.value and "2 000,00 €" in texte_seul(s.resultat.value)
    assert "kit-plafonne" in s.tableau.value
    assert s.graphique.png.startswith(PNG)
    s.champs["financeurs-3-valeur"].valeur = "5 000"
    assert s.derniere_decision.statut == "equilibre"
    s.champs["financeurs-3-valeur"].valeur = "6000"
    assert s.derniere_decision.statut == "excedent"


def test_cofinancement_erreurs_et_lignes():
    s = cofinancement.SimulateurCofinancement()
    s.champs["cout_total"].valeur = "0"
    assert "supérieur à zéro" in s.champs["cout_total"].erreur.value
    s.champs["cout_total"].valeur = "40 000"
    s.champs["financeurs-0-valeur"].valeur = "150"
    assert "entre 0 et 100" in s.champs["financeurs-0-valeur"].erreur.value
    s.champs["financeurs-0-valeur"].valeur = ""
    assert "montant ou un taux" in s.champs["financeurs-0-valeur"].erreur.value
    s.reinitialiser()
    s._ajouter()
    assert len(s.plan()["financeurs"]) == 5
    s._retirer(4)
    assert s.derniere_decision.details["manque"] == Decimal("2000.00")


# --- Projet : semainier et entonnoir ---

def test_semainier_activup():
    s = projet.Semainier()
    t = s.dernier_total
    assert t["demi_journees_occupees"] == 8 and t["semaine"] == Decimal(24)
    fle = next(e for e in t["par_activite"] if e["activite"].startswith("Cours de FLE"))
    assert fle["seances"] == 2 and fle["heures"] == Decimal(6)
    assert "Activ'Up" in s.vue.children[0].value and "CPAS de Charleroi" in s.vue.children[0].value
    s.champs[("vendredi", "matin", "activite")].valeur = "Sortie culturelle"
    s.champs[("vendredi", "matin", "heures")].valeur = "2,5"
    assert s.dernier_total["semaine"] == Decimal("26.5") and s.dernier_total["par_jour"]["vendredi"] == Decimal("5.5")
    assert "26,5 h" in s.totaux.value
    s.champs[("vendredi", "matin", "heures")].valeur = "neuf"
    assert "nombre d'heures" in texte_seul(s.champs[("vendredi", "matin", "heures")].erreur.value)
    s.champs[("vendredi", "matin", "heures")].valeur = "9"
    assert "au plus" in s.champs[("vendredi", "matin", "heures")].erreur.value
    s.vider()
    assert s.dernier_total["semaine"] == 0
    s.exemple()
    assert s.dernier_total["semaine"] == Decimal(24)


def test_entonnoir_chiffres_de_la_source():
    df = projet.donnees_entonnoir()
    m1, m2, total = projet.COLONNES
    assert list(df[m1].iloc[1:]) == [315, 110] and list(df[m2].iloc[1:]) == [199, 60]
    assert df[total].iloc[0] == 1000 and df[total].iloc[1] == 514 and df[total].iloc[2] == 170
    taux = [c for c in df.columns if c.startswith("Taux")]
    assert df[taux[0]].iloc[2] == 34.9 and df[taux[1]].iloc[2] == 30.2  # la source arrondit à 35 % et 30 %
    assert df[taux[2]].iloc[1] == 51.4
    assert "29 juin 2017" in df.attrs["source"]
    vue = projet.entonnoir()
    images = [c for c in vue.children if isinstance(c, graphiques.ImagePNG)]
    assert images and images[0].png.startswith(PNG) and 'alt="Graphique en entonnoir' in images[0].value
    assert "Source" in vue.children[-1].value


def test_aucun_simulateur_n_emet_de_javascript():
    for vue in (budget.afficher(), tresorerie.afficher(), cofinancement.afficher(), taille_asbl.afficher(), projet.entonnoir()):
        def parcourir(widget):
            if isinstance(widget, w.HTML):
                assert "<script" not in widget.value.lower()
            for enfant in getattr(widget, "children", ()):
                parcourir(enfant)
        parcourir(vue)
