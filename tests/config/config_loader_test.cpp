// Tests of LoadConfigString / LoadConfigFile: defaults, path resolution, every kind of error
// with its exact position and field, and the example files. Agency clashes are in
// agency_checks_test.cpp, DescribeConfig in describe_config_test.cpp.
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

// --- defaults and paths ---

TEST_CASE("an empty file gives the documented defaults", "[config]") {
  Config config = LoadOk("");
  CHECK(config.source == "/etc/duban/duban.toml");
  CHECK(config.daemon.state_dir == "/var/lib/duban");
  CHECK(config.daemon.socket_path == "/run/duban/duband.sock");
  CHECK(config.daemon.log_level == "info");
  CHECK(config.daemon.time_zone == "Asia/Shanghai");
  CHECK(config.control.admin_group.empty());
  CHECK(config.control.max_request_bytes == 32u * 1024 * 1024);
  CHECK(config.control.max_clients == 32);
  CHECK(config.control.idle_timeout_seconds == 60);
  CHECK(config.store.path == "/var/lib/duban/duban.db");
  CHECK(config.mail.transport == "file");
  CHECK(config.mail.dir == "/var/lib/duban/mail");
  CHECK(config.mail.from == "督办系统 <duban@localhost>");
  CHECK(config.plan.file.empty());
  CHECK_FALSE(config.plan.first_listed_leads);
  CHECK(config.agencies.empty());
  CHECK(config.daemon.max_sleep_seconds == 60);
  CHECK(config.office.name == "领导小组办公室");
  CHECK(config.office.email.empty());
  CHECK(config.office.leading_group_email.empty());
  CHECK(config.calendar == CalendarSpec{});
  CHECK(config.calendar.weekend == std::vector<unsigned>{6, 7});
  CHECK(config.deadlines == DeadlinePolicy{});
  CHECK(config.rules == Rules::Defaults());
}

TEST_CASE("[office] and daemon.max_sleep_seconds are read and checked", "[config]") {
  Config config = LoadOk(R"(
[daemon]
max_sleep_seconds = 5
[office]
name = "省战略性新兴产业发展领导小组办公室"
email = "office@example.gov.cn"
leading_group_email = "leaders@example.gov.cn"
)");
  CHECK(config.daemon.max_sleep_seconds == 5);
  CHECK(config.office.name == "省战略性新兴产业发展领导小组办公室");
  CHECK(config.office.email == "office@example.gov.cn");
  CHECK(config.office.leading_group_email == "leaders@example.gov.cn");

  CHECK(LoadOk("[daemon]\nmax_sleep_seconds = 3600\n").daemon.max_sleep_seconds == 3600);
  CheckError(OnlyError(Load("[daemon]\nmax_sleep_seconds = 0\n")), 2, 21, "daemon.max_sleep_seconds",
             "must be between 1 and 3600, got 0");
  CheckError(OnlyError(Load("[daemon]\nmax_sleep_seconds = 3601\n")), 2, 21, "daemon.max_sleep_seconds",
             "must be between 1 and 3600, got 3601");
  CheckError(OnlyError(Load("[office]\nemail = \"办公室 <office@example.gov.cn>\"\n")), 2, 9,
             "office.email", "not a valid e-mail address");
  CheckError(OnlyError(Load("[office]\n\nleading_group_email = \"leaders\"\n")), 3, 23,
             "office.leading_group_email", "it has no '@'");
  CheckError(OnlyError(Load("[office]\nname = \"\"\n")), 2, 8, "office.name", "office name must not be empty");
  CheckError(OnlyError(Load("[office]\nemails = \"a@b.cn\"\n")), 2, 1, "office.emails",
             "unknown key \"emails\" in [office] (did you mean \"email\"?)");
}

TEST_CASE("store.path and mail.dir follow state_dir unless set", "[config]") {
  Config config = LoadOk("[daemon]\nstate_dir = \"/srv/duban\"\n");
  CHECK(config.store.path == "/srv/duban/duban.db");
  CHECK(config.mail.dir == "/srv/duban/mail");

  config = LoadOk("[daemon]\nstate_dir = \"/srv/duban\"\n[store]\npath = \"/data/d.db\"\n"
                  "[mail]\ndir = \"/data/mail\"\n");
  CHECK(config.store.path == "/data/d.db");
  CHECK(config.mail.dir == "/data/mail");
}

