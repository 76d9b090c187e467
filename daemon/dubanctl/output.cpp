#include "daemon/dubanctl/output.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>

#include "daemon/dubanctl/display_width.h"

namespace duban::ctl {

std::string FormatLocalTime(int64_t utc_seconds) {
  if (utc_seconds == 0) return "never";
  const auto time = static_cast<std::time_t>(utc_seconds);
  std::tm local{};
  if (localtime_r(&time, &local) == nullptr) return std::to_string(utc_seconds);
  char buffer[64];
  std::size_t size = std::strftime(buffer, sizeof(buffer), "%Y-%m-%d %H:%M:%S %Z", &local);
  return std::string(buffer, size);
}

std::string FormatDuration(int64_t seconds) {
  auto two = [](int64_t n) { return (n < 10 ? "0" : "") + std::to_string(n); };
  if (seconds < 60) return std::to_string(seconds) + "s";
  if (seconds < 3600) return std::to_string(seconds / 60) + "m " + two(seconds % 60) + "s";
  if (seconds < 86400) {
    return std::to_string(seconds / 3600) + "h " + two(seconds % 3600 / 60) + "m";
  }
  return std::to_string(seconds / 86400) + "d " + std::to_string(seconds % 86400 / 3600) + "h";
}

std::string CountOf(int64_t count, std::string_view singular, std::string_view plural) {
  return std::to_string(count) + " " + std::string(count == 1 ? singular : plural);
}

std::string JoinNames(const std::vector<std::string>& names, std::string_view separator,
                      std::string_view empty) {
  if (names.empty()) return std::string(empty);
  std::string out = names.front();
  for (std::size_t i = 1; i < names.size(); ++i) {
    out += separator;
    out += names[i];
  }
  return out;
}

int TerminalWidth() {
  winsize size{};
  if (::isatty(STDOUT_FILENO) && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 &&
      size.ws_col > 0) {
    return size.ws_col;
  }
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr) {
    int value = std::atoi(columns);
    if (value > 0) return value;
  }
  return 120;
}

std::string RenderFields(const std::vector<Field>& fields, int total_width) {
  int label_width = 0;
  for (const auto& field : fields) label_width = std::max(label_width, DisplayWidth(field.label));
  const int value_width = std::max(20, total_width - label_width - 2);
  const std::string indent(static_cast<std::size_t>(label_width + 2), ' ');
  std::string out;
  for (const auto& field : fields) {
    out += field.label;
    out.append(static_cast<std::size_t>(label_width - DisplayWidth(field.label) + 2), ' ');
    std::vector<std::string> lines = WrapToWidth(field.value, value_width);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) out += indent;
      out += lines[i];
      out += '\n';
    }
  }
  return out;
}

}  // namespace duban::ctl
