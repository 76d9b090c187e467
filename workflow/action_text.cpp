#include "workflow/action_text.h"

#include <charconv>

namespace duban {
namespace {

void AppendInt(int n, std::string* out) {
  char buffer[16];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, n);
  out->append(buffer, result.ptr);
}

// Digits of `value` into `width` characters, zero-padded; value < 10^width.
void AppendPadded(unsigned value, int width, std::string* out) {
  char buffer[4];
  for (int i = width - 1; i >= 0; --i, value /= 10) buffer[i] = static_cast<char>('0' + value % 10);
  out->append(buffer, static_cast<size_t>(width));
}

// std::to_string(n) + " working day(s)".
void AppendWorkingDays(int n, std::string* out) {
  AppendInt(n, out);
  out->append(n == 1 || n == -1 ? " working day" : " working days");
}

// "2026-Q3 report", "final deadline", "participants' input for the 2026-Q3 report".
void AppendOccurrenceLabel(const DueOccurrence& occurrence, Role role, std::string* out) {
  if (role == Role::kParticipant) out->append("participants' input for the ");
  if (occurrence.final) {
    out->append("final deadline");
  } else {
    out->append(occurrence.id);
    out->append(" report");
  }
}

// Room for the fixed words and numbers of a reason beside its variable parts.
constexpr size_t kReasonSlack = 96;

}  // namespace

void AppendCivilDate(CivilDate date, std::string* out) {
  const std::chrono::year_month_day ymd{date};
  const int year = static_cast<int>(ymd.year());
  // Outside four digits printf's "%04d" rules apply; leave them to FormatCivilDate.
  if (year < 0 || year > 9999) {
    out->append(FormatCivilDate(date));
    return;
  }
  AppendPadded(static_cast<unsigned>(year), 4, out);
  out->push_back('-');
  AppendPadded(static_cast<unsigned>(ymd.month()), 2, out);
  out->push_back('-');
  AppendPadded(static_cast<unsigned>(ymd.day()), 2, out);
}

std::string ActionKey(std::string_view task_ref, std::string_view agency, Role role,
                      std::string_view occurrence, std::string_view step, int repeat) {
  std::string key;
  key.reserve(task_ref.size() + agency.size() + occurrence.size() + step.size() + 24);
  key.append(task_ref);
  for (std::string_view part : {agency, RoleName(role), occurrence, step}) {
    key.push_back('|');
    key.append(part);
  }
  key.push_back('|');
  AppendInt(repeat, &key);
  return key;
}

std::string ReminderReason(int offset, const DueOccurrence& occurrence, Role role, CivilDate due) {
  std::string reason;
  reason.reserve(occurrence.id.size() + kReasonSlack);
  AppendWorkingDays(offset, &reason);
  reason.append(" before the ");
  AppendOccurrenceLabel(occurrence, role, &reason);
  reason.append(" due ");
  AppendCivilDate(due, &reason);
  return reason;
}

std::string EscalationReason(std::string_view step, int repeat, const DueOccurrence& occurrence,
                             Role role, CivilDate due, int late) {
  std::string reason;
  reason.reserve(step.size() + occurrence.id.size() + kReasonSlack);
  reason.append(step);
  if (repeat > 0) {
    reason.append(" #");
    AppendInt(repeat + 1, &reason);
  }
  reason.append(": ");
  AppendOccurrenceLabel(occurrence, role, &reason);
  reason.append(" due ");
  AppendCivilDate(due, &reason);
  reason.append(" missed by ");
  AppendWorkingDays(late, &reason);
  return reason;
}

}  // namespace duban
