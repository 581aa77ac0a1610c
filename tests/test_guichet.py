"""Générateur de jeux de rôle « Accueillir au guichet » (séance 4 du module « Communication
interculturelle ») : le fichier d'ingrédients du kit, la reproductibilité du tirage, la cohérence des
scénarios (une demande n'est jamais associée à un lieu où elle n'a pas de sens), les erreurs
françaises (fichier cassé, graine invalide), la ligne de commande et le widget, sans navigateur."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from html import escape
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.rules import guichet
from widgets.rules.guichet import FichierInvalide, GraineInvalide

NIVEAUX = list(guichet.NIVEAUX_DIFFICULTE)


@pytest.fixture(scope="module")
def donnees():
    return guichet.charger()


def _brut() -> dict:
    return yaml.safe_load(guichet.CHEMIN_PAR_DEFAUT.read_text(encoding="utf-8"))


def _ecrire(tmp_path: Path, brut: dict, nom: str = "scenarios.yaml") -> Path:
    f = tmp_path / nom
    f.write_text(yaml.safe_dump(brut, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return f


# --- Le fichier du kit ------------------------------------------------------------------------

def test_fichier_du_kit_valide_et_assez_riche(donnees):
    assert len(donnees.lieux) >= 6
    assert len(donnees.personnes) >= 12
    assert len(donnees.demandes) >= 12
    assert len(donnees.complications) >= 10
    assert set(guichet.CRITERES_OBLIGATOIRES) <= {c.id for c in donnees.grille}
    assert set(donnees.niveaux_francais) == set(guichet.NIVEAUX_FRANCAIS)
    # Les personnes couvrent tous les niveaux de français, de A0 à B2.
    assert {p.niveau_francais for p in donnees.personnes} == set(guichet.NIVEAUX_FRANCAIS)
    # Chaque demande dit où elle a du sens ; chaque lieu a au moins deux demandes sauf exception.
    ids_lieux = {li.id for li in donnees.lieux}
    for d in donnees.demandes:
        assert d.lieux and set(d.lieux) <= ids_lieux, d.id
    assert all(any(li.id in d.lieux for d in donnees.demandes) for li in donnees.lieux)
    # Les deux intensités existent (sinon « Découverte » et « Exigeant » ne se distinguent pas).
    assert {c.intensite for c in donnees.complications} == {"legere", "forte"}


def test_les_personnages_sont_signales_fictifs(donnees):
    texte = guichet.CHEMIN_PAR_DEFAUT.read_text(encoding="utf-8")
    assert "PERSONNAGES FICTIFS" in texte
    s = guichet.generer(donnees, 1)
    assert "personnage fictif" in " ".join(s.consignes("usager"))
    assert "personnage fictif" in s.en_texte()


def test_les_regles_n_importent_aucun_widget():
    code = "import sys, widgets.rules.guichet; print(sorted(m for m in ('ipywidgets', 'IPython', 'folium') if m in sys.modules))"
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert sortie == "[]"


# --- Reproductibilité -------------------------------------------------------------------------

@pytest.mark.parametrize("niveau", NIVEAUX)
def test_meme_graine_meme_scenario(donnees, niveau):
    for graine in (0, 1, 42, 4821, 999_999):
        a = guichet.generer(donnees, graine, niveau)
        b = guichet.generer(guichet.charger(), graine, niveau)  # données relues : même résultat
        assert a == b
        assert a.en_texte() == b.en_texte()
        assert guichet.generer(donnees, str(graine), niveau) == a  # saisie texte ou entier


def test_le_hasard_global_n_intervient_pas(donnees):
    random.seed(1)
    a = guichet.generer(donnees, 77, "exigeant")
    etat = random.getstate()
    random.seed(2)
    random.random()
    b = guichet.generer(donnees, 77, "exigeant")
    assert a == b
    random.setstate(etat)
    guichet.generer(donnees, 78)
    assert random.getstate() == etat  # le tirage ne consomme pas le hasard global


def test_graines_differentes_scenarios_differents(donnees):
    for niveau in NIVEAUX:
        signatures = {guichet.generer(donnees, g, niveau).signature() for g in range(60)}
        assert len(signatures) >= 30, niveau


# --- Cohérence sur 500 graines -----------------------------------------------------------------

@pytest.mark.parametrize("niveau", NIVEAUX)
def test_coherence_sur_500_graines(donnees, niveau):
    vus = {"lieux": set(), "demandes": set(), "personnes": set(), "complications": set()}
    for graine in range(500):
        s = guichet.generer(donnees, graine, niveau)
        assert s.lieu.id in s.demande.lieux, f"graine {graine} : « {s.demande.id} » n'a pas de sens à « {s.lieu.id} »"
        assert guichet.personne_convient(s.personne, s.demande), graine
        assert s.niveau_francais == donnees.niveaux_francais[s.personne.niveau_francais]
        ids = [c.id for c in s.complications]
        assert len(ids) == len(set(ids)), graine
        for c in s.complications:
            assert guichet.complication_possible(c, s.lieu, s.personne), (graine, c.id)
        if len(s.complications) == 2:
            assert not guichet.incompatibles(*s.complications), graine
        if niveau == "decouverte":
            assert len(s.complications) == 1 and s.complications[0].intensite == "legere", graine
        elif niveau == "intermediaire":
            assert len(s.complications) == 1, graine
        else:
            assert len(s.complications) == 2, graine
            assert any(c.intensite == "forte" for c in s.complications), graine
        for role in guichet.ROLES:
            assert s.consignes(role), (graine, role)
        assert set(guichet.CRITERES_OBLIGATOIRES) <= {c.id for c in s.grille}
        assert set(s.a_suivre) <= {c.id for c in s.grille}
        vus["lieux"].add(s.lieu.id)
        vus["demandes"].add(s.demande.id)
        vus["personnes"].add(s.personne.id)
        vus["complications"].update(ids)
    # Sur 500 tirages, chaque lieu, chaque demande et chaque personne sort au moins une fois.
    assert vus["lieux"] == {li.id for li in donnees.lieux}
    assert vus["demandes"] == {d.id for d in donnees.demandes}
    assert vus["personnes"] == {p.id for p in donnees.personnes}
    if niveau != "decouverte":
        assert vus["complications"] == {c.id for c in donnees.complications}


def test_une_demande_n_est_jamais_dans_un_lieu_qui_ne_la_cite_pas(tmp_path):
    """Avec un fichier réduit où chaque demande n'a de sens que dans un seul lieu."""
    brut = _brut()
    brut["demandes"] = [d for d in brut["demandes"] if d["id"] in ("changement-adresse", "inscription-scolaire")]
    brut["demandes"][0]["lieux"] = ["commune-population"]
    brut["demandes"][1]["lieux"] = ["ecole-secretariat"]
    brut["lieux"] = [li for li in brut["lieux"] if li["id"] in ("commune-population", "ecole-secretariat")]
    for c in brut["complications"]:
        if c.get("lieux"):
            c["lieux"] = [li for li in c["lieux"] if li in ("commune-population", "ecole-secretariat")] or ["commune-population"]
    d = guichet.charger(_ecrire(tmp_path, brut))
    attendu = {"changement-adresse": "commune-population", "inscription-scolaire": "ecole-secretariat"}
    for graine in range(200):
        s = guichet.generer(d, graine)
        assert attendu[s.demande.id] == s.lieu.id
        if s.demande.id == "inscription-scolaire":
            assert "parent" in s.personne.traits


