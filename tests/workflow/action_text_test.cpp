#include "workflow/action_text.h"

#include <catch2/catch.hpp>

#include <chrono>

namespace duban {
namespace {

CivilDate Day(const char* text) { return *ParseCivilDate(text); }

DueOccurrence Quarter(const char* id) {
  DueOccurrence occurrence;
  occurrence.id = id;
  return occurrence;
}

DueOccurrence Final() {
  DueOccurrence occurrence;
  occurrence.id = "final";
  occurrence.final = true;
  return occurrence;
}

TEST_CASE("AppendCivilDate writes what FormatCivilDate writes", "[action_text]") {
  // Every day of a few years, the ends of the four-digit range and beyond them (where
  // printf's rules apply).
  std::vector<CivilDate> days;
  for (CivilDate day = Day("2024-01-01"); day < Day("2027-01-01"); day += std::chrono::days{1}) {
    days.push_back(day);
  }
  using std::chrono::year_month_day;
  using std::chrono::year;
  for (int y : {-12, -1, 0, 7, 999, 9999, 10000, 12345}) {
    days.push_back(CivilDate{year_month_day{year{y}, std::chrono::month{2}, std::chrono::day{3}}});
  }
  for (CivilDate day : days) {
    std::string text = "x";
    AppendCivilDate(day, &text);
    CHECK(text == "x" + FormatCivilDate(day));
  }
}

TEST_CASE("ActionKey joins the identity with bars", "[action_text]") {
  CHECK(ActionKey("22", "省发改委", Role::kLead, "2026-Q3", "remind-3", 0) ==
        "22|省发改委|lead|2026-Q3|remind-3|0");
  CHECK(ActionKey("二.3", "省财政厅", Role::kParticipant, "final", "supervise", 12) ==
        "二.3|省财政厅|participant|final|supervise|12");
}

TEST_CASE("Reminder and escalation reasons", "[action_text]") {
  CHECK(ReminderReason(3, Quarter("2026-Q3"), Role::kLead, Day("2026-10-12")) ==
        "3 working days before the 2026-Q3 report due 2026-10-12");
  CHECK(ReminderReason(1, Final(), Role::kResponsible, Day("2026-12-31")) ==
        "1 working day before the final deadline due 2026-12-31");
  CHECK(ReminderReason(10, Quarter("2026-Q3"), Role::kParticipant, Day("2026-10-09")) ==
        "10 working days before the participants' input for the 2026-Q3 report due 2026-10-09");
  CHECK(EscalationReason("supervise", 0, Quarter("2025-Q1"), Role::kParticipant, Day("2025-03-31"), 5) ==
        "supervise: participants' input for the 2025-Q1 report due 2025-03-31 missed by 5 working days");
  CHECK(EscalationReason("urge", 1, Final(), Role::kLead, Day("2025-12-31"), 1) ==
        "urge #2: final deadline due 2025-12-31 missed by 1 working day");
  CHECK(EscalationReason("urge", 9, Quarter("2025-M07"), Role::kLead, Day("2025-08-05"), -1) ==
        "urge #10: 2025-M07 report due 2025-08-05 missed by -1 working day");
}

}  // namespace
}  // namespace duban
