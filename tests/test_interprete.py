"""Aide à la décision « Faut-il un interprète, et lequel ? » : les faits du SeTIS (docs/faits-verifies.md § 8
et § 2), une table de cas, les propriétés (jamais un enfant ; jamais d'autre exception qu'une erreur
française), la ligne de commande et le widget, sans navigateur."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets.rules import interprete, legislation
from widgets.rules.decision import Decision
from widgets.rules.validation import ErreurSituation

AUJOURDHUI = dt.date(2026, 11, 30)
BASE = {"langue": "dari", "francais_suffisant": "non", "enjeu": "decision_droits"}


def evaluer(**changements) -> Decision:
    return interprete.evaluer({**BASE, **changements}, AUJOURDHUI)


# --- Les faits : un fichier de paramètres daté, chaque valeur avec sa référence ---------------------

@pytest.fixture(scope="module")
def bareme():
    return legislation.charger("interprete")


def test_parametres_dates_et_references(bareme):
    assert bareme.derniere_revue <= bareme.a_revoir_apres
    for nom, p in bareme.parametres.items():
        dates = [v.depuis for v in p.valeurs]
        assert dates == sorted(dates) and len(set(dates)) == len(dates), nom
        assert all(len(v.reference) > 10 for v in p.valeurs), nom


def test_faits_du_setis_selon_facts_md(bareme):
    v = lambda nom: bareme.valeur(nom, AUJOURDHUI)
    assert v("nombre_langues").valeur == 22  # docs/faits-verifies.md § 0.3 : 22 langues, pas « une vingtaine »
    assert v("services_servis").valeur == ["public", "non_marchand"]  # pas les particuliers
    assert all(v(m).valeur is True for m in ("mode_deplacement", "mode_permanence", "mode_telephone", "mode_traduction_ecrite"))
    assert v("gratuit_parcours").valeur is True and v("gratuit_parcours").incertain is None
    assert v("gratuit_hors_parcours").incertain  # « dans le cadre de son agrément » : à vérifier
    for nom in ("exclusion_tribunaux", "exclusion_traduction_officielle"):  # docs/faits-verifies.md § 10.13 : non confirmé
        assert v(nom).valeur == "non confirmé" and v(nom).incertain.startswith("Non confirmé")


def test_les_regles_n_importent_aucun_widget():
    code = "import sys, widgets.rules.interprete; print(sorted(m for m in ('ipywidgets', 'IPython', 'folium') if m in sys.modules))"
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert sortie == "[]"


# --- Une table de cas -------------------------------------------------------------------------------

@pytest.mark.parametrize("nom, changements, statut, codes", [
    ("Français suffisant : pas d'interprète", {"francais_suffisant": "oui"}, "pas_necessaire", {"francais_suffisant"}),
    ("Information générale, français partiel : français adapté", {"francais_suffisant": "partiellement", "enjeu": "information_generale"},
     "francais_adapte", {"francais_adapte"}),
    ("Décision sur des droits, français partiel : interprète", {"francais_suffisant": "partiellement"}, "setis_deplacement", {"enjeu_fort"}),
    ("Dans le doute : interprète", {"francais_suffisant": "incertain", "enjeu": "sante"}, "setis_deplacement", {"dans_le_doute"}),
    ("Santé, rendez-vous planifié : sur place", {"enjeu": "sante"}, "setis_deplacement", {"presentiel_enjeu_fort", "service_demandeur"}),
    ("Urgence : téléphone", {"enjeu": "sante", "delai": "urgence"}, "setis_telephone", {"telephone_urgence"}),
    ("Information générale, pas de français : téléphone", {"enjeu": "information_generale"}, "setis_telephone", {"telephone_information"}),
    ("Document : traduction écrite", {"besoin": "document", "service": "non_marchand"}, "setis_traduction", {"traduction_ecrite"}),
    ("Document officiel : non confirmé", {"besoin": "document", "document_officiel": True}, "officiel_a_verifier", {"officiel_non_confirme"}),
    ("Procédure judiciaire : non confirmé", {"procedure_judiciaire": True}, "officiel_a_verifier", {"officiel_non_confirme"}),
    ("Entreprise privée : pas le SeTIS", {"service": "prive_marchand"}, "hors_setis", {"hors_setis"}),
    ("Particulier : pas le SeTIS", {"service": "particulier", "enjeu": "information_generale"}, "hors_setis", {"hors_setis"}),
    ("Parcours d'intégration : gratuit", {"cadre_parcours": True}, "setis_deplacement", {"gratuit_parcours"}),
])
def test_table_de_cas(nom, changements, statut, codes):
    d = evaluer(**changements)
    assert d.statut == statut, nom
    assert codes <= {m.code for m in d.motifs}, (nom, [m.code for m in d.motifs])
    assert all(m.reference for m in d.motifs) and all(e.reference for e in d.trace)
    assert [e.code for e in d.trace if e.decisive], nom  # une question a tranché, et la trace la montre
    assert d.libelle == interprete.LIBELLES_STATUT[statut]


def test_ordre_des_questions():
    d = evaluer(interprete_propose="enfant", cadre_parcours=True)
    assert [e.code for e in d.trace] == ["entourage", "besoin", "francais", "service", "mode", "gratuite"]
    assert [e.code for e in d.trace if e.decisive] == ["mode"]


def test_jamais_un_enfant_et_pourquoi():
    for statut_attendu, changements in (("setis_deplacement", {}), ("pas_necessaire", {"francais_suffisant": "oui"}),
                                        ("hors_setis", {"service": "particulier"})):
        d = evaluer(interprete_propose="enfant", **changements)
        assert d.statut == statut_attendu
        assert d.motifs[0].code == "jamais_enfant"  # en tête, quelle que soit la recommandation
        assert "Jamais un enfant" in d.motifs[0].texte and "secret professionnel" in d.motifs[0].texte


def test_proche_et_violence():
    d = evaluer(enjeu="violence_sensible", interprete_propose="proche_adulte", delai="urgence")
    assert d.statut == "setis_telephone"
    proche = next(m for m in d.motifs if m.code == "proche_deconseille")
    assert "auteur des violences" in proche.texte
    secours = next(m for m in d.motifs if m.code == "secours")
    assert "112" in secours.texte and "101" in secours.texte
    assert any("sur place" in g for g in d.details["a_faire"])
    information = evaluer(enjeu="information_generale", francais_suffisant="partiellement", interprete_propose="proche_adulte")
    assert "information simple" in next(m for m in information.motifs if m.code == "proche_deconseille").texte


def test_avertissements_non_confirmes():
    d = evaluer(besoin="document", document_officiel=True)
    motif = next(m for m in d.motifs if m.code == "officiel_non_confirme")
    assert motif.incertain.startswith("Non confirmé") and "Non confirmé" in " ".join(d.avertissements)
    tribunal = evaluer(procedure_judiciaire=True)
    assert any("tribunaux" in a for a in tribunal.avertissements)


def test_gratuite_et_langue():
    hors = evaluer()
    assert any("agrément" in a for a in hors.avertissements)  # gratuité hors parcours : à vérifier
    assert any("22 langues" in a and "« dari »" in a for a in hors.avertissements)
    dans = evaluer(cadre_parcours=True)
    assert not any("agrément" in a for a in dans.avertissements)


def test_hypotheses_sur_les_champs_non_donnes():
    d = evaluer()
    assert len(d.details["hypotheses"]) == 4
    assert evaluer(service="public", besoin="entretien", delai="planifie", interprete_propose="aucun").details["hypotheses"] == []


def test_details_modes_et_gestes():
    d = evaluer(delai="urgence")
    assert [m["code"] for m in d.details["modes_setis"]] == ["deplacement", "permanence", "telephone", "traduction_ecrite"]
    assert any("haut-parleur" in g for g in d.details["a_faire"])
    assert evaluer(francais_suffisant="oui").details["modes_setis"] == []


def test_apres_la_date_de_revue_le_kit_previent():
    d = interprete.evaluer(BASE, dt.date(2028, 1, 1))
    assert any("vérifiez qu'elles n'ont pas changé" in a for a in d.avertissements)


# --- Erreurs en français, par champ -----------------------------------------------------------------

@pytest.mark.parametrize("situation, champ, extrait", [
    ({"francais_suffisant": "non", "enjeu": "sante"}, "langue", "ce champ est obligatoire"),
    ({**BASE, "langue": "Français"}, "langue", "autre que le français"),
    ({**BASE, "langue": "<script>"}, "langue", "n'est pas un nom de langue"),
    ({**BASE, "langue": 12}, "langue", "un texte est attendu"),
    ({**BASE, "enjeu": "urgent"}, "enjeu", "valeurs possibles : information_generale"),
    ({**BASE, "francais_suffisant": True}, "francais_suffisant", "valeur non admise"),
    ({**BASE, "cadre_parcours": "oui"}, "cadre_parcours", "vrai ou faux"),
    ({**BASE, "age": 8}, "age", "champ inconnu"),
    ({**BASE, "document_officiel": True}, "document_officiel", "traduction d'un document écrit"),
    ({**BASE, "cadre_parcours": True, "service": "prive_marchand"}, "cadre_parcours", "CRI"),
])
def test_erreurs_francaises_par_champ(situation, champ, extrait):
    with pytest.raises(ErreurSituation) as exc:
        interprete.evaluer(situation, AUJOURDHUI)
    assert extrait in exc.value.par_champ()[champ]
    assert "Input should" not in exc.value.message()


def test_date_hors_couverture_et_situation_qui_n_est_pas_un_objet():
    with pytest.raises(ErreurSituation, match="qu'à partir du 1er novembre 2026"):
        interprete.evaluer(BASE, dt.date(2020, 1, 1))
    with pytest.raises(ErreurSituation) as exc:
        interprete.evaluer(["dari"], AUJOURDHUI)
    assert "situation" in exc.value.par_champ()


# --- Propriétés -------------------------------------------------------------------------------------

valeurs = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
                    st.sampled_from([*interprete.NIVEAUX_FRANCAIS, *interprete.ENJEUX, *interprete.SERVICES, *interprete.DELAIS,
                                     *interprete.BESOINS, *interprete.INTERPRETES_PROPOSES, "français", "🇧🇪", " arabe "]),
                    st.lists(st.integers(), max_size=2))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from([*interprete.LIBELLES, "inconnu"]), valeurs, max_size=12))
def test_jamais_autre_chose_qu_une_decision_ou_une_erreur_francaise(situation):
    try:
        d = interprete.evaluer(situation, AUJOURDHUI)
    except ErreurSituation as exc:
        assert exc.erreurs and all(champ and message for champ, message in exc.erreurs)
        assert "Input should" not in exc.message() and "Value error" not in exc.message()
    else:
        assert d.statut in interprete.STATUTS and d.motifs


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({
    "langue": st.sampled_from(["arabe", "dari", "tigrinya", "russe"]),
    "francais_suffisant": st.sampled_from(interprete.NIVEAUX_FRANCAIS),
    "enjeu": st.sampled_from(interprete.ENJEUX),
    "besoin": st.sampled_from(interprete.BESOINS),
    "service": st.sampled_from(interprete.SERVICES),
    "delai": st.sampled_from(interprete.DELAIS),
    "procedure_judiciaire": st.booleans(),
}))
def test_proprietes_sur_toute_situation_valide(situation):
    d = interprete.evaluer({**situation, "interprete_propose": "enfant"}, AUJOURDHUI)
    assert d.motifs[0].code == "jamais_enfant"  # jamais un enfant, quelle que soit la situation
    if d.statut.startswith("setis_"):
        assert situation["service"] in ("public", "non_marchand")  # le SeTIS ne travaille que pour eux
    if situation["service"] in ("prive_marchand", "particulier"):
        assert not d.statut.startswith("setis_")
    if situation["francais_suffisant"] == "oui" and situation["besoin"] == "entretien":
        assert d.statut == "pas_necessaire"


# --- Ligne de commande ------------------------------------------------------------------------------

def test_ligne_de_commande(tmp_path):
    f = tmp_path / "situation.json"
    f.write_text(json.dumps({**BASE, "interprete_propose": "enfant"}), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "widgets.rules.interprete", str(f), "--date", "2026-11-30"], check=False, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    sortie = json.loads(r.stdout)
    assert sortie["statut"] == "setis_deplacement" and sortie["motifs"][0]["code"] == "jamais_enfant"
    f.write_text(json.dumps({**BASE, "enjeu": "?"}), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "widgets.rules.interprete", str(f), "--date", "2026-11-30"], check=False, capture_output=True, text=True)
    assert r.returncode == 2 and "Champ « enjeu »" in r.stderr and "Traceback" not in r.stderr


# --- Le widget, en Python ---------------------------------------------------------------------------

@pytest.fixture
def sim():
    from widgets.simulateurs import interprete as simulateur
    return simulateur.SimulateurInterprete(AUJOURDHUI)


def test_widget_vide_invite_a_remplir(sim):
    assert sim.derniere_decision is None and "Indiquez la langue" in sim.resultat.value
    assert "kit-simulateur-interprete" in sim.vue._dom_classes


def test_widget_exemples(sim):
    from widgets.simulateurs import interprete as simulateur
    attendus = ["setis_deplacement", "setis_telephone", "francais_adapte", "setis_traduction", "hors_setis"]
    for valeurs, statut in zip(simulateur.exemples().values(), attendus):
        sim.remplir(valeurs)
        assert sim.derniere_decision.statut == statut
        assert f'data-statut="{statut}"' in sim.resultat.value and "Référence" in sim.resultat.value
    sim.remplir(next(iter(simulateur.exemples().values())))
    assert "Jamais un enfant" in sim.resultat.value
    assert sim.modes.value.count("data-mode=") == 4 and "Briefing" in sim.a_faire.value


def test_widget_erreur_sous_le_champ_puis_reponse(sim):
    sim.champs["langue"].valeur = "français"
    sim.champs["francais_suffisant"].valeur = "non"
    sim.champs["enjeu"].valeur = "sante"
    assert "autre que le français" in sim.champs["langue"].erreur.value
    assert sim.derniere_decision is None and "Corrigez" in sim.resultat.value
    sim.champs["langue"].valeur = "pachto"
    assert sim.champs["langue"].erreur.value == ""
    assert sim.derniere_decision.statut == "setis_deplacement"
    sim.champs["document_officiel"].valeur = True
    assert "document écrit" in sim.champs["document_officiel"].erreur.value
    sim.champs["besoin"].valeur = "document"
    assert sim.derniere_decision.statut == "officiel_a_verifier"


def test_afficher_rend_un_widget():
    from widgets.simulateurs import interprete as simulateur
    vue = simulateur.afficher(AUJOURDHUI)
    assert "kit-simulateur-interprete" in vue._dom_classes
