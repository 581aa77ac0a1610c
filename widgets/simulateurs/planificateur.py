"""Le planificateur de session, pour les formateurs : un public, une durée, des thèmes, une heure de
début -> une suite de séances minutée, recalculée à chaque changement de champ, puis le programme
imprimable (page HTML autonome, ou PDF produit par le navigateur Chromium de l'ordinateur) ::

    from widgets.simulateurs import planificateur
    planificateur.afficher()

Toute la logique (choix des séances, horaires, HTML) est dans ``widgets.programme`` ; ce module ne
fait que le formulaire. Les boutons « Programme HTML » et « Programme PDF » préparent des liens de
téléchargement (contenu dans l'adresse, sans JavaScript : Voilà le bloque) ; les liens s'effacent dès
qu'un champ change, pour ne jamais télécharger un programme périmé.
"""

from __future__ import annotations

import datetime as dt
from html import escape

import ipywidgets as w

from widgets import catalogue, imprimer, programme
from widgets.ui import graphiques
from widgets.ui.champs import LARGEUR_LIBELLE, Champ, bouton, formulaire, texte

MIME_HTML = "text/html;charset=utf-8"

_STYLE = """<style>
.kit-planificateur { max-width: 72em; }
.kit-planificateur .kit-themes .widget-checkbox { width: auto; }
.kit-programme-tableau td ul { margin: 0; padding-left: 1.1em; }
.kit-programme-tableau .kit-programme-jour, .kit-programme-tableau .kit-programme-horaire { white-space: nowrap; }
.kit-programme-tableau .kit-creneau-pause td, .kit-programme-tableau .kit-creneau-repas td, .kit-programme-tableau .kit-creneau-libre td { background: #f3f3f3; color: #222; }
.kit-programme-exports .widget-button { margin-right: 0.6em; }
</style>"""


def _libelle_theme(module: catalogue.Module, public: str) -> str:
    n = sum(1 for s in module.seances if public in s.meta.cibles)
    compte = "aucune séance pour ce public" if n == 0 else f"{n} séance{'s' if n > 1 else ''} pour ce public"
    return f"{module.meta.titre} ({compte})"


