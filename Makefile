# Kit de formation du secteur de l'intégration en Wallonie.
#   make serve          le kit dans le navigateur (http://127.0.0.1:8866)
#   make serve-classe   le kit pour une salle, sur le réseau local, protégé par un code
#   make test           toute la suite de tests
#   make bench          les mesures de vitesse (rapports, pas de tests chronométrés)
#   make bench-classe   25 apprenants simulés sur une séance
#   make passeports     le « Passeport du migrant » de communes : CRI=CIMB, COMMUNES="Mons Dour" ou TOUTES=1
#                       (pages HTML dans build/passeports/, ou SORTIE=dossier)
#   make bench-passeports  le temps d'un passeport et le nombre de passeports par minute
#   make fiches         les fiches imprimables des séances (HTML et PDF, sans code) : toutes, ou MODULE=droit-etrangers,
#                       SEANCE=modules/.../NN-x.ipynb ; FORMATEUR=1 (notes et corrigés), SANS_PDF=1, SORTIE=dossier
#                       (défaut : build/fiches/)
# INACTIVITE=minutes : une page inutilisée aussi longtemps libère son noyau (défaut : 60).
# SEANCE=modules/.../NN-x.ipynb PLACES=27 : pour make serve-classe, des noyaux prêts d'avance (apprenants + 2).
# Chaque cible crée ou met à jour .venv à partir de pyproject.toml quand il le faut.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installe
# Le noyau Jupyter du kit (installé dans .venv) passe avant ceux de l'utilisateur.
export JUPYTER_PATH := $(CURDIR)/$(VENV)/share/jupyter
export PYDEVD_DISABLE_FILE_VALIDATION := 1

INACTIVITE ?= 60
NOYAUX := --MappingKernelManager.cull_idle_timeout=$(shell echo $$(( $(INACTIVITE) * 60 )))

.PHONY: serve serve-classe test bench bench-classe passeports bench-passeports fiches clean help

help:
	@echo "make serve          ouvre le kit sur http://127.0.0.1:8866"
	@echo "make serve-classe   sert le kit à une salle (réseau local, code de séance)"
	@echo "make test           lance tous les tests (règles, données, carnets, navigateur)"
	@echo "make bench          mesure le temps d'affichage et de réponse des séances"
	@echo "make bench-classe   simule 25 apprenants qui ouvrent une séance en même temps"
	@echo "make passeports     produit le « Passeport du migrant » : CRI=CIMB, COMMUNES=\"Mons Dour\" ou TOUTES=1"
	@echo "make bench-passeports  mesure le temps d'un passeport et le nombre de passeports par minute"
	@echo "make fiches         produit les fiches imprimables des séances (HTML et PDF) : MODULE=..., SEANCE=..., FORMATEUR=1"
	@echo "make clean          supprime .venv et les fichiers produits"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Le kit demande Python 3.11 ou plus récent (trouvé : " + sys.version.split()[0] + "). Indiquez-en un autre : make PYTHON=python3.12 ...")'
	@echo "Préparation de l'environnement $(VENV) (première fois : environ une minute)..."
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e '.[test]'
	@$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (kit)" >/dev/null
	@touch $(STAMP)

serve: $(STAMP)
	$(BIN)/python -m widgets.serveur --Voila.root_dir=. $(NOYAUX)

serve-classe: $(STAMP)
	$(BIN)/python -m widgets.serveur --classe --Voila.root_dir=. $(NOYAUX) \
		$(if $(SEANCE),--VoilaKit.seance_du_jour=$(SEANCE) --VoilaKit.places=$(or $(PLACES),27))

test: $(STAMP)
	$(BIN)/python -m pytest tests index.ipynb planificateur.ipynb modules \
		--nbval-lax --nbval-cell-timeout=180 -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python bench/rendu.py

bench-classe: $(STAMP)
	$(BIN)/python bench/classe.py

passeports: $(STAMP)
	@test -n "$(CRI)$(COMMUNES)$(TOUTES)" || { echo "Quelles communes ? make passeports CRI=CIMB, COMMUNES=\"Mons Dour\" ou TOUTES=1"; exit 2; }
	$(BIN)/python -m widgets.passeports \
		$(if $(CRI),--cri $(CRI),$(if $(COMMUNES),--communes "$(COMMUNES)",--toutes)) $(if $(SORTIE),--sortie "$(SORTIE)")

bench-passeports: $(STAMP)
	$(BIN)/python bench/passeports.py

fiches: $(STAMP)
	$(BIN)/python -m widgets.fiches $(if $(SEANCE),--seance $(SEANCE)) $(if $(MODULE),--module $(MODULE)) \
		$(if $(SORTIE),--sortie "$(SORTIE)") $(if $(filter-out 0,$(FORMATEUR)),--formateur) $(if $(filter-out 0,$(SANS_PDF)),--sans-pdf)

clean:
	rm -rf $(VENV) build .pytest_cache
