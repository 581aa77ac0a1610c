"""Les nationalités : codes ISO 3166-1 alpha-2 et noms français (données CLDR, via Babel).

``XX`` désigne une personne apatride ou dont la nationalité est indéterminée (pas de code ISO).
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale

APATRIDE = "XX"
# Codes CLDR qui ne sont pas des États : Union européenne, zone euro, ONU, Océanie lointaine,
# pseudo-régions de test, région inconnue, Antarctique.
_PAS_DES_ETATS = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AQ"}


@lru_cache(maxsize=1)
def noms() -> dict[str, str]:
    """{code: nom français}, triés par nom ; Kosovo (XK, code provisoire) compris."""
    territoires = Locale.parse("fr_BE").territories
    pays = {c: n for c, n in territoires.items() if len(c) == 2 and c.isalpha() and c not in _PAS_DES_ETATS}
    pays[APATRIDE] = "Apatride ou nationalité indéterminée"
    return dict(sorted(pays.items(), key=lambda kv: kv[1]))


def nom(code: str) -> str:
    return noms().get(code, code)


def est_connu(code: str) -> bool:
    return code in noms()
