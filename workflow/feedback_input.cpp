#include "workflow/feedback_input.h"

#include <cstdio>
#include <optional>

#include "workflow/civil_date.h"
#include "workflow/text_normalize.h"

namespace duban {
namespace {

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Reads 1..max_digits digits at text[*pos]; nullopt if none.
std::optional<int> ReadNumber(std::string_view text, size_t* pos, size_t max_digits) {
  size_t start = *pos;
  int value = 0;
  while (*pos < text.size() && IsAsciiDigit(text[*pos]) && *pos - start < max_digits) {
    value = value * 10 + (text[*pos] - '0');
    ++*pos;
  }
  if (*pos == start) return std::nullopt;
  return value;
}

struct LocalReceived {
  CivilDate date;
  std::optional<int> second_of_day;  // nullopt: a date only
};

// "YYYY-MM-DD", "YYYY/M/D", each optionally followed by " HH:MM[:SS]" or "THH:MM[:SS]".
std::optional<LocalReceived> ParseLocal(std::string_view text) {
  size_t pos = 0;
  std::optional<int> year = ReadNumber(text, &pos, 4);
  if (!year || pos != 4 || pos >= text.size() || (text[pos] != '-' && text[pos] != '/')) {
    return std::nullopt;
  }
  const char separator = text[pos++];
  std::optional<int> month = ReadNumber(text, &pos, 2);
  if (!month || pos >= text.size() || text[pos] != separator) return std::nullopt;
  ++pos;
  std::optional<int> day = ReadNumber(text, &pos, 2);
  if (!day) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{*year},
                                        std::chrono::month{static_cast<unsigned>(*month)},
                                        std::chrono::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok() || *year < 1900) return std::nullopt;
  LocalReceived local{CivilDate(ymd), std::nullopt};
  if (pos == text.size()) return local;
  if (text[pos] != ' ' && text[pos] != 'T') return std::nullopt;
  ++pos;
  std::optional<int> hour = ReadNumber(text, &pos, 2);
  if (!hour || pos >= text.size() || text[pos] != ':') return std::nullopt;
  ++pos;
  std::optional<int> minute = ReadNumber(text, &pos, 2);
  if (!minute) return std::nullopt;
  int second = 0;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    std::optional<int> seconds = ReadNumber(text, &pos, 2);
    if (!seconds) return std::nullopt;
    second = *seconds;
  }
  if (pos != text.size() || *hour > 23 || *minute > 59 || second > 59) return std::nullopt;
  local.second_of_day = *hour * 3600 + *minute * 60 + second;
  return local;
}

}  // namespace

Status CheckAttachment(std::string_view reference) {
  if (reference.empty()) return Status::InvalidArgument("an attachment reference is empty");
  if (reference.size() > kMaxAttachmentBytes) {
    return Status::InvalidArgument("attachment reference is " + std::to_string(reference.size()) +
                                   " bytes long; at most " + std::to_string(kMaxAttachmentBytes));
  }
  if (FindInvalidUtf8(reference) != std::string_view::npos) {
    return Status::InvalidArgument("attachment reference is not valid UTF-8");
  }
  for (char c : reference) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      return Status::InvalidArgument("attachment '" + std::string(reference) +
                                     "' holds a control character");
    }
  }
  const size_t scheme_end = reference.find("://");
  if (scheme_end == std::string_view::npos) {
    if (TrimBlank(reference).size() != reference.size()) {
      return Status::InvalidArgument("attachment '" + std::string(reference) +
                                     "' starts or ends with a blank");
    }
    return Status::OK();  // a path: kept as written, never opened
  }
  const std::string scheme = Lower(reference.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") {
    return Status::InvalidArgument("attachment '" + std::string(reference) + "': only http and " +
                                   "https URLs (or file paths) are accepted, not " + scheme + "://");
  }
  std::string_view rest = reference.substr(scheme_end + 3);
  std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
  if (host.empty() || host.find('@') != std::string_view::npos) {
    return Status::InvalidArgument("attachment '" + std::string(reference) +
                                   "': a URL needs a host (and no user name)");
  }
  for (char c : reference) {
    if (c == ' ') {
      return Status::InvalidArgument("attachment '" + std::string(reference) +
                                     "': a URL cannot hold a space (write it as %20)");
    }
  }
  return Status::OK();
}

std::vector<std::string> SplitAttachments(std::string_view cell) {
  std::vector<std::string> pieces;
  std::string current;
  auto flush = [&] {
    std::string_view trimmed = TrimBlank(current);
    if (!trimmed.empty()) pieces.emplace_back(trimmed);
    current.clear();
  };
  constexpr std::string_view kFullWidthSemicolon = "；";
  for (size_t i = 0; i < cell.size();) {
    if (cell[i] == ';' || cell[i] == '\n' || cell[i] == '\r') {
      flush();
      ++i;
    } else if (cell.substr(i, kFullWidthSemicolon.size()) == kFullWidthSemicolon) {
      flush();
      i += kFullWidthSemicolon.size();
    } else {
      current += cell[i++];
    }
  }
  flush();
  return pieces;
}

Result<int64_t> ParseReceived(std::string_view text, const TimeZone& zone, int64_t now) {
  std::optional<LocalReceived> local = ParseLocal(TrimBlank(text));
  if (!local) {
    return Status::InvalidArgument("'" + std::string(text) +
                                   "' is not a date (YYYY-MM-DD) or date and time "
                                   "(YYYY-MM-DD HH:MM)");
  }
  const LocalTime today = zone.ToLocal(now);
  if (!local->second_of_day) {
    if (local->date > today.date) {
      return Status::InvalidArgument(FormatCivilDate(local->date) + " is in the future (today is " +
                                     FormatCivilDate(today.date) + ")");
    }
    return zone.ToUtc(local->date, 0);
  }
  const int64_t at = zone.ToUtc(local->date, *local->second_of_day / 60) + *local->second_of_day % 60;
  if (at > now) {
    char clock[8];
    std::snprintf(clock, sizeof(clock), "%02d:%02d", today.minute_of_day / 60 % 100,
                  today.minute_of_day % 60);
    return Status::InvalidArgument("'" + std::string(TrimBlank(text)) +
                                   "' is in the future (it is now " + FormatCivilDate(today.date) +
                                   " " + clock + ")");
  }
  return at;
}

Status CheckFeedbackInput(const Feedback& feedback) {
  if (TrimBlank(feedback.text).empty()) return Status::InvalidArgument("text is empty");
  if (feedback.text.size() > kMaxFeedbackTextBytes) {
    return Status::InvalidArgument("text is " + std::to_string(feedback.text.size()) +
                                   " bytes long; at most " + std::to_string(kMaxFeedbackTextBytes));
  }
  if (feedback.percent && (*feedback.percent < 0 || *feedback.percent > 100)) {
    return Status::InvalidArgument("percent " + std::to_string(*feedback.percent) +
                                   " is outside 0..100");
  }
  if (feedback.attachments.size() > kMaxAttachments) {
    return Status::InvalidArgument("attachments: " + std::to_string(feedback.attachments.size()) +
                                   " given; at most " + std::to_string(kMaxAttachments));
  }
  for (const std::string& attachment : feedback.attachments) {
    if (Status status = CheckAttachment(attachment); !status.ok()) {
      return Status::InvalidArgument("attachments: " + status.message());
    }
  }
  return Status::OK();
}

}  // namespace duban
