"""« Passeport du migrant » (issue #7) : le rendu HTML d'une commune (sans navigateur), le carnet
modèle, et la génération papermill de deux communes (Mons et Dour) en pages HTML, comme
``make passeports``, dans un dossier temporaire, sans rien écrire sous ``datasets/``."""

from __future__ import annotations

import datetime as dt
import hashlib
import html as html_mod
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from widgets import catalogue, data, passeport, passeports
from widgets.rules import legislation

RACINE = Path(__file__).resolve().parent.parent
MODELE = RACINE / "modules" / "citoyennete" / "passeport-commune.ipynb"
JOUR = dt.date(2026, 11, 30)


# --- Le rendu d'une commune, sans navigateur --------------------------------------------------

@pytest.fixture(scope="module")
def mons() -> str:
    return passeport.passeport_html("Mons", jour=JOUR)


def test_passeport_de_mons_cri_bureaux_et_carte(mons):
    assert 'data-cri="CIMB"' in mons and "Centre Interculturel de Mons et du Borinage" in mons
    assert "Rattachement de la commune à ce CRI : confirmé" in mons
    assert "kit-bureaux-commune" in mons and "Inforjeunes Mons" in mons            # le tableau équivalent
    assert "<iframe" in mons and "srcdoc=" in mons                                  # la carte folium, Leaflet embarqué
    assert 'data-bureau="cimb-mons"' in mons and "dans la commune" in mons          # le bureau le plus proche
    assert "Traceback" not in mons


def test_un_rattachement_non_confirme_est_signale():
    communes = data.charger().communes
    commune = communes[communes["cri"].isin(data.CRI_SIGLES) & (communes["cri_confiance"] != "confirmé")].iloc[0]
    html = html_mod.unescape(passeport.passeport_html(commune["nis"], jour=JOUR))
    assert f'data-cri="{commune["cri"]}"' in html
    assert f"Rattachement de la commune à ce CRI : {commune['cri_confiance']}" in html
    assert f"le rattachement de {commune['nom']} au {commune['cri']} est {commune['cri_confiance']}" in html


def test_tous_les_themes_et_les_exemples_a_verifier(mons):
    assert [c for c, _ in passeport.THEMES_PASSEPORT] and {c for c, _ in passeport.THEMES_PASSEPORT} == set(data.THEMES_SERVICES)
    for code, titre in passeport.THEMES_PASSEPORT:
        assert f'data-theme="{code}"><h4>{titre}</h4>' in mons
    services = data.services_pour("53053")
    texte = html_mod.unescape(mons)
    assert all(nom in texte for nom in services["nom"])
    assert mons.count('class="kit-service-exemple"') == int(services["exemple"].sum())
    assert mons.count('<span class="kit-fictif">exemple à vérifier</span>') == int(services["exemple"].sum())
    # Les services propres à Mons ne s'affichent pas à Dour ; ceux de toute la Wallonie, si.
    dour = html_mod.unescape(passeport.passeport_html("Dour", jour=JOUR))
    for _, s in services.iterrows():
        assert (s["nom"] in dour) == (s["commune"] is None), s["nom"]


def test_le_parcours_lit_les_parametres_dates():
    bareme = legislation.charger("parcours")

    def attendu(nom, jour):
        return bareme.valeur(nom, jour).valeur

    for jour in (dt.date(2017, 6, 1), JOUR):  # avant et après la réforme de décembre 2018
        html = passeport.parcours_html(jour)
        assert f"au moins {attendu('heures_francais', jour)} h" in html
        assert f"au moins {attendu('heures_citoyennete', jour)} h" in html
        assert f"dans les {attendu('delai_bureau_accueil', jour)} mois" in html
        assert "gratuit" in html and html.count("<tr>") == 4 + 1  # les 4 axes et l'en-tête
    assert "au moins 120 h" in passeport.parcours_html(dt.date(2017, 6, 1))
    assert "dans les 3 ans qui suivent" in passeport.parcours_html(JOUR)            # 36 mois depuis 2025
    assert "dans les 18 mois qui suivent" in passeport.parcours_html(dt.date(2020, 1, 1))


@pytest.mark.parametrize("commune,entite,nom", [
    ("Eupen", "communaute_germanophone", "Eupen"),
    ("Sankt Vith", "communaute_germanophone", "Saint-Vith"),
    ("Gent", "region_flamande", "Gand"),
    ("Ixelles", "region_bruxelles", "Ixelles"),
])
def test_commune_sans_cri_wallon_un_message_a_la_place(commune, entite, nom):
    html = passeport.passeport_html(commune, jour=JOUR)
    assert f'data-entite="{entite}"' in html and f"Pas de CRI wallon pour {nom}" in html
    assert 'class="kit-carte-cri"' not in html and "<iframe" not in html and 'class="kit-passeport-section' not in html
    assert "Traceback" not in html
    p = passeport.Passeport(commune, jour=JOUR)
    assert not p.complet and p.cri() is None and p.themes() is None and p.entete() is not None


