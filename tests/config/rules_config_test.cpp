// Tests of [rules] (config/rules_schema.h, config/rules_checks.h): defaults, overrides,
// every error with its line, column and field, and the warnings for unreachable office
// recipients.
#include <catch2/catch.hpp>

#include "tests/config/config_test_util.h"

namespace duban {
namespace {

using testing::CheckError;
using testing::Dump;
using testing::Load;
using testing::LoadOk;
using testing::OnlyError;

TEST_CASE("without [rules], the default rules", "[config][rules]") {
  const Rules rules = LoadOk("").rules;
  CHECK(rules == Rules::Defaults());
  CHECK(rules.send.send_minute == 9 * 60);
  REQUIRE(rules.escalation.size() == 3);
  CHECK(rules.escalation[0].name == "urge");
}

TEST_CASE("[rules] keys left out keep their defaults, lists given replace them", "[config][rules]") {
  Rules rules = LoadOk("[rules]\nsend_time = \"10:15\"\n").rules;
  Rules expected = Rules::Defaults();
  expected.send.send_minute = 10 * 60 + 15;
  CHECK(rules == expected);

  rules = LoadOk("[[rules.reminder]]\noffsets = [5]\nroles = [\"牵头\", \"responsible\"]\n").rules;
  REQUIRE(rules.reminders.size() == 1);
  CHECK(rules.reminders[0].offsets == std::vector<int>{5});
  CHECK(rules.reminders[0].roles == std::vector<Role>{Role::kLead, Role::kResponsible});
  CHECK(rules.reminders[0].recipients == std::vector<Recipient>{Recipient::kContact});
  CHECK(rules.reminders[0].channels == std::vector<Channel>{Channel::kEmail});
  CHECK(rules.escalation == Rules::Defaults().escalation);
}

TEST_CASE("[rules] reads every key", "[config][rules]") {
  const Rules rules = LoadOk(R"(
[office]
email = "office@example.gov.cn"
leading_group_email = "leaders@example.gov.cn"
[rules]
send_time = "8:05"
quiet_hours = "21:30-07:00"
catch_up = "none"
catch_up_grace_minutes = 0
[[rules.reminder]]
offsets = [7, 2]
recipients = ["leadership"]
channels = ["webhook", "email"]
[[rules.escalation]]
name = "urge"
level = "催办"
after_working_days = 1
repeat_every_working_days = 2
max_repeats = 4
[[rules.escalation]]
name = "circulate_all"
level = "circulate"
after_working_days = 1
roles = ["participant"]
recipients = ["office", "leading_group"]
channels = ["email"]
[rules.light]
yellow_working_days = 2
yellow_share = 1
behind_target = "yellow"
)").rules;
  CHECK(rules.send.send_minute == 8 * 60 + 5);
  CHECK(rules.send.quiet_start_minute == 21 * 60 + 30);
  CHECK(rules.send.quiet_end_minute == 7 * 60);
  CHECK(rules.catch_up == CatchUp::kNone);
  CHECK(rules.catch_up_grace_seconds == 0);
  REQUIRE(rules.reminders.size() == 1);
  CHECK(rules.reminders[0].offsets == std::vector<int>{7, 2});
  CHECK(rules.reminders[0].roles.empty());
  CHECK(rules.reminders[0].recipients == std::vector<Recipient>{Recipient::kLeadership});
  CHECK(rules.reminders[0].channels == std::vector<Channel>{Channel::kWebhook, Channel::kEmail});
  REQUIRE(rules.escalation.size() == 2);
  EscalationStep urge;
  urge.name = "urge";
  urge.level = Level::kUrge;
  urge.delay_working_days = 1;
  urge.repeat_every_working_days = 2;
  urge.max_repeats = 4;
  CHECK(rules.escalation[0] == urge);
  CHECK(rules.escalation[1].level == Level::kCirculate);
  // Equal delays are in order.
  CHECK(rules.escalation[1].delay_working_days == 1);
  CHECK(rules.escalation[1].roles == std::vector<Role>{Role::kParticipant});
  CHECK(rules.escalation[1].recipients == std::vector<Recipient>{Recipient::kOffice, Recipient::kLeadingGroup});
  CHECK(rules.light.yellow_working_days == 2);
  CHECK(rules.light.yellow_share == 1.0);
  CHECK(rules.light.behind_target_yellow);
}

TEST_CASE("a reminder offset on or after the due date is an error at the offset",
          "[config][rules][errors]") {
  CheckError(OnlyError(Load("[[rules.reminder]]\noffsets = [10, 3, 0]\n")), 2, 19, "rules.reminder[0].offsets[2]",
             "reminder offset 0 is on or after the due date; offsets count working days before it and "
             "must be at least 1");
  ConfigLoadResult result = Load("[[rules.reminder]]\noffsets = [1]\n[[rules.reminder]]\noffsets = [-2, 3, 3]\n");
  INFO(Dump(result));
  REQUIRE(result.errors.size() == 2);
  CheckError(result.errors[0], 4, 12, "rules.reminder[1].offsets[0]", "reminder offset -2 is on or after");
  CheckError(result.errors[1], 4, 19, "rules.reminder[1].offsets[2]", "reminder offset 3 is given twice");
  CheckError(OnlyError(Load("[[rules.reminder]]\noffsets = []\n")), 2, 11, "rules.reminder[0].offsets",
             "a reminder with no offsets is never sent");
  CheckError(OnlyError(Load("[[rules.reminder]]\noffsets = [400]\n")), 2, 12, "rules.reminder[0].offsets[0]",
             "must be at most 366, got 400");
  CheckError(OnlyError(Load("[[rules.reminder]]\noffsets = [1.5]\n")), 2, 12, "rules.reminder[0].offsets[0]",
             "expected an integer, got a float");
}

TEST_CASE("an escalation step with no recipients is an error", "[config][rules][errors]") {
  CheckError(OnlyError(Load("[[rules.escalation]]\nname = \"urge\"\nlevel = \"urge\"\nafter_working_days = 1\n"
                            "recipients = []\n")),
             5, 14, "rules.escalation[0].recipients", "escalation step urge has no recipients");
  CheckError(OnlyError(Load("[[rules.escalation]]\nname = \"urge\"\nlevel = \"urge\"\nafter_working_days = 1\n"
                            "channels = []\n")),
             5, 12, "rules.escalation[0].channels", "escalation step urge has no channels");
  CheckError(OnlyError(Load("[[rules.reminder]]\nrecipients = []\n")), 2, 14, "rules.reminder[0].recipients",
             "reminder has no recipients");
}

TEST_CASE("escalation steps must be in ladder order, with unique names", "[config][rules][errors]") {
  ConfigLoadResult result = Load(R"([[rules.escalation]]
name = "urge"
level = "urge"
after_working_days = 1
[[rules.escalation]]
name = "circulate"
level = "通报"
after_working_days = 10
[[rules.escalation]]
name = "supervise"
level = "督办"
after_working_days = 5
[[rules.escalation]]
name = "urge"
level = "urge"
after_working_days = 12
)");
  INFO(Dump(result));
  REQUIRE(result.errors.size() == 2);
  CheckError(result.errors[0], 12, 22, "rules.escalation[2].after_working_days",
             "escalation step supervise (after 5 working days) comes after step circulate (after 10); "
             "list the steps in ladder order");
  CheckError(result.errors[1], 14, 8, "rules.escalation[3].name",
             "escalation step name \"urge\" is used twice (first at rules.escalation[0], line 2)");
}

TEST_CASE("escalation step values are checked", "[config][rules][errors]") {
  const std::string step = "[[rules.escalation]]\nname = \"urge\"\nlevel = \"urge\"\nafter_working_days = 1\n";
  CheckError(OnlyError(Load("[[rules.escalation]]\nname = \"Urge!\"\nlevel = \"urge\"\nafter_working_days = 1\n")),
             2, 8, "rules.escalation[0].name", "step name \"Urge!\" may contain only a-z, 0-9, '_' and '-'");
  CheckError(OnlyError(Load("[[rules.escalation]]\nname = \"urge\"\nlevel = \"urgent\"\nafter_working_days = 1\n")),
             3, 9, "rules.escalation[0].level", "\"urgent\" is not a level; use remind, urge, supervise, "
             "circulate, 提醒, 催办, 督办, 通报 (did you mean \"urge\"?)");
  CheckError(OnlyError(Load("[[rules.escalation]]\nname = \"urge\"\nlevel = \"urge\"\nafter_working_days = 0\n")),
             4, 22, "rules.escalation[0].after_working_days", "must be between 1 and 366, got 0");
  CheckError(OnlyError(Load(step + "max_repeats = 2\n")), 5, 15, "rules.escalation[0].max_repeats",
             "escalation step urge: max_repeats needs repeat_every_working_days");
  CheckError(OnlyError(Load(step + "recipients = [\"contact\", \"leader\"]\n")), 5, 26,
             "rules.escalation[0].recipients[1]",
             "\"leader\" is not a recipient; use contact, leadership, office or leading_group "
             "(did you mean \"leadership\"?)");
  CheckError(OnlyError(Load(step + "channels = [\"email\", \"email\"]\n")), 5, 22, "rules.escalation[0].channels[1]",
             "channel \"email\" is listed twice");
  CheckError(OnlyError(Load(step + "roles = []\n")), 5, 9, "rules.escalation[0].roles",
             "must not be empty; leave roles out to mean every role");
  CheckError(OnlyError(Load(step + "roles = [\"leed\"]\n")), 5, 10, "rules.escalation[0].roles[0]",
             "\"leed\" is not a role; use lead, participant or responsible (did you mean \"lead\"?)");
  CheckError(OnlyError(Load(step + "after_workdays = 3\n")), 5, 1, "rules.escalation[0].after_workdays",
             "unknown key \"after_workdays\" in [[rules.escalation]] (did you mean \"after_working_days\"?)");

  ConfigLoadResult result = Load("[[rules.escalation]]\nrecipients = [\"office\"]\n");
  INFO(Dump(result));
  REQUIRE(result.errors.size() == 3);
  for (const ConfigError& error : result.errors) CHECK(error.line == 1);
  CHECK(result.errors[0].field == "rules.escalation[0].name");
  CHECK(result.errors[1].field == "rules.escalation[0].level");
  CHECK(result.errors[2].field == "rules.escalation[0].after_working_days");
}

TEST_CASE("send time and quiet hours", "[config][rules][errors]") {
  CheckError(OnlyError(Load("[rules]\nquiet_hours = \"20:00-08:00\"\nsend_time = \"07:30\"\n")), 3, 13,
             "rules.send_time", "send_time 07:30 is inside quiet_hours 20:00-08:00: no message would ever go out");
  // Without send_time, the default 09:00 is checked, at quiet_hours.
  CheckError(OnlyError(Load("[rules]\nquiet_hours = \"08:00-18:00\"\n")), 2, 15, "rules.quiet_hours",
             "send_time 09:00 is inside quiet_hours 08:00-18:00");
  CHECK(LoadOk("[rules]\nquiet_hours = \"08:00-18:00\"\nsend_time = \"18:00\"\n").rules.send.send_minute == 18 * 60);
  CheckError(OnlyError(Load("[rules]\nquiet_hours = \"08:00-08:00\"\n")), 2, 15, "rules.quiet_hours",
             "quiet hours start and end at the same time; write \"\" for none");
  CheckError(OnlyError(Load("[rules]\nquiet_hours = \"20:00 to 08:00\"\n")), 2, 15, "rules.quiet_hours",
             "is not a time window");
  for (const char* bad : {"24:00", "9", "09:60", "09:5", "-1:00", "0900", "009:00"}) {
    INFO(bad);
    CheckError(OnlyError(Load(std::string("[rules]\nsend_time = \"") + bad + "\"\n")), 2, 13, "rules.send_time",
               "is not a time of day; write HH:MM");
  }
}

TEST_CASE("catch-up and light values are checked", "[config][rules][errors]") {
  CHECK(LoadOk("[rules]\ncatch_up = \"all\"\n").rules.catch_up == CatchUp::kAll);
  CHECK(LoadOk("[rules]\ncatch_up_grace_minutes = 90\n").rules.catch_up_grace_seconds == 5400);
  CheckError(OnlyError(Load("[rules]\ncatch_up = \"latests\"\n")), 2, 12, "rules.catch_up",
             "\"latests\" is not a catch-up policy; use latest, all, none (did you mean \"latest\"?)");
  CheckError(OnlyError(Load("[rules]\ncatch_up_grace_minutes = -1\n")), 2, 26, "rules.catch_up_grace_minutes",
             "must be between 0 and 10080, got -1");
  CheckError(OnlyError(Load("[rules.light]\nyellow_share = 1.5\n")), 2, 16, "rules.light.yellow_share",
             "must be between 0 and 1, got 1.5");
  CheckError(OnlyError(Load("[rules.light]\nyellow_share = nan\n")), 2, 16, "rules.light.yellow_share",
             "must be between 0 and 1");
  CheckError(OnlyError(Load("[rules.light]\nyellow_working_days = -1\n")), 2, 23,
             "rules.light.yellow_working_days", "must be between 0 and 366, got -1");
  CHECK_FALSE(LoadOk("").rules.light.behind_target_yellow);
  CHECK_FALSE(LoadOk("[rules.light]\nbehind_target = \"ignore\"\n").rules.light.behind_target_yellow);
  CheckError(OnlyError(Load("[rules.light]\nbehind_target = \"yelow\"\n")), 2, 17, "rules.light.behind_target",
             "\"yelow\" is not a choice; use yellow, ignore (did you mean \"yellow\"?)");
  CheckError(OnlyError(Load("[rules.light]\nbehind_target = true\n")), 2, 17, "rules.light.behind_target",
             "expected a string");
  CheckError(OnlyError(Load("[rules]\nlight = 3\n")), 2, 9, "rules.light",
             "expected a table ([rules.light]), got an integer");
}

TEST_CASE("keys in the wrong [rules] table name the right one", "[config][rules][errors]") {
  CheckError(OnlyError(Load("[rules]\noffsets = [3]\n")), 2, 1, "rules.offsets",
             "unknown key \"offsets\" in [rules]; \"offsets\" belongs in [[rules.reminder]]");
  CheckError(OnlyError(Load("[rules]\nyellow_share = 0.5\n")), 2, 1, "rules.yellow_share",
             "\"yellow_share\" belongs in [rules.light]");
  CheckError(OnlyError(Load("[rules.reminders]\n")), 1, 8, "rules.reminders",
             "unknown key \"reminders\" in [rules] (did you mean \"reminder\"?)");
  CheckError(OnlyError(Load("[rules]\nreminder = [1]\n")), 2, 13, "rules.reminder[0]",
             "expected a table, got an integer");
}

TEST_CASE("office recipients without an [office] address are warnings", "[config][rules]") {
  SECTION("the default ladder: at line 0, naming the default step") {
    ConfigLoadResult result = Load("");
    REQUIRE(result.config);
    INFO(Dump(result));
    REQUIRE(result.warnings.size() == 3);
    CHECK(result.warnings[0].ToString() ==
          "/etc/duban/duban.toml: rules.escalation[1].recipients: default escalation step supervise: "
          "recipient office can never be reached: [office] email is not set");
    CHECK(result.warnings[1].field == "rules.escalation[2].recipients");
    CHECK_THAT(result.warnings[1].message, Catch::EndsWith("recipient office can never be reached: [office] email is not set"));
    CHECK_THAT(result.warnings[2].message,
               Catch::EndsWith("recipient leading_group can never be reached: [office] leading_group_email is not set"));
  }
  SECTION("addresses set: no warnings") {
    ConfigLoadResult result =
        Load("[office]\nemail = \"office@example.gov.cn\"\nleading_group_email = \"lg@example.gov.cn\"\n");
    REQUIRE(result.config);
    CHECK(result.warnings.empty());
  }
  SECTION("steps in the file: at the recipient") {
    ConfigLoadResult result = Load(R"([office]
email = "office@example.gov.cn"
[[rules.reminder]]
recipients = ["contact", "leading_group"]
[[rules.escalation]]
name = "tell"
level = "supervise"
after_working_days = 3
recipients = ["office", "leading_group"]
)");
    REQUIRE(result.config);
    INFO(Dump(result));
    REQUIRE(result.warnings.size() == 2);
    CheckError(result.warnings[0], 4, 26, "rules.reminder[0].recipients[1]",
               "reminder: recipient leading_group can never be reached");
    CheckError(result.warnings[1], 9, 25, "rules.escalation[0].recipients[1]",
               "escalation step tell: recipient leading_group can never be reached");
  }
  SECTION("warnings come with errors too") {
    ConfigLoadResult result = Load("[daemon]\nlog_level = \"loud\"\n");
    CHECK(result.errors.size() == 1);
    CHECK(result.warnings.size() == 3);
  }
}

}  // namespace
}  // namespace duban
