"""Le plan de trésorerie : des cas calculés à la main, des propriétés (hypothesis), les messages
d'erreur qui nomment le champ, et la ligne de commande."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets.rules import tresorerie
from widgets.rules.validation import ErreurSituation

# Le scénario du simulateur : une ASBL (fictive) dont l'avance de subside arrive avec 4 mois de retard.
SCENARIO = {
    "titre": "ASBL fictive", "solde_initial": 15000, "debut": "2026-01", "nombre_mois": 12,
    "depenses": [{"libelle": "Salaires", "montant_mensuel": 8200}, {"libelle": "Loyer", "montant_mensuel": 900},
                 {"libelle": "Fonctionnement", "montant_mensuel": 600}],
    "recettes": [{"libelle": "Participations", "montant_mensuel": 200}],
    "subsides": [{"libelle": "Subside ILI", "montant_total": 100000,
                  "tranches": [{"pourcentage": 60, "mois": 2, "retard_mois": 4}, {"pourcentage": 30, "mois": 10, "retard_mois": 2},
                               {"pourcentage": 10, "mois": 12, "retard_mois": 3}]},
                 {"libelle": "PCS", "montant_total": 24000, "tranches": [{"pourcentage": 50, "mois": 4}, {"pourcentage": 50, "mois": "2026-10"}]}],
}


def soldes(decision):
    return [l["solde_fin"] for l in decision.details["tableau"]]


def test_scenario_calcule_a_la_main():
    d = tresorerie.evaluer(SCENARIO)
    # 15 000 + 200 − 9 700 = 5 500 ; puis −9 500 par mois ; +12 000 (PCS) en avril ; +60 000 en juin.
    assert soldes(d)[:7] == [Decimal(x) for x in ("5500.00", "-4000.00", "-13500.00", "-11000.00", "-20500.00", "30000.00", "20500.00")]
    assert d.statut == "decouvert"
    assert d.details["premier_mois_negatif"]["libelle"] == "février 2026"
    assert d.details["premier_mois_negatif"]["indice"] == 2
    assert d.details["besoin_de_pont"] == Decimal("20500.00")
    assert d.details["mois_solde_minimum"]["libelle"] == "mai 2026"
    assert "février 2026" in d.libelle and "20\u202f500,00" in d.libelle
    # Sans retard, l'avance arrive en février : le compte ne descend qu'en novembre (−5 500 + ...).
    assert d.details["besoin_de_pont_sans_retard"] < d.details["besoin_de_pont"]
    codes = [m.code for m in d.motifs]
    assert "retard_0_0" in codes and "effet_des_retards" in codes
    # La dernière tranche, retardée de 3 mois après décembre, n'arrive pas pendant le plan.
    derniere = d.details["tranches"][2]
    assert derniere["hors_periode"] and derniere["libelle_effectif"] == "mars 2027"
    assert any("après la fin du plan" in m.texte for m in d.motifs)


# Le plan de Passerelles, séance 3 « Trésorerie », partie 4 (données fictives) : scénario B, l'avance
# de la Wallonie attendue en mars arrive en juin ; le solde du subside est versé l'année suivante.
PASSERELLES = {
    "solde_initial": 9000, "debut": "2027-01", "nombre_mois": 12,
    "depenses": [{"libelle": "Salaire", "montant_mensuel": 2500}, {"libelle": "Loyer", "montant_mensuel": 600},
                 {"libelle": "Activités", "montant_mensuel": 500}, {"libelle": "Secrétariat social et comptable", "montant_mensuel": 150},
                 {"libelle": "Assurances", "montant_mensuel": 1200, "premier_mois": 1, "dernier_mois": 1},
                 {"libelle": "Fête et excursion", "montant_mensuel": 1800, "premier_mois": "2027-07", "dernier_mois": "2027-07"}],
    "recettes": [{"libelle": "Participations", "montant_mensuel": 250},
                 {"libelle": "Dons", "montant_mensuel": 1000, "premier_mois": 12, "dernier_mois": 12}],
    "subsides": [{"libelle": "Wallonie, appel ILI", "montant_total": 30000,
                  "tranches": [{"pourcentage": 80, "mois": 3, "retard_mois": 3}, {"pourcentage": 20, "mois": 15}]},
                 {"libelle": "Commune", "montant_total": 6000, "tranches": [{"pourcentage": 100, "mois": 9}]}],
}
SCENARIO_B = ("4300", "800", "-2700", "-6200", "-9700", "10800", "5500", "2000", "4500", "1000", "-2500", "-5000")
SCENARIO_A = ("4300", "800", "21300", "17800", "14300", "10800", "5500", "2000", "4500", "1000", "-2500", "-5000")


def test_passerelles_scenario_b_de_la_seance_3():
    d = tresorerie.evaluer(PASSERELLES)
    assert soldes(d) == [Decimal(s) for s in SCENARIO_B]
    assert [l["sorties"] for l in d.details["tableau"]][:2] == [Decimal("4950.00"), Decimal("3750.00")]
    assert d.details["total_sorties"] == Decimal("48000.00")
    assert d.details["premier_mois_negatif"]["libelle"] == "mars 2027"
    assert d.details["besoin_de_pont"] == Decimal("9700.00") and d.details["mois_solde_minimum"]["libelle"] == "mai 2027"
    assert d.details["besoin_de_pont_sans_retard"] == Decimal("5000.00")
    assert d.details["tranches"][1]["hors_periode"] and d.details["tranches"][1]["libelle_prevu"] == "mars 2028"


def test_passerelles_scenario_a_avance_a_l_heure():
    a = {**PASSERELLES, "subsides": [{**PASSERELLES["subsides"][0], "tranches": [{"pourcentage": 80, "mois": 3}, {"pourcentage": 20, "mois": 15}]},
                                     PASSERELLES["subsides"][1]]}
    d = tresorerie.evaluer(a)
    assert soldes(d) == [Decimal(s) for s in SCENARIO_A]
    assert d.details["premier_mois_negatif"]["libelle"] == "novembre 2027"
    assert d.details["besoin_de_pont"] == Decimal("5000.00")


def test_sans_decouvert():
    d = tresorerie.evaluer({"solde_initial": "1000", "debut": "2026-09", "nombre_mois": 3,
                            "depenses": [{"libelle": "Loyer", "montant_mensuel": 300}]})
    assert d.statut == "sans_decouvert"
    assert d.details["premier_mois_negatif"] is None and d.details["besoin_de_pont"] == 0
    assert soldes(d) == [Decimal("700.00"), Decimal("400.00"), Decimal("100.00")]
    assert [l["libelle"] for l in d.details["tableau"]] == ["septembre 2026", "octobre 2026", "novembre 2026"]


def test_passage_d_annee_et_mois_en_texte():
    d = tresorerie.evaluer({"debut": "2026-11", "nombre_mois": 3, "solde_initial": 0,
                            "recettes": [{"libelle": "Cotisations", "montant_mensuel": 10, "premier_mois": "2027-01"}]})
    assert [l["mois"] for l in d.details["tableau"]] == ["2026-11", "2026-12", "2027-01"]
    assert [l["entrees"] for l in d.details["tableau"]] == [0, 0, Decimal("10.00")]


def test_premier_et_dernier_mois_d_une_depense():
    d = tresorerie.evaluer({"debut": "2026-01", "nombre_mois": 4, "solde_initial": 100,
                            "depenses": [{"libelle": "Formation", "montant_mensuel": 50, "premier_mois": 2, "dernier_mois": 3}]})
    assert [l["sorties"] for l in d.details["tableau"]] == [0, Decimal("50.00"), Decimal("50.00"), 0]
    assert soldes(d)[-1] == Decimal("0.00")
    assert d.statut == "sans_decouvert"  # zéro n'est pas négatif


def test_tranches_arrondies_au_centime_et_total_exact():
    d = tresorerie.evaluer({"debut": "2026-01", "nombre_mois": 3, "solde_initial": 0,
                            "subsides": [{"libelle": "S", "montant_total": "100.00",
                                          "tranches": [{"pourcentage": "33.33", "mois": 1}, {"pourcentage": "33.33", "mois": 2},
                                                       {"pourcentage": "33.34", "mois": 3}]}]})
    montants = [t["montant"] for t in d.details["tranches"]]
    assert montants == [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]
    assert sum(montants) == Decimal("100.00")
    d = tresorerie.evaluer({"debut": "2026-01", "nombre_mois": 3, "solde_initial": 0,
                            "subsides": [{"libelle": "S", "montant_total": "1000.00",
                                          "tranches": [{"pourcentage": 1, "mois": 1}, {"pourcentage": 2, "mois": 2}, {"pourcentage": 97, "mois": 3}]}]})
    assert sum(t["montant"] for t in d.details["tranches"]) == Decimal("1000.00")


def test_pourcentages_incomplets_signales():
    d = tresorerie.evaluer({"debut": "2026-01", "nombre_mois": 3, "solde_initial": 0,
                            "subsides": [{"libelle": "S", "montant_total": 1000, "tranches": [{"pourcentage": 80, "mois": 1}]}]})
    assert soldes(d)[-1] == Decimal("800.00")
    assert any(m.code == "non_planifie_0" and "200,00" in m.texte for m in d.motifs)


def test_montants_belges_et_json_sans_float():
    d = tresorerie.evaluer({"debut": "2026-01", "nombre_mois": 1, "solde_initial": "1 234,56 €",
                            "depenses": [{"libelle": "x", "montant_mensuel": Decimal("0.10")}, {"libelle": "y", "montant_mensuel": "0,20"}]})
    assert soldes(d) == [Decimal("1234.26")]
    assert all(isinstance(v, Decimal) for l in d.details["tableau"] for v in (l["entrees"], l["sorties"], l["solde_fin"]))


# --- Erreurs : un message français qui nomme le champ ---

def _plan(**modif):
    base = {"debut": "2026-01", "nombre_mois": 6, "solde_initial": 0}
    base.update(modif)
    return base


@pytest.mark.parametrize("plan,champ,extrait", [
    (_plan(depenses=[{"libelle": "Loyer", "montant_mensuel": -800}]), "depenses.0.montant_mensuel", "négatif"),
    (_plan(subsides=[{"libelle": "S", "montant_total": -1, "tranches": [{"pourcentage": 10, "mois": 1}]}]), "subsides.0.montant_total", "négatif"),
    (_plan(subsides=[{"libelle": "S", "montant_total": 100, "tranches": [{"pourcentage": 50, "mois": 1}, {"pourcentage": 130, "mois": 2}]}]),
     "subsides.0.tranches.1.pourcentage", "entre 0 et 100"),
    (_plan(subsides=[{"libelle": "S", "montant_total": 100, "tranches": [{"pourcentage": 60, "mois": 1}, {"pourcentage": 50, "mois": 2}]}]),
     "subsides.0.tranches", "110 %"),
    (_plan(subsides=[{"libelle": "S", "montant_total": 100, "tranches": [{"pourcentage": 0, "mois": 1}]}]), "subsides.0.tranches.0.pourcentage", "plus de 0"),
    (_plan(subsides=[{"libelle": "S", "montant_total": 100, "tranches": [{"pourcentage": 50, "mois": 0}]}]), "subsides.0.tranches.0.mois", "n'existe pas"),
    (_plan(subsides=[{"libelle": "S", "montant_total": 100, "tranches": [{"pourcentage": 50, "mois": 43}]}]), "subsides.0.tranches.0.mois", "36 mois après la fin du plan"),
    (_plan(subsides=[{"libelle": "S", "montant_total": 100, "tranches": [{"pourcentage": 50, "mois": 1, "retard_mois": -2}]}]),
     "subsides.0.tranches.0.retard_mois", "au moins 0"),
    (_plan(subsides=[{"libelle": "S", "montant_total": 100, "tranches": []}]), "subsides.0.tranches", "au moins une tranche"),
    (_plan(depenses=[{"libelle": "x", "montant_mensuel": 5, "premier_mois": 4, "dernier_mois": 2}]), "depenses.0.dernier_mois", "avant le premier"),
    (_plan(recettes=[{"libelle": "x", "montant_mensuel": 5, "premier_mois": "2025-12"}]), "recettes.0.premier_mois", "pas dans le plan"),
    (_plan(recettes=[{"libelle": "x", "montant_mensuel": 5, "premier_mois": "juin"}]), "recettes.0.premier_mois", "n'est pas un mois"),
    (_plan(debut="2026-13"), "debut", "AAAA-MM"),
    (_plan(debut="janvier"), "debut", "AAAA-MM"),
    (_plan(nombre_mois=0), "nombre_mois", "au moins 1"),
    (_plan(nombre_mois=61), "nombre_mois", "au plus 60"),
    (_plan(solde_initial="beaucoup"), "solde_initial", "n'est pas un montant"),
    (_plan(depenses=[{"libelle": "x", "montant_mensuel": "12.345"}]), "depenses.0.montant_mensuel", "deux décimales"),
    (_plan(inconnu=1), "inconnu", "champ inconnu"),
])
def test_erreurs_nomment_le_champ(plan, champ, extrait):
    with pytest.raises(ErreurSituation) as exc:
        tresorerie.evaluer(plan)
    messages = exc.value.par_champ()
    assert champ in messages, messages
    assert extrait in messages[champ]


def test_plan_qui_n_est_pas_un_objet():
    with pytest.raises(ErreurSituation) as exc:
        tresorerie.evaluer([1, 2])
    assert "objet JSON" in exc.value.message()


# --- Propriétés ---

montants = st.decimals(min_value=0, max_value=50000, places=2)
flux = st.fixed_dictionaries({"libelle": st.just("flux"), "montant_mensuel": montants},
                             optional={"premier_mois": st.integers(1, 6), "dernier_mois": st.integers(6, 12)})


@st.composite
def plans(draw):
    n = 12
    subsides = []
    for i in range(draw(st.integers(0, 3))):
        k = draw(st.integers(1, 4))
        parts = draw(st.lists(st.integers(1, 100), min_size=k, max_size=k).filter(lambda p: sum(p) <= 100))
        subsides.append({"libelle": f"S{i}", "montant_total": draw(montants),
                         "tranches": [{"pourcentage": p, "mois": draw(st.integers(1, n)), "retard_mois": draw(st.integers(0, 8))} for p in parts]})
    return {"solde_initial": draw(st.decimals(min_value=-20000, max_value=50000, places=2)), "debut": "2026-01", "nombre_mois": n,
            "depenses": draw(st.lists(flux, max_size=4)), "recettes": draw(st.lists(flux, max_size=3)), "subsides": subsides}


REGLAGES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@REGLAGES
@given(plans())
def test_le_solde_est_le_solde_initial_plus_les_flux(plan):
    d = tresorerie.evaluer(plan)
    cumul = Decimal(plan["solde_initial"])
    for ligne in d.details["tableau"]:
        cumul += ligne["entrees"] - ligne["sorties"]
        assert ligne["solde_fin"] == cumul
    assert d.details["solde_final"] == Decimal(plan["solde_initial"]) + d.details["total_entrees"] - d.details["total_sorties"]


@REGLAGES
@given(plans())
def test_montants_toujours_decimaux_au_centime(plan):
    d = tresorerie.evaluer(plan)
    for ligne in d.details["tableau"]:
        for cle in ("entrees", "sorties", "solde_fin"):
            v = ligne[cle]
            assert isinstance(v, Decimal) and not isinstance(v, float)
            assert v == v.quantize(Decimal("0.01"))
    assert isinstance(d.details["besoin_de_pont"], Decimal)


@REGLAGES
@given(plans())
def test_sans_retard_jamais_plus_de_pont_qu_avec_retards(plan):
    sans = {**plan, "subsides": [{**s, "tranches": [{**t, "retard_mois": 0} for t in s["tranches"]]} for s in plan["subsides"]]}
    avec, sans_retard = tresorerie.evaluer(plan), tresorerie.evaluer(sans)
    assert sans_retard.details["besoin_de_pont"] <= avec.details["besoin_de_pont"]
    assert avec.details["besoin_de_pont_sans_retard"] == sans_retard.details["besoin_de_pont"]


@REGLAGES
@given(plans())
def test_besoin_de_pont_et_premier_mois_coherents(plan):
    d = tresorerie.evaluer(plan)
    minimum = min(soldes(d))
    assert d.details["besoin_de_pont"] == max(-minimum, Decimal(0))
    premier = d.details["premier_mois_negatif"]
    assert (premier is None) == (minimum >= 0) == (d.statut == "sans_decouvert")
    if premier:
        assert all(s >= 0 for s in soldes(d)[: premier["indice"] - 1]) and soldes(d)[premier["indice"] - 1] < 0


# --- Ligne de commande ---

def _cli(tmp_path, contenu: str):
    f = tmp_path / "plan.json"
    f.write_text(contenu, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "widgets.rules.tresorerie", str(f)], capture_output=True, text=True)


def test_cli_json_entree_et_sortie(tmp_path):
    r = _cli(tmp_path, json.dumps(SCENARIO))
    assert r.returncode == 0, r.stderr
    sortie = json.loads(r.stdout)
    assert sortie["statut"] == "decouvert"
    assert sortie["details"]["premier_mois_negatif"]["mois"] == "2026-02"
    assert sortie["details"]["besoin_de_pont"] == "20500.00"
    assert len(sortie["details"]["tableau"]) == 12


def test_cli_lit_les_decimaux_sans_float(tmp_path):
    r = _cli(tmp_path, '{"debut": "2026-01", "nombre_mois": 1, "solde_initial": 0.3, "depenses": [{"libelle": "x", "montant_mensuel": 0.1}]}')
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["details"]["tableau"][0]["solde_fin"] == "0.20"


@pytest.mark.parametrize("contenu,extrait", [
    ('{"debut": "2026-01", "nombre_mois": 3, "subsides": [{"libelle": "S", "montant_total": 10, "tranches": [{"pourcentage": 101, "mois": 1}]}]}',
     "subsides.0.tranches.0.pourcentage"),
    ('{"debut": "2026-01", "nombre_mois": 3, "depenses": [{"libelle": "x", "montant_mensuel": -1}]}', "négatif"),
    ('{"debut": "2026-01"', "JSON invalide"),
    ('"plan"', "objet JSON"),
])
def test_cli_erreurs_sans_trace_python(tmp_path, contenu, extrait):
    r = _cli(tmp_path, contenu)
    assert r.returncode == 2
    assert extrait in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