TEST_CASE("relative paths resolve against the config file's directory", "[config]") {
  Config config = LoadOk(R"(
[daemon]
state_dir = "state"
socket = "../run/./duband.sock"
[store]
path = "db/duban.db"
[mail]
dir = "mail/out/"
)");
  CHECK(config.daemon.state_dir == "/etc/duban/state");
  CHECK(config.daemon.socket_path == "/etc/run/duband.sock");
  // Relative to the config file, not to state_dir.
  CHECK(config.store.path == "/etc/duban/db/duban.db");
  // Trailing separators are dropped.
  CHECK(config.mail.dir == "/etc/duban/mail/out");
}

TEST_CASE("a relative config path is made absolute from the working directory", "[config]") {
  Config config = LoadOk("[daemon]\nstate_dir = \"s\"\n", "conf/duban.toml");
  const auto cwd = std::filesystem::current_path();
  CHECK(config.source == (cwd / "conf/duban.toml").lexically_normal());
  CHECK(config.daemon.state_dir == (cwd / "conf/s").lexically_normal());
}

TEST_CASE("every key is read", "[config]") {
  TempDir dir;
  dir.Write("plan.txt", "一、任务\n1.做事。(省发改委负责)\n");
  Config config = LoadOk(R"(
[daemon]
state_dir = "/srv/duban"
socket = "/run/d.sock"
log_level = "debug"
time_zone = "UTC"
[control]
admin_group = "duban-admins"
max_request_bytes = 4096
max_clients = 3
idle_timeout_seconds = 5
[store]
path = "/srv/db.sqlite"
[mail]
transport = "file"
dir = "/srv/mail"
from = "office@example.gov.cn"
[plan]
file = "plan.txt"
first_listed_leads = true
[[agency]]
name = "省发改委"
aliases = ["省发展改革委", "省发展和改革委员会"]
email = "fgw@example.gov.cn"
leadership_email = "fgw-leaders@example.gov.cn"
[[agency]]
name = "省科技厅"
)",
                         dir.path() / "duban.toml");
  CHECK(config.daemon.state_dir == "/srv/duban");
  CHECK(config.daemon.socket_path == "/run/d.sock");
  CHECK(config.daemon.log_level == "debug");
  CHECK(config.daemon.time_zone == "UTC");
  CHECK(config.control.admin_group == "duban-admins");
  CHECK(config.control.max_request_bytes == 4096);
  CHECK(config.control.max_clients == 3);
  CHECK(config.control.idle_timeout_seconds == 5);
  CHECK(config.store.path == "/srv/db.sqlite");
  CHECK(config.mail.dir == "/srv/mail");
  CHECK(config.mail.from == "office@example.gov.cn");
  CHECK(config.plan.file == dir.path() / "plan.txt");
  CHECK(config.plan.first_listed_leads);
  REQUIRE(config.agencies.size() == 2);
  CHECK(config.agencies[0].name == "省发改委");
  CHECK(config.agencies[0].aliases == std::vector<std::string>{"省发展改革委", "省发展和改革委员会"});
  CHECK(config.agencies[0].email == "fgw@example.gov.cn");
  CHECK(config.agencies[0].leadership_email == "fgw-leaders@example.gov.cn");
  CHECK(config.agencies[1].name == "省科技厅");
  CHECK(config.agencies[1].aliases.empty());
  CHECK(config.agencies[1].email.empty());
}

TEST_CASE("inline tables and dotted keys are the same tables", "[config]") {
  Config config = LoadOk("daemon = { log_level = \"warn\" }\ncontrol.max_clients = 7\n");
  CHECK(config.daemon.log_level == "warn");
  CHECK(config.control.max_clients == 7);
}

TEST_CASE("an empty agency array means no agencies", "[config]") {
  CHECK(LoadOk("agency = []\n").agencies.empty());
}

TEST_CASE("table names are case-sensitive, with a suggestion", "[config][errors]") {
  CheckError(OnlyError(Load("[Daemon]\n")), 1, 2, "Daemon", "unknown table [Daemon] (did you mean [daemon]?)");
}

// --- error format ---

TEST_CASE("ConfigError::ToString is FILE:LINE:COL: FIELD: message", "[config]") {
  ConfigError error{"duban.toml", 12, 1, "daemon.socket", "expected a string, got an integer"};
  CHECK(error.ToString() == "duban.toml:12:1: daemon.socket: expected a string, got an integer");
  ConfigError no_field{"duban.toml", 3, 7, "", "Error while parsing"};
  CHECK(no_field.ToString() == "duban.toml:3:7: Error while parsing");
}

