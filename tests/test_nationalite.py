"""La déclaration de nationalité belge (Code de la nationalité, art. 12bis, § 1er, loi du 4 décembre
2012) : cas tirés de docs/faits-verifies.md § 3 (et § 0 point 5, § 10 point 9), limites exactes (le jour
même de chaque seuil), propriétés, erreurs françaises, ligne de commande et simulateur."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.rules import legislation, nationalite
from widgets.rules.validation import ErreurSituation

D = dt.date
REF = D(2026, 11, 30)
# Une personne qui remplit tout pour la voie 2°, sauf ce que chaque cas change.
BASE = {"date_naissance": "1988-05-04", "carte": "B", "date_debut_sejour_legal": "2018-09-01", "langue_prouvee": True,
        "preuve_integration": "parcours_integration", "jours_travail_salarie": 520}


def evaluer(date_reference=REF, **changements):
    return nationalite.evaluer({**BASE, **changements}, date_reference, aujourdhui=max(REF, date_reference))


def voie(decision, numero):
    return next(v for v in decision.details["voies"] if v["numero"] == numero)


# --- Paramètres ---------------------------------------------------------------------------------

def test_parametres_dates_references_et_incertitudes():
    bareme = legislation.charger("nationalite")
    assert bareme.couverture_debut == D(2013, 1, 1)
    for nom, p in bareme.parametres.items():
        dates = [v.depuis for v in p.valeurs]
        assert dates == sorted(dates) and len(set(dates)) == len(dates), nom
        assert all(len(v.reference) > 10 for v in p.valeurs), nom
    def valeur(nom):
        return bareme.valeur(nom, REF)
    # docs/faits-verifies.md § 3.1 et § 3.2
    assert (valeur("age_minimum").valeur, valeur("duree_sejour_5_ans").valeur, valeur("duree_sejour_10_ans").valeur) == (18, 5, 10)
    assert (valeur("duree_vie_commune").valeur, valeur("jours_travail_salarie").valeur, valeur("trimestres_independant").valeur) == (3, 468, 6)
    assert (valeur("heures_formation").valeur, valeur("taux_invalidite").valeur, valeur("niveau_langue").valeur) == (400, 66, "A2")
    assert valeur("droit_enregistrement").valeur == 150 and valeur("droit_enregistrement").depuis == D(2013, 1, 1)
    assert {"B", "C", "D", "E", "E+", "F", "F+"} <= set(valeur("cartes_admises").valeur)
    assert not {"A", "H"} & set(valeur("cartes_admises").valeur) and set(valeur("cartes_non_admises").valeur) == {"A", "H"}
    assert all(isinstance(c, str) for c in valeur("cartes_admises").valeur)  # piège YAML
    # docs/faits-verifies.md § 3.1 et § 10 point 9 : le délai de 4 mois du parquet n'est pas confirmé
    assert valeur("delai_avis_parquet").incertain
    # docs/faits-verifies.md § 0 point 5 et § 3.3 : la réforme « Arizona » est dite incertaine et n'est pas une valeur appliquée
    reforme = valeur("reforme_annoncee")
    assert reforme.incertain and reforme.valeur["droit_enregistrement"] == 1000 and reforme.valeur["niveau_langue"] == "B1"
    assert valeur("droit_enregistrement").valeur == 150 and valeur("niveau_langue").valeur == "A2"


# --- Table de cas -------------------------------------------------------------------------------

@pytest.mark.parametrize("nom, changements, statut, ouvertes", [
    ("§3.2 2° : 5 ans, langue, parcours d'intégration, 520 jours", {}, "voie_ouverte", {"2"}),
    ("§3.2 2° : l'attestation wallonne du parcours compte comme intégration", {"preuve_integration": "parcours_integration"}, "voie_ouverte", {"2"}),
    ("§3.2 2° : 6 trimestres d'indépendant au lieu de 468 jours", {"jours_travail_salarie": 0, "trimestres_independant": 6}, "voie_ouverte", {"2"}),
    ("§3.2 2° : sans preuve de langue, rien n'est ouvert", {"langue_prouvee": False}, "preuves_a_apporter", set()),
    ("§3.2 2° et 5° : sans preuve d'intégration, la voie 5° (sans condition d'intégration) s'ouvrira à 10 ans de séjour",
     {"preuve_integration": "aucune"}, "voie_a_venir", set()),
    ("§3.2 3° : parent d'un enfant belge mineur, sans travail", {"jours_travail_salarie": 0, "parent_enfant_belge_mineur": True}, "voie_ouverte", {"3"}),
    ("§3.2 4° : invalidité de 66 %, sans langue ni intégration ni travail",
     {"langue_prouvee": False, "preuve_integration": "aucune", "jours_travail_salarie": 0, "incapacite_travail": "invalidite"}, "voie_ouverte", {"4"}),
    ("§3.2 4° : âge de la pension", {"jours_travail_salarie": 0, "preuve_integration": "aucune", "incapacite_travail": "age_pension"}, "voie_ouverte", {"4"}),
    ("§3.2 5° : 10 ans, langue, participation socioculturelle, sans intégration ni travail",
     {"date_debut_sejour_legal": "2016-01-10", "preuve_integration": "aucune", "jours_travail_salarie": 0, "participation_socioculturelle": True},
     "voie_ouverte", {"5"}),
    ("§3.1 carte A : séjour limité, aucune voie", {"carte": "A"}, "aucune_voie", set()),
    ("§3.1 carte H : carte bleue européenne, aucune voie", {"carte": "H"}, "aucune_voie", set()),
    ("§3.1 sans carte (annexe) : aucune voie", {"carte": "aucune"}, "aucune_voie", set()),
    ("§3.1 carte F+ admise", {"carte": "F+"}, "voie_ouverte", {"2"}),
    ("§3.1 carte K (remplace la C) admise, avec avertissement", {"carte": "K"}, "voie_ouverte", {"2"}),
    ("§3.1 âge : 17 ans, la voie s'ouvrira à 18 ans", {"date_naissance": "2009-02-01", "date_debut_sejour_legal": "2009-02-01",
                                                       "ne_en_belgique": True}, "voie_a_venir", set()),
])
def test_table_de_cas(nom, changements, statut, ouvertes):
    d = evaluer(**changements)
    assert d.statut == statut, f"{nom} : {d.libelle} ; {[m.texte for m in d.motifs]}"
    assert {v["numero"] for v in d.details["voies"] if v["statut"] == "ouverte"} == ouvertes, nom
    assert d.motifs and all(m.reference for m in d.motifs)
    assert len(d.details["voies"]) == 5 and [e.code for e in d.trace][:2] == ["age", "carte"]  # conditions générales d'abord
    if statut != "aucune_voie":
        assert any(e.decisive for e in d.trace)


@pytest.mark.parametrize("carte_", ["A", "H"])
def test_carte_a_ou_h_aucune_voie_meme_si_tout_le_reste_est_rempli(carte_):
    d = evaluer(carte=carte_, date_debut_sejour_legal="2010-01-01", parent_enfant_belge_mineur=True, incapacite_travail="handicap",
                participation_socioculturelle=True)
    assert d.statut == "aucune_voie"
    assert all(v["statut"] == "fermee" and v["possible_a_partir_du"] is None for v in d.details["voies"])
    assert [e.code for e in d.trace if e.decisive] == ["carte"]
    assert "séjour illimité" in d.motifs[0].texte
    # pour préparer la suite : les mêmes faits avec un séjour illimité
    assert d.details["si_sejour_illimite"]["statut"] == "voie_ouverte" and "si_sejour_illimite" in [m.code for m in d.motifs]


# --- Limites exactes ----------------------------------------------------------------------------

@pytest.mark.parametrize("debut, statut, possible", [
    ("2021-11-30", "voie_ouverte", REF),            # 5 ans le jour même
    ("2021-12-01", "voie_a_venir", D(2026, 12, 1)),  # un jour de moins : ouvrira demain
])
def test_cinq_ans_le_jour_meme(debut, statut, possible):
    d = evaluer(date_debut_sejour_legal=debut)
    assert d.statut == statut
    assert voie(d, "2")["possible_a_partir_du"] == possible and d.details["date_la_plus_proche"] == possible
    if statut == "voie_a_venir":
        assert "1er décembre 2026" in d.libelle and voie(d, "2")["manques"] == ["5 ans de séjour légal ininterrompu (le 1er décembre 2026)"]


@pytest.mark.parametrize("jours, ouverte", [(467, False), (468, True)])
def test_467_ou_468_jours_de_travail(jours, ouverte):
    d = evaluer(jours_travail_salarie=jours)
    assert (voie(d, "2")["statut"] == "ouverte") is ouverte
    if not ouverte:
        assert d.statut == "preuves_a_apporter" and "il en manque 1" in " ".join(voie(d, "2")["sous_reserve"])


@pytest.mark.parametrize("trimestres, ouverte", [(5, False), (6, True)])
def test_5_ou_6_trimestres_d_independant(trimestres, ouverte):
    assert (voie(evaluer(jours_travail_salarie=0, trimestres_independant=trimestres), "2")["statut"] == "ouverte") is ouverte


@pytest.mark.parametrize("debut, statut_5", [("2016-11-30", "ouverte"), ("2016-12-01", "pas_encore")])
def test_dix_ans_le_jour_meme(debut, statut_5):
    d = evaluer(date_debut_sejour_legal=debut, preuve_integration="aucune", jours_travail_salarie=0, participation_socioculturelle=True)
    v5 = voie(d, "5")
    assert v5["statut"] == statut_5
    if statut_5 == "pas_encore":
        assert v5["possible_a_partir_du"] == D(2026, 12, 1) and v5["date_ferme"] and d.statut == "voie_a_venir"
    assert voie(d, "2")["statut"] == "pas_encore"  # pas de preuve d'intégration


def test_ne_en_belgique_voie_1():
    # docs/faits-verifies.md § 3.2, 1° : né en Belgique et y séjournant légalement depuis la naissance ; ni langue ni intégration
    ne = {"date_naissance": "2007-03-10", "ne_en_belgique": True, "carte": "B", "langue_prouvee": False, "preuve_integration": "aucune",
          "jours_travail_salarie": 0}
    d = nationalite.evaluer({**ne, "date_debut_sejour_legal": None}, REF, aujourdhui=REF)
    assert d.statut == "voie_ouverte" and voie(d, "1")["statut"] == "ouverte"
    assert any("depuis la naissance" in h for h in d.details["hypotheses"])
    # la veille de ses 18 ans : pas encore, date = le jour des 18 ans
    veille = nationalite.evaluer(ne, D(2025, 3, 9), aujourdhui=REF)
    assert veille.statut == "voie_a_venir" and voie(veille, "1")["possible_a_partir_du"] == D(2025, 3, 10)
    assert nationalite.evaluer(ne, D(2025, 3, 10), aujourdhui=REF).statut == "voie_ouverte"
    # né en Belgique, mais séjour légal commencé plus tard : la voie 1° est fermée
    tard = nationalite.evaluer({**ne, "date_debut_sejour_legal": "2012-01-01"}, REF, aujourdhui=REF)
    assert voie(tard, "1")["statut"] == "fermee" and "après la naissance" in " ".join(voie(tard, "1")["manques"])
    # pas né en Belgique : fermée
    assert voie(evaluer(), "1")["statut"] == "fermee"


@pytest.mark.parametrize("vie_commune, statut_3", [
    ("2023-12-01", "pas_encore"),  # 2 ans et 364 jours au 30 novembre 2026
    ("2023-11-30", "ouverte"),     # 3 ans le jour même
])
def test_conjoint_belge_2_ans_364_jours_ou_3_ans_de_vie_commune(vie_commune, statut_3):
    d = evaluer(jours_travail_salarie=0, conjoint_belge=True, date_debut_vie_commune=vie_commune)
    v3 = voie(d, "3")
    assert v3["statut"] == statut_3
    if statut_3 == "pas_encore":
        assert (REF - D(2023, 12, 1)).days == 1095 and v3["possible_a_partir_du"] == D(2026, 12, 1) and v3["date_ferme"]
        assert d.statut == "voie_a_venir" and "3 ans de vie commune" in v3["manques"][0]
    else:
        assert d.statut == "voie_ouverte"


def test_conjoint_belge_ne_dispense_pas_des_5_ans_de_sejour():
    # Tarek (personnage fictif) : 3 ans de vie commune atteints, mais pas encore 5 ans de séjour
    d = evaluer(date_debut_sejour_legal="2022-06-15", jours_travail_salarie=300, conjoint_belge=True, date_debut_vie_commune="2022-06-15",
                preuve_integration="formation_400h")
    assert d.statut == "voie_a_venir" and voie(d, "3")["possible_a_partir_du"] == D(2027, 6, 15)
    assert voie(d, "2")["sous_reserve"] and not voie(d, "2")["date_ferme"]
    dates = [e.date for e in d.details["echeances"]]
    assert dates == sorted(dates) and D(2025, 6, 15) in dates and D(2027, 6, 15) in dates


# --- Avertissements : réforme annoncée, délai du parquet, cartes récentes --------------------

def test_reforme_annoncee_signalee_mais_non_appliquee():
    d = evaluer()
    assert any("non appliquée" in a and "1 000 €" in a for a in d.avertissements)
    demarche = " ".join(e["texte"] for e in d.details["demarche"])
    assert "150 €" in demarche and "1 000" not in demarche
    assert any(e["incertain"] for e in d.details["demarche"] if "parquet" in e["texte"])
    seuils = {p["nom"]: p for p in d.details["parametres"]}
    assert seuils["droit_enregistrement"]["valeur"] == 150 and seuils["droit_enregistrement"]["depuis"] == D(2013, 1, 1)
    assert seuils["reforme_annoncee"]["incertain"]
    # avant l'annonce, pas d'avertissement
    avant = evaluer(date_reference=D(2024, 6, 1), date_debut_sejour_legal="2018-09-01")
    assert not any("non appliquée" in a for a in avant.avertissements)


def test_carte_k_avertissement_equivalence():
    assert any("carte C" in a or "cartes C" in a for a in evaluer(carte="K").avertissements)
    assert not any("cartes C et D" in a for a in evaluer(carte="B").avertissements)


# --- Propriétés ---------------------------------------------------------------------------------

situations = st.fixed_dictionaries({
    "date_naissance": st.dates(min_value=D(1940, 1, 1), max_value=D(2012, 12, 31)),
    "ne_en_belgique": st.booleans(),
    "carte": st.sampled_from(nationalite.CARTES),
    "debut_apres_naissance": st.integers(min_value=0, max_value=60 * 365),
    "langue_prouvee": st.booleans(),
    "preuve_integration": st.sampled_from(nationalite.PREUVES_INTEGRATION),
    "jours_travail_salarie": st.integers(min_value=0, max_value=1827),
    "trimestres_independant": st.integers(min_value=0, max_value=20),
    "conjoint_belge": st.booleans(),
    "vie_commune_apres_debut": st.integers(min_value=0, max_value=20 * 365),
    "parent_enfant_belge_mineur": st.booleans(),
    "incapacite_travail": st.sampled_from(nationalite.INCAPACITES),
    "participation_socioculturelle": st.booleans(),
})


@settings(max_examples=300, deadline=None)
@given(situations, st.dates(min_value=D(2013, 1, 1), max_value=D(2026, 11, 30)))
def test_propriete_date_possible_jamais_avant_la_reference_ni_avant_5_ans_de_sejour(brut, reference):
    debut = brut["date_naissance"] + dt.timedelta(days=brut.pop("debut_apres_naissance"))
    vc = debut + dt.timedelta(days=brut.pop("vie_commune_apres_debut"))
    if brut["date_naissance"] > reference or debut > reference:
        return
    s = {**brut, "date_naissance": brut["date_naissance"].isoformat(), "date_debut_sejour_legal": debut.isoformat()}
    if brut["conjoint_belge"] and vc <= reference:
        s["date_debut_vie_commune"] = vc.isoformat()
    else:
        s["conjoint_belge"] = False
    d = nationalite.evaluer(s, reference, aujourdhui=REF)
    assert d.statut in nationalite.STATUTS and d.motifs
    for v in d.details["voies"]:
        assert v["statut"] in nationalite.STATUTS_VOIE
        possible = v["possible_a_partir_du"]
        if v["statut"] == "fermee":
            assert possible is None
            continue
        assert possible >= reference
        assert possible >= brut["date_naissance"] + relativedelta(years=18)
        if v["numero"] in ("2", "3", "4"):
            assert possible >= debut + relativedelta(years=5)
        if v["numero"] == "5":
            assert possible >= debut + relativedelta(years=10)
    if d.statut == "voie_ouverte":
        assert d.details["date_la_plus_proche"] == reference
    if s["carte"] in ("A", "H", "aucune"):
        assert d.statut == "aucune_voie"


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=3000))
def test_propriete_ouverte_le_jour_des_5_ans_et_jamais_avant(jours_depuis_debut):
    reference = D(2026, 11, 30)
    debut = reference - dt.timedelta(days=jours_depuis_debut)
    d = evaluer(date_debut_sejour_legal=debut.isoformat())
    assert (voie(d, "2")["statut"] == "ouverte") == (debut + relativedelta(years=5) <= reference)


# --- Erreurs en français, par champ -------------------------------------------------------------

@pytest.mark.parametrize("changement, champ, extrait", [
    ({"date_naissance": "2100-01-01"}, "date_naissance", "dans le futur"),
    ({"date_debut_sejour_legal": "2100-01-01"}, "date_debut_sejour_legal", "dans le futur"),
    ({"date_debut_sejour_legal": "1980-01-01"}, "date_debut_sejour_legal", "précède la date de naissance"),
    ({"date_debut_sejour_legal": None}, "date_debut_sejour_legal", "obligatoire (sauf pour une personne née en Belgique)"),
    ({"jours_travail_salarie": -5}, "jours_travail_salarie", "ne peut pas être négative"),
    ({"trimestres_independant": -1}, "trimestres_independant", "ne peut pas être négative"),
    ({"jours_travail_salarie": 5000}, "jours_travail_salarie", "au plus 1827"),
    ({"carte": "Z"}, "carte", "non prise en charge"),
    ({"carte": "M"}, "carte", "renseignez-vous à la commune"),
    ({"preuve_integration": "certificat"}, "preuve_integration", "valeurs possibles"),
    ({"conjoint_belge": True}, "date_debut_vie_commune", "depuis quand le couple vit ensemble"),
    ({"date_debut_vie_commune": "2020-01-01"}, "date_debut_vie_commune", "pas de conjoint belge"),
    ({"langue_prouvee": "oui"}, "langue_prouvee", "vrai ou faux"),
    ({"date_naissance": "04/05/1988"}, "date_naissance", "AAAA-MM-JJ"),
    ({"inconnu": 1}, "inconnu", "champ inconnu"),
])
def test_erreurs_en_francais_par_champ(changement, champ, extrait):
    with pytest.raises(ErreurSituation) as exc:
        nationalite.evaluer({**BASE, **changement}, REF, aujourdhui=REF)
    assert champ in exc.value.par_champ() and extrait in exc.value.par_champ()[champ], exc.value.par_champ()


def test_date_reference_avant_2013_refusee():
    with pytest.raises(ErreurSituation) as exc:
        nationalite.evaluer(BASE, D(2012, 12, 31), aujourdhui=REF)
    assert "1er janvier 2013" in exc.value.par_champ()["date_reference"]


def test_carte_en_minuscules_acceptee():
    assert evaluer(carte=" f+ ").details["conditions_generales"]["carte"]["carte"] == "F+"


# --- Ligne de commande --------------------------------------------------------------------------

def _cli(tmp_path, contenu, *args):
    f = tmp_path / "situation.json"
    f.write_text(contenu, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "widgets.rules.nationalite", str(f), *args], check=False, capture_output=True, text=True)


def test_cli_json(tmp_path):
    r = _cli(tmp_path, json.dumps({**BASE, "date_debut_sejour_legal": "2022-06-15"}), "--date", "2026-11-30")
    assert r.returncode == 0, r.stderr
    sortie = json.loads(r.stdout)
    assert sortie["statut"] == "voie_a_venir"
    v2 = next(v for v in sortie["details"]["voies"] if v["numero"] == "2")
    assert v2["possible_a_partir_du"] == "2027-06-15" and sortie["trace"][0]["code"] == "age"


@pytest.mark.parametrize("contenu, extrait", [
    ('{"carte": "B", "date_debut_sejour_legal": "2018-01-01"}', "date_naissance"),
    ('{"date_naissance": "1990-01-01", "carte": "A", ', "JSON invalide"),
    ('{"date_naissance": "1990-01-01", "carte": "B", "date_debut_sejour_legal": "2018-01-01", "jours_travail_salarie": -2}', "négative"),
])
def test_cli_erreurs_sans_trace_python(tmp_path, contenu, extrait):
    r = _cli(tmp_path, contenu, "--date", "2026-11-30")
    assert r.returncode == 2 and extrait in r.stderr and "Traceback" not in r.stderr


# --- Simulateur ---------------------------------------------------------------------------------

def test_simulateur_personas_tableau_des_voies_et_erreur_sous_le_champ():
    from widgets.simulateurs import nationalite as simulateur

    s = simulateur.SimulateurNationalite(REF)
    assert "Remplissez au moins" in s.resultat.value and s.derniere_decision is None
    for nom, valeurs in simulateur.PERSONAS.items():
        s.remplir(valeurs)
        assert s.derniere_decision.statut == simulateur.ATTENDUS[nom], nom
        assert s.voies.value.count("data-voie=") == 5 and f'data-statut="{s.derniere_decision.statut}"' in s.resultat.value
    assert "Aucune voie en vue" in s.voies.value  # Priya, carte H
    s.remplir(simulateur.PERSONAS["Tarek, Syrien marié à une Belge, à Liège"])
    assert "15 juin 2027" in s.voies.value and 'data-voie="3" data-statut="pas_encore"' in s.voies.value
    assert "Calendrier" in s.frise.value
    # chaque seuil avec sa date et sa référence ; la réforme annoncée, signalée comme non appliquée
    assert "468 jours" in s.seuils.value and "1er janvier 2013" in s.seuils.value and "NON appliquée" in s.seuils.value
    assert "150 €" in s.demarche.value and "parquet" in s.demarche.value
    # avancer la date : la voie 3° s'ouvre
    s.champs["date_reference"].valeur = D(2027, 6, 15)
    assert s.derniere_decision.statut == "voie_ouverte"
    # champ invalide : le message s'affiche sous le champ
    s.champs["jours_travail_salarie"].valeur = -3
    assert "négative" in s.champs["jours_travail_salarie"].erreur.value and s.derniere_decision is None
    s.champs["jours_travail_salarie"].valeur = 0
    s.champs["date_naissance"].valeur = D(2030, 1, 1)
    assert "dans le futur" in s.champs["date_naissance"].erreur.value
    s.remplir({})
    assert "Remplissez au moins" in s.resultat.value
