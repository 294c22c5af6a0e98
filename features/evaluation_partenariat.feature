# language: fr
Fonctionnalité: Un processus consultatif régional s'évalue en français
  Le secrétariat d'un partenariat régional évalue ses travaux et lit le rapport en français.

  Plan du Scénario: Un critère par dimension pour le Dialogue des routes côtières
    Soit le profil fourni "coastal-dialogue-partnership"
    Quand il est évalué en "fr"
    Alors le critère "<règle>" de la dimension "<dimension>" est "<statut>"

    Exemples:
      | règle              | dimension                 | statut |
      | ISC-ROLE-COVERAGE  | inter_state_cooperation   | met    |
      | MD-PILLARS         | multidisciplinarity       | met    |
      # la liste des parties prenantes n'est pas marquée complète : un employeur absent de la liste n'est pas un manque
      | NSP-EMPLOYERS      | non_state_participation   | unknown |
      | RP-COMMITMENT      | rights_protection         | met    |
      | VM-WORKSTREAM      | vulnerable_migrants       | met    |
      | DC-THEME           | development_contribution  | met    |
      | SR-JOINT-REVIEW    | shared_responsibility     | gap    |
      | DATA-WORKSTREAM    | data_cooperation          | met    |
      | GOV-STRUCTURE      | migration_governance      | met    |
      | ML-LINKS-GLOBAL    | multilevel_partnerships   | met    |

  Scénario: Le rapport est rédigé en français
    Soit le profil fourni "weak-partnership"
    Quand il est évalué en "fr"
    Alors le titre de la dimension "rights_protection" est "Droits de tous les migrants"
    Et la première recommandation est rédigée en français