// --- syntax ---

TEST_CASE("a syntax error reports toml++'s position", "[config][errors]") {
  ConfigError error = OnlyError(Load("[daemon]\nlog_level = \"info\"\nsocket = \n"));
  CHECK(error.line == 3);
  CHECK(error.column >= 9);
  CHECK(error.field.empty());
  CHECK_FALSE(error.message.empty());
  CHECK_THAT(error.ToString(), Catch::StartsWith("/etc/duban/duban.toml:3:"));
}

TEST_CASE("a key defined twice is a syntax error at the second definition", "[config][errors]") {
  ConfigError error = OnlyError(Load("[daemon]\nsocket = \"/a\"\nsocket = \"/b\"\n"));
  CHECK(error.line == 3);
}

TEST_CASE("an unterminated string is a syntax error", "[config][errors]") {
  ConfigError error = OnlyError(Load("[mail]\n\nfrom = \"duban@localhost\n"));
  CHECK(error.line == 3);
}

// --- unknown keys ---

TEST_CASE("a misspelt key is an error suggesting the closest key", "[config][errors]") {
  ConfigError error = OnlyError(Load("[daemon]\nlog_level = \"info\"\nsockt = \"/run/x.sock\"\n"));
  CheckError(error, 3, 1, "daemon.sockt", "unknown key \"sockt\" in [daemon] (did you mean \"socket\"?)");

  error = OnlyError(Load("[control]\n  max_client = 4\n"));
  CheckError(error, 2, 3, "control.max_client", "did you mean \"max_clients\"?");

  error = OnlyError(Load("[[agency]]\nname = \"省发改委\"\nalias = [\"省发展改革委\"]\n"));
  CheckError(error, 3, 1, "agency[0].alias", "unknown key \"alias\" in [[agency]] (did you mean \"aliases\"?)");
}

TEST_CASE("an unknown key far from every known key gets no suggestion", "[config][errors]") {
  ConfigError error = OnlyError(Load("[store]\ncompression = true\n"));
  CheckError(error, 2, 1, "store.compression", "unknown key \"compression\" in [store]");
  CHECK_THAT(error.message, !Catch::Contains("did you mean"));
}

TEST_CASE("a key in the wrong table names the table it belongs in", "[config][errors]") {
  ConfigError error = OnlyError(Load("[daemon]\nadmin_group = \"duban\"\n"));
  CheckError(error, 2, 1, "daemon.admin_group", "\"admin_group\" belongs in [control]");

  error = OnlyError(Load("log_level = \"info\"\n"));
  CheckError(error, 1, 1, "log_level",
             "unknown key \"log_level\" at the top level; \"log_level\" belongs in [daemon]");
}

TEST_CASE("unknown tables are errors, with a suggestion when close", "[config][errors]") {
  ConfigError error = OnlyError(Load("[deamon]\nsocket = \"/x\"\n"));
  CheckError(error, 1, 2, "deamon", "unknown table [deamon] (did you mean [daemon]?)");

  error = OnlyError(Load("[[agencies]]\nname = \"省发改委\"\n"));
  CheckError(error, 1, 3, "agencies", "unknown table [[agencies]] (did you mean [[agency]]?)");

  error = OnlyError(Load("\n[smtp]\nhost = \"mail\"\n"));
  CheckError(error, 2, 2, "smtp", "unknown table [smtp]");
}

TEST_CASE("a table nested in a known table is an unknown key", "[config][errors]") {
  ConfigError error = OnlyError(Load("[daemon.extra]\nx = 1\n"));
  CheckError(error, 1, 9, "daemon.extra", "unknown key \"extra\" in [daemon]");
}

// --- wrong types ---

