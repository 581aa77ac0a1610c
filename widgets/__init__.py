"""Kit de formation du secteur de l'intégration en Wallonie.

Sous-paquets :
- ``widgets.rules`` : les règles (fonctions pures, paramètres datés, références légales) ;
- ``widgets.data`` : chargement et validation des jeux de données de ``datasets/`` ;
- ``widgets.ui`` : les pièces d'interface réutilisables (champs, carte de décision, quiz...) ;
- ``widgets.simulateurs`` : un simulateur par scénario (formulaire -> règles -> décision) ;
- ``widgets.cartes`` : les cartes folium construites à partir des données.
"""

__version__ = "0.1.0"
