"""Les montants en euros du kit : des ``Decimal`` arrondis au centime, jamais des ``float``, lus
à la belge (« 1 234,50 € », « 1.234,50 ») et écrits à la belge (« 12 345,50 € »)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Any

from babel.numbers import format_currency, format_decimal
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

# --- -------------------------------------------------------------------------

CENT = Decimal("0.01")
PLAFOND = Decimal("1e12")  # mille milliards : au-delà, une faute de frappe, et Decimal ne tiendrait plus les centimes
ZERO = Decimal("0.00")
LOCALE = "fr_BE"
_ESPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_NOMBRE = re.compile(r"-?\d+(\.\d+)?")


def arrondi(valeur: Decimal) -> Decimal:
    """Au centime, arrondi commercial (0,005 → 0,01)."""
    return valeur.quantize(CENT, rounding=ROUND_HALF_UP)


def lire_montant(valeur: Any) -> Decimal:
    """Un montant en euros, lu sans ``float`` : 1234, "1234.5", "1 234,50 €", "1.234,50".

    Lève ``ValueError`` (message français) si le texte n'est pas un montant ou a plus de deux
    décimales (« 1.234 » est refusé : s'agit-il de mille deux cent trente-quatre euros ?)."""
    if isinstance(valeur, bool) or valeur is None:
        raise ValueError("un montant en euros est attendu.")
    if isinstance(valeur, Decimal):
        d = valeur
    elif isinstance(valeur, int):
        d = Decimal(valeur)
    elif isinstance(valeur, float):
        d = Decimal(repr(valeur))  # la forme la plus courte : 0.1 -> Decimal("0.1"), pas 0.1000000000000000055...
    elif isinstance(valeur, str):
        d = _texte_en_decimal(valeur)
    else:
        raise ValueError("un montant en euros est attendu.")
    if not d.is_finite():
        raise ValueError("un montant en euros est attendu.")
    if abs(d) >= PLAFOND:
        raise ValueError(f"« {str(valeur)[:40]} » : montant invraisemblable (mille milliards d'euros ou plus).")
    if d != d.quantize(CENT, rounding=ROUND_HALF_UP):
        raise ValueError(f"« {valeur} » : un montant a au plus deux décimales (les centimes). "
                         "Pour séparer les milliers, écrivez 1 234 ou 1234.")
    return arrondi(d)


def _texte_en_decimal(texte: str) -> Decimal:
    brut = texte
    t = _ESPACES.sub("", texte.replace("€", "").replace("EUR", "").replace("eur", ""))
    if t.startswith("+"):
        t = t[1:]
    erreur = ValueError(f"« {brut[:40]} » n'est pas un montant en euros (exemples : 1250 ; 1 250,50).")
    if "," in t and "." in t:
        decimal_sep = "," if t.rfind(",") > t.rfind(".") else "."
        milliers = "." if decimal_sep == "," else ","
        entier, _, fraction = t.rpartition(decimal_sep)
        if not re.fullmatch(r"-?\d{1,3}(" + re.escape(milliers) + r"\d{3})+", entier):
            raise erreur
        t = entier.replace(milliers, "") + "." + fraction
    elif "," in t:
        if t.count(",") > 1:
            raise ValueError(f"« {brut} » n'est pas un montant (une seule virgule décimale).")
        t = t.replace(",", ".")
    elif t.count(".") > 1:  # 1.234.567 : des points de milliers à la belge
        if not re.fullmatch(r"-?\d{1,3}(\.\d{3})+", t):
            raise erreur
        t = t.replace(".", "")
    if not _NOMBRE.fullmatch(t):
        raise ValueError(f"« {brut[:40]} » n'est pas un montant en euros (exemples : 1250 ; 1 250,50).")
    try:
        return Decimal(t)
    except InvalidOperation:  # pragma: no cover - l'expression régulière l'empêche
        raise ValueError(f"« {brut[:40]} » n'est pas un montant en euros.") from None


def _montant(valeur: Any) -> Decimal:
    try:
        return lire_montant(valeur)
    except ValueError as exc:
        raise PydanticCustomError("kit", "{m}", {"m": str(exc)}) from None


def _montant_positif(valeur: Any) -> Decimal:
    d = _montant(valeur)
    if d < 0:
        raise PydanticCustomError("kit", "un montant ne peut pas être négatif (reçu : {v}).", {"v": euros(d)})
    return d


def _nombre(valeur: Any) -> Decimal:
    """Un nombre décimal (pourcentage, ETP), sans ``float`` ; virgule belge admise."""
    if isinstance(valeur, bool) or valeur is None:
        raise PydanticCustomError("kit", "un nombre est attendu.")
    try:
        if isinstance(valeur, Decimal):
            d = valeur
        elif isinstance(valeur, int):
            d = Decimal(valeur)
        elif isinstance(valeur, float):
            d = Decimal(repr(valeur))
        elif isinstance(valeur, str):
            d = _texte_en_decimal(valeur.replace("%", ""))
        else:
            raise ValueError
    except ValueError:
        raise PydanticCustomError("kit", "un nombre est attendu (reçu : « {v} »).", {"v": str(valeur)[:40]}) from None
    if not d.is_finite():
        raise PydanticCustomError("kit", "un nombre est attendu.")
    if abs(d) >= PLAFOND:
        raise PydanticCustomError("kit", "nombre invraisemblable (reçu : « {v} »).", {"v": str(valeur)[:40]})
    return d


def _nombre_positif(valeur: Any) -> Decimal:
    d = _nombre(valeur)
    if d < 0:
        raise PydanticCustomError("kit", "la valeur ne peut pas être négative (reçu : {v}).", {"v": format_decimal(d, locale=LOCALE)})
    return d


def _pourcentage(valeur: Any) -> Decimal:
    d = _nombre(valeur)
    if d < 0 or d > 100:
        raise PydanticCustomError("kit", "un pourcentage est compris entre 0 et 100 (reçu : {v} %).", {"v": format_decimal(d, locale=LOCALE)})
    return d


Montant = Annotated[Decimal, BeforeValidator(_montant_positif)]
"""Un montant en euros, positif ou nul, au centime."""
MontantSigne = Annotated[Decimal, BeforeValidator(_montant)]
"""Un montant en euros, de signe quelconque (un solde de départ peut être négatif)."""
Nombre = Annotated[Decimal, BeforeValidator(_nombre_positif)]
Pourcentage = Annotated[Decimal, BeforeValidator(_pourcentage)]


def euros(montant: Decimal | int | None) -> str:
    """« 12 345,50 € » (usage belge)."""
    if montant is None:
        return "—"
    return format_currency(Decimal(montant), "EUR", locale=LOCALE)


def pourcent(ratio: Decimal | None, decimales: int = 1) -> str:
    """Une part (0,349) en « 34,9 % » ; « — » quand elle n'a pas de sens (division par zéro)."""
    if ratio is None:
        return "—"
    valeur = (Decimal(ratio) * 100).quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP)
    return f"{format_decimal(valeur, format='#,##0.' + '0' * decimales if decimales else '#,##0', locale=LOCALE)}\u00a0%"


def nombre_fr(valeur: Decimal | int) -> str:
    return format_decimal(valeur, locale=LOCALE)


def part(numerateur: Decimal, denominateur: Decimal) -> Decimal | None:
    """Le rapport, à quatre décimales (0,3491) ; ``None`` si le dénominateur est nul."""
    if not denominateur:
        return None
    return (Decimal(numerateur) / Decimal(denominateur)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