def test_le_cri_de_la_commune_germanophone_est_la_communaute():
    assert "Info-Integration" in passeport.passeport_html("Eupen", jour=JOUR)
    assert passeport.resoudre("Eupen").commune["cri"] == data.COMMUNAUTE_GERMANOPHONE


@pytest.mark.parametrize("texte,attendu", [
    ("Mosn", "Vouliez-vous dire : Mons"),
    ("99999", "Aucune commune belge n'a le code INS 99999"),
    ("", "Aucune commune n'est indiquée"),
    ("Saint-Nicolas", "désigne plusieurs communes"),
])
def test_commune_inconnue_ou_ambigue_un_message_clair(texte, attendu):
    html = passeport.passeport_html(texte, jour=JOUR)
    assert "kit-passeport-introuvable" in html and attendu in html_mod.unescape(html) and "Traceback" not in html


@pytest.mark.parametrize("texte,nis", [("Mons", "53053"), ("53020", "53020"), ("Jemappes", "53053"), ("Bergen", "53053"), ("7080", "53028")])
def test_resoudre(texte, nis):
    assert passeport.resoudre(texte).commune["nis"] == nis


def test_modes():
    assert "Mode inconnu" in passeport.Passeport("Mons", mode="salle").entete_html()
    commune = passeport.resoudre("Mons").commune
    assert "datasets/services.csv" in passeport.themes_html(commune, "formateur")
    assert "datasets/services.csv" not in passeport.themes_html(commune, "apprenant")  # le passeport remis à la personne


def test_decouper_les_demandes():
    assert passeport.decouper(["Mons Dour"]) == ["Mons", "Dour"]
    assert passeport.decouper(["La Louvière Mons"]) == ["La Louvière", "Mons"]
    assert passeport.decouper(["Mons, La Louvière", "53020"]) == ["Mons", "La Louvière", "53020"]
    assert passeport.decouper(["Mosn Dour"]) == ["Mosn", "Dour"]


# --- Le carnet modèle ------------------------------------------------------------------------

def test_le_modele_est_un_carnet_sans_sorties_aux_cellules_courtes():
    carnet = json.loads(MODELE.read_text(encoding="utf-8"))
    code = [c for c in carnet["cells"] if c["cell_type"] == "code"]
    assert code[0]["metadata"].get("tags") == ["parameters"]
    parametres = "".join(code[0]["source"])
    assert re.search(r'^commune = "Mons"', parametres, re.M) and re.search(r'^mode = "apprenant"', parametres, re.M)
    for c in code:
        assert c["outputs"] == [] and c["execution_count"] is None
        lignes = [l for l in "".join(c["source"]).splitlines() if l.strip() and not l.strip().startswith("#")]
        assert len(lignes) <= 3
    assert carnet["metadata"]["kernelspec"]["name"] == "python3"


def test_le_modele_n_est_pas_une_seance():
    assert not re.match(r"\d\d-", MODELE.name)
    chemins = [s.chemin for m in catalogue.modules() for s in m.seances]
    assert chemins and not any("passeport" in c for c in chemins)
    assert MODELE not in sorted(RACINE.glob("modules/*/[0-9][0-9]-*.ipynb"))  # ce que lit tests/test_contenus.py


# --- La génération papermill : Mons et Dour, et une commune inconnue ---------------------------

def _empreinte(dossier: Path) -> dict[str, tuple[int, str]]:
    """Chaque fichier de ``datasets/`` : date de modification et contenu (sauf le cache Python des
    scripts de ``datasets/outils/``, que d'autres tests importent)."""
    return {str(f.relative_to(dossier)): (f.stat().st_mtime_ns, hashlib.sha256(f.read_bytes()).hexdigest())
            for f in sorted(dossier.rglob("*")) if f.is_file() and "__pycache__" not in f.parts}


@pytest.fixture(scope="module")
def generation(tmp_path_factory):
    sortie = tmp_path_factory.mktemp("passeports")
    avant = _empreinte(data.DOSSIER_DONNEES)
    env = {**os.environ, "JUPYTER_PATH": str(RACINE / ".venv" / "share" / "jupyter"), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "widgets.passeports", "--communes", "Mons", "Mosn", "Dour", "--sortie", str(sortie),
         "--sans-barre", "--delai", "240"],
        cwd=RACINE, env=env, capture_output=True, text=True, timeout=600)
    return {"sortie": sortie, "proc": proc, "avant": avant, "apres": _empreinte(data.DOSSIER_DONNEES)}


