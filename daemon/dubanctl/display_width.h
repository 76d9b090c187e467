// The width of UTF-8 text in a terminal's columns, and cutting or wrapping text to a width.
// CJK ideographs and full-width forms (Unicode East Asian Width W and F) take two columns,
// combining marks and controls none, everything else one. Ambiguous-width characters
// (“…”, ·) count as one, as in a UTF-8 terminal outside CJK legacy modes. Deterministic:
// uses its own table, not the process locale.
//
// Invalid UTF-8 counts one column per bad byte and is never split further.
// Pure functions; thread-safe.
#ifndef DUBAN_DAEMON_DUBANCTL_DISPLAY_WIDTH_H_
#define DUBAN_DAEMON_DUBANCTL_DISPLAY_WIDTH_H_

#include <string>
#include <string_view>
#include <vector>

namespace duban::ctl {

// Columns taken by one code point: 0, 1 or 2.
int CodePointWidth(char32_t code_point);

// Columns taken by `text`.
int DisplayWidth(std::string_view text);

// `text` unchanged if it fits in `width` columns; otherwise its longest prefix that fits
// in width - 1 columns followed by "…". Never splits a character; may be narrower than
// `width` when a two-column character does not fit. Empty if width <= 0.
std::string TruncateToWidth(std::string_view text, int width);

// Breaks `text` into lines of at most `width` columns (width >= 2): at spaces between
// Latin words, and between any two CJK characters. A word wider than a line is cut.
// Newlines in `text` are kept as breaks; spaces at a break are dropped.
std::vector<std::string> WrapToWidth(std::string_view text, int width);

// `text` on one line: each run of newlines, tabs and other control characters becomes
// one space, so a table cell cannot break its row.
std::string ToSingleLine(std::string_view text);

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_DISPLAY_WIDTH_H_
