Feature: A partnership's criteria are judged by degree, not only present or absent
  A policy officer reads how far a partnership has gone on a graded criterion: the level it reached,
  the share of the criterion's weight that level earns, and what the next level would take.
  A fact nobody has stated leaves the level open between what is known for sure and what is still possible.

  Scenario: A dialogue that reviews its results but has no results framework yet
    Given a partnership that reviews its results and difficulties but has no results framework
    And migrant organisations are consulted case by case, in a complete list of participants
    When it is assessed in "en"
    Then criterion "ML-EVALUATION" is a gap at level "a periodic review of results and difficulties" (1 of 2)
    And criterion "ML-EVALUATION" earns 0.5 of its weight
    And the recommendation of "ML-EVALUATION" names the next level "a review against a results framework with indicators"
    And criterion "NSP-MIGRANT-ROLE" is a gap at level "consulted" (2 of 4)
    And the key action on "NSP-MIGRANT-ROLE" is to reach the level "standing participation (formal status or standing invitation)"

  Scenario: Commitments whose stage is not stated
    Given a partnership with a commitment mechanism whose commitments' stage is not stated
    When it is assessed in "fr"
    Then criterion "SR-COMMITMENT-MECH" is unknown, at least "planifiés (un responsable et des échéances pour chaque action)" and possibly up to "examinés lors d’une réunion ultérieure"
    And the best case counts "SR-COMMITMENT-MECH" at its highest level and the worst case at its lowest

  Scenario: Civil society with a standing invitation and a plan that refers to the 2030 Agenda
    Given a partnership whose plan refers to the 2030 Agenda without mapping its actions to it
    And civil-society organisations have a standing invitation but no part in implementation, in a complete list
    When it is assessed in "en"
    Then criterion "NSP-NGO" is a gap at level "standing participation (formal status or standing invitation)" (3 of 4)
    And criterion "NSP-NGO" earns 0.75 of its weight
    And the key action on "NSP-NGO" is to reach the level "co-implementing or monitoring"
    And criterion "GOV-FRAMEWORK-ALIGN" is a gap at level "a framework is referred to" (1 of 2)
    And criterion "GOV-FRAMEWORK-ALIGN" earns 0.5 of its weight
