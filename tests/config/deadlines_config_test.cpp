// Tests of [deadlines] (config/deadlines_schema.h): the default DeadlineSpec, the patches
// per section and per task, and their errors with line, column and field.
#include <catch2/catch.hpp>

#include "tests/config/config_test_util.h"

namespace duban {
namespace {

using testing::CheckError;
using testing::Dump;
using testing::Load;
using testing::LoadOk;
using testing::OnlyError;

CivilDate Day(const char* text) { return *ParseCivilDate(text); }

TEST_CASE("without [deadlines] a task has no final due and no reports", "[config][deadlines]") {
  const DeadlinePolicy policy = LoadOk("").deadlines;
  CHECK_FALSE(policy.defaults.final_due.has_value());
  CHECK(policy.defaults.cycle == ReportCycle::kNone);
  CHECK(policy.defaults.report_due == ReportDue{5, 0});
  CHECK(policy.defaults.participant_lead_days == 5);
  CHECK(policy.by_section.empty());
  CHECK(policy.by_task.empty());
}

TEST_CASE("[deadlines] reads the defaults and the patches", "[config][deadlines]") {
  const DeadlinePolicy policy = LoadOk(R"(
[deadlines]
final_due = "2026-12-31"
cycle = "quarterly"
report_working_days_after = 10
participant_lead_days = 3

[deadlines.section."二"]
cycle = "monthly"
report_fixed_day = 20

[deadlines.task."22"]
final_due = "2026-12-04"

[deadlines.task."二.3"]
final_due = "none"
report_working_days_after = 0
participant_lead_days = 0
)").deadlines;
  CHECK(policy.defaults.final_due == Day("2026-12-31"));
  CHECK(policy.defaults.cycle == ReportCycle::kQuarterly);
  CHECK(policy.defaults.report_due == ReportDue{10, 0});
  CHECK(policy.defaults.participant_lead_days == 3);

  REQUIRE(policy.by_section.count("二") == 1);
  const DeadlinePatch& section = policy.by_section.at("二");
  CHECK(section.cycle == ReportCycle::kMonthly);
  // A report key in a patch replaces the inherited report rule as a whole.
  CHECK(section.report_due == ReportDue{5, 20});
  CHECK_FALSE(section.final_due.has_value());
  CHECK_FALSE(section.clear_final_due);
  CHECK_FALSE(section.participant_lead_days.has_value());

  DeadlinePatch task22;
  task22.final_due = Day("2026-12-04");
  CHECK(policy.by_task.at("22") == task22);

  DeadlinePatch cleared;
  cleared.clear_final_due = true;
  cleared.report_due = ReportDue{0, 0};
  cleared.participant_lead_days = 0;
  CHECK(policy.by_task.at("二.3") == cleared);
}

TEST_CASE("every report cycle name is read", "[config][deadlines]") {
  const std::pair<const char*, ReportCycle> cycles[] = {{"none", ReportCycle::kNone},
                                                        {"monthly", ReportCycle::kMonthly},
                                                        {"quarterly", ReportCycle::kQuarterly},
                                                        {"half-yearly", ReportCycle::kHalfYearly},
                                                        {"yearly", ReportCycle::kYearly}};
  for (const auto& [name, cycle] : cycles) {
    INFO(name);
    CHECK(LoadOk(std::string("[deadlines]\ncycle = \"") + name + "\"\n").deadlines.defaults.cycle == cycle);
  }
  CheckError(OnlyError(Load("[deadlines]\ncycle = \"quartely\"\n")), 2, 9, "deadlines.cycle",
             "\"quartely\" is not a report cycle; use none, monthly, quarterly, half-yearly or yearly "
             "(did you mean \"quarterly\"?)");
}

TEST_CASE("a fixed report day and working days after are exclusive in one table",
          "[config][deadlines][errors]") {
  CheckError(OnlyError(Load("[deadlines]\nreport_working_days_after = 5\nreport_fixed_day = 15\n")), 3, 20,
             "deadlines.report_fixed_day",
             "report_fixed_day and report_working_days_after are both set");
  CheckError(OnlyError(Load("[deadlines.task.\"7\"]\nreport_fixed_day = 1\nreport_working_days_after = 2\n")),
             2, 20, "deadlines.task.7.report_fixed_day", "both set");
  // 0 means no fixed day, so it does not clash.
  CHECK(LoadOk("[deadlines]\nreport_working_days_after = 3\nreport_fixed_day = 0\n").deadlines.defaults.report_due ==
        ReportDue{3, 0});
  CHECK(LoadOk("[deadlines]\nreport_fixed_day = 31\n").deadlines.defaults.report_due == ReportDue{5, 31});
}

TEST_CASE("[deadlines] values are range- and type-checked", "[config][deadlines][errors]") {
  CheckError(OnlyError(Load("[deadlines]\nreport_fixed_day = 32\n")), 2, 20, "deadlines.report_fixed_day",
             "must be between 0 and 31, got 32");
  CheckError(OnlyError(Load("[deadlines]\nreport_working_days_after = -1\n")), 2, 29,
             "deadlines.report_working_days_after", "must be between 0 and 60, got -1");
  CheckError(OnlyError(Load("[deadlines]\nparticipant_lead_days = 61\n")), 2, 25,
             "deadlines.participant_lead_days", "must be between 0 and 60, got 61");
  CheckError(OnlyError(Load("[deadlines]\nfinal_due = \"2026-12-32\"\n")), 2, 13, "deadlines.final_due",
             "\"2026-12-32\" is not a real day");
  CheckError(OnlyError(Load("[deadlines]\nfinal_due = \"never\"\n")), 2, 13, "deadlines.final_due",
             "\"never\" is not a date");
  CheckError(OnlyError(Load("[deadlines.section.\"二\"]\nfinal_due = \"2026-13-01\"\n")), 2, 13,
             "deadlines.section.\"二\".final_due", "is not a real day");
}

TEST_CASE("[deadlines] sub-tables are checked like every other table", "[config][deadlines][errors]") {
  CheckError(OnlyError(Load("[deadlines.task.\"22\"]\ncylce = \"monthly\"\n")), 2, 1, "deadlines.task.22.cylce",
             "unknown key \"cylce\" in [deadlines.task.22] (did you mean \"cycle\"?)");
  CheckError(OnlyError(Load("[deadlines.section.\"二\"]\n[deadlines.section.\"二\".task]\n")), 2, 24,
             "deadlines.section.\"二\".task", "unknown key \"task\" in [deadlines.section.\"二\"]");
  CheckError(OnlyError(Load("[deadlines]\nsection = 2\n")), 2, 11, "deadlines.section",
             "expected a table ([deadlines.section]), got an integer");
  CheckError(OnlyError(Load("[deadlines.task]\n\"22\" = \"2026-12-04\"\n")), 2, 8, "deadlines.task.22",
             "expected a table ([deadlines.task.22]), got a string");
  CheckError(OnlyError(Load("[deadlines.task.\"\"]\ncycle = \"monthly\"\n")), 1, 17, "deadlines.task.\"\"",
             "task number must not be empty");
  CheckError(OnlyError(Load("[deadlines]\nfinal = \"2026-12-31\"\n")), 2, 1, "deadlines.final",
             "did you mean \"final_due\"?");
}

}  // namespace
}  // namespace duban