TEST_CASE("values of the wrong type are errors naming both types", "[config][errors]") {
  SECTION("integer for a string") {
    CheckError(OnlyError(Load("[daemon]\nsocket = 5\n")), 2, 10, "daemon.socket",
               "expected a string, got an integer");
  }
  SECTION("string for an integer") {
    CheckError(OnlyError(Load("[control]\nmax_clients = \"10\"\n")), 2, 15, "control.max_clients",
               "expected an integer, got a string");
  }
  SECTION("float for an integer") {
    CheckError(OnlyError(Load("[control]\nidle_timeout_seconds = 1.5\n")), 2, 24,
               "control.idle_timeout_seconds", "expected an integer, got a float");
  }
  SECTION("string for a boolean") {
    CheckError(OnlyError(Load("[plan]\nfirst_listed_leads = \"yes\"\n")), 2, 22,
               "plan.first_listed_leads", "expected a boolean (true or false), got a string");
  }
  SECTION("array for a string") {
    CheckError(OnlyError(Load("[mail]\nfrom = [\"a@b.cn\"]\n")), 2, 8, "mail.from",
               "expected a string, got an array");
  }
  SECTION("string for an array") {
    CheckError(OnlyError(Load("[[agency]]\nname = \"省发改委\"\naliases = \"省发展改革委\"\n")), 3, 11,
               "agency[0].aliases", "expected an array of strings, got a string");
  }
  SECTION("non-string alias") {
    CheckError(OnlyError(Load("[[agency]]\nname = \"省发改委\"\naliases = [\"省发展改革委\", 7]\n")), 3,
               22, "agency[0].aliases[1]", "expected a string, got an integer");
  }
  SECTION("scalar for a table") {
    CheckError(OnlyError(Load("daemon = 1\n")), 1, 10, "daemon",
               "expected a table ([daemon]), got an integer");
  }
  SECTION("array of tables for a table") {
    CheckError(OnlyError(Load("[[daemon]]\nsocket = \"/x\"\n")), 1, 1, "daemon",
               "expected a table ([daemon]), got an array");
  }
  SECTION("table for an array of tables") {
    CheckError(OnlyError(Load("[agency]\nname = \"省发改委\"\n")), 1, 1, "agency",
               "expected an array of tables ([[agency]]), got a table");
  }
  SECTION("array of non-tables for an array of tables") {
    CheckError(OnlyError(Load("agency = [\"省发改委\"]\n")), 1, 11, "agency[0]",
               "expected a table, got a string");
  }
  SECTION("date for a string") {
    CheckError(OnlyError(Load("[daemon]\ntime_zone = 2024-01-01\n")), 2, 13, "daemon.time_zone",
               "expected a string, got a date");
  }
}

// --- bad values ---

TEST_CASE("log_level must be a known level", "[config][errors]") {
  CheckError(OnlyError(Load("[daemon]\nlog_level = \"warning\"\n")), 2, 13, "daemon.log_level",
             "\"warning\" is not a log level; use trace, debug, info, warn or error (did you mean \"warn\"?)");
  CheckError(OnlyError(Load("[daemon]\nlog_level = \"INFO\"\n")), 2, 13, "daemon.log_level",
             "is not a log level");
  for (const char* level : {"trace", "debug", "info", "warn", "error"}) {
    CHECK(LoadOk(std::string("[daemon]\nlog_level = \"") + level + "\"\n").daemon.log_level == level);
  }
}

TEST_CASE("time_zone must look like an IANA name or UTC", "[config][errors]") {
  for (const char* zone : {"Shanghai", "asia/shanghai", "Asia/Shang hai", "Asia//Shanghai",
                           "Asia/../etc", "/Asia/Shanghai", "Asia/Shanghai/", "", "utc"}) {
    INFO(zone);
    CheckError(OnlyError(Load(std::string("[daemon]\ntime_zone = \"") + zone + "\"\n")), 2, 13,
               "daemon.time_zone", "is not a time zone name");
  }
  CHECK(LoadOk("[daemon]\ntime_zone = \"UTC\"\n").daemon.time_zone == "UTC");
}

TEST_CASE("time_zone must exist when the system has a zoneinfo database", "[config][errors]") {
  if (!std::filesystem::is_regular_file("/usr/share/zoneinfo/Asia/Shanghai")) {
    WARN("no /usr/share/zoneinfo here; existence checks are covered by config_values_test");
    return;
  }
  CHECK(LoadOk("[daemon]\ntime_zone = \"Europe/Berlin\"\n").daemon.time_zone == "Europe/Berlin");
  CheckError(OnlyError(Load("[daemon]\ntime_zone = \"Asia/Atlantis\"\n")), 2, 13, "daemon.time_zone",
             "unknown time zone \"Asia/Atlantis\"");
}

