"""Un module par scénario : un formulaire, les règles, une décision qui s'explique.

    from widgets.simulateurs import parcours
    parcours.afficher()
"""
