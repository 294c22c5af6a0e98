# language: fr
Fonctionnalité: Un rapport qu'un ministre lit en une minute
  Une cellule de la migration remet au ministre le rapport d'évaluation du pays. La première partie dit le
  résultat et sur quels éléments il repose, puis les trois actions prioritaires en mots, avec ce qu'elles
  changeraient et leur fondement ; le rapport est daté, sourcé, et dit ce qu'il n'est pas.

  Plan du Scénario: La première partie du rapport, dans chaque format
    Soit le profil fourni "examplia-country"
    Quand son rapport est produit en "fr" au format "<format>"
    Alors il commence par le score global, sa couverture et sa fourchette
    Et il donne 3 actions prioritaires, chacune avec le critère, la dimension, le gain au plus et son fondement
    Et il indique la date de l'évaluation, la date des faits, le jeu de règles en toutes lettres et les sources
    Et il précise qu'il s'agit d'un outil d'auto-évaluation, ni un classement ni une classification officielle
    Et il donne la commande qui le reproduit
    Et le texte suit la typographie française

    Exemples:
      | format   |
      | html     |
      | markdown |
      | text     |

  Scénario: Le récit ne contredit pas les constats
    Soit le profil fourni "examplia-country"
    Quand son rapport est produit en "fr" au format "markdown"
    Alors aucune dimension comportant une lacune n'est dite bien développée
