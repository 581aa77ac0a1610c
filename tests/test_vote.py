"""Le droit de vote des personnes étrangères aux élections communales : cas tirés de
docs/faits-verifies.md § 5 (élections du 13 octobre 2024), limites exactes, propriétés, ligne de commande."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.rules import legislation, vote
from widgets.rules.validation import ErreurSituation

D = dt.date
E2024 = D(2024, 10, 13)
JUIN_2024 = D(2024, 6, 1)
HORS_UE = {"nationalite": "MA", "date_naissance": "1985-01-09", "commune": "Liège", "date_debut_sejour_legal": "2015-06-15"}
UE = {"nationalite": "PT", "date_naissance": "1992-04-18", "commune": "Namur"}


def evaluer(situation, aujourdhui=JUIN_2024, election=E2024, **changements):
    return vote.evaluer({**situation, **changements}, election, aujourdhui=aujourdhui)


def test_parametres_dates_et_references():
    bareme = legislation.charger("vote")
    for nom, p in bareme.parametres.items():
        assert p.valeurs and all(v.reference for v in p.valeurs), nom
    e = vote.elections()
    assert e[0] == {**e[0], "jour": E2024, "limite_demande": D(2024, 7, 31), "registres": D(2024, 8, 1)}
    assert e[0]["incertain"] is None and e[1]["incertain"]  # 2024 confirmé (docs/faits-verifies.md), 2030 déduit et dit incertain
    assert "18 octobre" not in json.dumps([str(x) for x in e])  # la date fausse d'un site officiel n'est pas reprise


@pytest.mark.parametrize("nom, situation, aujourdhui, statut, code", [
    ("Belge : inscrit d'office", {**UE, "nationalite": "BE"}, JUIN_2024, "belge", "belge"),
    ("Citoyenne UE, aucune durée de séjour exigée", {**UE, "date_inscription_registre": "2024-05-01"}, JUIN_2024, "peut_demander", "conditions"),
    ("Hors UE, séjour légal depuis 2015", HORS_UE, JUIN_2024, "peut_demander", "conditions"),
    ("Hors UE arrivé en 2022 : pas 5 ans au 31 juillet 2024", {**HORS_UE, "date_debut_sejour_legal": "2022-03-21"}, JUIN_2024, "non_remplies", "sejour_5_ans"),
    ("Registre d'attente (protection internationale)", {**HORS_UE, "registre": "attente"}, JUIN_2024, "non_remplies", "registre"),
    ("Privé de ses droits politiques", {**HORS_UE, "prive_droits_politiques": True}, JUIN_2024, "exclu", "droits_politiques"),
    ("Après le 31 juillet 2024 : trop tard", HORS_UE, D(2024, 8, 1), "trop_tard", "delai"),
    ("Déjà inscrit en 2018 : l'inscription reste valable", {**HORS_UE, "deja_inscrit_electeur": True}, D(2024, 9, 1), "inscrit", "deja_inscrit"),
    ("Britannique après le Brexit : condition des 5 ans", {**HORS_UE, "nationalite": "GB", "date_debut_sejour_legal": "2021-01-10"}, JUIN_2024, "non_remplies", "sejour_5_ans"),
    ("Norvégien : l'EEE n'est pas l'UE", {**HORS_UE, "nationalite": "NO", "date_debut_sejour_legal": "2021-01-10"}, JUIN_2024, "non_remplies", "sejour_5_ans"),
])
def test_table_de_cas(nom, situation, aujourdhui, statut, code):
    d = evaluer(situation, aujourdhui)
    assert d.statut == statut, nom
    assert code in [m.code for m in d.motifs]
    assert all(m.reference for m in d.motifs) and any(e.decisive for e in d.trace) or statut == "peut_demander"


@pytest.mark.parametrize("debut, statut", [("2019-07-31", "peut_demander"), ("2019-08-01", "non_remplies")])
def test_cinq_ans_de_sejour_au_31_juillet_2019_au_plus_tard(debut, statut):
    # docs/faits-verifies.md : « pour 2024 : séjour légal depuis le 31 juillet 2019 au plus tard »
    assert evaluer(HORS_UE, date_debut_sejour_legal=debut).statut == statut


@pytest.mark.parametrize("naissance, statut", [("2006-10-13", "peut_demander"), ("2006-10-14", "non_remplies")])
def test_dix_huit_ans_le_jour_de_l_election(naissance, statut):
    assert evaluer(UE, date_naissance=naissance).statut == statut


@pytest.mark.parametrize("inscription, statut", [("2024-08-01", "trop_tard"), ("2024-08-02", "non_remplies")])
def test_inscrit_au_registre_au_1er_aout(inscription, statut):
    # en septembre, toute demande est tardive ; mais une inscription au registre après le 1er août
    # est un manque en soi, que la décision doit nommer
    d = evaluer(UE, aujourdhui=D(2024, 9, 1), date_inscription_registre=inscription)
    assert d.statut == statut
    if statut == "non_remplies":
        assert [m.code for m in d.motifs] == ["registre"] and "1er août 2024" in d.motifs[0].texte


def test_dernier_jour_de_la_demande():
    assert evaluer(HORS_UE, aujourdhui=D(2024, 7, 31)).statut == "peut_demander"
    trop_tard = evaluer(HORS_UE, aujourdhui=D(2024, 8, 1))
    assert "13 octobre 2030" in trop_tard.motifs[0].texte  # l'élection suivante est indiquée


def test_que_faire_et_calendrier():
    d = evaluer(HORS_UE)
    a_faire = " ".join(d.details["a_faire"])
    assert "inscription.elections.fgov.be" in a_faire and "Constitution" in a_faire and "Convention européenne" in a_faire
    assert "obligatoire" in a_faire
    dates = [e.date for e in d.details["echeances"]]
    assert dates == sorted(dates) and {D(2024, 7, 31), D(2024, 8, 1), E2024} <= set(dates)
    assert "Constitution" not in " ".join(evaluer(UE).details["a_faire"])  # pas de déclaration pour un citoyen de l'UE
    assert "provinciales" in d.details["provinciales"]


def test_ana_pourra_demander_a_partir_de_ses_cinq_ans_pour_2030():
    d = vote.evaluer({**HORS_UE, "date_debut_sejour_legal": "2022-03-21", "date_inscription_registre": "2022-03-21"}, aujourdhui=D(2026, 11, 30))
    assert d.details["election"]["jour"] == D(2030, 10, 13)
    assert d.statut == "peut_demander" and "entre le 21 mars 2027 et le 31 juillet 2030" in d.motifs[0].texte
    assert any("2030" in a and "déduites" in a for a in d.avertissements)  # dates de 2030 dites incertaines


def test_flandre_pas_de_vote_obligatoire_et_prudence_hors_wallonie():
    d = vote.evaluer({**HORS_UE, "commune": "Gent", "deja_inscrit_electeur": True}, aujourdhui=D(2026, 11, 30))
    assert d.statut == "inscrit" and d.details["vote_obligatoire"] is False
    assert any("n'est pas en Wallonie" in a for a in d.avertissements)
    assert evaluer({**HORS_UE, "deja_inscrit_electeur": True}).details["vote_obligatoire"] is True
    eupen = evaluer({**HORS_UE, "commune": "Eupen"})
    assert any("Communauté germanophone" in a for a in eupen.avertissements)


@pytest.mark.parametrize("changement, champ, extrait", [
    ({"nationalite": "ZZ"}, "nationalite", "code de pays"),
    ({"date_naissance": "2030-01-01"}, "date_naissance", "dans le futur"),
    ({"commune": "Atlantide"}, "commune", "commune inconnue"),
    ({"registre": "inconnu"}, "registre", ""),
    ({"date_debut_sejour_legal": "1980-01-01"}, "date_debut_sejour_legal", "précède la date de naissance"),
    ({"election": "2027-10-10"}, "election", "pas d'élection communale le 10 octobre 2027"),
])
def test_erreurs_en_francais_par_champ(changement, champ, extrait):
    with pytest.raises(ErreurSituation) as exc:
        vote.evaluer({**HORS_UE, **changement}, aujourdhui=JUIN_2024)
    assert champ in exc.value.par_champ() and extrait in exc.value.par_champ()[champ]


def test_aucune_election_connue_apres_2030():
    with pytest.raises(ErreurSituation) as exc:
        vote.evaluer(HORS_UE, aujourdhui=D(2031, 1, 1))
    assert "mettre à jour" in exc.value.par_champ()["election"]


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2024, 5, 31)))
def test_propriete_hors_ue_peut_demander_si_et_seulement_si_cinq_ans_au_31_juillet(debut):
    d = evaluer(HORS_UE, date_debut_sejour_legal=debut.isoformat())
    assert (d.statut == "peut_demander") == (debut + relativedelta(years=5) <= D(2024, 7, 31))
    assert d.statut in vote.STATUTS and d.motifs


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["PT", "IT", "FR", "PL", "RO"]), st.dates(min_value=D(1930, 1, 1), max_value=D(2006, 10, 13)))
def test_propriete_citoyen_ue_majeur_peut_toujours_demander_avant_la_date_limite(code, naissance):
    assert evaluer(UE, nationalite=code, date_naissance=naissance.isoformat()).statut == "peut_demander"


def _cli(tmp_path, contenu, *args):
    f = tmp_path / "situation.json"
    f.write_text(contenu, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "widgets.rules.vote", str(f), *args], capture_output=True, text=True)


def test_cli_json(tmp_path):
    r = _cli(tmp_path, json.dumps({**HORS_UE, "election": "2024-10-13"}), "--date", "2024-06-01")
    assert r.returncode == 0, r.stderr
    sortie = json.loads(r.stdout)
    assert sortie["statut"] == "peut_demander" and sortie["details"]["election"]["limite_demande"] == "2024-07-31"
    assert sortie["motifs"][0]["reference"] and sortie["trace"]


@pytest.mark.parametrize("contenu, extrait", [
    ('{"nationalite": "MA", "commune": "Liège"}', "date_naissance"),
    ('{"nationalite": "MA", ', "JSON invalide"),
])
def test_cli_erreurs_sans_trace_python(tmp_path, contenu, extrait):
    r = _cli(tmp_path, contenu, "--date", "2024-06-01")
    assert r.returncode == 2 and extrait in r.stderr and "Traceback" not in r.stderr


def test_simulateur_personas_et_erreur_sous_le_champ():
    from widgets.simulateurs import vote as simulateur

    s = simulateur.SimulateurVote(D(2026, 11, 30))
    assert "Remplissez au moins" in s.resultat.value
    attendus = {"Sofia": "peut_demander", "Youssef": "peut_demander", "Ana": "peut_demander"}  # pour 2030
    for nom, valeurs in simulateur.PERSONAS.items():
        s.remplir(valeurs)
        assert s.derniere_decision.statut == attendus[nom.split(",")[0]]
    assert "entre le 21 mars 2027" in s.resultat.value  # Ana : à partir de ses 5 ans de séjour
    s.champs["election"].valeur, s.champs["aujourdhui"].valeur = E2024, JUIN_2024  # rejouer 2024
    assert s.derniere_decision.statut == "non_remplies" and 'data-statut="non_remplies"' in s.resultat.value
    assert "Calendrier de l&#x27;élection" in s.frise.value and "31 juillet 2024" in s.a_faire.value
    s.champs["date_naissance"].valeur = D(2025, 1, 1)
    assert "dans le futur" in s.champs["date_naissance"].erreur.value and s.derniere_decision is None
