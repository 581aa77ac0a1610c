"""Travail et diplômes (séance 6 du module « Droit des étrangers ») : cas tirés de docs/faits-verifies.md
(§ 2.2 citoyens UE+, § 2.3 axe ISP assuré par le Forem) et des sources officielles citées dans
parametres/travail.yaml (emploi.wallonie.be, dofi.ibz.be, equisup.cfwb.be, equivalences.cfwb.be,
cvdc.be), limites exactes des dates et des seuils, propriétés, erreurs françaises, ligne de
commande et simulateur piloté en Python."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets.rules import legislation, travail
from widgets.rules.validation import ErreurSituation

D = dt.date
AUJOURDHUI = D(2026, 11, 30)


def evaluer(date: dt.date = AUJOURDHUI, **situation):
    return travail.evaluer(situation, date)


def codes(decision):
    return [m.code for m in decision.motifs]


def demarches(decision):
    return [x["code"] for x in decision.details["demarches"]]


# --- Les paramètres datés ---------------------------------------------------------------------

def test_parametres_dates_references_et_aucun_montant():
    bareme = legislation.charger("travail")
    assert bareme.couverture_debut == D(2019, 1, 3) and bareme.derniere_revue <= bareme.a_revoir_apres
    for nom, p in bareme.parametres.items():
        dates = [v.depuis for v in p.valeurs]
        assert dates == sorted(dates) and len(set(dates)) == len(dates), nom
        assert all(len(v.reference) > 10 for v in p.valeurs), nom
        assert bareme.valeur(nom, bareme.couverture_debut) is not None, nom  # rien n'est inventé pour combler un trou
    texte = (legislation.DOSSIER_PARAMETRES / "travail.yaml").read_text(encoding="utf-8")
    assert "€" not in texte and "EUR" not in texte  # aucun montant : le kit renvoie aux sites officiels
    ue = bareme.valeur("pays_ue_plus", D(2026, 1, 1)).valeur
    assert all(isinstance(c, str) and len(c) == 2 for c in ue) and "NO" in ue and "CH" in ue  # piège YAML : NO n'est pas « faux »
    assert bareme.valeur("delai_demandeur_protection", D(2019, 1, 3)).valeur == 4
    assert bareme.valeur("etudiant_heures_semaine", D(2021, 8, 14)).depuis == D(2019, 1, 3)
    assert bareme.valeur("etudiant_heures_semaine", D(2021, 8, 15)).depuis == D(2021, 8, 15)
    assert bareme.valeur("procedure_permis_unique", D(2024, 9, 1)).incertain  # réforme wallonne du 1er septembre 2024 : détails à vérifier


# --- Table de cas ------------------------------------------------------------------------------

@pytest.mark.parametrize("nom, situation, statut, code", [
    ("facts § 2.2 : citoyenne portugaise (UE+)", {"nationalite": "PT"}, "peut_travailler", "ue_plus"),
    ("facts § 2.2 : Norvégien (EEE)", {"nationalite": "NO"}, "peut_travailler", "ue_plus"),
    ("facts § 2.2 : Suisse, même avec un titre indiqué", {"nationalite": "CH", "titre_sejour": "A"}, "peut_travailler", "ue_plus"),
    ("wallonie.be : réfugié reconnu", {"nationalite": "SY", "titre_sejour": "refugie"}, "peut_travailler", "acces_plein_droit"),
    ("wallonie.be : protection subsidiaire", {"nationalite": "AF", "titre_sejour": "protection_subsidiaire"}, "peut_travailler", "acces_plein_droit"),
    ("jeminforme.be : carte B (séjour illimité)", {"nationalite": "MA", "titre_sejour": "B"}, "peut_travailler", "acces_plein_droit"),
    ("jeminforme.be : carte F (famille d'un Belge)", {"nationalite": "BR", "titre_sejour": "F"}, "peut_travailler", "acces_plein_droit"),
    ("dofi : protection temporaire (Ukraine)", {"nationalite": "UA", "titre_sejour": "protection_temporaire"}, "peut_travailler", "protection_temporaire"),
    ("dofi : mention « illimité » sur une carte A", {"nationalite": "TN", "titre_sejour": "A", "mention_marche_travail": "illimite"}, "peut_travailler", "mention_illimite"),
    ("dofi : mention « limité » (permis unique)", {"nationalite": "PH", "titre_sejour": "A", "mention_marche_travail": "limite"}, "acces_limite", "mention_limite"),
    ("dofi : mention « non »", {"nationalite": "GN", "titre_sejour": "autre", "mention_marche_travail": "non"}, "a_verifier", "mention_non"),
    ("dofi : carte A sans mention lue", {"nationalite": "MA", "titre_sejour": "A"}, "a_verifier", "carte_a"),
    ("emploi.wallonie.be : travailleur encore à l'étranger", {"nationalite": "IN", "titre_sejour": "a_l_etranger"}, "permis_unique", "permis_unique"),
    ("emploi.wallonie.be : carte H (carte bleue)", {"nationalite": "US", "titre_sejour": "H"}, "acces_limite", "carte_h"),
    ("AR 2 septembre 2018 : étudiant", {"nationalite": "CM", "titre_sejour": "etudiant"}, "acces_limite", "etudiant"),
    ("AR 2 septembre 2018 : demandeur de protection, 4 mois écoulés", {"nationalite": "AF", "titre_sejour": "demandeur_protection",
                                                                       "date_demande_protection": "2026-05-04"}, "peut_travailler", "delai_ecoule"),
    ("AR 2 septembre 2018 : demandeur de protection depuis un mois", {"nationalite": "ER", "titre_sejour": "demandeur_protection",
                                                                      "date_demande_protection": "2026-10-30"}, "acces_limite", "pas_encore"),
    ("AR 2 septembre 2018 : demandeur de protection, date inconnue", {"nationalite": "ER", "titre_sejour": "demandeur_protection"}, "acces_limite", "delai_inconnu"),
    ("groups.be : décision négative notifiée", {"nationalite": "GE", "titre_sejour": "demandeur_protection", "decision_negative_notifiee": True},
     "a_verifier", "decision_negative"),
    ("autre document sans mention", {"nationalite": "CN", "titre_sejour": "autre"}, "a_verifier", "autre"),
])
def test_table_de_cas(nom, situation, statut, code):
    d = travail.evaluer(situation, AUJOURDHUI)
    assert d.statut == statut, (nom, d.libelle, codes(d))
    assert code in codes(d), (nom, codes(d))
    assert all(m.reference for m in d.motifs)
    assert sum(e.decisive for e in d.trace) == 1, nom  # une et une seule condition a tranché
    assert d.libelle == travail.LIBELLES_STATUT[statut]


@pytest.mark.parametrize("nom, situation, attendues", [
    ("equisup : diplôme supérieur, profession non réglementée", {"diplome_hors_belgique": True, "niveau_diplome": "superieur"},
     ["equivalence_niveau", "equivalence_specifique"]),
    ("equisup : profession réglementée, diplôme hors EEE", {"diplome_hors_belgique": True, "niveau_diplome": "superieur", "profession_reglementee": True,
                                                            "diplome_eee": False}, ["equivalence_specifique", "reconnaissance_professionnelle"]),
    ("equivalences.cfwb.be : diplôme secondaire", {"diplome_hors_belgique": True, "niveau_diplome": "secondaire"}, ["equivalence_secondaire"]),
    ("cvdc.be : expérience sans diplôme", {"experience_sans_diplome": True}, ["validation_competences"]),
    ("rien à reconnaître", {}, []),
])
def test_demarches_recommandees(nom, situation, attendues):
    d = travail.evaluer({"nationalite": "SY", "titre_sejour": "refugie", **situation}, AUJOURDHUI)
    assert demarches(d) == attendues, nom
    for x in d.details["demarches"]:
        assert x["raison"] and x["reference"] and x["organisme"] and x["titre"], nom
        assert x["code"] in travail.DEMARCHES


def test_equivalence_gratuite_seulement_pour_les_statuts_proteges():
    superieur = {"diplome_hors_belgique": True, "niveau_diplome": "superieur"}
    refugie = travail.evaluer({"nationalite": "SY", "titre_sejour": "refugie", **superieur}, AUJOURDHUI)
    assert "entièrement gratuite" in refugie.details["demarches"][0]["raison"]
    ravi = travail.evaluer({"nationalite": "IN", "titre_sejour": "a_l_etranger", **superieur}, AUJOURDHUI)
    assert "payante" in ravi.details["demarches"][0]["raison"] and "€" not in ravi.details["demarches"][0]["raison"]
    # Protection temporaire : gratuité dans le supérieur, pas de frais dans l'obligatoire depuis l'arrêté du 27 octobre 2022.
    secondaire = {"nationalite": "UA", "titre_sejour": "protection_temporaire", "diplome_hors_belgique": True, "niveau_diplome": "secondaire"}
    assert "Pas de frais" in travail.evaluer(secondaire, D(2022, 10, 27)).details["demarches"][0]["raison"]
    assert "payante" in travail.evaluer(secondaire, D(2022, 10, 26)).details["demarches"][0]["raison"]


def test_reconnaissance_professionnelle_selon_le_pays_du_diplome():
    base = {"nationalite": "CD", "titre_sejour": "B", "diplome_hors_belgique": True, "niveau_diplome": "superieur", "profession_reglementee": True}
    eee = travail.evaluer({**base, "diplome_eee": True}, AUJOURDHUI).details["demarches"][-1]["raison"]
    hors = travail.evaluer({**base, "diplome_eee": False}, AUJOURDHUI).details["demarches"][-1]["raison"]
    inconnu = travail.evaluer(base, AUJOURDHUI)
    assert "Diplôme de l'EEE" in eee and "ne s'applique pas" in hors
    assert "Tout dépend du pays du diplôme" in inconnu.details["demarches"][-1]["raison"]
    assert any("Pays du diplôme non précisé" in h for h in inconnu.details["hypotheses"])


def test_validation_des_competences_age_lu_dans_les_parametres():
    d = evaluer(nationalite="MA", titre_sejour="B", experience_sans_diplome=True, profession_reglementee=True)
    (v,) = d.details["demarches"]
    assert "à partir de 18 ans" in v["raison"] and "ne remplace pas le diplôme" in v["raison"] and "cvdc.be" in v["url"]


def test_orientation_forem_cri_cisp_lire_et_ecrire():
    d = evaluer(nationalite="SY", titre_sejour="refugie")
    services = [o["code"] for o in d.details["orientation"]]
    assert services == ["forem", "cri", "cisp", "lire_et_ecrire"]
    forem = d.details["orientation"][0]
    assert "8 novembre 2018" in forem["reference"] and forem["incertain"]  # facts § 2.3 ; la durée minimale n'est pas confirmée
    assert "cri" not in [o["code"] for o in evaluer(nationalite="FR").details["orientation"]]  # pas de parcours pour un citoyen UE+
    assert "mention" in d.details["employeur"]["texte"] and d.details["employeur"]["reference"]


# --- Les limites exactes -----------------------------------------------------------------------

@pytest.mark.parametrize("jour, statut", [(D(2026, 11, 29), "acces_limite"), (D(2026, 11, 30), "peut_travailler")])
def test_demandeur_de_protection_le_jour_des_quatre_mois(jour, statut):
    d = evaluer(jour, nationalite="AF", titre_sejour="demandeur_protection", date_demande_protection="2026-07-30")
    assert d.statut == statut
    assert any(e.date == D(2026, 11, 30) and "4 mois" in e.libelle for e in d.details["echeances"])


def test_demandeur_de_protection_delai_passe_mais_mention_non():
    d = evaluer(nationalite="AF", titre_sejour="demandeur_protection", date_demande_protection="2026-01-05", mention_marche_travail="non")
    assert d.statut == "a_verifier" and "mention_pas_a_jour" in codes(d)
    avant = evaluer(nationalite="AF", titre_sejour="demandeur_protection", date_demande_protection="2026-11-02", mention_marche_travail="non")
    assert avant.statut == "acces_limite" and "pas_encore" in codes(avant)


@pytest.mark.parametrize("heures, depasse", [(0, False), (20, False), (21, True)])
def test_etudiant_limite_de_20_heures(heures, depasse):
    d = evaluer(nationalite="CM", titre_sejour="etudiant", heures_par_semaine=heures)
    assert d.statut == "acces_limite" and ("etudiant_depassement" in codes(d)) is depasse
    vacances = evaluer(nationalite="CM", titre_sejour="etudiant", heures_par_semaine=38, pendant_vacances_scolaires=True)
    assert "etudiant_depassement" not in codes(vacances)


@pytest.mark.parametrize("jour, supérieur", [(D(2021, 8, 14), False), (D(2021, 8, 15), True)])
def test_etudiant_conditions_du_15_aout_2021(jour, supérieur):
    texte = " ".join(m.texte for m in evaluer(jour, nationalite="CM", titre_sejour="etudiant").motifs)
    assert ("enseignement supérieur" in texte) is supérieur and "20 heures" in texte


@pytest.mark.parametrize("jour, statut", [(D(2022, 3, 3), "a_verifier"), (D(2022, 3, 4), "peut_travailler")])
def test_protection_temporaire_activee_le_4_mars_2022(jour, statut):
    assert evaluer(jour, nationalite="UA", titre_sejour="protection_temporaire").statut == statut


@pytest.mark.parametrize("jour, statut", [(D(2020, 12, 31), "peut_travailler"), (D(2021, 1, 1), "a_verifier")])
def test_brexit_le_britannique_quitte_l_ue_plus(jour, statut):
    d = evaluer(jour, nationalite="GB", titre_sejour="autre")
    assert d.statut == statut
    if statut == "a_verifier":
        assert any("Britannique" in a for a in d.avertissements)


@pytest.mark.parametrize("jour, statut", [(D(2021, 10, 10), "a_verifier"), (D(2021, 10, 11), "peut_travailler")])
def test_carte_k_nouveau_modele_du_11_octobre_2021(jour, statut):
    d = evaluer(jour, nationalite="MA", titre_sejour="K")
    assert d.statut == statut
    if statut == "a_verifier":
        assert "titre_inconnu_a_cette_date" in codes(d)


def test_couverture_le_jour_meme():
    assert evaluer(D(2019, 1, 3), nationalite="MA", titre_sejour="B").statut == "peut_travailler"
    with pytest.raises(ErreurSituation) as exc:
        evaluer(D(2019, 1, 2), nationalite="MA", titre_sejour="B")
    assert "3 janvier 2019" in exc.value.par_champ()["date_reference"]


def test_reforme_wallonne_du_1er_septembre_2024():
    avant = evaluer(D(2024, 8, 31), nationalite="IN", titre_sejour="a_l_etranger")
    apres = evaluer(D(2024, 9, 1), nationalite="IN", titre_sejour="a_l_etranger")
    regle = {d.date_reference: next(r for r in d.details["regles"] if r["nom"] == "procedure_permis_unique") for d in (avant, apres)}
    assert regle[D(2024, 8, 31)]["depuis"] == D(2019, 1, 3) and regle[D(2024, 9, 1)]["depuis"] == D(2024, 9, 1)
    assert any("1er septembre 2024" in (m.incertain or "") for m in apres.motifs)  # l'incertitude est montrée sous le motif
    assert not any("1er septembre 2024" in a for a in apres.avertissements)  # et pas répétée en avertissement


def test_regles_datees_et_hypotheses_affichees():
    d = evaluer(nationalite="MA", titre_sejour="B")
    assert all(r["reference"] and isinstance(r["depuis"], dt.date) for r in d.details["regles"])
    assert {"pays_ue_plus", "mention_marche_travail", "titres_acces_illimite"} <= {r["nom"] for r in d.details["regles"]}
    assert any("Mention « marché du travail » non précisée" in h for h in d.details["hypotheses"])
    dates = [e.date for e in d.details["echeances"]]
    assert dates == sorted(dates)
    assert any("revues le" in a for a in evaluer(D(2027, 7, 1), nationalite="MA", titre_sejour="B").avertissements)


# --- Erreurs en français, par champ -------------------------------------------------------------

@pytest.mark.parametrize("situation, champ, extrait", [
    ({"nationalite": "ZZ"}, "nationalite", "code de pays connu"),
    ({"nationalite": "MA"}, "titre_sejour", "obligatoire"),
    ({"nationalite": "MA", "titre_sejour": "Z"}, "titre_sejour", "valeurs possibles"),
    ({"nationalite": "MA", "titre_sejour": "A", "mention_marche_travail": "oui"}, "mention_marche_travail", "valeurs possibles"),
    ({"nationalite": "MA", "titre_sejour": "etudiant", "heures_par_semaine": -1}, "heures_par_semaine", "négatif"),
    ({"nationalite": "MA", "titre_sejour": "etudiant", "heures_par_semaine": "vingt"}, "heures_par_semaine", "nombre entier"),
    ({"nationalite": "MA", "titre_sejour": "etudiant", "heures_par_semaine": 200}, "heures_par_semaine", "au plus 168"),
    ({"nationalite": "MA", "titre_sejour": "demandeur_protection", "date_demande_protection": "2026-12-01"}, "date_demande_protection", "dans le futur"),
    ({"nationalite": "MA", "titre_sejour": "demandeur_protection", "date_demande_protection": "01/12/2025"}, "date_demande_protection", "AAAA-MM-JJ"),
    ({"nationalite": "MA", "titre_sejour": "B", "date_demande_protection": "2025-01-01"}, "date_demande_protection", "demandeur de protection"),
    ({"nationalite": "MA", "titre_sejour": "B", "heures_par_semaine": 10}, "heures_par_semaine", "étudiant"),
    ({"nationalite": "MA", "titre_sejour": "B", "niveau_diplome": "superieur"}, "niveau_diplome", "hors de Belgique"),
    ({"nationalite": "MA", "titre_sejour": "B", "diplome_hors_belgique": True}, "niveau_diplome", "précisez le niveau"),
    ({"nationalite": "MA", "titre_sejour": "B", "profession_reglementee": "oui"}, "profession_reglementee", "vrai ou faux"),
    ({"nationalite": "MA", "titre_sejour": "B", "salaire": 2000}, "salaire", "champ inconnu"),
])
def test_erreurs_en_francais_par_champ(situation, champ, extrait):
    with pytest.raises(ErreurSituation) as exc:
        travail.evaluer(situation, AUJOURDHUI)
    assert champ in exc.value.par_champ(), exc.value.par_champ()
    assert extrait in exc.value.par_champ()[champ]


def test_situation_qui_n_est_pas_un_objet():
    with pytest.raises(ErreurSituation) as exc:
        travail.evaluer(["MA"], AUJOURDHUI)
    assert "situation" in exc.value.par_champ()


# --- Propriétés ---------------------------------------------------------------------------------

situations = st.fixed_dictionaries(
    {"nationalite": st.sampled_from(["MA", "SY", "AF", "UA", "IN", "CM", "FR", "NO", "GB", "XX", "BR"]),
     "titre_sejour": st.sampled_from(travail.TITRES)},
    optional={"mention_marche_travail": st.sampled_from(travail.MENTIONS),
              "diplome_hors_belgique": st.just(True),
              "profession_reglementee": st.booleans(),
              "experience_sans_diplome": st.booleans()},
)


@settings(max_examples=300, deadline=None)
@given(situations, st.dates(min_value=D(2019, 1, 3), max_value=D(2030, 12, 31)), st.sampled_from(travail.NIVEAUX), st.sampled_from([None, True, False]))
def test_propriete_decision_toujours_expliquee(situation, jour, niveau, eee):
    if situation.get("diplome_hors_belgique"):
        situation = {**situation, "niveau_diplome": niveau, **({} if eee is None else {"diplome_eee": eee})}
    d = travail.evaluer(situation, jour)
    assert d.statut in travail.STATUTS and d.motifs and all(m.reference for m in d.motifs)
    assert sum(e.decisive for e in d.trace) == 1
    assert all(x["reference"] and x["raison"] for x in d.details["demarches"])
    citoyen = situation["nationalite"] in legislation.charger("travail").valeur("pays_ue_plus", jour).valeur
    if citoyen:  # un citoyen de l'UE+ n'a jamais besoin d'autorisation
        assert d.statut == "peut_travailler"
    if situation["titre_sejour"] == "etudiant" and not citoyen and situation.get("mention_marche_travail") != "illimite":
        assert d.statut != "peut_travailler"  # un étudiant hors UE+ a un accès limité, sauf mention contraire
    if situation.get("diplome_hors_belgique") and situation.get("profession_reglementee"):
        assert "reconnaissance_professionnelle" in [x["code"] for x in d.details["demarches"]]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=D(2019, 1, 3), max_value=D(2030, 12, 31)), st.integers(min_value=0, max_value=2000))
def test_propriete_demandeur_de_protection_jamais_avant_quatre_mois(jour, anciennete):
    demande = jour - dt.timedelta(days=anciennete)
    d = evaluer(jour, nationalite="AF", titre_sejour="demandeur_protection", date_demande_protection=demande.isoformat())
    assert d.statut in ("acces_limite", "peut_travailler")
    if anciennete < 4 * 28:  # moins de quatre mois, quels que soient les mois
        assert d.statut == "acces_limite" and "pas_encore" in codes(d)
    if anciennete > 4 * 31:  # plus de quatre mois
        assert d.statut == "peut_travailler"


valeurs_quelconques = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**12, max_value=10**12), st.floats(allow_nan=True), st.text(max_size=30),
    st.sampled_from(["", "MA", "UA", "A", "B", "etudiant", "demandeur_protection", "illimite", "superieur", "0001-01-01", "9999-12-31",
                     "2026-02-30", "<script>", "🇧🇪"]),
    st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31)).map(dt.date.isoformat),
    st.lists(st.integers(), max_size=2),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(list(travail.LIBELLES) + ["champ_inconnu"]), valeurs_quelconques, max_size=8),
       st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31)))
def test_entrees_hostiles_une_decision_ou_une_erreur_francaise(situation, jour):
    try:
        d = travail.evaluer(situation, jour)
    except ErreurSituation as exc:
        assert exc.erreurs and all(champ and message for champ, message in exc.erreurs)
        assert "Input should" not in exc.message() and "Value error" not in exc.message()
    else:
        assert d.statut in travail.STATUTS


# --- Ligne de commande --------------------------------------------------------------------------

def _cli(tmp_path, contenu, *args):
    f = tmp_path / "situation.json"
    f.write_text(contenu, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "widgets.rules.travail", str(f), *args], capture_output=True, text=True, check=False)


def test_cli_json(tmp_path):
    situation = {"nationalite": "SY", "titre_sejour": "refugie", "diplome_hors_belgique": True, "niveau_diplome": "superieur"}
    r = _cli(tmp_path, json.dumps(situation), "--date", "2026-11-30")
    assert r.returncode == 0, r.stderr
    sortie = json.loads(r.stdout)
    assert sortie["statut"] == "peut_travailler" and sortie["date_reference"] == "2026-11-30"
    assert [x["code"] for x in sortie["details"]["demarches"]] == ["equivalence_niveau", "equivalence_specifique"]
    assert sortie["motifs"][0]["reference"] and sortie["trace"]


@pytest.mark.parametrize("contenu, args, extrait", [
    ('{"nationalite": "MA"}', ("--date", "2026-11-30"), "titre_sejour"),
    ('{"nationalite": "MA", ', ("--date", "2026-11-30"), "JSON invalide"),
    ('{"nationalite": "MA", "titre_sejour": "B"}', ("--date", "2018-01-01"), "3 janvier 2019"),
    ('{"nationalite": "MA", "titre_sejour": "B"}', ("--date", "30/11/2026"), "AAAA-MM-JJ"),
])
def test_cli_erreurs_sans_trace_python(tmp_path, contenu, args, extrait):
    r = _cli(tmp_path, contenu, *args)
    assert r.returncode == 2 and extrait in r.stderr and "Traceback" not in r.stderr


# --- Le simulateur, piloté en Python ---------------------------------------------------------------

def test_simulateur_personas_et_erreurs_sous_le_champ():
    from widgets.simulateurs import travail as simulateur

    s = simulateur.SimulateurTravail(AUJOURDHUI)
    assert "cliquez sur un exemple" in s.resultat.value and s.derniere_decision is None
    assert len(simulateur.PERSONAS) == 3
    attendus = {"Dima": "peut_travailler", "Ravi": "permis_unique", "Grace": "acces_limite"}
    for nom, valeurs in simulateur.PERSONAS.items():
        s.remplir(valeurs)
        statut = attendus[nom.split(",")[0]]
        assert s.derniere_decision.statut == statut, nom
        assert f'data-statut="{statut}"' in s.resultat.value
    s.remplir(simulateur.PERSONAS["Dima, réfugiée syrienne, infirmière"])
    assert 'data-demarche="equivalence_specifique"' in s.demarches.value and 'data-demarche="reconnaissance_professionnelle"' in s.demarches.value
    assert 'data-service="forem"' in s.orientation.value and "Incertain" in s.regles.value and "depuis le 3 janvier 2019" in s.regles.value
    s.remplir(simulateur.PERSONAS["Grace, étudiante camerounaise à Namur"])
    assert "etudiant_depassement" in codes(s.derniere_decision) and 'data-demarche="validation_competences"' in s.demarches.value
    # Saisies invalides : le message est sous le champ, pas de décision.
    s.champs["heures_par_semaine"].valeur = "-3"
    assert "négatif" in s.champs["heures_par_semaine"].erreur.value and s.derniere_decision is None
    s.champs["heures_par_semaine"].valeur = "beaucoup"
    assert "nombre entier" in s.champs["heures_par_semaine"].erreur.value
    s.champs["heures_par_semaine"].valeur = "12"
    assert s.derniere_decision.statut == "acces_limite" and "etudiant_depassement" not in codes(s.derniere_decision)
    s.champs["date_reference"].valeur = D(2018, 6, 1)
    assert "3 janvier 2019" in s.champs["date_reference"].erreur.value and s.derniere_decision is None
    s.champs["date_reference"].valeur = AUJOURDHUI
    s.remplir({})
    s.champs["titre_sejour"].valeur = "A"
    assert "obligatoire" in s.champs["nationalite"].erreur.value
    s.champs["nationalite"].valeur = "MA"
    assert s.derniere_decision.statut == "a_verifier"
    s.champs["diplome_hors_belgique"].valeur = True
    assert "précisez le niveau" in s.champs["niveau_diplome"].erreur.value


def test_simulateur_demandeur_de_protection_chronologie():
    from widgets.simulateurs import travail as simulateur

    s = simulateur.SimulateurTravail(AUJOURDHUI)
    s.remplir({"nationalite": "AF", "titre_sejour": "demandeur_protection", "date_demande_protection": D(2026, 9, 14), "experience_sans_diplome": True})
    assert s.derniere_decision.statut == "acces_limite"
    assert "14 janvier 2027" in s.frise.value and "kit-chronologie" in s.frise.value
    s.champs["date_demande_protection"].valeur = D(2026, 12, 24)
    assert "dans le futur" in s.champs["date_demande_protection"].erreur.value
