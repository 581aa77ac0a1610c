"""L'aide médicale urgente (AMU) du CPAS : cas tirés de docs/faits-verifies.md § 7 (quatre conditions
cumulatives, aide médicale seulement, catégorie D, arrêt de la Cour constitutionnelle du 30 juin
2014), limites exactes des dates d'effet, propriétés, erreurs françaises, ligne de commande et
simulateur piloté en Python."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.rules import amu, legislation
from widgets.rules.validation import ErreurSituation

D = dt.date
AUJOURDHUI = D(2026, 11, 30)
# Une personne sans papiers à Charleroi (personnage fictif) qui remplit les quatre conditions.
COMPLET = {"statut_sejour": "irregulier", "commune": "Charleroi", "etat_de_besoin": "oui", "attestation_urgence": True,
           "soins_demandes": ["consultation"], "date_demande": "2026-11-20"}


def evaluer(**changements):
    return amu.evaluer({**COMPLET, **changements}, AUJOURDHUI)


def codes(decision):
    return [m.code for m in decision.motifs]


def test_parametres_dates_et_references():
    bareme = legislation.charger("amu")
    for nom, p in bareme.parametres.items():
        dates = [v.depuis for v in p.valeurs]
        assert dates == sorted(dates) and len(set(dates)) == len(dates), nom
        assert all(len(v.reference) > 10 for v in p.valeurs), nom
        # toute règle est connue dès le début de la couverture : le kit n'invente rien pour combler un trou
        assert bareme.valeur(nom, bareme.couverture_debut) is not None, nom
    assert bareme.couverture_debut == D(2012, 2, 27)
    assert bareme.valeur("continuite_maladies_contagieuses", D(2003, 1, 27)).valeur is True  # AR 13 janvier 2003, en vigueur le 27
    assert bareme.valeur("continuite_maladies_contagieuses", D(2003, 1, 26)) is None
    assert bareme.valeur("citoyens_ue_exclus_aide_sociale", D(2014, 6, 30)).incertain  # portée de l'arrêt : à vérifier
    assert "95/2014" in bareme.valeur("citoyens_ue_exclus_aide_sociale", D(2014, 6, 30)).reference
    texte = (legislation.DOSSIER_PARAMETRES / "amu.yaml").read_text(encoding="utf-8")
    assert "€" not in texte and "EUR" not in texte  # aucun montant


@pytest.mark.parametrize("nom, changements, statut, code", [
    ("§ 7 : les quatre conditions remplies", {}, "amu_possible", "quatre_conditions"),
    ("§ 7 condition 1 : séjour irrégulier non établi", {"statut_sejour": "autre"}, "conditions_manquantes", "statut_a_clarifier"),
    ("§ 7 condition 2 : pas sur le territoire du CPAS sollicité", {"cpas_sollicite": "Namur"}, "conditions_manquantes", "territoire"),
    ("§ 7 condition 3 : état de besoin non établi", {"etat_de_besoin": "non"}, "conditions_manquantes", "pas_de_besoin"),
    ("§ 7 condition 3 : enquête sociale en cours", {"etat_de_besoin": "en_cours"}, "conditions_manquantes", "enquete_en_cours"),
    ("§ 7 condition 4 : pas d'attestation d'urgence", {"attestation_urgence": False}, "conditions_manquantes", "attestation"),
    ("§ 7 aide médicale seulement : aide financière", {"soins_demandes": ["aide_financiere"]}, "hors_amu", "pas_medical"),
    ("§ 7 aide médicale seulement : logement", {"soins_demandes": ["logement"]}, "hors_amu", "pas_medical"),
    ("§ 7 catégorie D seule : non couverte", {"soins_demandes": ["medicaments_categorie_d"]}, "hors_amu", "categorie_d"),
    ("§ 7 arrêt du 30 juin 2014 : citoyen UE exclu de l'aide sociale", {"statut_sejour": "ue_exclu_aide_sociale"}, "amu_possible", "arret_2014"),
    ("§ 7 avant l'arrêt : citoyen UE en 2013", {"statut_sejour": "ue_exclu_aide_sociale", "date_demande": "2013-05-02"}, "conditions_manquantes", "avant_2014"),
    ("Demandeur de protection internationale : Fedasil", {"statut_sejour": "demandeur_protection"}, "autre_voie", "fedasil"),
    ("Séjour légal avec mutualité", {"statut_sejour": "sejour_legal_mutualite"}, "autre_voie", "mutualite"),
    ("Séjour légal sans mutualité : s'affilier", {"statut_sejour": "sejour_legal_sans_mutualite"}, "autre_voie", "affiliation"),
])
def test_table_de_cas(nom, changements, statut, code):
    d = evaluer(**changements)
    assert d.statut == statut, nom
    assert code in codes(d), (nom, codes(d))
    assert all(m.reference for m in d.motifs)
    assert sum(e.decisive for e in d.trace) == 1, nom  # une et une seule étape a tranché
    assert [c["code"] for c in d.details["conditions"]] == list(amu.CONDITIONS)


@pytest.mark.parametrize("condition, changements", [
    ("sejour_irregulier", {"statut_sejour": "autre"}),
    ("territoire_cpas", {"cpas_sollicite": "Liège"}),
    ("etat_de_besoin", {"etat_de_besoin": "non"}),
    ("attestation_urgence", {"attestation_urgence": False}),
])
def test_quatre_conditions_cumulatives_une_par_une(condition, changements):
    """docs/faits-verifies.md § 7 : les quatre conditions sont cumulatives ; il suffit qu'une manque."""
    d = evaluer(**changements)
    assert d.statut == "conditions_manquantes"
    etats = {c["code"]: c["etat"] for c in d.details["conditions"]}
    assert etats.pop(condition) == "manquante" and set(etats.values()) == {"remplie"}
    assert [e.code for e in d.trace if e.decisive] == [condition]
    assert all(c["reference"] for c in d.details["conditions"])


