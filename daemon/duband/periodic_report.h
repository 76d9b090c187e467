// PeriodicReport: the scheduled 考核/通报 report ([report], docs/REPORTS.md "Periodic
// report") and `report send`. After each scheduler wake it checks whether an occurrence
// of the schedule (workflow/report_schedule.h) fell due since the last check; if so it
// computes the assessment of that occurrence's period AS OF ITS SEND TIME (so a late
// start sends the same figures), renders it and queues one message per recipient through
// the outbox (Store::QueueMessages) under the key
// `report|<cadence>|<period>|<channel>|<target>`. The messages table's key is unique, so
// a second wake, a reload or a restart never queues the same occurrence twice.
//
// Downtime: the first check after start covers (the report's own mark, now] — the time
// the daemon was down. The mark ("report.checked_until" in the store) is written after
// the report is queued, so a crash between the two queues it again at the next start
// (under the same keys: never twice); without a mark (before the first report) the
// scheduler's evaluation mark stands in. Only the latest occurrence in it is sent (once the next one
// is due, the older one is stale); older ones are logged as skipped. On a very first
// start (no mark) nothing before now is sent, like the reminders.
//
// `report send` (Send) queues the report of a chosen period now; a period already sent
// needs `force`, which adds "|resend-<now>" to the keys.
//
// Not thread-safe: the daemon's io_context thread only. Store and model must outlive it.
#ifndef DUBAN_DAEMON_DUBAND_PERIODIC_REPORT_H_
#define DUBAN_DAEMON_DUBAND_PERIODIC_REPORT_H_

#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "daemon/duband/tracking_model.h"
#include "workflow/civil_date.h"
#include "workflow/message.h"
#include "workflow/report_schedule.h"
#include "workflow/status.h"
#include "workflow/store.h"

namespace duban {

// What `report send` asks for: a period of the schedule's form ("2026-11", "2026-Q3"),
// or explicit dates, or neither (the latest occurrence due).
struct ReportSendRequest {
  std::string period;
  std::optional<CivilDate> from;
  std::optional<CivilDate> to;
  bool force = false;    // queue again a period already queued (new keys)
  bool dry_run = false;  // build the messages, queue nothing
};

struct ReportSendOutcome {
  std::string key_prefix;  // "report|monthly|2026-11", "report|dates|2026-11-01|2026-11-30"
  CivilDate from;
  CivilDate to;
  std::string title;
  std::vector<Message> messages;    // those queued (ids set), or with dry_run those that would be
  std::vector<std::string> misses;  // recipients that cannot be reached
  int already_queued = 0;           // recipients whose message has this key already
};

class PeriodicReport {
 public:
  // `checked_until`: where checking starts when the store has no report mark yet (the
  // store's evaluation mark, or now on a first start).
  PeriodicReport(Store& store, TrackingModel& model, int64_t checked_until);

  // After a wake at `now`: queues the occurrence that fell due in (last check, now], if
  // any; returns how many messages it queued. A store failure is logged and retried at
  // the next wake (the check does not advance).
  int AfterWake(const Config& config, int64_t now);

  // The next send time after `now`, for the scheduler's timer; nullopt when off.
  std::optional<int64_t> NextTime(const Config& config, int64_t now) const;

  // `report send`: kInvalidArgument for a malformed period or dates, kFailedPrecondition
  // when [report] has no recipient, or when the period was queued before and not `force`.
  Result<ReportSendOutcome> Send(const Config& config, const ReportSendRequest& request,
                                 const std::string& actor, int64_t now);

 private:
  // Computes, renders and (unless dry_run) queues the report over [from, to] as of
  // `as_of` under `key_prefix`.
  Result<ReportSendOutcome> Queue(const Config& config, const std::string& key_prefix,
                                  CivilDate from, CivilDate to, int64_t as_of, int64_t now,
                                  bool dry_run);

  // Writes checked_until_ as the store's mark once `latest` (the occurrence just handled)
  // is past the last mark written; a failure is logged (the next start checks again).
  void Persist(const std::optional<ReportOccurrence>& latest);

  static constexpr std::string_view kCheckedUntilMark = "report.checked_until";

  Store& store_;
  TrackingModel& model_;
  int64_t checked_until_;
  int64_t persisted_until_ = INT64_MIN;  // the mark as stored; INT64_MIN if none
};

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_PERIODIC_REPORT_H_