TEST_CASE("control limits are range-checked", "[config][errors]") {
  CheckError(OnlyError(Load("[control]\nmax_request_bytes = 1023\n")), 2, 21,
             "control.max_request_bytes", "must be between 1024 and 1073741824, got 1023");
  CheckError(OnlyError(Load("[control]\nmax_request_bytes = 1073741825\n")), 2, 21,
             "control.max_request_bytes", "must be between 1024 and 1073741824, got 1073741825");
  CHECK(LoadOk("[control]\nmax_request_bytes = 1024\n").control.max_request_bytes == 1024);
  CHECK(LoadOk("[control]\nmax_request_bytes = 1073741824\n").control.max_request_bytes == 1073741824);

  CheckError(OnlyError(Load("[control]\nmax_clients = 0\n")), 2, 15, "control.max_clients",
             "must be at least 1, got 0");
  CheckError(OnlyError(Load("[control]\nmax_clients = -3\n")), 2, 15, "control.max_clients",
             "must be at least 1, got -3");
  CheckError(OnlyError(Load("[control]\nmax_clients = 99999999999\n")), 2, 15, "control.max_clients",
             "must be at most 2147483647");
  CheckError(OnlyError(Load("[control]\nidle_timeout_seconds = 0\n")), 2, 24,
             "control.idle_timeout_seconds", "must be at least 1, got 0");
  CHECK(LoadOk("[control]\nmax_clients = 1\nidle_timeout_seconds = 1\n").control.max_clients == 1);
}

TEST_CASE("admin_group must be a group name", "[config][errors]") {
  CheckError(OnlyError(Load("[control]\nadmin_group = \"duban admins\"\n")), 2, 15,
             "control.admin_group", "is not a group name");
  CheckError(OnlyError(Load("[control]\nadmin_group = \"-x\"\n")), 2, 15, "control.admin_group",
             "must not start with '-'");
}

TEST_CASE("mail.from must be an address, display name allowed", "[config][errors]") {
  CHECK(LoadOk("[mail]\nfrom = \"督办办公室 <office@example.gov.cn>\"\n").mail.from ==
        "督办办公室 <office@example.gov.cn>");
  CheckError(OnlyError(Load("[mail]\nfrom = \"office.example.gov.cn\"\n")), 2, 8, "mail.from",
             "not a valid e-mail address: it has no '@'");
  CheckError(OnlyError(Load("[mail]\nfrom = \"\"\n")), 2, 8, "mail.from", "it is empty");
  CheckError(OnlyError(Load("[mail]\nfrom = \"Office <office@example.gov.cn\"\n")), 2, 8, "mail.from",
             "not a valid e-mail address");
}

TEST_CASE("e-mail addresses may not carry CR, LF or other control characters", "[config][errors]") {
  // Header injection: "x@y.cn\r\nBcc: evil@z.cn".
  CheckError(OnlyError(Load("[mail]\nfrom = \"a@example.gov.cn\\r\\nBcc: evil@example.com\"\n")), 2, 8,
             "mail.from", "contains a carriage return (U+000D) at byte 16");
  CheckError(OnlyError(Load("[[agency]]\nname = \"省发改委\"\nemail = \"fgw@example.gov.cn\\n\"\n")), 3, 9,
             "agency[0].email", "contains a line feed (U+000A)");
  CheckError(OnlyError(Load("[[agency]]\nname = \"省发改委\"\nleadership_email = \"a\\u0000@b.cn\"\n")), 3,
             20, "agency[0].leadership_email", "contains a control character (U+0000)");
}

TEST_CASE("agency e-mail addresses are bare addresses; empty means none", "[config][errors]") {
  Config config = LoadOk("[[agency]]\nname = \"省发改委\"\nemail = \"\"\nleadership_email = \"\"\n");
  CHECK(config.agencies.at(0).email.empty());

  CheckError(OnlyError(Load("[[agency]]\nname = \"省发改委\"\nemail = \"省发改委 <fgw@example.gov.cn>\"\n")),
             3, 9, "agency[0].email", "not a valid e-mail address");
  CheckError(OnlyError(Load("[[agency]]\nname = \"省发改委\"\nemail = \"fgw@example..cn\"\n")), 3, 9,
             "agency[0].email", "it has an empty label in its domain");
  CheckError(OnlyError(Load("[[agency]]\nname = \"省发改委\"\nemail = \"@example.gov.cn\"\n")), 3, 9,
             "agency[0].email", "it has nothing before '@'");
}

