Feature: Findings respect a State's migration roles and its position on the Global Compact
  A State that voted against the Global Compact for Safe, Orderly and Regular Migration is not
  told to implement it; the substance of the criterion still applies, citing the SDG target.
  A country of destination is not judged on diaspora or remittance policies, and an
  origin–destination dialogue is not penalised for having no transit member.

  Scenario: The same facts give no Global Compact finding for a State that voted against it
    Given a country with no national migration strategy, no Global Compact plan and no pledges
    And its position on the Global Compact is "voted_against"
    When it is assessed
    Then criterion "GOV-GCM-PLAN" is "not_applicable"
    And criterion "SR-PLEDGES" is "not_applicable"
    And criterion "GOV-STRATEGY" is "gap"
    And no recommendation asks it to implement the Global Compact

  Scenario: The same facts for a State that endorsed the Global Compact
    Given a country with no national migration strategy, no Global Compact plan and no pledges
    And its position on the Global Compact is "endorsed"
    When it is assessed
    Then criterion "GOV-GCM-PLAN" is "gap"
    And criterion "GOV-STRATEGY" is "gap"

  Scenario Outline: Origin-side and destination-side criteria follow the country's roles
    Given a country of "<roles>" with no diaspora institution and no integration policy
    When it is assessed
    Then criterion "DC-DIASPORA-INST" is "<diaspora>"
    And criterion "GOV-INTEGRATION" is "<integration>"

    Examples:
      | roles               | diaspora       | integration    |
      | origin              | gap            | not_applicable |
      | destination         | not_applicable | gap            |
      | origin, destination | gap            | gap            |

  Scenario: A bilateral origin–destination framework is not asked for transit members
    Given the bundled profile "weak-partnership"
    When it is assessed
    Then criterion "ISC-TRANSIT-COVERAGE" is "not_applicable"
    And criterion "ISC-ROLE-COVERAGE" is "met"
