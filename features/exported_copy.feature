Feature: An edited copy of a rule pack is never mistaken for the original
  A policy officer exports the bundled pack to adapt it. While the copy is unchanged it is the bundled
  pack; once a rule is edited, every report made with it, the rulebook and lint say it is a modified
  copy, so that nobody reads its scores as those of the published pack.

  Scenario: Editing a rule of an exported pack marks it as modified, undoing the edit unmarks it
    Given the officer exports the bundled pack "idm2018" to a folder
    Then a report made with the folder names the pack "idm2018 1.0.0"
    And lint says the folder is an unchanged copy of "idm2018 1.0.0"
    When the officer changes the weight of rule "DATA-POLICY-USE" to 4
    Then a report made with the folder names the pack "idm2018 1.0.0+modified"
    And its JSON gives the pack the version "1.0.0+modified"
    And the rulebook of the folder names the pack "idm2018" version "1.0.0+modified"
    And lint says the folder is a modified copy of "idm2018 1.0.0"
    And in French lint says the folder is a « copie modifiée de idm2018 1.0.0 »
    When the officer puts the weight of rule "DATA-POLICY-USE" back to 2
    Then a report made with the folder names the pack "idm2018 1.0.0"