@pytest.mark.parametrize("fichier,nom", [("53053-mons.html", "Mons"), ("53020-dour.html", "Dour")])
def test_passeport_html_de_la_commune(generation, fichier, nom):
    chemin = generation["sortie"] / fichier
    assert chemin.exists(), generation["proc"].stdout + generation["proc"].stderr
    html = chemin.read_text(encoding="utf-8")
    assert f"<title>Passeport du migrant — {nom}</title>" in html
    assert f'class="kit-commune-nom" data-nis="{fichier[:5]}">{nom}</h3>' in html
    assert 'data-cri="CIMB"' in html and "Le CRI compétent pour" in html
    assert re.search(r'<table class="kit-table kit-bureaux kit-bureaux-commune">.*?<tbody><tr><td>', html, re.S)  # au moins un bureau
    assert "Maison de quartier d'Elouges" in html_mod.unescape(html)
    # Pas de code source, pas de trace d'erreur, pas de notes du formateur, rien à charger d'Internet.
    for interdit in ("from widgets", "passeport.preparer", "p.entete()", "commune = ", "Traceback", "Modèle du « Passeport",
                     'data-mime-type="application/vnd.jupyter.stderr"', "unpkg.com", "require.min.js",
                     'class="jp-InputArea', 'class="jp-InputPrompt', 'class="jp-OutputPrompt'):
        assert interdit not in html, interdit
    assert not re.search(r'<div class="[^"]*jp-OutputArea-output[^"]*"[^>]*data-mime-type="application/vnd.jupyter.(stderr|error)', html)


def test_commune_inconnue_signalee_a_la_fin_sans_empecher_les_autres(generation):
    proc = generation["proc"]
    assert proc.returncode == 1, proc.stdout + proc.stderr
    fin = proc.stdout[proc.stdout.index("2 passeport(s) produit(s)"):]
    assert "« Mosn »" in fin and "Vouliez-vous dire : Mons" in fin
    assert sorted(p.name for p in generation["sortie"].glob("*.html")) == ["53020-dour.html", "53053-mons.html", "index.html"]


def test_le_sommaire_lie_les_passeports_par_cri(generation):
    index = (generation["sortie"] / "index.html").read_text(encoding="utf-8")
    assert '<section data-cri="CIMB">' in index and 'href="53053-mons.html"' in index and 'href="53020-dour.html"' in index
    assert re.search(r"Sommaire généré le \d+(er)? \w+ \d{4} à \d+ h \d\d", index)


def test_rien_n_est_ecrit_sous_datasets(generation):
    assert generation["apres"] == generation["avant"]


def test_la_sortie_ne_peut_pas_etre_dans_datasets(capsys):
    with pytest.raises(SystemExit) as fin:
        passeports.main(["--communes", "Mons", "--sortie", str(data.DOSSIER_DONNEES / "x")])
    assert fin.value.code == 2 and "datasets" in capsys.readouterr().err
    assert not (data.DOSSIER_DONNEES / "x").exists()


def test_choisir_par_cri_et_cri_inconnu():
    communes, introuvables = passeports.choisir(cri=["cimb", "XYZ"])
    assert len(communes) == 24 and {c["cri"] for c in communes} == {"CIMB"} and "CRI inconnu" in introuvables[0][1]
    communes, introuvables = passeports.choisir(communes=["Mons", "53053", "Jemappes", "Mosn"])
    assert [c["nis"] for c in communes] == ["53053"] and [d for d, _ in introuvables] == ["Mosn"]
    assert passeports.nom_fichier({"nis": "62093", "nom": "Saint-Nicolas (Liège)"}) == "62093-saint-nicolas-liege.html"


# --- Une exécution figée ou une cellule en erreur : un bilan clair, pas de page ---------------

def _modele(dossier: Path, code: str) -> Path:
    import nbformat

    chemin = dossier / "modele.ipynb"
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}})
    nb.cells = [nbformat.v4.new_code_cell('commune = "Mons"\nmode = "apprenant"', metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(code)]
    nbformat.write(nb, chemin)
    return chemin


def test_execution_figee_delai_puis_une_seconde_tentative(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", str(RACINE / ".venv" / "share" / "jupyter"))
    modele = _modele(tmp_path, "import time\ntime.sleep(60)")
    bilan = passeports.un_passeport("53053", "Mons", str(tmp_path), str(tmp_path), delai=2, modele=str(modele))
    assert bilan["essais"] == 2 and "délai de 2 s dépassé, même après une seconde tentative" in bilan["erreur"]
    assert "fichier" not in bilan and not list(tmp_path.glob("*.html"))
    assert bilan["duree_s"] < 60


def test_cellule_en_erreur_pas_de_page(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", str(RACINE / ".venv" / "share" / "jupyter"))
    modele = _modele(tmp_path, "1 / 0")
    bilan = passeports.un_passeport("53053", "Mons", str(tmp_path), str(tmp_path), modele=str(modele))
    assert bilan["essais"] == 1 and "ZeroDivisionError" in bilan["erreur"] and not list(tmp_path.glob("*.html"))
