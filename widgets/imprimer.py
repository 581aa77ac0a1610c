"""Des pages HTML imprimables et leur PDF, pour les formateurs qui distribuent du papier.

Le PDF est produit par un navigateur de la famille Chromium (Chromium, Google Chrome, Microsoft
Edge) lancé sans fenêtre, celui que l'on trouve déjà sur la plupart des ordinateurs : la mise en
page est donc exactement celle de « Imprimer → Enregistrer en PDF » depuis le navigateur, sans
seconde bibliothèque de mise en page à maintenir. Sans navigateur trouvé, le HTML reste produit et
le message dit comment obtenir le PDF à la main.

    pdf_depuis_html(Path("programme.html"), Path("programme.pdf"))
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path

# Variable d'environnement pour indiquer un navigateur qui n'est pas trouvé tout seul.
VARIABLE = "KIT_NAVIGATEUR"
NOMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge", "microsoft-edge")
CHEMINS = (
    "/usr/bin/chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
    r"C:\Program Files\Microsoft\Edge\Application\msedge.exe",
)

SANS_NAVIGATEUR = ("Le PDF n'a pas pu être produit : aucun navigateur Chromium, Google Chrome ou Microsoft Edge n'a été "
                   "trouvé sur cet ordinateur (indiquez-en un avec la variable KIT_NAVIGATEUR). La page HTML est prête : "
                   "ouvrez-la et choisissez « Imprimer », puis « Enregistrer au format PDF ».")


class PdfImpossible(RuntimeError):
    """Le PDF n'a pas pu être produit ; le message, en français, dit pourquoi et quoi faire."""


def navigateur() -> str | None:
    """Le chemin d'un navigateur capable d'imprimer en PDF sans fenêtre, ou ``None``."""
    choisi = os.environ.get(VARIABLE)
    if choisi:
        return choisi if Path(choisi).exists() or shutil.which(choisi) else None
    for nom in NOMS:
        trouve = shutil.which(nom)
        if trouve:
            return trouve
    return next((c for c in CHEMINS if Path(c).exists()), None)


def pdf_depuis_html(source: Path, pdf: Path, delai: float = 90) -> Path:
    """Imprime la page HTML ``source`` dans ``pdf`` (format A4 si la page le demande par ``@page``).
    Lève ``PdfImpossible`` avec un message français si ce n'est pas possible."""
    exe = navigateur()
    if exe is None:
        raise PdfImpossible(SANS_NAVIGATEUR)
    source, pdf = Path(source).resolve(), Path(pdf).resolve()
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="kit-pdf-") as profil:
        commande = [exe, "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={profil}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", source.as_uri()]
        if sys.platform != "win32" and hasattr(os, "geteuid") and os.geteuid() == 0:
            commande.insert(1, "--no-sandbox")  # Chromium refuse de tourner en administrateur sans cette option
        try:
            subprocess.run(commande, capture_output=True, timeout=delai, check=False)
        except subprocess.TimeoutExpired:
            raise PdfImpossible(f"Le navigateur n'a pas produit le PDF en {delai:.0f} secondes. La page HTML est prête : "
                                "ouvrez-la et imprimez-la en PDF depuis le navigateur.") from None
        except OSError as exc:
            raise PdfImpossible(f"Le navigateur {exe} n'a pas pu être lancé ({exc}). La page HTML est prête : "
                                "ouvrez-la et imprimez-la en PDF depuis le navigateur.") from None
    if not pdf.is_file() or pdf.read_bytes()[:5] != b"%PDF-":
        raise PdfImpossible(f"Le navigateur {exe} n'a pas produit de PDF. La page HTML est prête : "
                            "ouvrez-la et imprimez-la en PDF depuis le navigateur.")
    return pdf


def pdf_en_octets(html: str) -> bytes:
    """Le PDF d'une page HTML donnée comme texte (dossier temporaire) ; lève ``PdfImpossible``."""
    with tempfile.TemporaryDirectory(prefix="kit-page-") as dossier:
        source = Path(dossier) / "page.html"
        source.write_text(html, encoding="utf-8")
        return pdf_depuis_html(source, Path(dossier) / "page.pdf").read_bytes()


# Une feuille de style d'impression commune aux fiches et aux programmes : A4, marges, pas de
# coupure au milieu d'un tableau ou d'un encadré, liens écrits en toutes lettres sur le papier.
CSS_IMPRESSION = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
html { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 11pt; color: #111; background: #fff; line-height: 1.45; }
body { max-width: 46em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 1.7em; color: #1d4e89; margin: 0 0 0.3em 0; }
h2 { font-size: 1.3em; color: #1d4e89; margin: 1.2em 0 0.4em 0; break-after: avoid; }
h3, h4 { break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0; break-inside: avoid; }
th, td { border: 1px solid #888; padding: 0.3em 0.45em; text-align: left; vertical-align: top; }
th { background: #e8eef7; }
blockquote, .kit-encadre { border-left: 4px solid #1d4e89; background: #f3f7fc; margin: 0.6em 0; padding: 0.4em 0.9em; break-inside: avoid; }
.kit-fictif { border: 1px dashed #555; border-radius: 3px; padding: 0 0.3em; font-size: 0.9em; }
.kit-meta { color: #333; }
.kit-pied { margin-top: 2em; border-top: 1px solid #999; padding-top: 0.5em; color: #333; font-size: 0.9em; }
a { color: #1d4e89; }
@media print { body { margin: 0; max-width: none; } a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; color: #333; word-break: break-all; } }
"""


def page(titre: str, corps: str, css_en_plus: str = "") -> str:
    """Une page HTML autonome (aucun fichier externe), en français, prête à imprimer."""
    return (f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(titre)}</title><style>{CSS_IMPRESSION}{css_en_plus}</style></head>"
            f"<body>{corps}</body></html>\n")
