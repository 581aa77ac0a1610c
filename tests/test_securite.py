"""Ce qu'un navigateur peut et ne peut pas faire avec le kit servi par Voilà : utiliser les
widgets, oui ; faire exécuter du code, lire les sources ou une trace d'erreur, non."""

from __future__ import annotations

import asyncio
import concurrent.futures
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE / "bench"))
from client_voila import SessionVoila, choisir_nationalite, remplir_persona  # noqa: E402

from widgets import serveur  # noqa: E402

SEANCE = "voila/render/modules/droit-etrangers/01-parcours-integration.ipynb"


def test_le_navigateur_ne_peut_pas_faire_executer_de_code(voila, tmp_path):
    temoin = tmp_path / "pirate.txt"

    async def scenario():
        s = SessionVoila(voila)
        html = await s.ouvrir(SEANCE)
        try:
            assert "from widgets" not in html and "parcours.afficher()" not in html  # sources retirées
            await s.charger_etats()
            await remplir_persona(s)
            # Le websocket fonctionne : une vraie interaction passe...
            assert await choisir_nationalite(s, "Italie (IT)", "non_concerne") < 30
            # ... mais une demande d'exécution de code est ignorée, comme une demande de complétion.
            refus = {}
            for msg_type, contenu in [
                ("execute_request", {"code": f"open({str(temoin)!r}, 'w').write('x')", "silent": False, "store_history": True,
                                     "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}),
                ("complete_request", {"code": "import o", "cursor_pos": 8}),
                ("inspect_request", {"code": "parcours", "cursor_pos": 3, "detail_level": 1}),
            ]:
                msg_id = s.envoyer(msg_type, contenu)
                try:
                    await s.attendre(lambda m: m.get("parent_header", {}).get("msg_id") == msg_id, delai=4)
                    refus[msg_type] = False
                except asyncio.TimeoutError:
                    refus[msg_type] = True
            assert refus == {"execute_request": True, "complete_request": True, "inspect_request": True}
            # Et le noyau répond toujours aux widgets après ces tentatives.
            assert await choisir_nationalite(s, "Maroc (MA)", "obligatoire") < 30
        finally:
            await s.fermer()

    # Dans son propre fil : Playwright (API synchrone) occupe déjà la boucle asyncio de ce fil-ci.
    with concurrent.futures.ThreadPoolExecutor(1) as fil:
        fil.submit(asyncio.run, scenario()).result()
    assert not temoin.exists()


@pytest.mark.parametrize("chemin", [
    "voila/files/widgets/rules/parcours.py",
    "voila/files/modules/droit-etrangers/01-parcours-integration.ipynb",
    "voila/files/datasets/communes.csv",
    "voila/files/voila.json",
])
def test_aucun_fichier_source_n_est_servi(voila, chemin):
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(f"{voila}/{chemin}", timeout=30)
    assert exc.value.code in (403, 404)


def test_l_api_des_contenus_ne_donne_pas_le_carnet(voila):
    import json

    reponse = json.loads(urllib.request.urlopen(f"{voila}/voila/api/contents/modules/droit-etrangers/01-parcours-integration.ipynb", timeout=30).read())
    assert reponse["content"] is None


def test_mode_classe_jeton_et_toutes_interfaces():
    args, code = serveur.arguments_classe(["--Voila.root_dir=."])
    assert "--Voila.ip=0.0.0.0" in args and f"--Voila.token={code}" in args
    assert len(code) == 8 and set(code) <= set(serveur.ALPHABET_JETON)
    assert serveur.jeton() != serveur.jeton()


def test_en_mode_classe_une_page_demande_le_code(tmp_path):
    """Sans le code de séance, rien ; avec le code dans l'adresse, la page d'accueil."""
    from conftest import _arreter, _demarrer_voila

    code = serveur.jeton()
    proc, base = _demarrer_voila(RACINE, f"--Voila.token={code}", "--VoilaConfiguration.preheat_kernel=False")
    try:
        for chemin in ("", "voila/render/index.ipynb", SEANCE):
            sans_code = urllib.request.urlopen(f"{base}/{chemin}", timeout=60)
            assert "/login" in sans_code.url, chemin
            assert "kit-simulateur" not in sans_code.read().decode("utf-8")
        avec_code = urllib.request.urlopen(f"{base}/?token={code}", timeout=120).read().decode("utf-8")
        assert "kit-catalogue" in avec_code or "jupyter-config-data" in avec_code
    finally:
        _arreter(proc)


def test_prechauffage_page_d_accueil_et_seance_du_jour_seulement(tmp_path):
    """Par défaut, seuls la page d'accueil et les carnets demandés ont un noyau d'avance : 25 noyaux
    pour 25 séances satureraient un portable au lancement (voir widgets/serveur.py)."""
    import re

    from widgets.serveur import motif_exclusion

    racine = tmp_path.resolve()

    def exclu(motif, chemin):
        return re.match(motif, f"{racine}/{chemin}") is not None

    defaut = motif_exclusion(tmp_path, "accueil", ["modules/citoyennete/05-droit-de-vote.ipynb"])
    assert not exclu(defaut, "index.ipynb") and not exclu(defaut, "modules/citoyennete/05-droit-de-vote.ipynb")
    assert exclu(defaut, "modules/droit-etrangers/01-parcours-integration.ipynb")
    assert exclu(defaut, ".venv/share/jupyter/x.ipynb") and exclu(defaut, "modules/citoyennete/passeport-commune.ipynb")
    toutes = motif_exclusion(tmp_path, "seances")
    assert not exclu(toutes, "modules/droit-etrangers/01-parcours-integration.ipynb")
    assert exclu(toutes, "modules/citoyennete/passeport-commune.ipynb") and exclu(toutes, "tests/carnets/tresorerie.ipynb")