TEST_CASE("agency names must be present, non-empty and free of control characters",
          "[config][errors]") {
  CheckError(OnlyError(Load("[[agency]]\nemail = \"a@b.cn\"\n")), 1, 1, "agency[0].name",
             "missing required key \"name\" in [[agency]]");
  CheckError(OnlyError(Load("[[agency]]\nname = \"\"\n")), 2, 8, "agency[0].name",
             "agency name must not be empty");
  CheckError(OnlyError(Load("[[agency]]\nname = \"   \"\n")), 2, 8, "agency[0].name",
             "agency name must not be blank");
  CheckError(OnlyError(Load("[[agency]]\nname = \"省发改委\\u0007\"\n")), 2, 8, "agency[0].name",
             "agency name contains a control character (U+0007)");
  CheckError(OnlyError(Load("[[agency]]\nname = \"省科技厅\"\naliases = [\"省科学\\t技术厅\"]\n")), 3, 12,
             "agency[0].aliases[0]", "alias contains a tab (U+0009)");
  CheckError(OnlyError(Load("[[agency]]\nname = \"省科技厅\"\naliases = [\"\"]\n")), 3, 12,
             "agency[0].aliases[0]", "alias must not be empty");
}

TEST_CASE("paths must be non-empty and free of control characters", "[config][errors]") {
  CheckError(OnlyError(Load("[daemon]\nstate_dir = \"\"\n")), 2, 13, "daemon.state_dir",
             "must not be empty");
  CheckError(OnlyError(Load("[store]\npath = \"/var/lib/duban\\n.db\"\n")), 2, 8, "store.path",
             "path contains a line feed");
}

TEST_CASE("the socket path must fit in sockaddr_un", "[config][errors]") {
  const std::string long_path = "/run/" + std::string(100, 'x') + "/duband.sock";
  CheckError(OnlyError(Load("[daemon]\nsocket = \"" + long_path + "\"\n")), 2, 10, "daemon.socket",
             "a Unix socket path may have at most 107");
  const std::string longest = "/" + std::string(106, 's');
  CHECK(LoadOk("[daemon]\nsocket = \"" + longest + "\"\n").daemon.socket_path == longest);
}

// --- plan file ---

TEST_CASE("plan.file must exist, resolved against the config's directory", "[config][errors]") {
  TempDir dir;
  const auto config_path = dir.path() / "etc" / "duban.toml";
  dir.Write("etc/plans/plan.txt", "一、任务\n");

  ConfigLoadResult result = LoadConfigString("[plan]\nfile = \"plans/plan.txt\"\n", config_path);
  INFO(Dump(result));
  REQUIRE(result.config);
  CHECK(result.config->plan.file == dir.path() / "etc/plans/plan.txt");

  result = LoadConfigString("[plan]\nfile = \"plans/missing.txt\"\n", config_path);
  REQUIRE(result.errors.size() == 1);
  const ConfigError& error = result.errors[0];
  CHECK(error.line == 2);
  CHECK(error.column == 8);
  CHECK(error.field == "plan.file");
  CHECK(error.message == "plan file " + (dir.path() / "etc/plans/missing.txt").string() + " does not exist");

  result = LoadConfigString("[plan]\nfile = \"plans\"\n", config_path);
  REQUIRE(result.errors.size() == 1);
  CHECK_THAT(result.errors[0].message, Catch::EndsWith("is not a regular file"));

  CHECK(LoadOk("[plan]\nfile = \"\"\n").plan.file.empty());
}

// --- agencies across tables ---

TEST_CASE("all problems are reported together, in file order", "[config][errors]") {
  // Keys are deliberately out of alphabetical order: toml++ iterates tables sorted by key,
  // the report must still follow the file.
  ConfigLoadResult result = Load(R"([mail]
transport = "sendmail"
from = "nobody"

[daemon]
socket = 5
sockt = "/run/x.sock"
log_level = "loud"

[control]
max_clients = 0

[[agency]]
name = "省发改委"
aliases = ["省发展改革委"]
[[agency]]
name = "省经信委"
aliases = ["省发展改革委"]
email = "jxw"

[colour]
x = 1
)");
  INFO(Dump(result));
  REQUIRE_FALSE(result.config);
  REQUIRE(result.errors.size() == 9);
  CheckError(result.errors[0], 2, 13, "mail.transport", "is not a mail transport; use file or smtp");
  CheckError(result.errors[1], 3, 8, "mail.from", "has no '@'");
  CheckError(result.errors[2], 6, 10, "daemon.socket", "expected a string");
  CheckError(result.errors[3], 7, 1, "daemon.sockt", "did you mean \"socket\"?");
  CheckError(result.errors[4], 8, 13, "daemon.log_level", "is not a log level");
  CheckError(result.errors[5], 11, 15, "control.max_clients", "must be at least 1");
  CheckError(result.errors[6], 18, 12, "agency[1].aliases[0]", "already an alias of 省发改委");
  CheckError(result.errors[7], 19, 9, "agency[1].email", "has no '@'");
  CheckError(result.errors[8], 21, 2, "colour", "unknown table [colour]");
}

