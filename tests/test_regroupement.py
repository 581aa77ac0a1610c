"""Le regroupement familial : cas tirés de docs/faits-verifies.md § 0 (point 4) et § 4, limites exactes
(le jour même de la réforme, des 21 ans, des 6 mois, de la fin de la transition des Belges),
propriétés, erreurs françaises par champ, ligne de commande et simulateur."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.rules import legislation, regroupement
from widgets.rules.validation import ErreurSituation

D = dt.date
AUJOURDHUI = D(2026, 11, 30)
NOUVEAU_MONTANT = Decimal("2323.079")
SUPPLEMENT = Decimal("232.305")


def situation(statut="non_ue_illimite", droit="2019-04-01", lien="conjoint", naissance="1990-02-14", demande="2026-11-02",
              revenus="3000", logement="oui", assurance="oui", personnes=1, **autres):
    regroupant = {"statut": statut, "logement_suffisant": logement, "assurance_maladie": assurance}
    if droit:
        regroupant["date_droit_sejour"] = droit
    if revenus is not None:
        regroupant["revenus_mensuels_nets"] = revenus
    regroupant.update(autres.pop("regroupant", {}))
    membre = {"lien": lien, "date_naissance": naissance, **autres.pop("membre", {})}
    return {"regroupant": regroupant, "membre": membre, "personnes_a_charge": personnes, "date_demande": demande, **autres}


def evaluer(**kw):
    return regroupement.evaluer(situation(**kw), aujourdhui=AUJOURDHUI)


def norm(texte: str) -> str:
    """Les espaces insécables (milliers, avant « € ») deviennent des espaces ordinaires."""
    return texte.replace("\u202f", " ").replace("\xa0", " ")


def etat(decision, code):
    return next(c["etat"] for c in decision.details["conditions"] if c["code"] == code)


# --- Les paramètres ---------------------------------------------------------------------------

def test_parametres_dates_references_et_montants_en_texte():
    bareme = legislation.charger("regroupement")
    for nom, p in bareme.parametres.items():
        dates = [v.depuis for v in p.valeurs]
        assert dates == sorted(dates), nom
        assert all(len(v.reference) > 10 for v in p.valeurs), nom
        if p.unite == "euros par mois":  # jamais de float : les montants sont des textes lus en Decimal
            assert all(isinstance(v.valeur, str) for v in p.valeurs), nom
    assert bareme.valeur("date_reforme", D(2026, 1, 1)).valeur == D(2025, 8, 18)
    assert bareme.valeur("fin_transition", D(2026, 1, 1)).valeur == D(2027, 8, 18)
    # docs/faits-verifies.md § 4.1 : 120 % × 1 776,07 = 2 131,28
    ris = Decimal(bareme.valeur("ris_famille_a_charge", D(2025, 2, 1)).valeur)
    assert (ris * Decimal("1.2")).quantize(Decimal("0.01")) == Decimal(bareme.valeur("montant_120_ris", D(2025, 2, 1)).valeur)
    # les montants postérieurs à 2025 ne sont pas confirmés (docs/faits-verifies.md § 10, point 10) : ils le disent
    assert bareme.valeur("montant_110_rmmmg", AUJOURDHUI).incertain and bareme.valeur("montant_120_ris", AUJOURDHUI).incertain


@pytest.mark.parametrize("jour, montant", [
    # docs/faits-verifies.md § 4.1, tableau de l'ancienne règle (120 % du RIS « famille à charge »)
    (D(2020, 3, 1), "1555.09"), (D(2020, 12, 31), "1555.09"), (D(2021, 1, 1), "1596.89"), (D(2021, 9, 1), "1661.45"),
    (D(2022, 5, 1), "1809.32"), (D(2023, 11, 1), "2048.53"), (D(2025, 1, 31), "2048.53"), (D(2025, 2, 1), "2131.28"),
])
def test_facts_4_1_table_120_pour_cent_du_ris(jour, montant):
    s = regroupement.seuil_revenus("ancienne", 1, jour)
    assert s["montant"] == Decimal(montant) and s["depuis"] <= jour


# --- La règle applicable : la date d'obtention du droit de séjour -----------------------------

@pytest.mark.parametrize("droit, regle, montant", [
    ("2025-08-17", "ancienne", Decimal("2131.28")),   # docs/faits-verifies.md § 4.1 : droit antérieur au 18 août 2025 → 120 % du RIS
    ("2025-08-18", "nouvelle", NOUVEAU_MONTANT),      # docs/faits-verifies.md § 0, point 4 : à partir du 18 août 2025 → 110 % du RMMMG
])
def test_facts_0_4_seuil_selon_la_date_du_droit_de_sejour(droit, regle, montant):
    d = evaluer(droit=droit, demande="2026-01-15")
    assert d.details["regle"]["code"] == regle
    assert d.details["seuil"]["montant"] == montant
    assert d.details["seuil"]["formule"] and d.details["seuil"]["depuis"] <= D(2026, 1, 15) and d.details["seuil"]["reference"]


@pytest.mark.parametrize("statut, article", [
    ("non_ue_limite", "art. 10bis"), ("non_ue_illimite", "art. 10"), ("refugie", "art. 10"), ("protection_subsidiaire", "art. 10"),
    ("belge", "art. 40ter"), ("citoyen_ue", "art. 40bis"),
])
def test_facts_4_article_selon_le_regroupant(statut, article):
    d = evaluer(statut=statut, droit=None if statut in ("belge", "citoyen_ue") else "2019-04-01")
    assert d.details["regle"]["article"] == article


# --- Le seuil de revenus ----------------------------------------------------------------------

@pytest.mark.parametrize("personnes, attendu", [
    (1, Decimal("2323.079")), (2, Decimal("2555.384")), (3, Decimal("2787.689")), (5, Decimal("3252.299")),
])
def test_facts_4_1_supplement_par_personne(personnes, attendu):
    # 2 323,079 € avec un membre de la famille, + 232,305 € par personne supplémentaire
    d = evaluer(droit="2025-09-01", demande="2026-02-01", personnes=personnes)
    s = d.details["seuil"]
    assert s["montant"] == attendu == NOUVEAU_MONTANT + SUPPLEMENT * (personnes - 1)
    assert s["montant_arrondi"] == attendu.quantize(Decimal("0.01"))
    if personnes > 1:
        assert f"{personnes - 1} × 232,305 €" in norm(s["formule"])


def test_ancienne_regle_ne_depend_pas_du_nombre_de_personnes():
    assert {evaluer(personnes=n).details["seuil"]["montant"] for n in (1, 2, 6)} == {Decimal("2131.28")}


@pytest.mark.parametrize("revenus, etat_attendu, statut", [
    ("2323.08", "remplie", "conditions_remplies"),
    ("2323.07", "non_remplie", "a_verifier"),  # docs/faits-verifies.md § 4.1 : un revenu inférieur n'est pas un refus automatique
])
def test_revenus_au_centime_pres(revenus, etat_attendu, statut):
    d = evaluer(droit="2025-09-01", demande="2026-02-01", revenus=revenus, naissance="1990-01-01")
    assert etat(d, "revenus") == etat_attendu and d.statut == statut
    if etat_attendu == "non_remplie":
        assert "pas un refus automatique" in d.motifs[0].texte


def test_revenus_inconnus_a_verifier_avec_le_montant():
    d = evaluer(revenus=None)
    assert etat(d, "revenus") == "a_verifier" and d.statut == "a_verifier"
    assert "2 131,28 €" in norm(d.motifs[0].texte)


@settings(max_examples=120, deadline=None)
@given(st.integers(min_value=1, max_value=19), st.dates(min_value=D(2025, 8, 18), max_value=D(2026, 11, 30)))
def test_propriete_le_seuil_croit_avec_le_nombre_de_personnes(n, jour):
    moins, plus = (regroupement.seuil_revenus("nouvelle", k, jour)["montant"] for k in (n, n + 1))
    assert plus > moins and plus - moins == SUPPLEMENT
    ancien = [regroupement.seuil_revenus("ancienne", k, jour)["montant"] for k in (n, n + 1)]
    assert ancien[0] == ancien[1]  # l'ancienne règle : un montant unique


# --- L'âge du conjoint ------------------------------------------------------------------------

@pytest.mark.parametrize("naissance, etat_attendu, statut", [
    ("2005-01-16", "non_remplie", "conditions_non_remplies"),  # 20 ans la veille de ses 21 ans
    ("2005-01-15", "remplie", "conditions_remplies"),          # 21 ans le jour même
])
def test_facts_4_1_conjoint_21_ans_nouvelle_regle(naissance, etat_attendu, statut):
    d = evaluer(droit="2025-09-01", demande="2026-01-15", naissance=naissance)
    assert etat(d, "age") == etat_attendu and d.statut == statut
    if statut == "conditions_non_remplies":
        assert "16 janvier 2026" in d.motifs[0].texte  # la date à laquelle la condition sera remplie
        assert any(e.date == D(2026, 1, 16) for e in d.details["echeances"])


def test_conjoint_de_20_ans_sous_l_ancienne_regle_a_verifier():
    # ancienne règle : 21 ans, ramenés à 18 si le lien existait avant l'arrivée du regroupant
    d = evaluer(naissance="2006-01-01")
    assert etat(d, "age") == "a_verifier" and d.statut == "a_verifier"
    apres = evaluer(naissance="2006-01-01", membre={"date_lien": "2024-10-01"})  # mariage après l'obtention du droit (2019)
    assert etat(apres, "age") == "non_remplie" and apres.statut == "conditions_non_remplies"
    mineur = evaluer(naissance="2009-01-01")
    assert etat(mineur, "age") == "non_remplie"


# --- Réfugiés et protection subsidiaire --------------------------------------------------------

@pytest.mark.parametrize("demande, dispense", [
    ("2026-09-10", True),   # 6 mois jour pour jour après la reconnaissance du 10 mars 2026
    ("2026-09-11", False),  # le lendemain : conditions de revenus, de logement et d'assurance
])
def test_facts_4_1_refugie_six_mois(demande, dispense):
    d = evaluer(statut="refugie", droit="2026-03-10", demande=demande, revenus=None, logement="inconnu", assurance="inconnu",
                naissance="1994-05-02", membre={"date_lien": "2015-07-11"})
    assert d.details["regle"]["code"] == "nouvelle"
    assert (etat(d, "revenus") == "sans_objet") is dispense
    assert (etat(d, "logement") == "sans_objet") is dispense and (etat(d, "assurance") == "sans_objet") is dispense
    assert d.statut == ("conditions_remplies" if dispense else "a_verifier")


def test_refugie_ancienne_regle_douze_mois():
    # droit obtenu avant la réforme : l'ancien délai d'un an (Office des étrangers) s'applique, même après le 18 août 2025
    d = evaluer(statut="refugie", droit="2025-06-01", demande="2026-05-30", revenus=None, logement="inconnu", assurance="inconnu", naissance="1994-05-02")
    assert d.details["regle"]["code"] == "ancienne" and etat(d, "delai_protection") == "remplie" and etat(d, "revenus") == "sans_objet"
    assert "12 mois" in next(c["libelle"] for c in d.details["conditions"] if c["code"] == "delai_protection")


def test_refugie_mariage_apres_le_statut_pas_de_dispense():
    d = evaluer(statut="refugie", droit="2026-03-10", demande="2026-06-01", revenus=None, naissance="1994-05-02", membre={"date_lien": "2026-04-01"})
    assert etat(d, "delai_protection") == "non_remplie" and etat(d, "revenus") == "a_verifier"


@pytest.mark.parametrize("demande, statut", [("2027-10-05", "conditions_non_remplies"), ("2027-10-06", "a_verifier")])
def test_facts_4_1_protection_subsidiaire_deux_ans(demande, statut):
    d = regroupement.evaluer(situation(statut="protection_subsidiaire", droit="2025-10-06", demande=demande, naissance="1996-09-23",
                                       membre={"date_lien": "2019-03-02"}), aujourdhui=D(2027, 12, 31))
    assert d.statut == statut
    assert etat(d, "attente") == ("non_remplie" if statut == "conditions_non_remplies" else "remplie")
    assert etat(d, "famille_avant_arrivee") == "a_verifier"  # la date d'arrivée n'est pas connue du kit


def test_protection_subsidiaire_enfants_mineurs_sans_attente():
    d = evaluer(statut="protection_subsidiaire", droit="2025-10-06", demande="2026-01-15", lien="enfant_mineur", naissance="2015-03-03")
    assert etat(d, "attente") == "sans_objet" and d.statut != "conditions_non_remplies"


# --- Le regroupant belge et la période transitoire ----------------------------------------------

@pytest.mark.parametrize("demande, regle, montant", [
    ("2027-08-17", "ancienne", Decimal("2131.28")),
    ("2027-08-18", "nouvelle", NOUVEAU_MONTANT),
])
def test_facts_4_2_belge_avant_et_apres_le_18_aout_2027(demande, regle, montant):
    d = regroupement.evaluer(situation(statut="belge", droit=None, demande=demande, naissance="1990-01-01"), aujourdhui=D(2027, 12, 31))
    assert d.details["regle"]["code"] == regle and d.details["seuil"]["montant"] == montant
    assert any(e.date == D(2027, 8, 18) for e in d.details["echeances"])
    if regle == "nouvelle":
        assert any("18 août 2027" in a for a in d.avertissements)  # « jusqu'au 18 » ou « jusqu'au 17 » : dit incertain


def test_non_europeen_droit_ancien_apres_la_transition_dit_incertain():
    d = regroupement.evaluer(situation(demande="2027-09-01"), aujourdhui=D(2027, 12, 31))
    assert d.details["regle"]["code"] == "nouvelle" and "à confirmer" in d.details["regle"]["libelle"]
    assert d.details["regle"]["incertain"]


def test_belge_parents_et_enfants():
    adulte = evaluer(statut="belge", droit=None, lien="parent", naissance="1960-01-01", regroupant={"date_naissance": "1985-01-01"})
    assert adulte.statut == "hors_champ"
    mineur = evaluer(statut="belge", droit=None, lien="parent", naissance="1980-01-01", regroupant={"date_naissance": "2015-01-01"})
    assert mineur.statut == "a_verifier" and etat(mineur, "lien") == "a_verifier"
    enfant = evaluer(statut="belge", droit=None, lien="enfant_mineur", naissance="2014-01-01", revenus=None)
    assert etat(enfant, "revenus") == "sans_objet"


# --- Le lien de famille ---------------------------------------------------------------------------

@pytest.mark.parametrize("statut, lien, attendu", [
    ("non_ue_illimite", "autre", "hors_champ"),
    ("non_ue_limite", "parent", "hors_champ"),
    ("citoyen_ue", "autre", "hors_champ"),
    ("citoyen_ue", "conjoint", "a_verifier"),  # pas de montant pour le citoyen de l'Union : à vérifier
    ("citoyen_ue", "parent", "a_verifier"),
    ("non_ue_illimite", "enfant_majeur_handicape", "a_verifier"),
    ("non_ue_illimite", "partenaire", "a_verifier"),  # conditions propres au partenariat : à vérifier
])
def test_lien_de_famille(statut, lien, attendu):
    d = evaluer(statut=statut, droit=None if statut == "citoyen_ue" else "2019-04-01", lien=lien, naissance="1995-01-01")
    assert d.statut == attendu
    if attendu == "hors_champ":
        assert [e.code for e in d.trace if e.decisive] == ["lien"] and "service juridique" in d.motifs[0].texte


def test_citoyen_ue_sans_montant_invente():
    d = evaluer(statut="citoyen_ue", droit=None)
    assert d.details["seuil"] is None and etat(d, "revenus") == "a_verifier"
    assert "travailleur" in next(c["raison"] for c in d.details["conditions"] if c["code"] == "revenus")


@pytest.mark.parametrize("naissance, etat_attendu", [("2008-11-03", "remplie"), ("2008-11-02", "non_remplie")])
def test_enfant_mineur_moins_de_18_ans_le_jour_de_la_demande(naissance, etat_attendu):
    d = evaluer(lien="enfant_mineur", naissance=naissance)
    assert etat(d, "age") == etat_attendu


@pytest.mark.parametrize("logement, statut", [("oui", "conditions_remplies"), ("non", "conditions_non_remplies"), ("inconnu", "a_verifier")])
def test_logement(logement, statut):
    assert evaluer(logement=logement).statut == statut


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(regroupement.STATUTS_REGROUPANT), st.sampled_from(regroupement.LIENS),
       st.dates(min_value=D(1950, 1, 1), max_value=D(2026, 11, 1)), st.dates(min_value=D(2020, 3, 1), max_value=D(2026, 11, 30)),
       st.integers(min_value=1, max_value=20), st.sampled_from(regroupement.REPONSES), st.one_of(st.none(), st.integers(0, 9000)))
def test_propriete_jamais_de_plantage_et_toujours_une_explication(statut, lien, naissance, demande, personnes, logement, revenus):
    droit = None if statut in ("belge", "citoyen_ue") else D(2020, 1, 1).isoformat()
    if naissance > demande or (lien == "enfant_majeur_handicape" and naissance + relativedelta(years=18) > demande):
        return
    d = regroupement.evaluer(situation(statut=statut, droit=droit, lien=lien, naissance=naissance.isoformat(), demande=demande.isoformat(),
                                       personnes=personnes, logement=logement, revenus=revenus), aujourdhui=AUJOURDHUI)
    assert d.statut in regroupement.STATUTS and d.motifs and all(m.reference for m in d.motifs)
    assert all(c["reference"] and c["etat"] in regroupement.ETATS for c in d.details["conditions"])
    if lien == "autre":
        assert d.statut == "hors_champ"
    if statut == "citoyen_ue":
        assert d.details["seuil"] is None and d.statut != "conditions_remplies"


# --- Les erreurs, en français, par champ ------------------------------------------------------

@pytest.mark.parametrize("modif, champ, extrait", [
    ({"membre": {"date_naissance": "2027-01-01"}}, "membre.date_naissance", "dans le futur"),
    ({"regroupant": {"revenus_mensuels_nets": "-100"}}, "regroupant.revenus_mensuels_nets", "négatif"),
    ({"regroupant": {"revenus_mensuels_nets": "beaucoup"}}, "regroupant.revenus_mensuels_nets", "n'est pas un montant"),
    ({"regroupant": {"statut": "touriste"}}, "regroupant.statut", "valeurs possibles"),
    ({"membre": {"lien": "cousin"}}, "membre.lien", "valeurs possibles"),
    ({"regroupant": {"logement_suffisant": "peut-être"}}, "regroupant.logement_suffisant", "valeurs possibles"),
    ({"personnes_a_charge": 0}, "personnes_a_charge", "au moins 1"),
    ({"regroupant": {"date_droit_sejour": None}}, "regroupant.date_droit_sejour", "obligatoire"),
    ({"regroupant": {"date_droit_sejour": "2026-12-01"}}, "regroupant.date_droit_sejour", "dans le futur"),
    ({"regroupant": {"date_droit_sejour": "2026-11-20"}}, "regroupant.date_droit_sejour", "avant la demande"),
    ({"membre": {"date_lien": "1980-01-01"}}, "membre.date_lien", "précède la date de naissance"),
    ({"membre": {"lien": "enfant_mineur", "date_lien": "2020-01-01"}}, "membre.date_lien", "ne concerne que le conjoint"),
    ({"membre": {"lien": "enfant_majeur_handicape", "date_naissance": "2012-01-01"}}, "membre.date_naissance", "enfant mineur"),
    ({"membre": {"date_naissance": "14/02/1990"}}, "membre.date_naissance", "AAAA-MM-JJ"),
    ({"nationalite": "MA"}, "nationalite", "champ inconnu"),
])
def test_erreurs_en_francais_par_champ(modif, champ, extrait):
    s = situation()
    for cle, valeur in modif.items():
        if isinstance(valeur, dict):
            s[cle] = {**s[cle], **valeur}
            s[cle] = {k: v for k, v in s[cle].items() if v is not None}
        else:
            s[cle] = valeur
    with pytest.raises(ErreurSituation) as exc:
        regroupement.evaluer(s, aujourdhui=AUJOURDHUI)
    assert champ in exc.value.par_champ(), exc.value.par_champ()
    assert extrait in exc.value.par_champ()[champ]


def test_date_de_la_demande_par_defaut():
    s = situation(demande=None)
    del s["date_demande"]
    d = regroupement.evaluer(s, D(2026, 3, 1), aujourdhui=AUJOURDHUI)
    assert d.date_reference == D(2026, 3, 1) == d.details["date_demande"]


# --- La ligne de commande ------------------------------------------------------------------------

def _cli(tmp_path, contenu, *args):
    f = tmp_path / "situation.json"
    f.write_text(contenu, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "widgets.rules.regroupement", str(f), *args], capture_output=True, text=True, check=False)


def test_cli_json(tmp_path):
    s = situation(droit="2025-09-01", demande=None, personnes=2, revenus="2600.50")
    del s["date_demande"]
    r = _cli(tmp_path, json.dumps(s), "--date", "2026-02-01")
    assert r.returncode == 0, r.stderr
    sortie = json.loads(r.stdout)
    assert sortie["statut"] == "conditions_remplies" and sortie["details"]["seuil"]["montant"] == "2555.384"
    assert sortie["details"]["seuil"]["depuis"] == "2025-08-18" and sortie["details"]["regle"]["code"] == "nouvelle"


@pytest.mark.parametrize("contenu, extrait", [
    ('{"regroupant": {"statut": "belge"}}', "membre"),
    ('{"regroupant": ', "JSON invalide"),
    (json.dumps(situation(revenus="-5")), "regroupant.revenus_mensuels_nets"),
])
def test_cli_erreurs_sans_trace_python(tmp_path, contenu, extrait):
    r = _cli(tmp_path, contenu, "--date", "2026-02-01")
    assert r.returncode == 2 and extrait in r.stderr and "Traceback" not in r.stderr


# --- Le simulateur ---------------------------------------------------------------------------------

def test_simulateur_personas_seuil_et_erreur_sous_le_champ():
    from widgets.simulateurs import regroupement as simulateur

    s = simulateur.SimulateurRegroupement(AUJOURDHUI)
    assert "date de naissance du membre" in s.resultat.value
    attendus = {"Samir": "conditions_remplies", "Fatima": "a_verifier", "Dawit": "conditions_non_remplies"}
    for nom, valeurs in simulateur.PERSONAS.items():
        s.remplir(valeurs)
        assert s.derniere_decision.statut == attendus[nom.split(",")[0]], nom
        assert f'data-statut="{s.derniere_decision.statut}"' in s.resultat.value
    # Dawit : le seuil de la nouvelle règle, sa date d'effet et sa source sont affichés
    assert "2 323,08 €" in norm(s.seuil.value) and "18 août 2025" in s.seuil.value and "droitsquotidiens.be" in s.seuil.value
    assert "6 octobre 2027" in s.conditions.value and "Calendrier du regroupement" in s.frise.value
    s.remplir(simulateur.PERSONAS["Fatima, travailleuse à Charleroi"])
    assert "2 131,28 €" in norm(s.seuil.value) and "1er février 2025" in s.seuil.value and "ancienne règle" in s.seuil.value
    s.champs["regroupant-revenus_mensuels_nets"].valeur = "2 200"
    assert s.derniere_decision.statut == "conditions_remplies"
    s.champs["membre-date_naissance"].valeur = D(2027, 1, 1)
    assert "dans le futur" in s.champs["membre-date_naissance"].erreur.value and s.derniere_decision is None
    s.remplir(simulateur.PERSONAS["Fatima, travailleuse à Charleroi"])
    s.champs["regroupant-revenus_mensuels_nets"].valeur = "-3"
    assert "négatif" in s.champs["regroupant-revenus_mensuels_nets"].erreur.value
    s.remplir({})
    assert s.derniere_decision is None and s.champs["date_demande"].valeur == AUJOURDHUI
