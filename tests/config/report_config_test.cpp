// Tests of [report] (config/report_schema.h): defaults, every key, and each refusal with
// file:line:column and the field, including the checks across sections (webhook names,
// quiet hours, [office] addresses, a schedule with no recipient).
#include <catch2/catch.hpp>

#include "config/config_loader.h"
#include "tests/config/config_test_util.h"

namespace duban {
namespace {

using testing::CheckError;
using testing::CheckRoundTrip;
using testing::Load;
using testing::LoadOk;
using testing::OnlyError;

constexpr const char* kOffice = R"([office]
email = "office@example.gov.cn"

[[webhook]]
name = "office-group"
kind = "feishu"
url = "https://open.feishu.cn/open-apis/bot/v2/hook/abc"

)";

TEST_CASE("[report] is off by default", "[config][report]") {
  const ReportConfig report = LoadOk("").report;
  CHECK(report.schedule.cadence == ReportCadence::kOff);
  CHECK(report.schedule.working_day == 1);
  CHECK(report.schedule.send_minute == 9 * 60);
  CHECK(report.schedule.span == ReportSpan::kPrevious);
  CHECK(report.email.empty());
  CHECK(report.webhooks.empty());
}

TEST_CASE("[report] reads every key and round-trips", "[config][report]") {
  const Config config = LoadOk(std::string(kOffice) + R"([report]
schedule = "quarterly"
working_day = 3
time = "10:30"
period = "year-to-date"
email = ["office", "zhang@example.org"]
webhooks = ["office-group"]
)");
  const ReportConfig& report = config.report;
  CHECK(report.schedule.cadence == ReportCadence::kQuarterly);
  CHECK(report.schedule.working_day == 3);
  CHECK(report.schedule.send_minute == 10 * 60 + 30);
  CHECK(report.schedule.span == ReportSpan::kYearToDate);
  CHECK(report.email == std::vector<std::string>{"office", "zhang@example.org"});
  CHECK(report.webhooks == std::vector<std::string>{"office-group"});
  CheckRoundTrip(config);
}

TEST_CASE("[report] refuses bad values at the value", "[config][report][errors]") {
  CheckError(OnlyError(Load("[report]\nschedule = \"weekly\"\n")), 2, 12, "report.schedule",
             "is not a schedule");
  CheckError(OnlyError(Load("[report]\nworking_day = 11\n")), 2, 15, "report.working_day",
             "");
  CheckError(OnlyError(Load("[report]\ntime = \"9h\"\n")), 2, 8, "report.time",
             "is not a time of day");
  CheckError(OnlyError(Load("[report]\nperiod = \"last\"\n")), 2, 10, "report.period",
             "year-to-date");
  CheckError(OnlyError(Load("[report]\nemail = [\"a@example.org\", \"not an address\"]\n")), 2, 27,
             "report.email[1]", "neither \"office\", \"leading_group\" nor an e-mail address");
  CheckError(OnlyError(Load(std::string(kOffice) +
                            "[report]\nemail = [\"office\", \"office\"]\n")),
             10, 20, "report.email[1]", "listed twice");
}

TEST_CASE("[report] checks its recipients and time against the other sections",
          "[config][report][errors]") {
  CheckError(OnlyError(Load(std::string(kOffice) +
                            "[report]\nschedule = \"monthly\"\nwebhooks = [\"office-grup\"]\n")),
             11, 13, "report.webhooks[0]", "did you mean \"office-group\"");
  CheckError(OnlyError(Load("[report]\nschedule = \"monthly\"\nemail = [\"leading_group\"]\n")),
             3, 10, "report.email[0]", "[office] leading_group_email, which is not set");
  CheckError(OnlyError(Load(std::string(kOffice) +
                            "[report]\nschedule = \"monthly\"\ntime = \"21:00\"\nemail = [\"office\"]\n")),
             11, 8, "report.time", "inside [rules] quiet_hours 20:00-08:00");
  CheckError(OnlyError(Load("[report]\nschedule = \"monthly\"\n")), 2, 12, "report.schedule",
             "needs somewhere to go");
  // Off: recipients may be listed ahead of time, and no recipient is fine.
  CHECK(LoadOk("[report]\nschedule = \"off\"\nemail = [\"a@example.org\"]\n").report.email.size() == 1);
}

}  // namespace
}  // namespace duban
