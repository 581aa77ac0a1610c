"""Entrées hostiles ou cassées : chaque règle, nourrie de valeurs au hasard (dates extrêmes, types
faux, unicode, chaînes vides, nombres énormes), répond par une décision ou par un message
français qui nomme le champ, jamais par une autre exception."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets.rules import parcours
from widgets.rules.validation import ErreurSituation

AUJOURDHUI = dt.date(2026, 11, 23)

valeurs_quelconques = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=60),
    st.sampled_from(["", " ", "2026-02-30", "0001-01-01", "9999-12-31", "MA", "Mons", "NO", "🇧🇪", "<script>alert(1)</script>",
                     "62063", "1e9", "true", "null", "etudiant"]),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
CHAMPS = list(parcours.LIBELLES) + ["champ_inconnu"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(CHAMPS), valeurs_quelconques, max_size=len(CHAMPS)),
       st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_parcours_ne_leve_jamais_autre_chose_qu_une_erreur_francaise(situation, date_reference):
    try:
        decision = parcours.evaluer(situation, date_reference, aujourdhui=AUJOURDHUI)
    except ErreurSituation as exc:
        assert exc.erreurs and all(champ and message for champ, message in exc.erreurs)
        assert "Input should" not in exc.message() and "Value error" not in exc.message()  # pas de pydantic en anglais
    else:
        assert decision.statut in parcours.STATUTS


@settings(max_examples=100, deadline=None)
@given(valeurs_quelconques)
def test_une_situation_qui_n_est_pas_un_dictionnaire(valeur):
    try:
        parcours.evaluer(valeur, AUJOURDHUI, aujourdhui=AUJOURDHUI)
    except ErreurSituation as exc:
        assert "situation" in exc.par_champ() or exc.erreurs


# --- Toutes les règles du kit, la même exigence ------------------------------------------------

from widgets.rules import amu, asbl, budget, interprete, menage, nationalite, regroupement, travail, tresorerie, vote  # noqa: E402
from widgets.rules.decision import Decision  # noqa: E402

REGLES = {
    "asbl": (asbl.evaluer, list(asbl.LIBELLES)),
    "tresorerie": (tresorerie.evaluer, list(tresorerie.LIBELLES)),
    "budget": (budget.evaluer, list(budget.LIBELLES)),
    "cofinancement": (budget.evaluer_cofinancement, list(budget.LIBELLES_COFINANCEMENT)),
    "vote": (lambda situation, date: vote.evaluer(situation, aujourdhui=date), list(vote.LIBELLES)),
    "interprete": (interprete.evaluer, list(interprete.LIBELLES)),
    "menage": (lambda situation, _date: menage.evaluer(situation), list(menage.LIBELLES)),
    "amu": (amu.evaluer, list(amu.LIBELLES)),
    "nationalite": (nationalite.evaluer, list(nationalite.LIBELLES)),
    "regroupement": (regroupement.evaluer, list(regroupement.LIBELLES)),
    "travail": (travail.evaluer, list(travail.LIBELLES)),
}


def _json_hostile(cles: list[str]):
    """Des objets JSON dont les clés sont (surtout) celles de la règle, et les valeurs n'importe quoi,
    y compris des listes d'objets du même genre (lignes, tranches, financeurs...)."""
    feuilles = valeurs_quelconques | st.decimals(allow_nan=True, allow_infinity=True).map(str)
    cle = st.sampled_from(cles + ["inconnu"])
    return st.recursive(feuilles, lambda enfants: st.lists(enfants, max_size=4) | st.dictionaries(cle, enfants, max_size=6), max_leaves=25) \
        .filter(lambda v: True) | st.dictionaries(cle, st.recursive(feuilles, lambda e: st.lists(st.dictionaries(cle, e, max_size=5), max_size=3), max_leaves=20), max_size=len(cles))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.sampled_from(sorted(REGLES)), st.data(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_chaque_regle_repond_ou_explique_en_francais(nom, donnees, date_reference):
    evaluer, cles = REGLES[nom]
    entree = donnees.draw(_json_hostile(cles), label=nom)
    try:
        resultat = evaluer(entree, date_reference)
    except ErreurSituation as exc:
        assert exc.erreurs and all(champ and message for champ, message in exc.erreurs)
        assert "Input should" not in exc.message() and "Value error" not in exc.message()
    else:
        assert isinstance(resultat, Decision) and resultat.motifs
