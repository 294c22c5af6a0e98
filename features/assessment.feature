Feature: A government assesses its migration partnerships
  A focal point runs migov on the profile of their country and reads, for every
  dimension of the IDM 2018 concept note, which criteria are met, which are gaps
  and which cannot be judged yet because a fact is unknown.

  Scenario Outline: One criterion of each dimension for the Republic of Examplia
    Given the bundled profile "examplia-country"
    When it is assessed in "en"
    Then criterion "<rule>" of dimension "<dimension>" is "<status>"

    Examples:
      | rule              | dimension                 | status         |
      | ISC-BILATERAL     | inter_state_cooperation   | met            |
      | ISC-CORRIDORS     | inter_state_cooperation   | gap            |
      | MD-MIG-DEV        | multidisciplinarity       | met            |
      | NSP-DIASPORA      | non_state_participation   | met            |
      | RP-HEALTH-ALL     | rights_protection         | gap            |
      | VM-CASE-MGMT      | vulnerable_migrants       | unknown        |
      | DC-REMIT-COST     | development_contribution  | gap            |
      | SR-CS-ROLE        | shared_responsibility     | gap            |
      | DATA-POLICY-USE   | data_cooperation          | met            |
      | GOV-AGENCY        | migration_governance      | met            |
      | ML-RCP            | multilevel_partnerships   | met            |
      | ISC-ROLE-COVERAGE | inter_state_cooperation   | not_applicable |

  Scenario: Not knowing is not the same as failing
    Given the bundled profile "examplia-country"
    When it is assessed in "en"
    Then the overall score lies between the worst and the best case
    And every unknown criterion names the facts to collect

  Scenario: A rating is never stronger than its evidence
    Given the bundled profile "abu-dhabi-dialogue-public-facts"
    When it is assessed in "en"
    Then the rating is withheld and the score is shown as a range
    And the report says how many facts to collect

  Scenario: A list that may be incomplete decides nothing by what it leaves out
    Given the bundled profile "coastal-dialogue-partnership"
    When it is assessed in "en"
    Then criterion "NSP-EMPLOYERS" of dimension "non_state_participation" is "unknown"
    And its evidence names the lists not marked complete
