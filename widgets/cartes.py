"""Les cartes folium du kit, construites à partir des jeux de données.

Sans réseau, une carte folium ordinaire reste blanche : Leaflet vient d'un CDN. Le kit embarque
Leaflet (``widgets/static/leaflet``, licence BSD-2) et l'insère dans la page ; seules les tuiles
du fond de carte demandent Internet. Chaque carte a aussi son équivalent en texte (un tableau
des mêmes adresses), qui ne dépend de rien.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from html import escape
from pathlib import Path

import pandas as pd

from widgets import data

LEAFLET = Path(__file__).with_name("static") / "leaflet"
COULEUR_BUREAU = "#1d4e89"
COULEUR_APPROX = "#8a4b00"


def _uri(fichier: Path, type_mime: str) -> str:
    return f"data:{type_mime};base64," + base64.b64encode(fichier.read_bytes()).decode("ascii")


@lru_cache(maxsize=1)
def _folium():
    """folium (et branca) coûtent près d'une demi-seconde à importer : on ne le fait qu'à la
    première carte, pas à l'ouverture de chaque séance."""
    import folium

    class CarteHorsLigne(folium.Map):
        """Une carte folium qui n'a besoin d'aucun CDN : Leaflet est embarqué, rien d'autre n'est
        chargé (ni jQuery, ni Bootstrap, ni icônes : les marqueurs sont des cercles)."""

        default_js = [("leaflet", _uri(LEAFLET / "leaflet.js", "text/javascript"))]
        default_css = [("leaflet_css", _uri(LEAFLET / "leaflet.css", "text/css"))]

    return folium, CarteHorsLigne


def CarteHorsLigne(**options):  # noqa: N802 (se lit comme la classe qu'elle construit)
    return _folium()[1](**options)


def carte_bureaux(bureaux: pd.DataFrame, territoire: pd.DataFrame | None = None):
    """Les bureaux d'accueil (cercles pleins ; tiretés si l'emplacement est approximatif) et, en
    petits points gris, les communes du territoire : la carte reste lisible sans fond de carte."""
    folium = _folium()[0]
    points = [bureaux[["latitude", "longitude"]]]
    if territoire is not None and not territoire.empty:
        points.append(territoire[["latitude", "longitude"]])
    tous = pd.concat(points).astype(float)
    if tous.empty:
        return CarteHorsLigne(location=(50.45, 4.85), zoom_start=8, tiles="OpenStreetMap", control_scale=True)
    carte = CarteHorsLigne(location=(tous["latitude"].mean(), tous["longitude"].mean()), zoom_start=11,
                           tiles="OpenStreetMap", control_scale=True)
    if territoire is not None:
        for _, c in territoire.iterrows():
            folium.CircleMarker(location=(c["latitude"], c["longitude"]), radius=3, color="#777", weight=1,
                                fill=True, fill_opacity=0.6, tooltip=c["nom"]).add_to(carte)
    for _, b in bureaux.iterrows():
        approx = bool(b["coordonnees_approx"])
        texte = f"<strong>{escape(b['nom'])}</strong><br>{escape(adresse(b))}"
        if approx:
            texte += "<br><em>Emplacement approximatif (centre de la commune)</em>"
        folium.CircleMarker(
            location=(float(b["latitude"]), float(b["longitude"])),
            radius=9,
            color=COULEUR_APPROX if approx else COULEUR_BUREAU,
            fill=True,
            fill_opacity=0.45 if approx else 0.8,
            dash_array="4" if approx else None,
            tooltip=b["nom"],
            popup=folium.Popup(texte, max_width=260),
        ).add_to(carte)
    if len(tous) > 1:
        carte.fit_bounds([[tous["latitude"].min(), tous["longitude"].min()], [tous["latitude"].max(), tous["longitude"].max()]])
    return carte


def adresse(ligne) -> str:
    morceaux = [ligne.get("adresse") or "", " ".join(x for x in (ligne.get("code_postal") or "", ligne.get("localite") or "") if x)]
    return ", ".join(m for m in morceaux if m) or "adresse non renseignée"


def tableau_bureaux(bureaux: pd.DataFrame) -> str:
    """L'équivalent texte de la carte : les mêmes bureaux, leurs adresses et leur fiabilité."""
    if bureaux.empty:
        return '<p class="kit-bureaux-vide">Le kit ne connaît pas encore les bureaux d\'accueil de ce CRI : contactez son siège.</p>'
    lignes = "".join(
        f"<tr><td>{escape(b['nom'])}</td><td>{escape(adresse(b))}</td>"
        f"<td>{escape(b['confiance'])}{' ; emplacement approximatif sur la carte' if b['coordonnees_approx'] else ''}</td></tr>"
        for _, b in bureaux.iterrows()
    )
    return ('<table class="kit-table kit-bureaux"><thead><tr><th>Bureau</th><th>Adresse</th><th>Fiabilité</th></tr></thead>'
            f"<tbody>{lignes}</tbody></table>")


def iframe(carte, hauteur: int = 360, titre: str = "Carte") -> str:
    """La carte en ``<iframe srcdoc>``, prête pour un widget HTML (sans le message trompeur
    « Make this Notebook Trusted » que folium ajoute dans un carnet)."""
    document = carte.get_root().render()
    return (f'<div class="kit-carte"><iframe title="{escape(titre)}" srcdoc="{escape(document, quote=True)}" '
            f'style="width:100%;height:{hauteur}px;border:1px solid #bbb" loading="lazy"></iframe>'
            '<p class="kit-ref">Grands cercles : bureaux d\'accueil (tiretés : emplacement approximatif). Petits points : communes du territoire. '
            "Fond de carte © les contributeurs d'OpenStreetMap (affiché seulement avec une connexion Internet). "
            "Les adresses sont aussi dans le tableau ci-dessous.</p></div>")


@lru_cache(maxsize=16)
def carte_cri_html(sigle: str) -> str:
    """La carte des bureaux d'un CRI, en HTML (calculée une fois par CRI et par processus)."""
    communes = data.charger().communes
    territoire = communes[communes["cri"] == sigle]
    return iframe(carte_bureaux(data.bureaux_du_cri(sigle), territoire), titre=f"Bureaux d'accueil du {sigle} et communes de son territoire")


def prechauffer() -> None:
    """Prépare d'avance les cartes de tous les CRI (import de folium compris) : appelé dans un noyau
    préchauffé par Voilà, où ce temps ne coûte rien à l'apprenant, pour que son premier clic soit vif."""
    for sigle in data.charger().cri.index:
        carte_cri_html(sigle)
