"""La ligne de commande commune aux règles : JSON en entrée, JSON en sortie, code 2 et un message
français (jamais de trace Python) sur une entrée invalide, code 3 si les données du kit sont
invalides."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from widgets.rules.decision import Decision
from widgets.rules.validation import ErreurSituation


def _json_defaut(valeur: Any) -> Any:
    if isinstance(valeur, Decimal):
        return str(valeur)
    if isinstance(valeur, (dt.date, dt.datetime)):
        return valeur.isoformat()
    raise TypeError(type(valeur).__name__)


def en_json(objet: Any) -> str:
    """JSON lisible ; les ``Decimal`` deviennent des chaînes exactes (« "1234.50" »)."""
    if isinstance(objet, Decision):
        objet = objet.en_dict()
    return json.dumps(objet, ensure_ascii=False, indent=2, default=_json_defaut)


def executer_cli(argv: list[str] | None, prog: str, description: str, aide_fichier: str,
                 evaluer: Callable[[Any, dt.date], Any], avec_date: bool = True) -> int:
    """Le squelette commun des lignes de commande : JSON en entrée, JSON en sortie, code 2 et un
    message français (jamais de trace Python) sur une entrée invalide."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("fichier", help=aide_fichier + " (ou - pour l'entrée standard)")
    if avec_date:
        parser.add_argument("--date", help="date de référence AAAA-MM-JJ (par défaut : aujourd'hui)")
    args = parser.parse_args(argv)
    date = dt.date.today()
    if avec_date and args.date:
        try:
            date = dt.date.fromisoformat(args.date)
        except ValueError:
            print(f"Erreur : --date « {args.date} » n'est pas une date valable (format attendu : AAAA-MM-JJ).", file=sys.stderr)
            return 2
    try:
        texte = sys.stdin.read() if args.fichier == "-" else open(args.fichier, encoding="utf-8").read()
    except OSError as exc:
        print(f"Erreur : impossible de lire « {args.fichier} » ({exc.strerror}).", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print(f"Erreur : « {args.fichier} » n'est pas un fichier texte UTF-8.", file=sys.stderr)
        return 2
    try:
        contenu = json.loads(texte, parse_float=Decimal)  # aucun float : 0.1 reste 0.1
    except json.JSONDecodeError as exc:
        print(f"Erreur : {args.fichier}, ligne {exc.lineno}, colonne {exc.colno} : JSON invalide ({exc.msg}).", file=sys.stderr)
        return 2
    try:
        resultat = evaluer(contenu, date)
    except ErreurSituation as exc:
        print("Entrée invalide :\n" + exc.message(), file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001
        # widgets.data (et pandas) n'est importé que par les règles qui lisent les jeux de données :
        # une règle pure comme le budget d'un ménage garde une ligne de commande légère.
        data = sys.modules.get("widgets.data")
        if data is None or not isinstance(exc, data.DonneesInvalides):
            raise
        print(f"Données du kit invalides : {exc}", file=sys.stderr)
        return 3
    print(en_json(resultat))
    return 0
