// Tests of DescribeConfig (what `duband --check-config` prints) and of Config equality:
// the output parses back to an equal config, with absolute paths and every table.
#include "config/config_loader.h"

#include <catch2/catch.hpp>

#include "tests/config/config_test_util.h"
#include "tests/config/fake_secret_source.h"

namespace duban {
namespace {

using testing::CheckError;
using testing::CheckRoundTrip;
using testing::Dump;
using testing::kConfigPath;
using testing::Load;
using testing::LoadOk;
using testing::OnlyError;
using testing::TempDir;

TEST_CASE("DescribeConfig output parses back to an equal config", "[config][describe]") {
  SECTION("defaults") { CheckRoundTrip(LoadOk("")); }
  SECTION("the examples") {
    const std::filesystem::path examples = std::filesystem::path(DUBAN_SOURCE_DIR) / "examples";
    const LoadOptions options{&testing::ExampleSecrets()};
    for (const char* name : {"duban.toml", "demo.toml"}) {
      ConfigLoadResult result = LoadConfigFile(examples / name, options);
      REQUIRE(result.config);
      CheckRoundTrip(*result.config, options);
    }
  }
  SECTION("strings that need escaping") {
    CheckRoundTrip(LoadOk(R"toml(
[daemon]
state_dir = 'C:\odd "dir"'
[mail]
from = "Duban\\Office <office@example.gov.cn>"
[[agency]]
name = "省发改委(\"发改\")"
aliases = ["a\\b", "省发展和改革委员会"]
)toml"));
  }
}

TEST_CASE("DescribeConfig round-trips office, calendar, deadlines and rules", "[config][describe]") {
  SECTION("everything set") {
    CheckRoundTrip(LoadOk(R"(
[daemon]
max_sleep_seconds = 30
[office]
name = "办公室"
email = "office@example.gov.cn"
leading_group_email = "leaders@example.gov.cn"
[calendar]
weekend = [6]
years = [2026, 2027]
[[calendar.holiday]]
from = "2026-02-15"
to = "2026-02-23"
name = "春节"
[[calendar.holiday]]
from = 2026-04-05
[[calendar.workday]]
date = "2026-02-28"
[deadlines]
final_due = "2026-12-31"
cycle = "monthly"
report_fixed_day = 10
participant_lead_days = 0
[deadlines.section."二"]
final_due = "none"
report_working_days_after = 3
[deadlines.section."三"]
[deadlines.task."二.3"]
final_due = "2026-06-30"
cycle = "half-yearly"
report_fixed_day = 31
participant_lead_days = 2
[rules]
send_time = "08:30"
quiet_hours = "22:00-07:00"
catch_up = "all"
catch_up_grace_minutes = 15
[[rules.reminder]]
roles = ["participant"]
offsets = [2]
recipients = ["contact", "leadership"]
channels = ["email", "webhook"]
[[rules.escalation]]
name = "urge-1"
level = "催办"
after_working_days = 2
roles = ["lead", "responsible"]
recipients = ["contact"]
channels = ["webhook"]
repeat_every_working_days = 2
max_repeats = 3
[rules.light]
yellow_working_days = 0
yellow_share = 0.25
behind_target = "yellow"
)"));
  }
  SECTION("empty lists and no quiet hours") {
    Config config = LoadOk("[calendar]\nweekend = []\n[rules]\nquiet_hours = \"\"\nreminder = []\nescalation = []\n");
    CHECK(config.calendar.weekend.empty());
    CHECK(config.rules.reminders.empty());
    CHECK(config.rules.escalation.empty());
    CHECK_FALSE(config.rules.send.IsQuiet(0));
    CheckRoundTrip(config);
  }
}

TEST_CASE("DescribeConfig writes absolute paths and every table", "[config][describe]") {
  Config config = LoadOk("[daemon]\nstate_dir = \"state\"\n[[agency]]\nname = \"省科技厅\"\n");
  const std::string text = DescribeConfig(config);
  CHECK_THAT(text, Catch::Contains("state_dir = \"/etc/duban/state\""));
  CHECK_THAT(text, Catch::Contains("path = \"/etc/duban/state/duban.db\""));
  CHECK_THAT(text, Catch::Contains("dir = \"/etc/duban/state/mail\""));
  CHECK_THAT(text, Catch::Contains("socket = \"/run/duban/duband.sock\""));
  for (const char* header : {"[daemon]", "[control]", "[store]", "[mail]", "[plan]", "[[agency]]",
                             "[office]", "[calendar]", "[deadlines]", "[rules]", "[[rules.reminder]]",
                             "[[rules.escalation]]", "[rules.light]"}) {
    CHECK_THAT(text, Catch::Contains(header));
  }
  CHECK_THAT(text, Catch::Contains("name = \"省科技厅\""));
  CHECK_THAT(text, Catch::Contains("# duban: effective configuration of /etc/duban/duban.toml"));
}

TEST_CASE("configs differ when any field differs", "[config]") {
  Config a = LoadOk("[[agency]]\nname = \"省科技厅\"\n");
  Config b = a;
  CHECK(a == b);
  b.agencies[0].leadership_email = "x@example.gov.cn";
  CHECK_FALSE(a == b);
  b = a;
  b.control.max_clients = 2;
  CHECK_FALSE(a == b);
  b = a;
  b.daemon.max_sleep_seconds = 61;
  CHECK_FALSE(a == b);
  b = a;
  b.office.email = "office@example.gov.cn";
  CHECK_FALSE(a == b);
  b = a;
  b.calendar.make_up_days.push_back({*ParseCivilDate("2026-02-14"), "春节调休"});
  CHECK_FALSE(a == b);
  b = a;
  b.deadlines.by_task["22"].clear_final_due = true;
  CHECK_FALSE(a == b);
  b = a;
  b.rules.escalation[1].recipients.pop_back();
  CHECK_FALSE(a == b);
  b = a;
  b.rules.light.yellow_share = 0.5;
  CHECK_FALSE(a == b);
  b = a;
  b.rules.light.behind_target_yellow = !a.rules.light.behind_target_yellow;
  CHECK_FALSE(a == b);
}

}  // namespace
}  // namespace duban
