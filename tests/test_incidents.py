"""Les incidents critiques (séance 2 du module « Communication interculturelle ») : le fichier de cas
réel, le parcours exhaustif de chaque branche, les messages d'erreur (fichier, ligne, champ) pour
les fichiers cassés, et le simulateur joué en Python, sans navigateur."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from widgets.rules import incidents as regles
from widgets.simulateurs import incidents

RACINE = Path(__file__).resolve().parent.parent
FICHIER = RACINE / "modules" / "communication-interculturelle" / "cas" / "incidents-critiques.yaml"


@pytest.fixture(scope="module")
def fichier():
    return regles.charger(FICHIER)


def _cas_reels():
    return [pytest.param(c, id=c.id) for c in regles.charger(FICHIER).cas]


# --- Le fichier réel ----------------------------------------------------------------------------

def test_fichier_reel_valide_et_assez_riche(fichier):
    assert len(fichier.cas) >= 12
    assert len({c.id for c in fichier.cas}) == len(fichier.cas)
    lieux = " ".join(c.lieu.lower() for c in fichier.cas)
    for lieu in ("commun", "cpas", "école", "médical", "association"):
        assert lieu in lieux, f"aucun cas dans un lieu « {lieu} »"


@pytest.mark.parametrize("cas", _cas_reels())
def test_cas_reel_conforme_a_la_consigne(cas):
    assert len(cas.etapes) >= 2
    assert all(len(e.choix) >= 3 for e in cas.etapes.values()), "au moins 3 choix par étape"
    assert any(ch.suite for e in cas.etapes.values() for ch in e.choix), "au moins une branche vers une autre étape"
    for eid, etape in cas.etapes.items():
        qualites = {ch.qualite for ch in etape.choix}
        assert "decentre" in qualites and qualites - {"decentre"}, f"{eid} : il faut une réponse décentrée et d'autres"
    assert all("fictif" in p.role for p in cas.personnages), "chaque personnage est signalé fictif"
    assert cas.synthese.decentration and cas.synthese.cadre_de_l_autre and cas.synthese.negociation


@pytest.mark.parametrize("cas", _cas_reels())
def test_chaque_branche_atteint_une_fin(cas):
    """Parcours exhaustif : chaque chemin possible, rejoué pas à pas, se termine ; chaque étape et
    chaque choix servent dans au moins un chemin."""
    chemins = regles.branches(cas)
    assert chemins
    vus_etapes, vus_choix = set(), set()
    for chemin in chemins:
        p = regles.Parcours(cas)
        for etape, indice in chemin:
            assert p.etape_courante == etape
            p.choisir(indice)
            vus_etapes.add(etape)
            vus_choix.add((etape, indice))
        assert p.termine, f"le chemin {chemin} ne se termine pas"
        assert len(chemin) <= len(cas.etapes), "un chemin ne repasse jamais par la même étape"
    assert vus_etapes == set(cas.etapes)
    assert vus_choix == {(e, i) for e, et in cas.etapes.items() for i in range(len(et.choix))}


def test_qualites_et_zones_documentees():
    assert set(regles.QUALITES) == {"decentre", "partiel", "ethnocentre", "culturaliste"}
    assert all(libelle and explication for libelle, explication in regles.QUALITES.values())
    for zone in ("temps", "espace", "corps", "famille", "autorite", "genre", "religion"):
        assert zone in regles.ZONES_SENSIBLES


def test_ordre_d_affichage_stable_et_complet(fichier):
    for cas in fichier.cas:
        for eid, etape in cas.etapes.items():
            ordre = regles.ordre_affichage(cas, eid)
            assert sorted(ordre) == list(range(len(etape.choix)))
            assert ordre == regles.ordre_affichage(cas, eid)
    # La réponse décentrée n'est pas toujours affichée au même rang.
    rangs = {regles.ordre_affichage(c, e).index(next(i for i, ch in enumerate(et.choix) if ch.qualite == "decentre"))
             for c in fichier.cas for e, et in c.etapes.items()}
    assert len(rangs) > 1


def test_parcours_refuse_un_choix_impossible(fichier):
    p = regles.Parcours(fichier.cas[0])
    with pytest.raises(ValueError, match="pas de choix n° 10"):
        p.choisir(9)
    while not p.termine:
        p.choisir(0)
    with pytest.raises(ValueError, match="terminé"):
        p.choisir(0)
    assert sum(p.bilan().values()) == len(p.chemin)
    p.recommencer()
    assert p.chemin == [] and p.etape_courante == fichier.cas[0].depart


# --- Les fichiers cassés -------------------------------------------------------------------------

MODELE = """\
titre: Essai
cas:
  - id: essai
    titre: Un cas
    lieu: Guichet
    zones_sensibles: [temps]
    personnages:
      - nom: Alice
        role: agente (personnage fictif)
    recit: Un récit.
    depart: a
    etapes:
      a:
        texte: Texte A.
        question: Question A ?
        choix:
          - libelle: Choix 1
            qualite: decentre
            retour: Retour 1.
            suite: b
          - libelle: Choix 2
            qualite: ethnocentre
            retour: Retour 2.
            fin: true
      b:
        texte: Texte B.
        question: Question B ?
        choix:
          - libelle: Choix 3
            qualite: decentre
            retour: Retour 3.
            fin: true
          - libelle: Choix 4
            qualite: partiel
            retour: Retour 4.
            fin: true
    synthese:
      decentration: D.
      cadre_de_l_autre: C.
      negociation: N.
    source: S.