// --- files ---

TEST_CASE("LoadConfigFile reads a file", "[config]") {
  TempDir dir;
  const auto path = dir.Write("duban.toml", "[daemon]\nstate_dir = \"st\"\n");
  ConfigLoadResult result = LoadConfigFile(path);
  INFO(Dump(result));
  REQUIRE(result.config);
  CHECK(result.config->source == path);
  CHECK(result.config->daemon.state_dir == dir.path() / "st");
}

TEST_CASE("LoadConfigFile reports errors with the file's name", "[config][errors]") {
  TempDir dir;
  const auto path = dir.Write("duban.toml", "\n[daemon]\nsockt = \"/x\"\n");
  ConfigError error = OnlyError(LoadConfigFile(path));
  CHECK(error.file == path.string());
  CHECK(error.ToString() == path.string() +
                                ":3:1: daemon.sockt: unknown key \"sockt\" in [daemon] (did you mean \"socket\"?)");
}

TEST_CASE("a missing or unreadable config file is an error at line 0", "[config][errors]") {
  TempDir dir;
  const auto missing = dir.path() / "nope.toml";
  ConfigError error = OnlyError(LoadConfigFile(missing));
  CHECK(error.file == missing.string());
  CHECK(error.line == 0);
  CHECK(error.column == 0);
  CHECK(error.field.empty());
  CHECK_THAT(error.message, Catch::Contains("No such file or directory"));
  CHECK(error.ToString() == missing.string() + ": cannot open config file: No such file or directory");

  error = OnlyError(LoadConfigFile(dir.path()));
  CHECK(error.line == 0);
  CHECK_THAT(error.message, Catch::Contains("is a directory"));
}

