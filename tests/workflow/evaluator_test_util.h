// Shared fixtures for the evaluator's tests: the 2025 State Council holiday notice as a
// working calendar, China Standard Time, and small builders for tasks and feedback.
#ifndef DUBAN_TESTS_WORKFLOW_EVALUATOR_TEST_UTIL_H_
#define DUBAN_TESTS_WORKFLOW_EVALUATOR_TEST_UTIL_H_

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "workflow/evaluator.h"
#include "workflow/time_zone.h"
#include "workflow/working_calendar.h"

namespace duban::testing {

inline CivilDate Day(const char* text) {
  auto date = ParseCivilDate(text);
  REQUIRE(date.has_value());
  return *date;
}

// 国务院办公厅关于2025年部分节假日安排的通知.
inline CalendarSpec Holidays2025() {
  CalendarSpec spec;
  spec.holidays = {{Day("2025-01-01"), Day("2025-01-01"), "元旦"},
                   {Day("2025-01-28"), Day("2025-02-04"), "春节"},
                   {Day("2025-04-04"), Day("2025-04-06"), "清明节"},
                   {Day("2025-05-01"), Day("2025-05-05"), "劳动节"},
                   {Day("2025-05-31"), Day("2025-06-02"), "端午节"},
                   {Day("2025-10-01"), Day("2025-10-08"), "国庆节、中秋节"}};
  spec.make_up_days = {{Day("2025-01-26"), "春节调休"},
                       {Day("2025-02-08"), "春节调休"},
                       {Day("2025-04-27"), "劳动节调休"},
                       {Day("2025-09-28"), "国庆节调休"},
                       {Day("2025-10-11"), "国庆节调休"}};
  return spec;
}

inline const WorkingCalendar& Calendar2025() {
  static const WorkingCalendar calendar(Holidays2025());
  return calendar;
}

inline const FixedOffsetTimeZone& Shanghai() {
  static const FixedOffsetTimeZone zone(480, "Asia/Shanghai");
  return zone;
}

// UTC seconds of a Shanghai local time.
inline int64_t Local(const char* date, int hour = 0, int minute = 0) {
  return Shanghai().ToUtc(Day(date), hour * 60 + minute);
}

// "2025-04-08 09:00" for a UTC instant.
inline std::string LocalText(int64_t utc) {
  LocalTime local = Shanghai().ToLocal(utc);
  const int hour = local.minute_of_day / 60;
  const int minute = local.minute_of_day % 60;
  std::string text = FormatCivilDate(local.date) + " ";
  text += static_cast<char>('0' + hour / 10);
  text += static_cast<char>('0' + hour % 10);
  text += ':';
  text += static_cast<char>('0' + minute / 10);
  text += static_cast<char>('0' + minute % 10);
  return text;
}

// A task with quarterly reports due 5 working days after each quarter, participants 5
// working days earlier, a final due date at the end of 2025, tracked from 2025-01-02.
inline TrackedTask QuarterlyTask(std::string ref, std::vector<std::string> lead,
                                 std::vector<std::string> participants = {}) {
  TrackedTask tracked;
  tracked.task.ref = std::move(ref);
  tracked.task.SetAgencies(Role::kLead, lead);
  tracked.task.SetAgencies(Role::kParticipant, participants);
  tracked.deadline.cycle = ReportCycle::kQuarterly;
  tracked.deadline.report_due.working_days_after = 5;
  tracked.deadline.participant_lead_days = 5;
  tracked.deadline.final_due = Day("2025-12-31");
  tracked.tracking_start = Day("2025-01-02");
  return tracked;
}

inline Feedback Report(const std::string& ref, const std::string& agency, int64_t at, bool done = false) {
  static int64_t next_id = 1;
  Feedback feedback;
  feedback.id = next_id++;
  feedback.task_ref = ref;
  feedback.agency = agency;
  feedback.at = at;
  feedback.actor = "office";
  feedback.done = done;
  return feedback;
}

// "<key> @ <local time>" per action, for readable comparisons.
inline std::vector<std::string> Describe(const std::vector<Action>& actions) {
  std::vector<std::string> lines;
  for (const Action& action : actions) lines.push_back(action.key + " @ " + LocalText(action.at));
  return lines;
}

}  // namespace duban::testing

#endif  // DUBAN_TESTS_WORKFLOW_EVALUATOR_TEST_UTIL_H_
