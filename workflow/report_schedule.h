// ReportSchedule: when the periodic 考核/通报 report goes out, and which period each
// occurrence covers. An occurrence reports one closed period (a month, or a quarter) and
// is sent on the Nth working day of the month after that period, at a local time:
//
//   monthly, working_day 1, 09:00: period 2026-09 (Sep 1-30) → sent 2026-10-08 09:00,
//     because 2026-10-01..07 is the National Day holiday and 2026-10-08 is the first
//     working day of October (with the examples' calendar).
//   quarterly: period 2026-Q3 (Jul 1 - Sep 30) → sent in October, the same day.
//
// span "previous" assesses that period alone; "year-to-date" assesses from January 1 of
// the period's year to the period's last day (the key and the title still name the
// period). Working days come from the WorkingCalendar (holidays skipped, 调休 make-up
// Saturdays counted); local times from the TimeZone.
//
// Pure: no I/O, no clock (`now` is an input). Thread-safe.
#ifndef DUBAN_WORKFLOW_REPORT_SCHEDULE_H_
#define DUBAN_WORKFLOW_REPORT_SCHEDULE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "workflow/civil_date.h"
#include "workflow/time_zone.h"
#include "workflow/working_calendar.h"

namespace duban {

enum class ReportCadence { kOff, kMonthly, kQuarterly };
std::string_view ReportCadenceName(ReportCadence cadence);  // "off", "monthly", "quarterly"
std::optional<ReportCadence> ParseReportCadence(std::string_view name);

enum class ReportSpan { kPrevious, kYearToDate };
std::string_view ReportSpanName(ReportSpan span);  // "previous", "year-to-date"
std::optional<ReportSpan> ParseReportSpan(std::string_view name);

// The largest working_day accepted: every month has at least this many working days
// (the worst, October or February with a week-long holiday, still has 15), so the send
// day always falls in the month after the period.
inline constexpr int kMaxReportWorkingDay = 10;

struct ReportSchedule {
  ReportCadence cadence = ReportCadence::kOff;
  int working_day = 1;          // 1..kMaxReportWorkingDay
  int send_minute = 9 * 60;     // local minute of day
  ReportSpan span = ReportSpan::kPrevious;

  bool operator==(const ReportSchedule&) const = default;
};

struct ReportOccurrence {
  std::string period;  // the period reported: "2026-09" (monthly), "2026-Q3" (quarterly)
  CivilDate from;      // first day assessed (the period's, or January 1 for year-to-date)
  CivilDate to;        // last day assessed: the period's last day
  CivilDate send_day;  // the Nth working day of the month after the period
  int64_t send_at = 0;  // UTC seconds of send_day at send_minute, local time

  bool operator==(const ReportOccurrence&) const = default;
};

// The occurrence that reports `period`: "2026-09" when monthly, "2026-Q3" when quarterly.
// nullopt when the cadence is off or `period` is not of the cadence's form.
std::optional<ReportOccurrence> ReportOccurrenceFor(const ReportSchedule& schedule,
                                                    std::string_view period,
                                                    const WorkingCalendar& calendar,
                                                    const TimeZone& zone);

// The latest occurrence with send_at <= now; nullopt when the cadence is off.
std::optional<ReportOccurrence> LatestReportDue(const ReportSchedule& schedule,
                                                const WorkingCalendar& calendar,
                                                const TimeZone& zone, int64_t now);

// The first occurrence with send_at > now; nullopt when the cadence is off.
std::optional<ReportOccurrence> NextReportAfter(const ReportSchedule& schedule,
                                                const WorkingCalendar& calendar,
                                                const TimeZone& zone, int64_t now);

// The occurrence just before `occurrence` (the previous month or quarter).
ReportOccurrence PreviousReport(const ReportSchedule& schedule, const ReportOccurrence& occurrence,
                                const WorkingCalendar& calendar, const TimeZone& zone);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_REPORT_SCHEDULE_H_
