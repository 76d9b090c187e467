#include "workflow/civil_date.h"

#include <array>
#include <cstdio>

namespace duban {
namespace {

bool ParseDigits(std::string_view text, int* out) {
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  *out = value;
  return !text.empty();
}

constexpr std::array<std::string_view, 7> kNames = {"Mon", "Tue", "Wed", "Thu",
                                                    "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 7> kNamesZh = {"周一", "周二", "周三", "周四",
                                                      "周五", "周六", "周日"};

}  // namespace

std::optional<CivilDate> ParseCivilDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!ParseDigits(text.substr(0, 4), &y) || !ParseDigits(text.substr(5, 2), &m) ||
      !ParseDigits(text.substr(8, 2), &d)) {
    return std::nullopt;
  }
  if (y < 1900) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return CivilDate{ymd};
}

std::string FormatCivilDate(CivilDate date) {
  std::chrono::year_month_day ymd{date};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

unsigned IsoWeekday(CivilDate date) { return std::chrono::weekday{date}.iso_encoding(); }

std::string_view WeekdayName(CivilDate date) { return kNames[IsoWeekday(date) - 1]; }

std::string_view WeekdayNameZh(CivilDate date) { return kNamesZh[IsoWeekday(date) - 1]; }

int YearOf(CivilDate date) { return static_cast<int>(std::chrono::year_month_day{date}.year()); }

}  // namespace duban
