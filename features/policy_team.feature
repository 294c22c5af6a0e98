Feature: A policy team maintains its own copy of the rule pack
  A policy officer adapts the bundled pack in a folder of their own, without Python.
  The tools point at the exact line of any mistake, and once it is fixed the new rule is used.

  Scenario: Adding a rule with a typo, fixing it, and using the new rule
    Given a copy of the bundled pack "idm2018" in a folder
    And the weight of rule "ISC-BILATERAL" is changed to 3
    And a new rule "DATA-PRIVACY-LAW" is added that tests the fact "data.policy_informd"
    When the officer lints the folder
    Then lint reports "L004" on the line that names "data.policy_informd"
    And it suggests "data.policy_informed"
    When the officer corrects the fact name to "data.policy_informed"
    Then lint reports no problem
    And the rule examples all pass
    And the rulebook lists "DATA-PRIVACY-LAW"
    And assessing "examplia-country" with the folder gives rule "DATA-PRIVACY-LAW" the status "met"
    And assessing "examplia-country" with the folder gives rule "ISC-BILATERAL" the weight 3