// examples/duban.toml names production secret files (/etc/duban/smtp-password ...) that
// this machine does not have: the examples load with ExampleSecrets() standing in for
// them. demo.toml needs no secret at all.
TEST_CASE("the example configs load without errors", "[config][examples]") {
  const std::filesystem::path examples = std::filesystem::path(DUBAN_SOURCE_DIR) / "examples";
  const std::filesystem::path source = std::filesystem::path(DUBAN_SOURCE_DIR).lexically_normal();
  const LoadOptions options{&testing::ExampleSecrets()};

  SECTION("duban.toml, the production example") {
    ConfigLoadResult result = LoadConfigFile(examples / "duban.toml", options);
    INFO(Dump(result));
    REQUIRE(result.config);
    const Config& config = *result.config;
    CHECK(config.daemon.state_dir == "/var/lib/duban");
    CHECK(config.daemon.socket_path == "/run/duban/duband.sock");
    CHECK(config.control.admin_group == "duban");
    CHECK(config.store.path == "/var/lib/duban/duban.db");
    CHECK(config.plan.file.empty());
    REQUIRE(config.agencies.size() >= 3);
    CHECK(config.agencies[0].name == "省发改委");
    CHECK(config.agencies[0].aliases ==
          std::vector<std::string>{"省发展改革委", "省发展和改革委员会", "浙江省发展和改革委员会"});
    CHECK(config.agencies[1].name == "省经信委");
    CHECK(config.agencies[2].name == "省科技厅");
    CHECK(config.mail.transport == "smtp");
    CHECK(config.mail.url == "smtps://mail.example.gov.cn:465");
    CHECK(config.mail.password.file == "/etc/duban/smtp-password");
    CHECK(config.mail.password.value == "example-smtp-password");
    REQUIRE(config.webhooks.size() == 1);
    CHECK(config.webhooks[0].kind == "dingtalk");
    CHECK(config.webhooks[0].rate_limit_per_minute == 20);
    CHECK(config.office.webhook == "office-dingtalk");
    CHECK(config.delivery == DeliveryConfig{});
  }
  SECTION("demo.toml, the local demo") {
    ConfigLoadResult result = LoadConfigFile(examples / "demo.toml", options);
    INFO(Dump(result));
    REQUIRE(result.config);
    const Config& config = *result.config;
    CHECK(config.daemon.state_dir == source / "var/demo/state");
    CHECK(config.daemon.socket_path == source / "var/demo/duband.sock");
    CHECK(config.mail.dir == source / "var/demo/mail");
    CHECK(config.store.path == source / "var/demo/state/duban.db");
    CHECK(config.plan.file == source / "examples/plan-zhejiang-2013.txt");
    CHECK(config.daemon.log_level == "info");
    // Runnable anywhere: no SMTP, no webhook, no secret.
    CHECK(config.mail.transport == "file");
    CHECK(config.mail.password == Secret{});
    CHECK(config.webhooks.empty());
    CHECK(config.delivery.digest == "agency");
  }
  SECTION("duban.toml where its secret files are missing: an error at each secret key") {
    testing::FakeSecretSource none;
    ConfigLoadResult result = duban::LoadConfigFile(examples / "duban.toml", LoadOptions{&none});
    INFO(Dump(result));
    REQUIRE(result.errors.size() == 2);
    CHECK(result.errors[0].field == "mail.password_file");
    CHECK(result.errors[0].message == "secret file /etc/duban/smtp-password does not exist");
    CHECK(result.errors[1].field == "webhook[0].secret_file");
    CHECK(result.errors[1].message == "secret file /etc/duban/dingtalk-office.secret does not exist");
    CHECK(result.errors[0].line < result.errors[1].line);
  }
  SECTION("demo.toml needs no secret source at all") {
    testing::FakeSecretSource none;
    ConfigLoadResult result = duban::LoadConfigFile(examples / "demo.toml", LoadOptions{&none});
    INFO(Dump(result));
    CHECK(result.config);
    CHECK(none.reads() == 0);
  }
  SECTION("both write out the default rules, one checked year, and the office") {
    for (const char* name : {"duban.toml", "demo.toml"}) {
      INFO(name);
      ConfigLoadResult result = LoadConfigFile(examples / name, options);
      REQUIRE(result.config);
      CHECK(result.warnings.empty());
      const Config& config = *result.config;
      CHECK(config.rules == Rules::Defaults());
      CHECK(config.office.email == "duban-office@example.gov.cn");
      CHECK(config.calendar.years == std::vector<int>{2026});
      const WorkingCalendar calendar(config.calendar);
      auto day = [](const char* text) { return *ParseCivilDate(text); };
      CHECK_FALSE(calendar.IsWorkingDay(day("2026-01-02")));  // 元旦
      CHECK(calendar.IsWorkingDay(day("2026-01-04")));        // a Sunday, 元旦调休
      CHECK_FALSE(calendar.IsWorkingDay(day("2026-02-23")));  // 春节, a Monday
      CHECK(calendar.IsWorkingDay(day("2026-02-28")));        // a Saturday, 春节调休
      CHECK_FALSE(calendar.IsWorkingDay(day("2026-10-07")));  // 国庆节
      CHECK(calendar.IsWorkingDay(day("2026-10-10")));        // a Saturday, 国庆节调休
      CHECK(config.deadlines.defaults.final_due == day("2026-12-31"));
      CHECK(config.deadlines.defaults.cycle == ReportCycle::kQuarterly);
    }
    ConfigLoadResult demo = LoadConfigFile(examples / "demo.toml", options);
    REQUIRE(demo.config);
    CHECK(demo.config->deadlines.defaults.report_due.working_days_after == 10);
    REQUIRE(demo.config->deadlines.by_task.count("22") == 1);
    CHECK(demo.config->deadlines.by_task.at("22").final_due == ParseCivilDate("2026-12-04"));
  }
  SECTION("both name the same agencies") {
    auto production = LoadConfigFile(examples / "duban.toml", options);
    auto demo = LoadConfigFile(examples / "demo.toml", options);
    REQUIRE(production.config);
    REQUIRE(demo.config);
    CHECK(production.config->agencies.size() == demo.config->agencies.size());
    for (std::size_t i = 0; i < production.config->agencies.size(); ++i) {
      CHECK(production.config->agencies[i].name == demo.config->agencies[i].name);
      CHECK(production.config->agencies[i].aliases == demo.config->agencies[i].aliases);
    }
  }
}

}  // namespace
}  // namespace duban
