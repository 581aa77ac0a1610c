"""Les règles du kit : des fonctions pures, des paramètres datés, des références.

Ce paquet n'importe ni ipywidgets, ni folium, ni IPython : il se teste seul et répond aussi
en ligne de commande (``python -m widgets.rules.parcours situation.json --date AAAA-MM-JJ``).
"""
