// Small formatting helpers shared by dubanctl's commands: times, counts, lists of names,
// the terminal's width, and "label  value" blocks that wrap long values under themselves.
// Pure except TerminalWidth (which asks the terminal) and FormatLocalTime (the local zone).
#ifndef DUBAN_DAEMON_DUBANCTL_OUTPUT_H_
#define DUBAN_DAEMON_DUBANCTL_OUTPUT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace duban::ctl {

// "2013-06-14 09:30:00 CST" in the local time zone; "never" for 0.
std::string FormatLocalTime(int64_t utc_seconds);

// "42s", "5m 12s", "2h 03m", "3d 4h".
std::string FormatDuration(int64_t seconds);

// "1 task", "47 tasks".
std::string CountOf(int64_t count, std::string_view singular, std::string_view plural);

// Names joined with `separator` ("省发改委、省经信委"); `empty` if there are none.
std::string JoinNames(const std::vector<std::string>& names, std::string_view separator = "、",
                      std::string_view empty = "");

// Columns of the terminal on stdout; else $COLUMNS; else 120 (output to a pipe or file).
int TerminalWidth();

struct Field {
  std::string label;
  std::string value;  // may hold newlines; wrapped to the width left beside the labels
};

// One "label  value" line per field, labels padded to the widest, values wrapped with a
// hanging indent so the block fits in `total_width` columns.
std::string RenderFields(const std::vector<Field>& fields, int total_width);

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_OUTPUT_H_