def test_toutes_les_conditions_manquantes_sont_citees():
    d = evaluer(statut_sejour="autre", cpas_sollicite="Namur", etat_de_besoin="en_cours", attestation_urgence=False)
    assert d.statut == "conditions_manquantes"
    assert codes(d)[:4] == ["statut_a_clarifier", "territoire", "enquete_en_cours", "attestation"]
    assert [e.code for e in d.trace if e.decisive] == ["sejour_irregulier"]  # la première qui manque a tranché
    assert "30 jours" in " ".join(m.texte for m in d.motifs)  # délai de décision du CPAS, lu dans les paramètres


def test_cpas_competent_et_demarches():
    d = evaluer()
    assert d.details["cpas"] == {"nom": "CPAS de Charleroi", "commune": "Charleroi", "nis": "52011", "region": "Région wallonne"}
    a_faire = " ".join(d.details["a_faire"])
    assert "CPAS de Charleroi" in a_faire and "attestation" in a_faire and "carte médicale" in a_faire and "MediPrima" in a_faire
    assert any("attestation d'aide médicale urgente" in x for x in d.details["documents"])
    assert "confidentialite" in codes(d) and "Office des étrangers" in " ".join(m.texte for m in d.motifs)
    assert amu.evaluer({**COMPLET, "commune": "52011"}, AUJOURDHUI).details["cpas"]["nom"] == "CPAS de Charleroi"  # code INS
    # le CPAS compétent est celui du lieu de séjour, même si la personne s'adresse ailleurs
    kofi = evaluer(commune="Seraing", cpas_sollicite="Liège")
    assert kofi.details["cpas"]["nom"] == "CPAS de Seraing" and "CPAS de Seraing" in " ".join(kofi.details["a_faire"])


def test_categorie_d_signalee_non_couverte_meme_si_amu_possible():
    d = evaluer(soins_demandes=["consultation", "medicaments", "medicaments_categorie_d", "logement"])
    assert d.statut == "amu_possible"
    assert {n["code"] for n in d.details["non_couvert"]} == {"medicaments_categorie_d", "logement"}
    assert all(n["reference"] for n in d.details["non_couvert"])
    assert not any("catégorie D" in c for c in d.details["couvert"]) and len(d.details["couvert"]) == 2
    assert "non_couvert" in codes(d)