# --- Fichier cassé : message français (fichier, élément, champ) -----------------------------------

def _casser(brut: dict, cas: str) -> None:
    if cas == "champ_inconnu":
        brut["personnes"][1]["ages"] = 30
    elif cas == "niveau_inconnu":
        brut["personnes"][2]["niveau_francais"] = "C3"
    elif cas == "age_texte":
        brut["personnes"][0]["age"] = "trente"
    elif cas == "lieu_inconnu":
        brut["demandes"][3]["lieux"].append("piscine")
    elif cas == "trait_inconnu":
        brut["demandes"][0]["exige"] = ["riche"]
    elif cas == "intensite":
        brut["complications"][0]["intensite"] = "moyenne"
    elif cas == "id_double":
        brut["lieux"][1]["id"] = brut["lieux"][0]["id"]
    elif cas == "demande_sans_personne":
        brut["demandes"][0]["exige"] = ["parent", "lecture-difficile"]
        brut["demandes"][0]["niveaux_francais"] = ["B2"]
    elif cas == "lieu_sans_demande":
        brut["lieux"].append({"id": "piscine", "nom": "Accueil de la piscine", "description": "d", "agent": "a"})
    elif cas == "grille_incomplete":
        brut["grille"] = [c for c in brut["grille"] if c["id"] != "reformulation"]
    elif cas == "champ_absent":
        del brut["complications"][4]["a_observer"]
    elif cas == "incompatible_inconnue":
        brut["complications"][2]["incompatible_avec"] = ["tempete"]


