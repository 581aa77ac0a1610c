"""La taille d'une ASBL (CSA) : une table de cas (chacun cite docs/faits-verifies.md §6), la règle des
deux exercices consécutifs, les obligations, des propriétés (hypothesis), les messages d'erreur et
la ligne de commande."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets.rules import asbl, legislation
from widgets.rules.cli import en_json
from widgets.rules.validation import ErreurSituation

D = dt.date.fromisoformat
AUJOURDHUI = D("2026-11-22")


def _espaces(texte: str) -> str:
    """Les espaces insécables (milliers, avant « € ») en espaces simples, pour comparer."""
    return texte.replace("\u202f", " ").replace("\xa0", " ")


def evaluer(date: str = "2026-11-22", **situation):
    return asbl.evaluer(situation, D(date))


# (identifiant, source, chiffres, date de référence, statut attendu, catégorie CSA attendue)
CAS = [
    ("ILI de quartier, 2 ETP", "docs/faits-verifies.md §6.1 : aucun critère dépassé",
     {"etp_moyen": 2, "recettes": 150000, "total_bilan": 80000}, "2026-11-22", "tres_petite", "micro"),
    ("exactement aux seuils de la comptabilité simplifiée", "docs/faits-verifies.md §6.1 : « ne dépasse pas » (égal n'est pas dépasser)",
     {"etp_moyen": 5, "recettes": 391000, "total_bilan": 1562000, "dettes": 1562000}, "2026-11-22", "tres_petite", "micro"),
    ("un centime et un centième d'ETP de trop", "docs/faits-verifies.md §6.1 : deux critères dépassés",
     {"etp_moyen": "5.01", "recettes": "391000.01", "total_bilan": 100000}, "2026-11-22", "micro", "micro"),
    ("un seul critère simplifié dépassé (recettes)", "docs/faits-verifies.md §6.1 : pas plus d'un critère",
     {"etp_moyen": 4, "recettes": 500000, "total_bilan": 300000, "dettes": 100000}, "2026-11-22", "tres_petite", "micro"),
    ("dettes et recettes au-delà du simplifié", "docs/faits-verifies.md §6.1 : avoirs et dettes 1 562 000 €",
     {"etp_moyen": 4, "recettes": 500000, "total_bilan": 1000000, "dettes": 1600000}, "2026-11-22", "micro", "micro"),
    ("centre de formation, 12,5 ETP", "docs/faits-verifies.md §6.1 : micro 10 ETP / 900 000 € / 450 000 €",
     {"etp_moyen": "12.5", "recettes": 950000, "total_bilan": 500000}, "2026-11-22", "petite", "petite"),
    ("mêmes chiffres en 2023 (anciens seuils micro)", "docs/faits-verifies.md §6.1 : micro 700 000 € / 350 000 € avant l'AR du 25 mai 2024",
     {"etp_moyen": 6, "recettes": 800000, "total_bilan": 400000}, "2023-06-01", "petite", "petite"),
    ("mêmes chiffres en 2026 (nouveaux seuils micro)", "docs/faits-verifies.md §6.1 : micro 900 000 € / 450 000 € depuis 2024",
     {"etp_moyen": 6, "recettes": 800000, "total_bilan": 400000}, "2026-06-01", "micro", "micro"),
    ("exercice commencé le 1er juillet 2023 (anciens seuils)", "docs/faits-verifies.md §6.1 : exercices commençant après le 31 décembre 2023",
     {"etp_moyen": 6, "recettes": 800000, "total_bilan": 400000, "debut_exercice": "2023-07-01"}, "2024-03-01", "petite", "petite"),
    ("exercice commencé le 1er janvier 2024 (nouveaux seuils)", "docs/faits-verifies.md §6.1 : exercices commençant après le 31 décembre 2023",
     {"etp_moyen": 6, "recettes": 800000, "total_bilan": 400000, "debut_exercice": "2024-01-01"}, "2024-03-01", "micro", "micro"),
    ("grande structure, 60 ETP et 12 M€", "docs/faits-verifies.md §6.1 : petite 50 ETP / 11 250 000 € / 6 000 000 €",
     {"etp_moyen": 60, "recettes": 12000000, "total_bilan": 1000000}, "2026-11-22", "autre_que_petite", "autre_que_petite"),
    ("60 ETP et 10 M€ en 2026 : un seul critère", "docs/faits-verifies.md §6.1 : 11 250 000 € depuis 2024",
     {"etp_moyen": 60, "recettes": 10000000, "total_bilan": 1000000}, "2026-11-22", "petite", "petite"),
    ("60 ETP et 10 M€ en 2023 : deux critères", "docs/faits-verifies.md §6.1 : 9 000 000 € avant 2024",
     {"etp_moyen": 60, "recettes": 10000000, "total_bilan": 1000000}, "2023-11-22", "autre_que_petite", "autre_que_petite"),
    ("bilan de 6 M€ tout juste (2026)", "docs/faits-verifies.md §6.1 : 6 000 000 € non dépassé",
     {"etp_moyen": 60, "recettes": 1000000, "total_bilan": 6000000}, "2026-11-22", "petite", "petite"),
    ("bilan de 6 M€ en 2023", "docs/faits-verifies.md §6.1 : 4 500 000 € avant 2024",
     {"etp_moyen": 60, "recettes": 1000000, "total_bilan": 6000000}, "2023-11-22", "autre_que_petite", "autre_que_petite"),
]


@pytest.mark.parametrize("nom,source,chiffres,date,statut,categorie", CAS, ids=[c[0] for c in CAS])
def test_table_de_cas(nom, source, chiffres, date, statut, categorie):
    d = evaluer(date, **chiffres)
    assert d.statut == statut, f"{nom} ({source}) : {d.libelle}"
    assert d.details["categorie_csa"] == categorie
    assert d.details["comptabilite_simplifiee"] == (statut == "tres_petite")


def test_motifs_citent_seuils_et_valeurs():
    d = evaluer(etp_moyen="12.5", recettes=950000, total_bilan=500000)
    texte = _espaces(" ".join(m.texte for m in d.motifs))
    for attendu in ("12,5 ETP", "10 ETP", "950 000,00 €", "900 000,00 €", "500 000,00 €", "450 000,00 €", "11 250 000,00 €"):
        assert attendu in texte, attendu
    assert all(m.reference for m in d.motifs)
    assert any("1:28" in m.reference for m in d.motifs)
    assert any(e.decisive for e in d.trace)


def test_seuils_en_vigueur_dates_et_references():
    avant = {s["niveau"]: s for s in evaluer("2023-11-22", etp_moyen=1, recettes=1, total_bilan=1).details["seuils"]}
    apres = {s["niveau"]: s for s in evaluer("2026-11-22", etp_moyen=1, recettes=1, total_bilan=1).details["seuils"]}
    seuil = lambda s, code: next(c["seuil"] for c in s["criteres"] if c["code"] == code)  # noqa: E731
    assert seuil(avant["petite"], "recettes") == 9000000 and seuil(apres["petite"], "recettes") == 11250000
    assert seuil(avant["petite"], "bilan") == 4500000 and seuil(apres["petite"], "bilan") == 6000000
    assert seuil(avant["micro"], "recettes") == 700000 and seuil(apres["micro"], "recettes") == 900000
    assert seuil(avant["micro"], "bilan") == 350000 and seuil(apres["micro"], "bilan") == 450000
    assert seuil(avant["simplifiee"], "recettes") == 334500 and seuil(apres["simplifiee"], "recettes") == 391000
    assert seuil(avant["simplifiee"], "dettes") == 1337000 and seuil(apres["simplifiee"], "dettes") == 1562000
    assert apres["petite"]["depuis"] == D("2024-01-01") and "25 mai 2024" in apres["petite"]["reference"]
    assert "24 mai" in apres["petite"]["incertain"]
    assert "28 mars 2024" in apres["simplifiee"]["reference"]
    assert avant["petite"]["depuis"] == D("2019-05-01")


def test_parametres_dates_et_references():
    bareme = legislation.charger("asbl")
    for nom, p in bareme.parametres.items():
        dates = [v.depuis for v in p.valeurs]
        assert dates == sorted(dates) and len(set(dates)) == len(dates), nom
        assert all(len(v.reference) > 10 for v in p.valeurs), nom
    assert bareme.valeur("commissaire_autre_que_petite", D("2026-01-01")).incertain


# --- Deux exercices consécutifs (docs/faits-verifies.md §6.1 : « Changes apply after two consecutive financial years ») ---

MICRO = {"etp_moyen": 8, "recettes": 600000, "total_bilan": 300000}
PETITE = {"etp_moyen": 12, "recettes": 950000, "total_bilan": 500000}
AUTRE = {"etp_moyen": 60, "recettes": 12000000, "total_bilan": 7000000}


@pytest.mark.parametrize("nom,dernier,precedents,statut", [
    ("un seul exercice au-dessus des seuils micro : reste micro", PETITE, [MICRO], "micro"),
    ("deux exercices au-dessus : devient petite", PETITE, [PETITE, MICRO], "petite"),
    ("trois exercices au-dessus : petite", PETITE, [PETITE, PETITE, MICRO], "petite"),
    ("au-dessus, en dessous, au-dessus : reste micro", PETITE, [MICRO, PETITE, MICRO], "micro"),
    ("un seul exercice sous les seuils petite : reste autre que petite", PETITE, [AUTRE], "autre_que_petite"),
    ("deux exercices sous les seuils petite : redevient petite", PETITE, [PETITE, AUTRE], "petite"),
    ("deux exercices sous les seuils micro après une période petite : micro", MICRO, [MICRO, PETITE], "micro"),
    ("historique stable", MICRO, [MICRO, MICRO], "micro"),
])
def test_deux_exercices_consecutifs(nom, dernier, precedents, statut):
    d = evaluer(**dernier, exercices_precedents=precedents)
    assert d.details["categorie_csa"] == statut, nom
    regle = next(m for m in d.motifs if m.code == "deux_exercices")
    assert "2 exercices consécutifs" in regle.texte


def test_sans_historique_le_kit_dit_qu_il_juge_un_seul_exercice():
    d = evaluer(**PETITE)
    regle = next(m for m in d.motifs if m.code == "deux_exercices")
    assert "juge ici un seul exercice" in regle.texte and "deux exercices consécutifs" in regle.texte
    assert "exercices consécutifs" in d.details["regle_deux_exercices"]


def test_categorie_maintenue_est_expliquee():
    d = evaluer(**PETITE, exercices_precedents=[MICRO])
    assert d.details["categorie_selon_le_dernier_exercice"] == "petite"
    assert d.statut == "micro"
    textes = " ".join(m.texte for m in d.motifs)
    assert "garde sa catégorie" in textes and "ne suffisent pas" in textes


def test_comptabilite_simplifiee_suit_aussi_la_regle():
    tres_petite = {"etp_moyen": 2, "recettes": 100000, "total_bilan": 50000}
    assert evaluer(**MICRO, exercices_precedents=[tres_petite]).statut == "tres_petite"
    assert evaluer(**MICRO, exercices_precedents=[MICRO, tres_petite]).statut == "micro"


# --- Obligations (docs/faits-verifies.md §6.2 et §6.3) ---

def _obligations(d):
    return {o["code"]: o for o in d.details["obligations"]}


def test_obligations_tres_petite():
    o = _obligations(evaluer(etp_moyen=2, recettes=150000, total_bilan=80000))
    assert "greffe du tribunal de l'entreprise" in o["depot"]["texte"] and "gratuitement" in o["depot"]["texte"]
    assert "simplifiée" in o["comptabilite"]["texte"]
    assert "Pas de commissaire" in o["commissaire"]["texte"]
    assert "Pas de rapport de gestion" in o["rapport_gestion"]["texte"]


def test_obligations_autre_que_petite():
    d = evaluer(**AUTRE)
    o = _obligations(d)
    assert "Banque nationale" in o["depot"]["texte"] and "30 jours" in o["depot"]["texte"]
    assert "approbation par l'assemblée générale" in o["depot"]["texte"]
    assert "Schéma complet" in o["schema"]["texte"]
    assert "commissaire doit" in o["commissaire"]["texte"] and o["commissaire"]["incertain"]
    assert "rapport de gestion" in o["rapport_gestion"]["texte"] and "Pas" not in o["rapport_gestion"]["texte"]
    assert any("commissaire" in a for a in d.avertissements)


@pytest.mark.parametrize("chiffres", [{"etp_moyen": 2, "recettes": 1, "total_bilan": 1}, MICRO, PETITE, AUTRE])
def test_registre_ubo_pour_toute_asbl(chiffres):
    ubo = _obligations(evaluer(**chiffres))["ubo"]
    assert "dans le mois" in ubo["texte"] and "chaque année" in ubo["texte"]
    assert "administrateurs" in ubo["texte"] and "radiée d'office" in ubo["texte"]
    assert "III.42" in ubo["reference"]
    assert all(o["reference"] for o in _obligations(evaluer(**chiffres)).values())


def test_avertissements_et_hypotheses():
    d = evaluer("2024-06-01", etp_moyen=4, recettes=500000, total_bilan=300000)
    assert any("31 décembre 2023" in a and "CNC" in a for a in d.avertissements)
    assert any("24 mai 2024" in a for a in d.avertissements)
    assert any("dettes" in h.lower() and "supposé" in h for h in d.details["hypotheses"])
    assert any("année civile" in h for h in d.details["hypotheses"])
    assert any("1er janvier 2020" in a for a in evaluer("2019-09-01", **MICRO).avertissements)


# --- Erreurs de saisie ---

@pytest.mark.parametrize("chiffres,champ,extrait", [
    ({"etp_moyen": -1, "recettes": 1, "total_bilan": 1}, "etp_moyen", "négative"),
    ({"etp_moyen": 1, "recettes": -1, "total_bilan": 1}, "recettes", "négatif"),
    ({"etp_moyen": "beaucoup", "recettes": 1, "total_bilan": 1}, "etp_moyen", "un nombre est attendu"),
    ({"etp_moyen": 1, "recettes": "1.234.5", "total_bilan": 1}, "recettes", "n'est pas un montant"),
    ({"etp_moyen": 1, "recettes": 1}, "total_bilan", "obligatoire"),
    ({"etp_moyen": 1, "recettes": 1, "total_bilan": 1, "couleur": "bleu"}, "couleur", "champ inconnu"),
    ({"etp_moyen": 1, "recettes": 1, "total_bilan": 1, "exercices_precedents": [{"etp_moyen": 1, "recettes": 1}]},
     "exercices_precedents.0.total_bilan", "obligatoire"),
    ({"etp_moyen": 1, "recettes": 1, "total_bilan": 1, "debut_exercice": "2018-01-01"}, "debut_exercice", "1er mai 2019"),
    ({"etp_moyen": 1, "recettes": 1, "total_bilan": 1, "debut_exercice": "01/01/2025"}, "debut_exercice", "AAAA-MM-JJ"),
])
def test_erreurs_en_francais_par_champ(chiffres, champ, extrait):
    with pytest.raises(ErreurSituation) as exc:
        asbl.evaluer(chiffres, AUJOURDHUI)
    messages = exc.value.par_champ()
    assert champ in messages, messages
    assert extrait in messages[champ]


def test_date_avant_le_csa():
    with pytest.raises(ErreurSituation) as exc:
        evaluer("2018-12-31", **MICRO)
    assert "date_reference" in exc.value.par_champ()


# --- Propriétés ---

chiffres = st.fixed_dictionaries({
    "etp_moyen": st.decimals(min_value=0, max_value=500, places=2),
    "recettes": st.decimals(min_value=0, max_value=30_000_000, places=2),
    "total_bilan": st.decimals(min_value=0, max_value=20_000_000, places=2),
}, optional={"dettes": st.decimals(min_value=0, max_value=5_000_000, places=2),
             "total_actifs": st.decimals(min_value=0, max_value=5_000_000, places=2)})
dates = st.dates(min_value=D("2019-05-01"), max_value=D("2028-12-31"))
ORDRE = {"micro": 0, "petite": 1, "autre_que_petite": 2}
REGLAGES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@REGLAGES
@given(chiffres, dates, st.lists(chiffres, max_size=4))
def test_ne_plante_jamais_et_s_explique(c, date, precedents):
    d = asbl.evaluer({**c, "exercices_precedents": precedents}, date)
    assert d.statut in asbl.STATUTS
    assert d.motifs and all(m.reference for m in d.motifs)
    assert {o["code"] for o in d.details["obligations"]} == {"comptabilite", "schema", "depot", "commissaire", "rapport_gestion", "ubo"}
    json.loads(en_json(d))


@REGLAGES
@given(chiffres, dates, st.decimals(min_value=1, max_value=3, places=2))
def test_plus_grande_n_est_jamais_plus_petite(c, date, facteur):
    """Multiplier tous les chiffres ne fait jamais descendre d'une catégorie (sans historique)."""
    plus = {k: (v * facteur).quantize(Decimal("0.01")) for k, v in c.items()}
    a, b = asbl.evaluer(c, date), asbl.evaluer(plus, date)
    assert ORDRE[b.details["categorie_csa"]] >= ORDRE[a.details["categorie_csa"]]
    assert not (b.details["comptabilite_simplifiee"] and not a.details["comptabilite_simplifiee"])