def test_aide_financiere_hors_amu_quel_que_soit_le_reste():
    d = evaluer(soins_demandes=["aide_financiere", "aide_materielle"], attestation_urgence=False)
    assert d.statut == "hors_amu" and d.trace[0].code == "nature" and d.trace[0].decisive
    assert {c["etat"] for c in d.details["conditions"]} == {"non examinée"}
    assert any("associations" in x for x in d.details["a_faire"]) and "associations" in d.details["orientation"]


@pytest.mark.parametrize("jour, statut", [(D(2014, 6, 29), "conditions_manquantes"), (D(2014, 6, 30), "amu_possible")])
def test_arret_du_30_juin_2014_le_jour_meme(jour, statut):
    d = evaluer(statut_sejour="ue_exclu_aide_sociale", date_demande=jour.isoformat())
    assert d.statut == statut and d.date_reference == jour
    if statut == "amu_possible":
        assert any("trois premiers mois" in a for a in d.avertissements)  # portée de l'arrêt dite incertaine


@pytest.mark.parametrize("jour, present", [(D(2025, 8, 31), False), (D(2025, 9, 1), True)])
def test_mediprima_generalistes_depuis_septembre_2025(jour, present):
    d = evaluer(date_demande=jour.isoformat())
    assert ("médecins généralistes" in " ".join(d.details["a_faire"])) is present
    regle = next(r for r in d.details["regles"] if r["nom"] == "paiement")
    assert regle["depuis"] == (D(2025, 9, 1) if present else D(2013, 10, 1))


def test_continuite_des_soins_maladie_contagieuse():
    d = evaluer(maladie_contagieuse=True)
    assert "continuite" in codes(d)
    assert any(r["nom"] == "continuite_maladies_contagieuses" and r["depuis"] == D(2003, 1, 27) for r in d.details["regles"])
    assert "continuite" not in codes(evaluer())


def test_regles_datees_affichees_avec_reference():
    d = evaluer()
    noms = {r["nom"] for r in d.details["regles"]}
    assert {"base_legale_amu", "conditions_amu", "nature_aide", "paiement", "confidentialite"} <= noms
    assert all(r["reference"] and isinstance(r["depuis"], dt.date) for r in d.details["regles"])
    dates = [e.date for e in d.details["echeances"]]
    assert dates == sorted(dates)


def test_fedasil_demarches():
    d = evaluer(statut_sejour="demandeur_protection", soins_demandes=["consultation", "logement"])
    a_faire = " ".join(d.details["a_faire"])
    assert d.statut == "autre_voie" and "Cellule frais médicaux" in a_faire and "AVANT" in a_faire
    assert d.details["orientation"].startswith("Fedasil")
    assert "séjour irrégulier : l'AMU prend le relais" in a_faire
    assert "logement" in {n["code"] for n in d.details["non_couvert"]}


def test_hors_wallonie_et_germanophone():
    assert any("n'est pas en Wallonie" in a for a in evaluer(commune="Ixelles").avertissements)
    assert evaluer(commune="Ixelles").details["cpas"]["nom"] == "CPAS d'Ixelles (OCMW Elsene)"
    eupen = evaluer(commune="Eupen")
    assert eupen.details["cpas"]["nom"] == "ÖSHZ (CPAS) d'Eupen" and any("langue allemande" in a for a in eupen.avertissements)


def test_hypotheses_signalees():
    d = amu.evaluer({"statut_sejour": "irregulier", "commune": "Namur", "soins_demandes": ["prevention"]}, AUJOURDHUI)
    assert d.statut == "conditions_manquantes" and d.date_reference == AUJOURDHUI
    assert len(d.details["hypotheses"]) >= 3  # date, état de besoin, attestation, CPAS sollicité