CASSES = {
    "champ_inconnu": r"personne n° 2 \(id « tesfay »\), champ « ages »\) : champ inconnu",
    "niveau_inconnu": r"personne n° 3 \(id « olena »\), champ « niveau_francais »\) : niveau de français « C3 » inconnu",
    "age_texte": r"personne n° 1 \(id « farida »\), champ « age »\) : il faut un nombre entier",
    "lieu_inconnu": r"demande n° 4 \(id « comprendre-courrier »\), champ « lieux »\) : le lieu « piscine » n'existe pas",
    "trait_inconnu": r"demande n° 1 \(id « renouveler-titre-sejour »\), champ « exige »\) : trait « riche » inconnu",
    "intensite": r"complication n° 1 \(id « file-attente »\), champ « intensite »\) : intensité « moyenne » inconnue",
    "id_double": r"lieu n° 2 \(id « commune-population »\), champ « id »\) : l'identifiant « commune-population » est déjà utilisé",
    "demande_sans_personne": r"demande n° 1 \(id « renouveler-titre-sejour »\)\) : aucune personne du fichier ne convient",
    "lieu_sans_demande": r"lieu n° 8 \(id « piscine »\)\) : aucune demande n'a de sens dans ce lieu",
    "grille_incomplete": r"\(grille\) : il manque le ou les critères « reformulation »",
    "champ_absent": r"complication n° 5 \(id « enfant-traduit »\), champ « a_observer »\) : champ obligatoire absent",
    "incompatible_inconnue": r"complication n° 3 \(id « colere »\), champ « incompatible_avec »\) : la complication « tempete » n'existe pas",
}


@pytest.mark.parametrize("cas", list(CASSES))
def test_fichier_casse_message_francais(tmp_path, cas):
    brut = _brut()
    _casser(brut, cas)
    f = _ecrire(tmp_path, brut)
    with pytest.raises(FichierInvalide) as exc:
        guichet.charger(f)
    message = str(exc.value)
    assert str(f) in message
    assert re.search(CASSES[cas], message), message
    assert "ligne " in message


def test_la_ligne_du_yaml_est_juste(tmp_path):
    texte = guichet.CHEMIN_PAR_DEFAUT.read_text(encoding="utf-8")
    lignes = texte.splitlines()
    n = next(i for i, li in enumerate(lignes) if li.strip() == "niveau_francais: A2" and i > lignes.index("personnes:"))
    lignes[n] = lignes[n].replace("A2", "Z9")
    f = tmp_path / "scenarios.yaml"
    f.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    with pytest.raises(FichierInvalide, match=rf"scenarios.yaml, ligne {n + 1} \(personne n° \d+ \(id « tesfay »\), champ « niveau_francais »"):
        guichet.charger(f)


