Feature: A policy officer answers the self-assessment and can correct it on the way
  Without editing YAML and without walking through every question again, the officer goes back to change
  an answer, asks for a question's explanation, or leaves a question for later. Each profile gets an id
  from its name, so that the profiles of two countries never collide in a batch.

  Scenario: Going back to change an answer
    Given a self-assessment of the country "Republic of Alpha"
    When the officer answers "no", "no", "yes", "back", "no"
    Then the question "Is there an inter-ministerial coordination mechanism on migration?" is asked again showing "Current answer: yes"
    And the profile answers "coordination.mechanism" with "false"
    And the follow-up "Which portfolios take part in the coordination mechanism?" is not asked after going back
    And the profile's id is "republic-of-alpha"

  Scenario: Asking for help and leaving a question for later, in French
    Given a self-assessment in French of the country "République d'Alpha"
    When the officer answers "non", "non", "aide", "passer"
    Then the officer reads "Il n’y a pas d’autre aide pour cette question."
    And the profile leaves "coordination.mechanism" unanswered
    And the profile's id is "republique-d-alpha"

  Scenario: Two filled workbooks in one batch
    Given workbooks filled in for "Republic of Alpha" and "Republic of Beta"
    When the officer assesses them in a batch
    Then both are assessed, as "republic-of-alpha" and "republic-of-beta"
