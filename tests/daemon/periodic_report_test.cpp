// PeriodicReport against a real SqliteStore and TrackingModel with an injected clock (the
// times passed in): the wake at the send time queues exactly one message per recipient,
// a second wake and a restart queue nothing more, a downtime sends only the latest
// occurrence, the scheduler wakes for the report, and `report send` needs force to send a
// period again. The plan (tracking_test_util.h): task 1 due 2026-03-20, no feedback.
// April 2026 starts on a Wednesday, so March's report goes out 2026-04-01 09:00.
#include "daemon/duband/periodic_report.h"

#include <algorithm>

#include <catch2/catch.hpp>

#include "tests/daemon/tracking_test_util.h"

namespace duban {
namespace {

using testing::Local;
using testing::StartTracking;
using testing::TrackingStore;

constexpr const char* kOffice = "office@example.gov.cn";
constexpr const char* kZhang = "zhang@example.org";

Config ReportConfigFor() {
  Config config;
  config.office.email = kOffice;
  config.report.schedule.cadence = ReportCadence::kMonthly;
  config.report.schedule.working_day = 1;
  config.report.schedule.send_minute = 9 * 60;
  config.report.email = {std::string(kReportToOffice), kZhang};
  return config;
}

std::vector<Message> ReportMessagesIn(Store& store) {
  MessageFilter filter;
  filter.limit = 100000;
  auto messages = store.ListMessages(filter);
  REQUIRE(messages.ok());
  std::vector<Message> reports;
  for (const Message& message : *messages) {
    if (message.key.rfind("report|", 0) == 0) reports.push_back(message);
  }
  std::sort(reports.begin(), reports.end(),
            [](const Message& a, const Message& b) { return a.key < b.key; });
  return reports;
}

TEST_CASE("the wake at the send time queues one message per recipient, once",
          "[periodic_report]") {
  TrackingStore files;
  const int64_t started = Local(2026, 3, 31, 12, 0);
  testing::Tracking tracking = StartTracking(files.store(), started);
  const Config config = ReportConfigFor();
  PeriodicReport report(files.store(), *tracking.model, started);

  CHECK(report.NextTime(config, started) == Local(2026, 4, 1, 9, 0));
  CHECK(report.AfterWake(config, Local(2026, 4, 1, 8, 59)) == 0);
  CHECK(ReportMessagesIn(files.store()).empty());

  CHECK(report.AfterWake(config, Local(2026, 4, 1, 9, 0)) == 2);
  std::vector<Message> queued = ReportMessagesIn(files.store());
  REQUIRE(queued.size() == 2);
  CHECK(queued[0].key == std::string("report|monthly|2026-03|email|") + kOffice);
  CHECK(queued[1].key == std::string("report|monthly|2026-03|email|") + kZhang);
  for (const Message& message : queued) {
    CHECK(message.state == "queued");
    CHECK(message.subject.rfind("考核情况通报（2026-03-01至2026-03-31", 0) == 0);
    CHECK(message.html.find("<svg") != std::string::npos);
    CHECK(message.text.find("省发改委") != std::string::npos);
  }
  CHECK(report.NextTime(config, Local(2026, 4, 1, 9, 0)) == Local(2026, 5, 1, 9, 0));

  // A second wake, and a restart whose mark is older than the send time (a crash between
  // queueing and the mark): the keys are there, nothing is queued again.
  CHECK(report.AfterWake(config, Local(2026, 4, 1, 9, 1)) == 0);
  PeriodicReport restarted(files.store(), *tracking.model, started);
  CHECK(restarted.AfterWake(config, Local(2026, 4, 1, 9, 2)) == 0);
  CHECK(ReportMessagesIn(files.store()).size() == 2);
}

TEST_CASE("a crash between the wake's decisions and the report sends it at the restart",
          "[periodic_report]") {
  TrackingStore files;
  const int64_t started = Local(2026, 3, 31, 12, 0);
  testing::Tracking tracking = StartTracking(files.store(), started);
  const Config config = ReportConfigFor();
  {
    // The first run handles February's report (sent before it started) and marks it.
    PeriodicReport first_run(files.store(), *tracking.model, started);
    CHECK(first_run.AfterWake(config, Local(2026, 3, 31, 13, 0)) == 0);
  }
  auto mark = files.store().ReadMark("report.checked_until");
  REQUIRE(mark.ok());
  CHECK(*mark == std::optional<int64_t>(Local(2026, 3, 31, 13, 0)));

  // The wake at 2026-04-01 09:00 committed the scheduler's evaluation mark, then the
  // daemon died before queueing March's report. The restart is given that mark, but the
  // report's own mark is older: March's report goes out once.
  PeriodicReport restarted(files.store(), *tracking.model, Local(2026, 4, 1, 9, 0));
  CHECK(restarted.AfterWake(config, Local(2026, 4, 1, 9, 5)) == 2);
  std::vector<Message> queued = ReportMessagesIn(files.store());
  REQUIRE(queued.size() == 2);
  CHECK(queued[0].key == std::string("report|monthly|2026-03|email|") + kOffice);
  mark = files.store().ReadMark("report.checked_until");
  REQUIRE(mark.ok());
  CHECK(*mark == std::optional<int64_t>(Local(2026, 4, 1, 9, 5)));

  // The scheduler's own mark is not the report's to move.
  CHECK(files.store().WriteMark("scheduler.evaluated_until", 0).code() ==
        Status::Code::kInvalidArgument);
}

TEST_CASE("after downtime only the latest occurrence is sent", "[periodic_report]") {
  TrackingStore files;
  const int64_t started = Local(2026, 3, 31, 12, 0);
  testing::Tracking tracking = StartTracking(files.store(), started);
  Config config = ReportConfigFor();
  config.report.email = {std::string(kReportToOffice)};
  // Down from 2026-04-01 10:00 to 2026-06-02 09:30: April's report (due 05-01 09:00, a
  // Friday) and May's (due Monday 06-01 09:00) fell due meanwhile; May's is sent.
  PeriodicReport report(files.store(), *tracking.model, Local(2026, 4, 1, 10, 0));
  CHECK(report.AfterWake(config, Local(2026, 6, 2, 9, 30)) == 1);
  std::vector<Message> queued = ReportMessagesIn(files.store());
  REQUIRE(queued.size() == 1);
  CHECK(queued[0].key == std::string("report|monthly|2026-05|email|") + kOffice);
}

TEST_CASE("the scheduler wakes at the report's send time", "[periodic_report]") {
  TrackingStore files;
  const int64_t started = Local(2026, 3, 31, 12, 0);
  // max_sleep of two days, so only an action or the report bounds the next wake.
  testing::Tracking tracking = StartTracking(files.store(), started, testing::TrackingRules(),
                                             2 * 86400);
  const Config config = ReportConfigFor();
  PeriodicReport report(files.store(), *tracking.model, started);
  const int64_t without = tracking.scheduler->NextWake(started);
  tracking.scheduler->SetExtraWake(
      [&](int64_t now) { return report.NextTime(config, now); });
  const int64_t with = tracking.scheduler->NextWake(started);
  CHECK(with <= Local(2026, 4, 1, 9, 0));
  CHECK(with == std::min(without, Local(2026, 4, 1, 9, 0)));
  Config off = config;
  off.report.schedule.cadence = ReportCadence::kOff;
  CHECK_FALSE(report.NextTime(off, started));
}

TEST_CASE("report send queues a period now, again only with force", "[periodic_report]") {
  TrackingStore files;
  const int64_t started = Local(2026, 3, 31, 12, 0);
  testing::Tracking tracking = StartTracking(files.store(), started);
  const Config config = ReportConfigFor();
  PeriodicReport report(files.store(), *tracking.model, started);
  const int64_t now = Local(2026, 4, 2, 15, 0);

  ReportSendRequest request;
  request.period = "2026-03";
  request.dry_run = true;
  auto dry = report.Send(config, request, "tester", now);
  REQUIRE(dry.ok());
  CHECK(dry->messages.size() == 2);
  CHECK(ReportMessagesIn(files.store()).empty());

  request.dry_run = false;
  auto sent = report.Send(config, request, "tester", now);
  REQUIRE(sent.ok());
  CHECK(sent->key_prefix == "report|monthly|2026-03");
  CHECK(sent->messages.size() == 2);
  CHECK(sent->messages[0].id > 0);
  // The scheduled wake of the same period finds it queued.
  CHECK(report.AfterWake(config, Local(2026, 4, 2, 15, 1)) == 0);

  auto again = report.Send(config, request, "tester", now + 60);
  CHECK(again.status().code() == Status::Code::kFailedPrecondition);
  request.force = true;
  auto forced = report.Send(config, request, "tester", now + 60);
  REQUIRE(forced.ok());
  CHECK(forced->key_prefix == "report|monthly|2026-03|resend-" + std::to_string(now + 60));
  CHECK(ReportMessagesIn(files.store()).size() == 4);

  ReportSendRequest dates;
  dates.from = testing::Day(2026, 3, 1);
  dates.to = testing::Day(2026, 3, 15);
  auto by_dates = report.Send(config, dates, "tester", now);
  REQUIRE(by_dates.ok());
  CHECK(by_dates->key_prefix == "report|dates|2026-03-01|2026-03-15");

  ReportSendRequest bad;
  bad.period = "2026-13";
  CHECK(report.Send(config, bad, "tester", now).status().code() == Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace duban