@pytest.mark.parametrize("changement, champ, extrait", [
    ({"commune": "Atlantide"}, "commune", "commune inconnue"),
    ({"commune": "Charelroi"}, "commune", "Vouliez-vous dire : Charleroi"),
    ({"cpas_sollicite": "Nulle-Part"}, "cpas_sollicite", "commune inconnue"),
    ({"date_demande": "2027-01-01"}, "date_demande", "dans le futur"),
    ({"date_demande": "2012-02-26"}, "date_demande", "27 février 2012"),
    ({"date_demande": "20-11-2026"}, "date_demande", "AAAA-MM-JJ"),
    ({"soins_demandes": []}, "soins_demandes", "au moins une aide"),
    ({"soins_demandes": ["massage"]}, "soins_demandes.0", "valeur non admise"),
    ({"statut_sejour": "touriste"}, "statut_sejour", "valeurs possibles"),
    ({"etat_de_besoin": "peut-être"}, "etat_de_besoin", "valeurs possibles"),
    ({"attestation_urgence": "oui"}, "attestation_urgence", "vrai ou faux"),
    ({"revenu": 1000}, "revenu", "champ inconnu"),
])
def test_erreurs_en_francais_par_champ(changement, champ, extrait):
    with pytest.raises(ErreurSituation) as exc:
        amu.evaluer({**COMPLET, **changement}, AUJOURDHUI)
    assert champ in exc.value.par_champ() and extrait in exc.value.par_champ()[champ]


def test_champs_obligatoires():
    with pytest.raises(ErreurSituation) as exc:
        amu.evaluer({}, AUJOURDHUI)
    assert {"statut_sejour", "commune", "soins_demandes"} <= set(exc.value.par_champ())


@settings(max_examples=200, deadline=None)
@given(
    statut=st.sampled_from(amu.STATUTS_SEJOUR),
    territoire=st.booleans(),
    besoin=st.sampled_from(amu.ETATS_BESOIN),
    attestation=st.booleans(),
    soins=st.lists(st.sampled_from(amu.SOINS), min_size=1, max_size=5),
    jour=st.dates(min_value=D(2012, 2, 27), max_value=AUJOURDHUI),
)
def test_propriete_jamais_amu_possible_si_une_condition_manque(statut, territoire, besoin, attestation, soins, jour):
    situation = {"statut_sejour": statut, "commune": "Liège", "etat_de_besoin": besoin, "attestation_urgence": attestation,
                 "soins_demandes": soins, "date_demande": jour.isoformat()}
    if not territoire:
        situation["cpas_sollicite"] = "Verviers"
    d = amu.evaluer(situation, AUJOURDHUI)
    assert d.statut in amu.STATUTS and d.motifs and all(m.reference for m in d.motifs)
    condition_1 = statut == "irregulier" or (statut == "ue_exclu_aide_sociale" and jour >= D(2014, 6, 30))
    soin_couvrable = any(s in amu.SOINS_MEDICAUX and s != "medicaments_categorie_d" for s in soins)
    toutes = condition_1 and territoire and besoin == "oui" and attestation
    assert (d.statut == "amu_possible") == (toutes and soin_couvrable)
    if d.statut == "amu_possible":
        assert {c["etat"] for c in d.details["conditions"]} == {"remplie"}
    # ce qui n'est pas couvert est toujours signalé
    assert {n["code"] for n in d.details["non_couvert"]} == {s for s in soins if s in amu.AIDES_NON_MEDICALES or s == "medicaments_categorie_d"}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(amu.AIDES_NON_MEDICALES + ("medicaments_categorie_d",)), min_size=1, max_size=4),
       st.sampled_from(amu.STATUTS_SEJOUR))
def test_propriete_aide_non_medicale_toujours_hors_amu(soins, statut):
    d = amu.evaluer({**COMPLET, "statut_sejour": statut, "soins_demandes": soins}, AUJOURDHUI)
    assert d.statut == "hors_amu" and d.details["couvert"] == []


VALEURS_HOSTILES = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40), st.sampled_from(["", " ", "2026-02-30", "0001-01-01", "9999-12-31", "Mons", "62063", "🇧🇪", "<script>", "irregulier",
                                           "consultation", "oui"]),
    st.lists(st.one_of(st.text(max_size=12), st.integers(), st.sampled_from(amu.SOINS)), max_size=4),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from([*amu.LIBELLES, "inconnu"]), VALEURS_HOSTILES, max_size=len(amu.LIBELLES) + 1),
       st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31)))
def test_entrees_hostiles_decision_ou_erreur_francaise(situation, date_reference):
    """Comme tests/test_entrees_hostiles.py : une décision, ou un message français qui nomme le champ."""
    try:
        d = amu.evaluer(situation, date_reference)
    except ErreurSituation as exc:
        assert exc.erreurs and all(champ and message for champ, message in exc.erreurs)
        assert "Input should" not in exc.message() and "Value error" not in exc.message()
    else:
        assert d.statut in amu.STATUTS and d.motifs