@REGLAGES
@given(dates)
def test_une_asbl_sans_activite_est_tres_petite(date):
    assert asbl.evaluer({"etp_moyen": 0, "recettes": 0, "total_bilan": 0, "dettes": 0}, date).statut == "tres_petite"


# --- Ligne de commande ---

def _cli(tmp_path, contenu: str, *args):
    f = tmp_path / "situation.json"
    f.write_text(contenu, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "widgets.rules.asbl", str(f), *args], capture_output=True, text=True)


def test_cli_json_entree_et_sortie(tmp_path):
    r = _cli(tmp_path, json.dumps({"etp_moyen": 12.5, "recettes": 950000.00, "total_bilan": 500000}), "--date", "2026-11-22")
    assert r.returncode == 0, r.stderr
    sortie = json.loads(r.stdout)
    assert sortie["statut"] == "petite"
    assert sortie["details"]["categorie_csa"] == "petite"
    assert sortie["motifs"][0]["reference"]
    seuil = sortie["details"]["seuils"][2]["criteres"][1]
    assert seuil["seuil"] == "11250000" and seuil["valeur"] == "950000.00"  # des chaînes exactes, pas des float
    assert {o["code"] for o in sortie["details"]["obligations"]} >= {"depot", "ubo"}


@pytest.mark.parametrize("contenu,args,extrait", [
    ('{"etp_moyen": 1, "recettes": -5, "total_bilan": 1}', ["--date", "2026-11-22"], "recettes"),
    ('{"etp_moyen": 1, "recettes": 5}', ["--date", "2026-11-22"], "total_bilan"),
    ('{"etp_moyen": 1, ', ["--date", "2026-11-22"], "JSON invalide"),
    ('[1, 2]', ["--date", "2026-11-22"], "objet JSON"),
    ('{"etp_moyen": 1, "recettes": 5, "total_bilan": 1}', ["--date", "22/11/2026"], "AAAA-MM-JJ"),
    ('{"etp_moyen": 1, "recettes": 5, "total_bilan": 1}', ["--date", "2010-01-01"], "date_reference"),
])
def test_cli_erreurs_sans_trace_python(tmp_path, contenu, args, extrait):
    r = _cli(tmp_path, contenu, *args)
    assert r.returncode == 2
    assert extrait in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
