"""Les pièces d'interface réutilisables : champs avec erreurs, carte de décision, frise, quiz, thème."""