def test_yaml_illisible_vide_absent_et_cle_repetee(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text("titre: t\nlieux:\n  - id: a\n    nom: [b\n", encoding="utf-8")
    with pytest.raises(FichierInvalide, match=r"s.yaml, ligne \d+, colonne \d+ : YAML illisible"):
        guichet.charger(f)
    f.write_text("", encoding="utf-8")
    with pytest.raises(FichierInvalide, match=r"s.yaml, ligne 1 : le fichier est vide"):
        guichet.charger(f)
    with pytest.raises(FichierInvalide, match=r"Fichier introuvable"):
        guichet.charger(tmp_path / "absent.yaml")
    f.write_text("titre: a\ntitre: b\n", encoding="utf-8")
    with pytest.raises(FichierInvalide, match=r"ligne 2 : la clé « titre » apparaît deux fois"):
        guichet.charger(f)
    f.write_text("- une liste\n", encoding="utf-8")
    with pytest.raises(FichierInvalide, match=r"le fichier doit être un bloc"):
        guichet.charger(f)


# --- Graine et niveau invalides -----------------------------------------------------------------

@pytest.mark.parametrize("valeur, extrait", [
    ("", "Indiquez un numéro"),
    ("   ", "Indiquez un numéro"),
    (None, "Indiquez un numéro"),
    ("abc", "« abc » n'est pas un nombre"),
    ("12a", "n'est pas un nombre"),
    ("12,5", "n'est pas un nombre entier"),
    ("12.5", "n'est pas un nombre entier"),
    ("-3", "ne peut pas être négatif"),
    (-3, "ne peut pas être négatif"),
    ("1000000", "trop grand"),
    (1_000_000, "trop grand"),
    ("9" * 5000, "trop grand"),  # pas d'erreur Python sur les très longs nombres
    (True, "nombre entier"),
    (3.5, "nombre entier"),
])
def test_graine_invalide_message_francais(valeur, extrait):
    with pytest.raises(GraineInvalide, match=extrait):
        guichet.lire_graine(valeur)
    with pytest.raises(GraineInvalide):
        guichet.generer(guichet.charger(), valeur)


@pytest.mark.parametrize("valeur, attendu", [("42", 42), (" 42 ", 42), ("123 456", 123456), ("123\u202f456", 123456),
                                             ("0", 0), ("-0", 0), ("+7", 7), ("000012", 12), (999_999, 999_999)])
def test_graine_valide(valeur, attendu):
    assert guichet.lire_graine(valeur) == attendu


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.integers(), st.none(), st.floats(), st.booleans()))
def test_lire_graine_jamais_d_autre_erreur(valeur):
    """Quelle que soit la saisie : un numéro dans la fourchette, ou un message français."""
    try:
        g = guichet.lire_graine(valeur)
    except GraineInvalide as exc:
        assert str(exc) and "Traceback" not in str(exc)
    else:
        assert 0 <= g <= guichet.GRAINE_MAX


def test_niveau_de_difficulte(donnees):
    assert guichet.lire_niveau("Exigeant") == "exigeant"
    assert guichet.lire_niveau("découverte") == "decouverte"
    with pytest.raises(GraineInvalide, match=r"Niveau de difficulté « facile » inconnu"):
        guichet.generer(donnees, 1, "facile")


# --- Ligne de commande ------------------------------------------------------------------------

def test_ligne_de_commande(tmp_path):
    cmd = [sys.executable, "-m", "widgets.rules.guichet"]
    r = subprocess.run(cmd, check=False, capture_output=True, text=True)
    assert r.returncode == 0 and "fichier valide" in r.stdout
    r = subprocess.run([*cmd, "--graine", "4821", "--difficulte", "exigeant"], check=False, capture_output=True, text=True)
    assert r.returncode == 0 and "Scénario n° 4821 · Exigeant" in r.stdout and "Grille d'observation" in r.stdout
    r = subprocess.run([*cmd, "--graine", "-1"], check=False, capture_output=True, text=True)
    assert r.returncode == 2 and "négatif" in r.stderr and "Traceback" not in r.stderr
    brut = _brut()
    brut["personnes"][0]["niveau_francais"] = "C3"
    r = subprocess.run([*cmd, str(_ecrire(tmp_path, brut))], check=False, capture_output=True, text=True)
    assert r.returncode == 2 and "Erreur :" in r.stderr and "Traceback" not in r.stderr


# --- Le widget, sans navigateur ---------------------------------------------------------------

@pytest.fixture
def sim(donnees):
    from widgets.simulateurs import guichet as simulateur
    return simulateur.SimulateurGuichet(donnees, graine=42, alea=random.Random(0))


def test_le_widget_se_construit(donnees, sim):
    from widgets.simulateurs import guichet as simulateur
    attendu = guichet.generer(donnees, 42)
    assert sim.scenario == attendu
    assert "kit-guichet" in sim.vue._dom_classes
    assert "Scénario n° 42" in sim.rappel.value
    assert "kit-guichet-projeter" in sim.fiche.value
    assert simulateur.escape(attendu.lieu.nom) in sim.fiche.value
    vue = simulateur.afficher()
    assert "kit-guichet" in vue._dom_classes


