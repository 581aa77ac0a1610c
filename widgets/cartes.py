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


# Ce que folium attend de jQuery pour ses bulles : transformer un fragment HTML en élément.
_SANS_JQUERY = ("window.$ = window.$ || function (html) { var t = document.createElement('template'); "
                "t.innerHTML = String(html).trim(); return [t.content.firstElementChild]; };")


def _uri(fichier: Path, type_mime: str) -> str:
    return f"data:{type_mime};base64," + base64.b64encode(fichier.read_bytes()).decode("ascii")


@lru_cache(maxsize=1)
def _folium():
    """folium (et branca) coûtent près d'une demi-seconde à importer : on ne le fait qu'à la
    première carte, pas à l'ouverture de chaque séance."""
    import folium

    class CarteHorsLigne(folium.Map):
        """Une carte folium qui n'a besoin d'aucun CDN : Leaflet est embarqué, rien d'autre n'est
        chargé (ni jQuery, ni Bootstrap, ni icônes : les marqueurs sont des cercles). Les bulles
        (``folium.Popup``) appellent ``$(`<div>...</div>`)[0]`` : ``_SANS_JQUERY`` fournit ce seul
        usage de jQuery ; sans lui, le script de la carte s'arrête à la première bulle (les
        marqueurs suivants et le cadrage ne s'affichent pas)."""

        default_js = [("leaflet", _uri(LEAFLET / "leaflet.js", "text/javascript")),
                      ("kit_sans_jquery", "data:text/javascript;base64," + base64.b64encode(_SANS_JQUERY.encode()).decode("ascii"))]
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


def iframe(carte, hauteur: int = 360, titre: str = "Carte", legende: str = "") -> str:
    """La carte en ``<iframe srcdoc>``, prête pour un widget HTML (sans le message trompeur
    « Make this Notebook Trusted » que folium ajoute dans un carnet). ``legende`` (HTML déjà
    échappé) précède la légende commune."""
    document = carte.get_root().render()
    return (f'<div class="kit-carte"><iframe title="{escape(titre)}" srcdoc="{escape(document, quote=True)}" '
            f'style="width:100%;height:{hauteur}px;border:1px solid #bbb" loading="lazy"></iframe>'
            f'<p class="kit-ref">{legende}Grands cercles : bureaux d\'accueil (tiretés : emplacement approximatif). Petits points : communes du territoire. '
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


# --- La commune choisie, mise en évidence (séance « Où s'adresser ? ») ------------------------

COULEUR_COMMUNE = "#a3242b"


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance à vol d'oiseau (formule de haversine), en kilomètres."""
    from math import asin, cos, radians, sin, sqrt

    p1, p2 = radians(lat1), radians(lat2)
    d = sin((p2 - p1) / 2) ** 2 + cos(p1) * cos(p2) * sin(radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(d))


def bureaux_par_distance(bureaux: pd.DataFrame, commune: dict) -> pd.DataFrame:
    """Les bureaux, du plus proche au plus éloigné du point central de la commune, avec une colonne
    ``distance_km`` (approximative : les points sont des centres de communes)."""
    if bureaux.empty:
        return bureaux.assign(distance_km=pd.Series(dtype=float))
    distances = [distance_km(commune["latitude"], commune["longitude"], float(b["latitude"]), float(b["longitude"]))
                 for _, b in bureaux.iterrows()]
    return bureaux.assign(distance_km=distances).sort_values("distance_km", kind="stable")


def carte_commune(commune: dict, bureaux: pd.DataFrame, territoire: pd.DataFrame | None = None):
    """La carte des bureaux du CRI (``carte_bureaux``) avec, en plus, la commune choisie : un
    anneau rouge à son point central, et le cadrage sur la commune, ses bureaux et le territoire."""
    folium = _folium()[0]
    carte = carte_bureaux(bureaux, territoire)
    point = (float(commune["latitude"]), float(commune["longitude"]))
    # Un anneau (sans remplissage) : un bureau situé dans la commune reste visible et cliquable au centre.
    folium.CircleMarker(location=point, radius=16, color=COULEUR_COMMUNE, weight=4, fill=False,
                        tooltip=f"Votre commune : {commune['nom']}",
                        popup=folium.Popup(f"<strong>{escape(commune['nom'])}</strong><br>Point central approximatif de la commune",
                                           max_width=260)).add_to(carte)
    lats = [point[0]] + [float(v) for v in bureaux["latitude"]]
    lons = [point[1]] + [float(v) for v in bureaux["longitude"]]
    if territoire is not None and not territoire.empty:
        lats += [float(v) for v in territoire["latitude"]]
        lons += [float(v) for v in territoire["longitude"]]
    if len(lats) > 1:
        carte.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]])
    else:
        carte.location = list(point)
    return carte


@lru_cache(maxsize=16)  # environ 250 ko par carte (Leaflet embarqué)
def carte_commune_html(nis: str) -> str:
    """La carte du CRI d'une commune wallonne, la commune mise en évidence, en HTML ; chaîne vide
    pour une commune sans CRI (germanophone, bruxelloise, flamande)."""
    jeux = data.charger()
    commune = data._ligne(jeux.communes, nis)
    if commune is None or commune["cri"] not in data.CRI_SIGLES:
        return ""
    territoire = jeux.communes[jeux.communes["cri"] == commune["cri"]]
    carte = carte_commune(commune, data.bureaux_du_cri(commune["cri"]), territoire)
    return iframe(carte, titre=f"Bureaux d'accueil du {commune['cri']} et commune de {commune['nom']}",
                  legende=f"Anneau rouge : {escape(commune['nom'])} (point central approximatif). ")


def tableau_bureaux_commune(bureaux: pd.DataFrame, commune: dict) -> str:
    """L'équivalent texte de ``carte_commune`` : les bureaux du plus proche au plus éloigné de la
    commune, avec l'adresse connue, la distance approximative et la fiabilité."""
    if bureaux.empty:
        return tableau_bureaux(bureaux)
    lignes = []
    for _, b in bureaux_par_distance(bureaux, commune).iterrows():
        distance = "dans la commune" if b["nis"] == commune["nis"] else f"environ {b['distance_km']:.0f} km".replace(".", ",")
        fiabilite = escape(b["confiance"]) + (" ; emplacement approximatif sur la carte" if b["coordonnees_approx"] else "")
        note = f'<br><span class="kit-ref">{escape(b["note"])}</span>' if b.get("note") else ""
        lignes.append(f"<tr><td>{escape(b['nom'])}{note}</td><td>{escape(adresse(b))}</td><td>{distance}</td><td>{fiabilite}</td></tr>")
    return ('<table class="kit-table kit-bureaux kit-bureaux-commune"><caption>Bureaux d\'accueil, du plus proche au plus éloigné '
            f"de {escape(commune['nom'])} (distance à vol d'oiseau entre centres de communes, approximative)</caption>"
            "<thead><tr><th>Bureau</th><th>Adresse</th><th>Distance</th><th>Fiabilité</th></tr></thead>"
            f"<tbody>{''.join(lignes)}</tbody></table>")