"""

ETAPE_C = """\
      c:
        texte: Texte C.
        question: Question C ?
        choix:
          - libelle: Choix 5
            qualite: decentre
            retour: Retour 5.
            fin: true
          - libelle: Choix 6
            qualite: partiel
            retour: Retour 6.
            fin: true
"""


def _ligne(texte: str, marque: str, rang: int = 0) -> int:
    """Le numéro (à partir de 1) de la ligne de ``texte`` qui contient ``marque`` (rang-ième occurrence)."""
    lignes = [n for n, l in enumerate(texte.splitlines(), start=1) if marque in l]
    return lignes[rang]


def _remplacer(texte: str, ancien: str, nouveau: str, rang: int = 0) -> str:
    morceaux = texte.split(ancien)
    assert len(morceaux) > rang + 1, ancien
    return ancien.join(morceaux[: rang + 1]) + nouveau + ancien.join(morceaux[rang + 1:])


def _erreurs(tmp_path, texte: str) -> list[str]:
    f = tmp_path / "cas-casse.yaml"
    f.write_text(texte, encoding="utf-8")
    with pytest.raises(regles.FichierInvalide) as exc:
        regles.charger(f)
    assert all(str(f) in e for e in exc.value.erreurs), "chaque message nomme le fichier"
    return exc.value.erreurs


def test_le_modele_de_test_est_valide(tmp_path):
    f = tmp_path / "ok.yaml"
    f.write_text(MODELE, encoding="utf-8")
    cas = regles.charger(f).cas[0]
    assert regles.branches(cas) == [[("a", 0), ("b", 0)], [("a", 0), ("b", 1)], [("a", 1)]]


def test_champ_manquant(tmp_path):
    texte = MODELE.replace("            retour: Retour 3.\n", "")
    (e,) = _erreurs(tmp_path, texte)
    assert f"ligne {_ligne(texte, '- libelle: Choix 3')} " in e
    assert "étape « b », choix n° 1, champ « retour »" in e and "champ obligatoire absent" in e


def test_suite_vers_une_etape_inconnue(tmp_path):
    texte = MODELE.replace("suite: b", "suite: nulle-part")
    erreurs = _erreurs(tmp_path, texte)
    assert f"ligne {_ligne(texte, 'suite: nulle-part')} " in erreurs[0]
    assert "champ « suite ») : l'étape « nulle-part » n'existe pas (étapes du cas : a, b)" in erreurs[0]
    # L'étape b, que plus rien ne nomme, devient inatteignable : c'est dit aussi.
    assert any("étape « b ») : aucun chemin n'y mène" in e for e in erreurs[1:])


def test_etape_inatteignable(tmp_path):
    texte = MODELE.replace("    synthese:\n", ETAPE_C + "    synthese:\n")
    (e,) = _erreurs(tmp_path, texte)
    assert f"ligne {_ligne(texte, '      c:')} " in e
    assert "étape « c ») : aucun chemin n'y mène depuis le départ « a »" in e


def test_cycle_sans_fin(tmp_path):
    morceaux = MODELE.split("            fin: true")  # choix 2 (a), 3 et 4 (b)
    texte = (morceaux[0] + "            suite: b" + morceaux[1] + "            suite: a"
             + morceaux[2] + "            suite: a" + morceaux[3])
    erreurs = _erreurs(tmp_path, texte)
    assert len(erreurs) == 2 and all("boucle a → b → a" in e for e in erreurs)
    assert f"ligne {_ligne(texte, 'suite: a')} " in erreurs[0]
    assert "étape « b », choix n° 1, champ « suite »" in erreurs[0]
    assert "sans fin" in erreurs[0] and "aucune sortie" in erreurs[0]


def test_boucle_avec_sortie_refusee_aussi(tmp_path):
    """Même si une autre branche en sort, une branche qui peut tourner en rond n'atteint pas toujours une fin."""
    texte = _remplacer(MODELE, "            fin: true", "            suite: a", 1)  # choix 3 (étape b) → a
    (e,) = _erreurs(tmp_path, texte)
    assert f"ligne {_ligne(texte, 'suite: a')} " in e
    assert "boucle a → b → a" in e and "chaque branche doit avancer jusqu'à une fin" in e