def test_nouveau_tirage_change_le_scenario(sim):
    for _ in range(5):
        avant_graine, avant = sim.graine.value, sim.scenario.signature()
        sim.nouveau_tirage()
        assert sim.graine.value != avant_graine
        assert int(sim.graine.value) == sim.scenario.graine
        assert sim.scenario.signature() != avant
        assert f"Scénario n° {sim.graine.value}" in sim.fiche.value
        assert sim.champ_graine.erreur.value == ""


def test_meme_numero_meme_fiche_partageable(donnees):
    from widgets.simulateurs import guichet as simulateur
    a = simulateur.SimulateurGuichet(donnees, graine=4821, niveau="exigeant", alea=random.Random(1))
    b = simulateur.SimulateurGuichet(donnees, graine=4821, niveau="exigeant", alea=random.Random(2))
    for fiche in simulateur.FICHES:
        a.choix_fiche.value = b.choix_fiche.value = fiche
        assert a.fiche.value == b.fiche.value


@pytest.mark.parametrize("saisie, extrait", [("abc", "n&#x27;est pas un nombre"), ("-5", "négatif"),
                                             ("12345678", "trop grand"), ("", "Indiquez un numéro")])
def test_graine_invalide_sous_le_champ(sim, saisie, extrait):
    avant = sim.scenario
    sim.graine.value = saisie
    assert extrait in sim.champ_graine.erreur.value
    assert "kit-erreur-guichet-graine" in sim.champ_graine.erreur._dom_classes
    assert sim.scenario == avant  # le scénario précédent reste affiché
    assert "reste le n° 42" in sim.rappel.value
    sim.graine.value = "7"
    assert sim.champ_graine.erreur.value == "" and sim.scenario.graine == 7


def test_difficulte_et_fiches(sim):
    sim.difficulte.value = "exigeant"
    assert len(sim.scenario.complications) == 2
    vus = {}
    for fiche in ("projeter", "agent", "usager", "observateurs", "toutes"):
        sim.choix_fiche.value = fiche
        vus[fiche] = sim.fiche.value
    assert "Fiche de l&#x27;agent" in vus["agent"] and "Fiche de l&#x27;usager" in vus["usager"]
    assert "Grille d'observation" in vus["observateurs"] and "Vérification de la compréhension" in vus["observateurs"]
    assert "★ à suivre de près" in vus["observateurs"]
    assert vus["toutes"].count("kit-guichet-carte") == 4
    # La fiche projetée ne trahit pas les secrets de l'usager (niveau de français, état d'esprit).
    p = sim.scenario.personne
    assert sim.scenario.niveau_francais.pour_jouer not in vus["projeter"]
    assert "Comment le jouer" not in vus["projeter"] and "Comment le jouer" in vus["usager"]
    assert "niveau " + p.niveau_francais not in vus["projeter"]
    for c in sim.scenario.complications:
        for secret in (c.pour_usager, c.pour_agent, c.a_observer):
            assert not secret or escape(secret) not in vus["projeter"]


def test_fichier_casse_dans_la_seance(tmp_path):
    from widgets.simulateurs import guichet as simulateur
    brut = _brut()
    brut["demandes"][0]["lieux"] = ["piscine"]
    widget = simulateur.afficher(_ecrire(tmp_path, brut))
    assert "kit-erreur-fichier" in widget._dom_classes
    assert "piscine" in widget.value and "Traceback" not in widget.value
    widget = simulateur.afficher(niveau="impossible")
    assert "kit-erreur-fichier" in widget._dom_classes and "impossible" in widget.value


def test_le_texte_des_fichiers_est_echappe(tmp_path):
    from widgets.simulateurs import guichet as simulateur
    brut = _brut()
    for p in brut["personnes"]:
        p["nom"] = "<b>Mme X</b>"
    d = guichet.charger(_ecrire(tmp_path, brut))
    s = simulateur.SimulateurGuichet(d, graine=3)
    s.choix_fiche.value = "toutes"
    assert "<b>Mme X</b>" not in s.fiche.value and "&lt;b&gt;Mme X&lt;/b&gt;" in s.fiche.value
