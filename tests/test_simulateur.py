"""Le simulateur sans navigateur : ses widgets, ses erreurs à côté des champs, sa carte hors ligne."""

from __future__ import annotations

import datetime as dt

import pytest

from widgets import cartes, data
from widgets.simulateurs import parcours

AUJOURDHUI = dt.date(2026, 11, 23)


@pytest.fixture
def sim():
    return parcours.SimulateurParcours(AUJOURDHUI)


def test_formulaire_vide_invite_a_remplir(sim):
    assert sim.derniere_decision is None
    assert "Remplissez au moins" in sim.resultat.value


@pytest.mark.parametrize("indice,statut,cri", [(0, "obligatoire", "CRIC"), (1, "dispense", "CAI"), (2, "non_concerne", "CRIPEL")])
def test_personas(sim, indice, statut, cri):
    sim.remplir(list(parcours.personas(AUJOURDHUI).values())[indice])
    d = sim.derniere_decision
    assert d.statut == statut
    assert f'data-statut="{statut}"' in sim.resultat.value
    assert f'data-cri="{cri}"' in sim.fiche_cri.value
    assert "Référence" in sim.resultat.value


def test_frise_jusqu_a_la_date_limite(sim):
    sim.remplir(list(parcours.personas(AUJOURDHUI).values())[0])
    assert "Date limite pour obtenir l&#x27;attestation" in sim.frise.value
    assert "kit-aujourdhui" in sim.frise.value


def test_erreur_a_cote_du_champ_et_page_utilisable(sim):
    sim.remplir(list(parcours.personas(AUJOURDHUI).values())[0])
    sim.champs["date_naissance"].valeur = dt.date(2030, 1, 1)
    assert "dans le futur" in sim.champs["date_naissance"].erreur.value
    assert sim.derniere_decision is None and "Corrigez" in sim.resultat.value
    sim.champs["date_naissance"].valeur = dt.date(1990, 1, 1)
    assert sim.champs["date_naissance"].erreur.value == ""
    assert sim.derniere_decision.statut == "obligatoire"


def test_commune_inconnue_et_nombre_negatif(sim):
    sim.remplir(list(parcours.personas(AUJOURDHUI).values())[0])
    sim.champs["commune"].valeur = "Charleroy"
    assert "Vouliez-vous dire : Charleroi" in sim.champs["commune"].erreur.value
    sim.champs["commune"].valeur = "Charleroi"
    sim.champs["mois_emploi_mi_temps"].valeur = -4
    assert "au moins 0" in sim.champs["mois_emploi_mi_temps"].erreur.value


def test_titre_inconnu_devient_hypothese(sim):
    sim.remplir(list(parcours.personas(AUJOURDHUI).values())[0])
    sim.champs["titre_sejour_plus_3_mois"].valeur = ""
    assert "supposé acquis" in sim.resultat.value
    sim.champs["titre_sejour_plus_3_mois"].valeur = "non"
    assert sim.derniere_decision.statut == "non_concerne"


def test_la_carte_n_appelle_aucun_cdn():
    html = cartes.carte_cri_html("CIMB")
    for cdn in ("cdn.jsdelivr.net", "code.jquery.com", "cdnjs.cloudflare.com", "bootstrapcdn", "Make this Notebook Trusted"):
        assert cdn not in html
    assert "data:text/javascript;base64," in html
    # Chaque bureau de la carte est aussi dans le tableau qui la remplace hors ligne.
    tableau = cartes.tableau_bureaux(data.bureaux_du_cri("CIMB"))
    for nom in data.bureaux_du_cri("CIMB")["nom"]:
        assert nom.replace("'", "&#x27;") in tableau


def test_carte_donnees_des_marqueurs():
    bureaux = data.bureaux_du_cri("CAI")
    carte = cartes.carte_bureaux(bureaux)
    marqueurs = [c for c in carte._children.values() if type(c).__name__ == "CircleMarker"]
    assert len(marqueurs) == len(bureaux) == 8