def test_date_du_jour_avant_la_couverture():
    with pytest.raises(ErreurSituation) as exc:
        amu.evaluer({k: v for k, v in COMPLET.items() if k != "date_demande"}, D(2010, 1, 1))
    assert "27 février 2012" in exc.value.par_champ()["date_demande"]


def _cli(tmp_path, contenu, *args):
    f = tmp_path / "situation.json"
    f.write_text(contenu, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "widgets.rules.amu", str(f), *args], capture_output=True, text=True, check=False)


def test_cli_json(tmp_path):
    r = _cli(tmp_path, json.dumps(COMPLET), "--date", "2026-11-30")
    assert r.returncode == 0, r.stderr
    sortie = json.loads(r.stdout)
    assert sortie["statut"] == "amu_possible" and sortie["date_reference"] == "2026-11-20"
    assert sortie["details"]["cpas"]["nom"] == "CPAS de Charleroi" and sortie["motifs"][0]["reference"] and sortie["trace"]


@pytest.mark.parametrize("contenu, extrait", [
    ('{"statut_sejour": "irregulier", "commune": "Charleroi"}', "soins_demandes"),
    ('{"statut_sejour": "irregulier", ', "JSON invalide"),
    ('{"statut_sejour": "irregulier", "commune": "Charleroi", "soins_demandes": ["consultation"], "date_demande": "2027-01-01"}', "dans le futur"),
])
def test_cli_erreurs_sans_trace_python(tmp_path, contenu, extrait):
    r = _cli(tmp_path, contenu, "--date", "2026-11-30")
    assert r.returncode == 2 and extrait in r.stderr and "Traceback" not in r.stderr


def test_simulateur_personas_et_erreur_sous_le_champ():
    from widgets.simulateurs import amu as simulateur

    s = simulateur.SimulateurAMU(AUJOURDHUI)
    assert "cliquez sur un exemple" in s.resultat.value and s.derniere_decision is None
    attendus = {"Mamadou": "amu_possible", "Samira": "autre_voie", "Kofi": "conditions_manquantes"}
    assert len(simulateur.PERSONAS) == 3
    for nom, valeurs in simulateur.PERSONAS.items():
        s.remplir(valeurs)
        assert s.derniere_decision.statut == attendus[nom.split(",")[0]], nom
        assert f'data-statut="{attendus[nom.split(",")[0]]}"' in s.resultat.value
    assert "CPAS de Seraing" in s.a_faire.value and 'data-etat="manquante"' in s.conditions.value  # Kofi
    s.remplir(simulateur.PERSONAS["Mamadou, sans papiers à Charleroi"])
    assert 'data-code="medicaments_categorie_d"' in s.a_faire.value  # catégorie D signalée non couverte
    assert "depuis le 1er septembre 2025" in s.regles.value and "Incertain" in s.regles.value  # règle datée + incertitude
    assert "kit-chronologie" in s.frise.value
    # une saisie invalide : le message est sous le champ, pas de décision
    s.champs["date_demande"].valeur = D(2027, 1, 1)
    assert "dans le futur" in s.champs["date_demande"].erreur.value and s.derniere_decision is None
    s.champs["date_demande"].valeur = D(2026, 11, 16)
    assert s.derniere_decision.statut == "amu_possible"
    s.champs["commune"].valeur = "Atlantide"
    assert "commune inconnue" in s.champs["commune"].erreur.value and s.derniere_decision is None
    s.remplir({})
    s.champs["statut_sejour"].valeur = "irregulier"
    assert "obligatoire" in s.champs["commune"].erreur.value


def test_simulateur_aide_financiere_hors_amu():
    from widgets.simulateurs import amu as simulateur

    s = simulateur.SimulateurAMU(AUJOURDHUI)
    s.remplir({"statut_sejour": "irregulier", "commune": "Mons", "soins_demandes": ("aide_financiere",), "date_demande": D(2026, 11, 2)})
    assert s.derniere_decision.statut == "hors_amu" and "jamais d&#x27;argent" in s.a_faire.value