def test_yaml_mal_forme(tmp_path):
    texte = MODELE.replace("    recit: Un récit.", "    recit: [Un récit.")
    (e,) = _erreurs(tmp_path, texte)
    assert "cas-casse.yaml, ligne " in e and ", colonne " in e and "YAML illisible" in e


@pytest.mark.parametrize("ancien, nouveau, marque, attendu", [
    ("qualite: partiel", "qualite: moyen", "qualite: moyen",
     "étape « b », choix n° 2, champ « qualite ») : qualité « moyen » inconnue (valeurs permises : decentre, partiel"),
    ("depart: a", "depart: z", "depart: z", "champ « depart ») : l'étape « z » n'existe pas"),
    ("zones_sensibles: [temps]", "zones_sensibles: [meteo]", "zones_sensibles", "zone sensible « meteo » inconnue"),
    ("id: essai", "id: Essai Un", "id: Essai", "champ « id ») : identifiant invalide « Essai Un »"),
    ("      negociation: N.\n", "", "    synthese:", "synthèse, champ « negociation ») : champ obligatoire absent"),
    ("role: agente (personnage fictif)", "role:", "role:", "personnage n° 1, champ « role ») : il faut un texte"),
])
def test_autres_erreurs_nomment_la_ligne_et_le_champ(tmp_path, ancien, nouveau, marque, attendu):
    texte = MODELE.replace(ancien, nouveau, 1)
    erreurs = _erreurs(tmp_path, texte)
    assert f"ligne {_ligne(texte, marque)} " in erreurs[0], erreurs
    assert attendu in erreurs[0], erreurs


def test_champ_inconnu_faute_de_frappe(tmp_path):
    texte = MODELE.replace("retour: Retour 4.", "retrour: Retour 4.")
    erreurs = _erreurs(tmp_path, texte)
    assert any(f"ligne {_ligne(texte, 'retrour')} " in e and "champ « retrour »" in e and "champ inconnu (faute de frappe ?)" in e
               and "champs permis : libelle, qualite, retour, suite, fin" in e for e in erreurs), erreurs
    assert any("champ « retour »" in e and "champ obligatoire absent" in e for e in erreurs)


def test_suite_et_fin_a_la_fois(tmp_path):
    texte = MODELE.replace("            fin: true\n      b:", "            fin: true\n            suite: b\n      b:")
    (e,) = _erreurs(tmp_path, texte)
    assert f"ligne {_ligne(texte, '- libelle: Choix 2')} " in e
    assert "étape « a », choix n° 2)" in e and "soit « suite »" in e and "pas les deux" in e


def test_etape_sans_reponse_decentree(tmp_path):
    texte = MODELE.replace("qualite: decentre\n            retour: Retour 3.", "qualite: partiel\n            retour: Retour 3.")
    (e,) = _erreurs(tmp_path, texte)
    assert "étape « b », champ « choix ») : aucun choix n'a la qualité « decentre »" in e


def test_cle_repetee(tmp_path):
    texte = MODELE.replace("    synthese:\n", ETAPE_C.replace("      c:", "      a:") + "    synthese:\n")
    (e,) = _erreurs(tmp_path, texte)
    assert f"ligne {_ligne(texte, '      a:', 1)} " in e and "la clé « a » apparaît deux fois" in e
    assert f"première fois ligne {_ligne(texte, '      a:')}" in e


def test_identifiant_de_cas_repete(tmp_path):
    bloc = MODELE.split("cas:\n", 1)[1]
    texte = MODELE + bloc
    (e,) = _erreurs(tmp_path, texte)
    assert f"ligne {_ligne(texte, '- id: essai', 1)} " in e and "déjà utilisé par le cas n° 1" in e


@pytest.mark.parametrize("texte, attendu", [
    ("", "ligne 1 : le fichier est vide"),
    ("- a\n- b\n", "ligne 1 : le fichier doit être un bloc de champs contenant « titre » et « cas »"),
    ("titre: t\ncas: []\n", "ligne 2 (champ « cas ») : il faut au moins 1 élément(s)"),
])
def test_fichiers_vides_ou_mal_construits(tmp_path, texte, attendu):
    (e,) = _erreurs(tmp_path, texte)
    assert attendu in e