class Planificateur:
    """Le formulaire et le programme ; ``vue`` est le widget à afficher."""

    def __init__(self, modules: list[catalogue.Module] | None = None, aujourdhui: dt.date | None = None):
        self.modules = catalogue.modules() if modules is None else modules
        self._aujourdhui = aujourdhui
        self.programme: programme.Programme | None = None
        self.champs = {
            "public": Champ("public", w.Dropdown(options=[(libelle, code) for code, libelle in catalogue.PUBLICS.items()],
                                                 value="communes"), "Public"),
            "duree": Champ("duree", w.Dropdown(options=[(f.libelle, code) for code, f in programme.FORMATS.items()],
                                               value="demi-journee"), "Durée"),
            "heure_debut": Champ("heure_debut", w.TimePicker(value=dt.time(9, 0), step=300), "Heure de début",
                                 "Repères du kit : demi-journée de 3 h 30 ; journée de 9 h 00 à 16 h 30 avec une heure "
                                 "pour le repas (à partir d'une autre heure, tout se décale)."),
        }
        self.themes = {}
        for mod in self.modules:
            case = w.Checkbox(value=False, indent=False, description=_libelle_theme(mod, "communes"),
                              layout=w.Layout(width="auto"))
            case.add_class("kit-theme")
            case.add_class(f"kit-theme-{mod.dossier}")
            self.themes[mod.dossier] = case
        self.textes = {
            "intitule": Champ("intitule", texte(placeholder="ex. Accueillir les personnes étrangères au guichet"),
                              "Intitulé (facultatif)", "Le titre du programme imprimé."),
            "lieu": Champ("lieu", texte(placeholder="ex. Salle du conseil, hôtel de ville de Namur"), "Lieu (facultatif)"),
        }
        self.tableau = w.HTML()
        self.tableau.add_class("kit-programme")
        self.bouton_html = bouton("Programme HTML", "kit-programme-html", self.preparer_html,
                                  infobulle="Préparer le programme en page HTML à imprimer")
        self.bouton_pdf = bouton("Programme PDF", "kit-programme-pdf", self.preparer_pdf,
                                 infobulle="Préparer le programme en PDF (quelques secondes)")
        self.erreur_pdf = w.HTML()
        self.erreur_pdf.add_class("kit-programme-erreur")
        self.liens = w.HTML()
        self.liens.add_class("kit-programme-liens")

        for champ in self.champs.values():
            champ.widget.observe(self._change, names="value")
        for case in self.themes.values():
            case.observe(self._change, names="value")
        for champ in self.textes.values():
            champ.widget.observe(lambda _c: self._effacer_liens(), names="value")

        titre_themes = w.HTML("Thèmes (modules du kit)", layout=w.Layout(width=LARGEUR_LIBELLE, min_width=LARGEUR_LIBELLE))
        titre_themes.add_class("kit-themes-titre")
        boite_themes = w.VBox(list(self.themes.values()))
        boite_themes.add_class("kit-themes")
        ligne_themes = w.HBox([titre_themes, boite_themes], layout=w.Layout(margin="0.2em 0 0.5em 0"))
        exports = w.HBox([self.bouton_html, self.bouton_pdf, self.erreur_pdf],
                         layout=w.Layout(flex_flow="row wrap", align_items="center"))
        exports.add_class("kit-programme-exports")
        self.vue = w.VBox([
            w.HTML(f"{_STYLE}<h3>Composer le programme</h3>"
                   '<p class="kit-ref">Le programme se recalcule à chaque changement. Les séances viennent du catalogue du kit ; '
                   "les horaires sont des repères pédagogiques, pas des règles légales.</p>"),
            formulaire([self.champs["public"], self.champs["duree"], self.champs["heure_debut"]]),
            ligne_themes,
            self.tableau,
            w.HTML("<h4>Imprimer ou envoyer le programme</h4>"),
            formulaire(list(self.textes.values())),
            exports,
            self.liens,
        ])
        self.vue.add_class("kit-planificateur")
        self.recalculer()

    @property
    def aujourdhui(self) -> dt.date:
        return self._aujourdhui or dt.date.today()

    def _change(self, change) -> None:
        if change["owner"] is self.champs["public"].widget:
            for mod in self.modules:
                self.themes[mod.dossier].description = _libelle_theme(mod, change["new"])
        self.recalculer()

    def themes_choisis(self) -> list[str]:
        return [dossier for dossier, case in self.themes.items() if case.value]

    def recalculer(self) -> None:
        """Le programme pour les champs actuels ; une saisie invalide s'affiche sous son champ."""
        self._effacer_liens()
        self.champs["heure_debut"].signaler(None)
        heure = self.champs["heure_debut"].valeur
        if heure is None:
            self.champs["heure_debut"].signaler("indiquez l'heure de début.")
            return self._vider("Indiquez l'heure de début pour voir le programme.")
        try:
            prog = programme.composer(self.champs["public"].valeur, self.champs["duree"].valeur, self.themes_choisis(),
                                      heure, modules=self.modules)
        except ValueError as exc:
            self.champs["heure_debut"].signaler(str(exc))
            return self._vider("Corrigez le champ signalé en rouge pour voir le programme.")
        self.programme = prog
        self.tableau.value = programme.apercu_html(prog)
        self.bouton_html.disabled = self.bouton_pdf.disabled = prog.vide

    def _vider(self, message: str) -> None:
        self.programme = None
        self.tableau.value = f'<div class="kit-attente kit-programme-message"><p>{escape(message)}</p></div>'
        self.bouton_html.disabled = self.bouton_pdf.disabled = True

    def _effacer_liens(self) -> None:
        self.liens.value = ""
        self.erreur_pdf.value = ""

    def _page(self) -> str:
        return programme.page_html(self.programme, self.textes["intitule"].valeur, self.textes["lieu"].valeur, self.aujourdhui)

    def _nom(self, extension: str) -> str:
        return programme.nom_fichier(self.programme, self.textes["intitule"].valeur, extension)

    def preparer_html(self) -> None:
        if self.programme is None or self.programme.vide:
            return
        self.erreur_pdf.value = ""
        self.liens.value = ("<p>" + graphiques.lien_telechargement(
            self._nom("html"), self._page().encode("utf-8"), MIME_HTML, "Télécharger le programme (page HTML à imprimer)",
            "kit-programme-lien-html") + "</p>")

    def preparer_pdf(self) -> None:
        if self.programme is None or self.programme.vide:
            return
        self.erreur_pdf.value = '<span class="kit-ref">Préparation du PDF…</span>'
        self.bouton_pdf.disabled = True
        try:
            pdf = imprimer.pdf_en_octets(self._page())
        except (imprimer.PdfImpossible, OSError) as exc:
            message = str(exc) if isinstance(exc, imprimer.PdfImpossible) else (
                f"Le PDF n'a pas pu être produit ({exc}). Le programme HTML reste disponible : ouvrez-le et imprimez-le en PDF.")
            self.erreur_pdf.value = f'<span class="kit-erreur">{escape(message)}</span>'
            return
        finally:
            self.bouton_pdf.disabled = self.programme is None or self.programme.vide
        self.erreur_pdf.value = ""
        self.liens.value = ("<p>" + graphiques.lien_telechargement(
            self._nom("pdf"), pdf, "application/pdf", "Télécharger le programme (PDF)", "kit-programme-lien-pdf") + "</p>")


def apercu(public: str, duree: str, themes: list[str], heure_debut: str = "9 h 00") -> w.Widget:
    """Un programme figé (l'exemple commenté d'une page), sans formulaire."""
    try:
        prog = programme.composer(public, duree, themes, heure_debut)
        contenu = programme.apercu_html(prog)
    except ValueError as exc:
        contenu = f'<div class="kit-avertissement">{escape(str(exc))}</div>'
    vue = w.HTML(_STYLE + contenu)
    vue.add_class("kit-programme-exemple")
    return vue


def afficher(aujourdhui: dt.date | None = None) -> w.Widget:
    """Le planificateur, prêt à afficher (dernière expression d'une cellule)."""
    try:
        return Planificateur(aujourdhui=aujourdhui).vue
    except (OSError, ValueError) as exc:
        boite = w.HTML(f'<div class="kit-avertissement"><strong>Le planificateur ne peut pas démarrer :</strong> '
                       f"{escape(str(exc))}</div>")
        boite.add_class("kit-erreur-fichier")
        return boite
