"""Les règles du parcours d'intégration : une table de cas (chacun cite son texte), des
propriétés (hypothesis), les messages d'erreur et la ligne de commande."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets.rules import legislation, parcours
from widgets.rules.validation import ErreurSituation

AUJOURDHUI = dt.date(2026, 11, 23)
D = dt.date.fromisoformat


def evaluer(date_reference: str = "2026-11-23", **situation):
    base = {"nationalite": "MA", "date_debut_sejour": "2026-01-10", "commune": "Mons", "date_naissance": "1990-05-01",
            "date_titre_sejour": "2026-01-20"}
    return parcours.evaluer({**base, **situation}, D(date_reference), aujourdhui=AUJOURDHUI)


def codes(decision):
    return [m.code for m in decision.motifs]


# (identifiant, texte source, situation modifiée, date de référence, statut attendu, codes attendus)
CAS = [
    ("primo-arrivant marocain à Mons", "CWASS art. 150, 4° ; seed CIMB « Qui est concerné ? »",
     {}, "2026-11-23", "obligatoire", ["primo_arrivant"]),
    ("citoyenne italienne", "CWASS art. 150, 4° : sauf citoyens UE, EEE, Suisse",
     {"nationalite": "IT"}, "2026-11-23", "non_concerne", ["citoyen_ue_plus"]),
    ("citoyen norvégien (EEE)", "CWASS art. 150, 4° : EEE",
     {"nationalite": "NO"}, "2026-11-23", "non_concerne", ["citoyen_ue_plus"]),
    ("citoyen suisse", "CWASS art. 150, 4° : Suisse",
     {"nationalite": "CH"}, "2026-11-23", "non_concerne", ["citoyen_ue_plus"]),
    ("Britannique arrivé en 2026 (après le Brexit)", "UE+ en 2026 : le Royaume-Uni n'en fait plus partie",
     {"nationalite": "GB"}, "2026-11-23", "obligatoire", ["primo_arrivant"]),
    ("Britannique en 2018 (avant le Brexit)", "UE+ en 2018 : le Royaume-Uni en faisait partie",
     {"nationalite": "GB", "date_debut_sejour": "2018-01-10", "date_titre_sejour": "2018-01-20"}, "2018-06-01", "non_concerne", ["citoyen_ue_plus"]),
    ("conjoint congolais d'une Française", "CWASS art. 150, 4° : membres de la famille d'un citoyen UE+",
     {"nationalite": "CD", "membre_famille_ue": True}, "2026-11-23", "non_concerne", ["membre_famille_ue_plus"]),
    ("personne de nationalité belge", "CWASS art. 150, 4° : personnes étrangères",
     {"nationalite": "BE"}, "2026-11-23", "non_concerne", ["belge"]),
    ("titre de séjour de 3 mois au plus", "CWASS art. 150, 4° : titre de séjour de plus de trois mois",
     {"titre_sejour_plus_3_mois": False}, "2026-11-23", "non_concerne", ["titre_court"]),
    ("en Belgique depuis exactement 3 ans", "CWASS art. 150, 4° : depuis moins de trois ans",
     {"date_debut_sejour": "2023-11-23", "date_titre_sejour": "2023-12-01"}, "2026-11-23", "non_concerne", ["sejour_3_ans"]),
    ("en Belgique depuis 3 ans moins un jour", "CWASS art. 150, 4° : depuis moins de trois ans",
     {"date_debut_sejour": "2023-11-24", "date_titre_sejour": "2023-12-01"}, "2026-11-23", "obligatoire", ["primo_arrivant"]),
    ("titre commandé avant le 19 mai 2016", "Seed CAI : titres obtenus après le 19 mai 2016",
     {"date_debut_sejour": "2016-03-01", "date_titre_sejour": "2016-04-01"}, "2017-01-10", "non_concerne", ["titre_anterieur_obligation"]),
    ("titre commandé le 19 mai 2016", "Décret du 28 avril 2016, en vigueur le 19 mai 2016",
     {"date_debut_sejour": "2016-05-01", "date_titre_sejour": "2016-05-19"}, "2017-01-10", "obligatoire", ["primo_arrivant"]),
    ("mineur de 17 ans", "Dispense : moins de 18 ans",
     {"date_naissance": "2009-06-01"}, "2026-11-23", "dispense", ["age"]),
    ("18 ans le jour même", "Dispense : moins de 18 ans (18 ans révolus : pas dispensé)",
     {"date_naissance": "2008-11-23"}, "2026-11-23", "obligatoire", ["primo_arrivant"]),
    ("65 ans le jour même", "Dispense : 65 ans et plus",
     {"date_naissance": "1961-11-23"}, "2026-11-23", "dispense", ["age"]),
    ("64 ans", "Dispense : 65 ans et plus",
     {"date_naissance": "1962-01-01"}, "2026-11-23", "obligatoire", ["primo_arrivant"]),
    ("certificat médical", "Dispense : certificat médical d'impossibilité",
     {"certificat_medical": True}, "2026-11-23", "dispense", ["certificat_medical"]),
    ("diplôme belge", "Dispense : certificat ou diplôme de l'enseignement belge",
     {"diplome_belge": True}, "2026-11-23", "dispense", ["diplome_belge"]),
    ("emploi à mi-temps depuis 4 mois", "Dispense : au moins mi-temps, période continue de plus de 3 mois",
     {"mois_emploi_mi_temps": 4}, "2026-11-23", "dispense", ["emploi"]),
    ("emploi à mi-temps depuis 3 mois seulement", "Dispense : plus de 3 mois (3 ne suffit pas)",
     {"mois_emploi_mi_temps": 3}, "2026-11-23", "obligatoire", ["primo_arrivant"]),
    ("doctorant boursier", "Dispense : bourse de doctorat",
     {"statut_etude": "doctorant_boursier"}, "2026-11-23", "dispense", ["etudes"]),
    ("étudiante d'échange", "Dispense : étudiants d'échange",
     {"statut_etude": "echange"}, "2026-11-23", "dispense", ["etudes"]),
    ("ressortissant turc", "Dispense : ressortissants turcs (clause de standstill)",
     {"nationalite": "TR"}, "2026-11-23", "dispense", ["standstill"]),
    ("attestation flamande déjà obtenue", "Dispense : attestation d'une autre communauté ou région",
     {"attestation_autre_entite": True}, "2026-11-23", "dispense", ["attestation"]),
    ("protection temporaire (Ukraine)", "AGW du 29 septembre 2022, art. 238/3 CRWASS",
     {"nationalite": "UA", "protection_temporaire": True}, "2026-11-23", "dispense", ["protection_temporaire"]),
    ("protection temporaire avant l'AGW de 2022", "La dispense n'existe pas avant le 29 septembre 2022",
     {"nationalite": "UA", "protection_temporaire": True, "date_debut_sejour": "2022-03-15", "date_titre_sejour": "2022-03-20"},
     "2022-06-01", "obligatoire", ["primo_arrivant"]),
    ("plusieurs dispenses à la fois", "Toutes les dispenses applicables sont citées",
     {"nationalite": "TR", "diplome_belge": True, "date_naissance": "1950-01-01"}, "2026-11-23", "dispense", ["diplome_belge", "age", "standstill"]),
    ("domicilié à Eupen", "Communauté germanophone : Dekret vom 11. Dezember 2017",
     {"commune": "Eupen"}, "2026-11-23", "autre_entite", ["communaute_germanophone"]),
    ("domicilié à Schaerbeek", "Région de Bruxelles-Capitale",
     {"commune": "Schaerbeek"}, "2026-11-23", "autre_entite", ["region_bruxelles"]),
    ("domicilié à Gand", "Région flamande",
     {"commune": "Gand"}, "2026-11-23", "autre_entite", ["region_flamande"]),
    ("commune donnée par son code INS", "Commune désignée par son code INS (Statbel)",
     {"commune": "53053"}, "2026-11-23", "obligatoire", ["primo_arrivant"]),
    ("Bastogne après la fusion avec Bertogne", "Fusion du 2 décembre 2024 (NIS 82039)",
     {"commune": "Bastogne"}, "2026-11-23", "obligatoire", ["primo_arrivant"]),
    ("apatride", "CWASS art. 150, 4° : toute personne étrangère hors UE+",
     {"nationalite": "XX"}, "2026-11-23", "obligatoire", ["primo_arrivant"]),
]


@pytest.mark.parametrize("nom,source,situation,date_reference,statut,codes_attendus", CAS, ids=[c[0] for c in CAS])
def test_table_de_cas(nom, source, situation, date_reference, statut, codes_attendus):
    decision = evaluer(date_reference, **situation)
    assert decision.statut == statut, f"{nom} ({source}) : {decision.libelle}"
    assert codes(decision) == codes_attendus


def test_chaque_motif_cite_sa_reference_et_la_trace_dit_ce_qui_a_tranche():
    for _, _, situation, date_reference, _, _ in CAS:
        decision = evaluer(date_reference, **situation)
        assert decision.motifs and all(m.texte and m.reference for m in decision.motifs)
        assert any(e.decisive for e in decision.trace) or decision.statut == "obligatoire"
        assert all(e.reference for e in decision.trace)


# --- Les délais suivent la loi en vigueur à la commande du titre -----------------------------

def _limite(decision):
    return decision.details["echeances"][-1]


def test_delai_de_18_mois_sous_les_decrets_de_2016_et_2018():
    d = evaluer("2024-06-01", date_debut_sejour="2024-01-05", date_titre_sejour="2024-01-15")
    assert _limite(d).date == D("2025-07-15")
    assert "18 mois" in _limite(d).libelle


def test_delai_de_3_ans_sous_le_decret_de_2024_et_signale_incertain():
    d = evaluer("2026-11-23", date_debut_sejour="2026-01-10", date_titre_sejour="2026-01-20")
    assert _limite(d).date == D("2029-01-20")
    assert _limite(d).incertain and "14 mars 2024" in _limite(d).reference
    axes = {a["code"]: a for a in d.details["axes"]}
    assert axes["citoyennete"]["incertain"] and "langue que la personne comprend" in axes["citoyennete"]["contenu"]


def test_heures_avant_et_apres_decembre_2018():
    avant = evaluer("2018-06-01", date_debut_sejour="2018-01-05", date_titre_sejour="2018-01-15")
    apres = evaluer("2019-06-01", date_debut_sejour="2019-01-05", date_titre_sejour="2019-01-15")
    heures = lambda d: {a["code"]: a["heures"] for a in d.details["axes"]}  # noqa: E731
    assert heures(avant)["francais"] == 120 and heures(avant)["citoyennete"] == 20
    assert heures(apres)["francais"] == 400 and heures(apres)["citoyennete"] == 60
    assert {a["code"]: a["periode_mois"] for a in apres.details["axes"]}["francais"] == 16


def test_echeances_evaluation_tous_les_6_mois_et_bureau_d_accueil_sous_3_mois():
    d = evaluer("2026-11-23", date_debut_sejour="2026-01-10", date_titre_sejour="2026-01-20")
    dates = [e.date for e in d.details["echeances"]]
    assert dates[1] == D("2026-04-20")  # 3 mois pour le bureau d'accueil
    assert D("2026-07-20") in dates and D("2028-07-20") in dates
    assert dates == sorted(dates)


def test_cri_competent_et_rattachement_signale():
    d = evaluer(commune="Charleroi")
    assert d.details["cri"]["sigle"] == "CRIC" and d.details["cri"]["marque"] == "CRI Charleroi"
    assert any("déduit" in a for a in d.avertissements)
    assert evaluer(commune="Mons").details["cri"]["sigle"] == "CIMB"


def test_une_personne_non_obligee_peut_suivre_le_parcours_volontairement():
    d = evaluer(nationalite="IT")
    assert "volontairement" in d.details["volontaire"]


def test_hypotheses_quand_les_champs_facultatifs_manquent():
    d = parcours.evaluer({"nationalite": "SY", "date_debut_sejour": "2026-02-01", "commune": "Namur"}, D("2026-11-23"), aujourdhui=AUJOURDHUI)
    assert d.statut == "obligatoire"
    assert len(d.details["hypotheses"]) == 3  # titre supposé, date du titre, âge non examiné


def test_valeur_datee_lue_a_la_date_demandee():
    bareme = legislation.charger("parcours")
    assert bareme.valeur("delai_attestation", D("2024-12-31")).valeur == 18
    assert bareme.valeur("delai_attestation", D("2025-01-01")).valeur == 36
    assert bareme.valeur("periode_francais", D("2017-01-01")) is None


def test_au_dela_de_la_revue_le_kit_previent():
    bareme = legislation.charger("parcours")
    d = evaluer(bareme.a_revoir_apres.isoformat(), date_debut_sejour="2026-01-10")
    assert not any("revues le" in a for a in d.avertissements)
    plus_tard = parcours.evaluer({"nationalite": "MA", "date_debut_sejour": "2026-01-10", "commune": "Mons"},
                                 bareme.a_revoir_apres + dt.timedelta(days=1), aujourdhui=AUJOURDHUI)
    assert any("revues le" in a for a in plus_tard.avertissements)


# --- Les erreurs de saisie : un message français qui nomme le champ --------------------------

@pytest.mark.parametrize("situation,champ,extrait", [
    ({"date_debut_sejour": "2027-01-01"}, "date_debut_sejour", "dans le futur"),
    ({"date_naissance": "2026-03-01"}, "date_naissance", "postérieure à la date d'arrivée"),
    ({"date_titre_sejour": "2025-12-01"}, "date_titre_sejour", "avant l'arrivée"),
    ({"commune": "Monss"}, "commune", "Vouliez-vous dire : Mons"),
    ({"commune": "Atlantis"}, "commune", "commune inconnue"),
    ({"nationalite": "ZZZ"}, "nationalite", "code de pays"),
    ({"mois_emploi_mi_temps": -2}, "mois_emploi_mi_temps", "au moins 0"),
    ({"statut_etude": "stagiaire"}, "statut_etude", "valeurs possibles"),
    ({"date_debut_sejour": "10/01/2026"}, "date_debut_sejour", "AAAA-MM-JJ"),
    ({"certificat_medical": "peut-être"}, "certificat_medical", "vrai ou faux"),
    ({"couleur_yeux": "bleu"}, "couleur_yeux", "champ inconnu"),
])
def test_erreurs_en_francais_par_champ(situation, champ, extrait):
    with pytest.raises(ErreurSituation) as exc:
        evaluer(**situation)
    messages = exc.value.par_champ()
    assert champ in messages, messages
    assert extrait in messages[champ]


def test_champs_obligatoires_manquants():
    with pytest.raises(ErreurSituation) as exc:
        parcours.evaluer({}, D("2026-11-23"), aujourdhui=AUJOURDHUI)
    assert set(exc.value.par_champ()) == {"nationalite", "date_debut_sejour", "commune"}


def test_date_de_reference_avant_la_couverture_du_kit():
    with pytest.raises(ErreurSituation) as exc:
        evaluer("2015-01-01", date_debut_sejour="2014-06-01", date_titre_sejour=None)
    assert "date_reference" in exc.value.par_champ()


# --- Propriétés --------------------------------------------------------------------------------

COMMUNES_TEST = ["Mons", "Charleroi", "Liège", "Namur", "Arlon", "Wavre", "Eupen", "Bruxelles", "Gand", "Tournai", "Verviers"]
PAYS_TEST = ["MA", "TR", "UA", "IT", "FR", "SY", "CD", "BE", "GB", "NO", "CH", "XX", "AF", "BR", "CN"]


@st.composite
def situations(draw, nationalites=st.sampled_from(PAYS_TEST)):
    reference = draw(st.dates(min_value=D("2016-05-19"), max_value=AUJOURDHUI))
    debut = draw(st.dates(min_value=D("1950-01-01"), max_value=reference))
    naissance = draw(st.one_of(st.none(), st.dates(min_value=D("1920-01-01"), max_value=debut)))
    titre = draw(st.one_of(st.none(), st.dates(min_value=debut, max_value=reference)))
    s = {"nationalite": draw(nationalites), "date_debut_sejour": debut.isoformat(), "commune": draw(st.sampled_from(COMMUNES_TEST))}
    if naissance:
        s["date_naissance"] = naissance.isoformat()
    if titre:
        s["date_titre_sejour"] = titre.isoformat()
    for cle in ("membre_famille_ue", "protection_temporaire", "certificat_medical", "diplome_belge", "attestation_autre_entite"):
        if draw(st.booleans()):
            s[cle] = draw(st.booleans())
    s["titre_sejour_plus_3_mois"] = draw(st.one_of(st.none(), st.booleans()))
    s["mois_emploi_mi_temps"] = draw(st.integers(min_value=0, max_value=600))
    s["statut_etude"] = draw(st.one_of(st.none(), st.sampled_from(parcours.STATUTS_ETUDE)))
    return s, reference


REGLAGES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@REGLAGES
@given(situations())
def test_ne_plante_jamais_sur_une_situation_valide(cas):
    situation, reference = cas
    d = parcours.evaluer(situation, reference, aujourdhui=AUJOURDHUI)
    assert d.statut in parcours.STATUTS
    assert d.motifs and all(m.reference for m in d.motifs)
    json.loads(d.en_json())


@REGLAGES
@given(situations(nationalites=st.sampled_from(["IT", "FR", "DE", "NL", "PL", "NO", "CH", "IS", "LI"])))
def test_un_citoyen_ue_plus_n_est_jamais_oblige(cas):
    situation, reference = cas
    assert parcours.evaluer(situation, reference, aujourdhui=AUJOURDHUI).statut != "obligatoire"


@REGLAGES
@given(situations(), st.integers(min_value=65, max_value=105))
def test_a_65_ans_et_plus_personne_n_est_oblige(cas, age):
    situation, reference = cas
    naissance = dt.date(reference.year - age, 1, 1)
    if naissance > D(situation["date_debut_sejour"]):
        situation["date_debut_sejour"] = naissance.isoformat()
        situation.pop("date_titre_sejour", None)
    situation["date_naissance"] = naissance.isoformat()
    assert parcours.evaluer(situation, reference, aujourdhui=AUJOURDHUI).statut != "obligatoire"


@REGLAGES
@given(situations())
def test_obligatoire_donne_toujours_une_date_limite_apres_le_titre(cas):
    situation, reference = cas
    d = parcours.evaluer(situation, reference, aujourdhui=AUJOURDHUI)
    if d.statut == "obligatoire":
        depart = D(situation.get("date_titre_sejour") or situation["date_debut_sejour"])
        assert d.details["echeances"][-1].date > depart


# --- Ligne de commande ---------------------------------------------------------------------------

def _cli(tmp_path, contenu: str, *args):
    f = tmp_path / "situation.json"
    f.write_text(contenu, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "widgets.rules.parcours", str(f), *args], capture_output=True, text=True)


def test_cli_json_entree_et_sortie(tmp_path):
    r = _cli(tmp_path, json.dumps({"nationalite": "MA", "date_debut_sejour": "2026-01-10", "commune": "Mons", "date_naissance": "1990-05-01"}),
             "--date", "2026-11-22")
    assert r.returncode == 0, r.stderr
    sortie = json.loads(r.stdout)
    assert sortie["statut"] == "obligatoire"
    assert sortie["motifs"][0]["code"] == "primo_arrivant" and sortie["motifs"][0]["reference"]
    assert sortie["cri"]["sigle"] == "CIMB"
    assert {"axes", "echeances", "trace", "avertissements"} <= set(sortie)


@pytest.mark.parametrize("contenu,extrait", [
    ('{"nationalite": "MA", "date_debut_sejour": "2099-01-01", "commune": "Mons"}', "date_debut_sejour"),
    ('{"nationalite": "MA", "date_debut_sejour": "2026-01-01", "commune": "Nulle-Part"}', "commune inconnue"),
    ('{"nationalite": "MA", "date_debut_sejour": "2026-01-01", "commune": "Mons", "age": 3}', "champ inconnu"),
    ('{"nationalite": "MA", ', "JSON invalide"),
    ('[1, 2]', "objet JSON"),
])
def test_cli_erreurs_sans_trace_python(tmp_path, contenu, extrait):
    r = _cli(tmp_path, contenu, "--date", "2026-11-22")
    assert r.returncode == 2
    assert extrait in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""


def test_cli_date_invalide(tmp_path):
    r = _cli(tmp_path, "{}", "--date", "22/11/2026")
    assert r.returncode == 2 and "AAAA-MM-JJ" in r.stderr and "Traceback" not in r.stderr