def test_fichier_introuvable(tmp_path):
    with pytest.raises(regles.FichierInvalide, match="Fichier introuvable"):
        regles.charger(tmp_path / "absent.yaml")


# --- Le simulateur, joué en Python -----------------------------------------------------------

def _options_par_qualite(sim: incidents.Simulateur, qualite: str) -> int:
    etape = sim.parcours.etape
    return next(v for _, v in sim.choix.options if etape.choix[v].qualite == qualite)


def test_le_widget_se_construit_depuis_le_dossier_du_kit():
    vue = incidents.afficher()  # chemin relatif au module, retrouvé même depuis la racine du kit
    assert "kit-incidents" in vue._dom_classes


@pytest.mark.parametrize("cas", _cas_reels())
def test_jouer_un_cas_jusqu_a_la_fin(fichier, cas):
    sim = incidents.Simulateur(fichier)
    sim.selection.value = cas.id
    assert cas.titre.replace("'", "&#x27;") in sim.entete.value
    sim.valider_b.click()  # sans choix : un message, pas d'avancée
    assert "Choisissez d'abord" in sim.retour.value and sim.parcours.chemin == []
    etapes = 0
    while True:
        sim.choix.value = _options_par_qualite(sim, "decentre")
        sim.valider_b.click()
        etapes += 1
        assert "Réponse décentrée" in sim.retour.value and sim.choix.disabled
        assert sim.continuer_b.layout.display is None
        termine = sim.parcours.termine
        assert sim.continuer_b.description == ("Voir la synthèse ▶" if termine else "Étape suivante ▶")
        sim.continuer_b.click()
        if termine:
            break
        assert f"Étape {etapes + 1}" in sim.etape.value and not sim.choix.disabled
    assert sim.bloc_etape.layout.display == "none" and sim.fin.layout.display is None
    for titre in regles.TITRES_SYNTHESE.values():
        assert titre.replace("'", "&#x27;") in sim.fin.value
    assert sim.fin.value.count("<li>") == etapes and "Votre chemin" in sim.fin.value
    sim.recommencer_b.click()
    assert sim.parcours.chemin == [] and sim.fin.layout.display == "none" and sim.bloc_etape.layout.display is None
    assert "Étape 1" in sim.etape.value and sim.choix.value is None


def test_une_branche_courte_et_le_changement_de_cas(fichier):
    sim = incidents.Simulateur(fichier)
    cas = fichier.cas[0]
    # Une réponse culturaliste ou ethnocentrée est expliquée, et le cas peut s'arrêter net.
    sim.choix.value = _options_par_qualite(sim, "culturaliste")
    sim.valider_b.click()
    assert "Réponse culturaliste" in sim.retour.value
    sim.continuer_b.click()
    assert sim.parcours.termine and "Synthèse du cas" in sim.fin.value
    # Changer de cas repart du début du nouveau cas.
    sim.selection.value = fichier.cas[1].id
    assert sim.parcours.cas.id == fichier.cas[1].id and sim.parcours.chemin == []
    assert sim.fin.layout.display == "none" and cas.titre not in sim.entete.value


def test_widget_sur_un_fichier_casse(tmp_path):
    f = tmp_path / "cas-casse.yaml"
    f.write_text(MODELE.replace("suite: b", "suite: nulle-part"), encoding="utf-8")
    vue = incidents.afficher(f)
    assert "kit-erreur-fichier" in vue._dom_classes
    ligne = _ligne(MODELE, "suite: b")
    assert f"cas-casse.yaml, ligne {ligne} " in vue.value and "2 erreurs" in vue.value and "nulle-part" in vue.value


# --- Ligne de commande et pureté ----------------------------------------------------------------

def test_ligne_de_commande(tmp_path, capsys):
    assert regles.main([str(FICHIER)]) == 0
    assert "fichier valide" in capsys.readouterr().out
    f = tmp_path / "cas-casse.yaml"
    f.write_text(MODELE.replace("qualite: partiel", "qualite: moyen"), encoding="utf-8")
    assert regles.main([str(f)]) == 2
    assert "Erreur : " in capsys.readouterr().err


def test_les_regles_n_importent_pas_l_interface():
    code = "import sys, widgets.rules.incidents; sys.exit(int(any(m in sys.modules for m in ('ipywidgets', 'IPython'))))"
    assert subprocess.run([sys.executable, "-c", code], cwd=RACINE, check=False).returncode == 0
