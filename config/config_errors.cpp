#include "config/config_errors.h"

#include <algorithm>
#include <numeric>

namespace duban {

std::string ConfigError::ToString() const {
  std::string out = file;
  // No position (a file that cannot be opened, a default that cannot work): no ":0:0".
  if (line > 0) out += ':' + std::to_string(line) + ':' + std::to_string(column);
  out += ": ";
  if (!field.empty()) out += field + ": ";
  out += message;
  return out;
}

namespace config_internal {

void ErrorSink::Add(SourcePos pos, std::string field, std::string message) {
  errors_.push_back(ConfigError{file_, pos.line, pos.column, std::move(field), std::move(message)});
}

std::vector<ConfigError> ErrorSink::TakeSorted() {
  std::stable_sort(errors_.begin(), errors_.end(), [](const ConfigError& a, const ConfigError& b) {
    if (a.line != b.line) return a.line < b.line;
    return a.column < b.column;
  });
  return std::move(errors_);
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      std::size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string_view> ClosestMatch(std::string_view word,
                                             std::span<const std::string_view> candidates) {
  std::optional<std::string_view> best;
  std::size_t best_distance = 0;
  for (std::string_view candidate : candidates) {
    // Close enough: two edits, or a third of the longer word ("agencies" for "agency"),
    // or one word is a prefix of the other ("warning" for "warn").
    const std::size_t longer = std::max(word.size(), candidate.size());
    const std::size_t shorter = std::min(word.size(), candidate.size());
    const std::size_t limit = std::max<std::size_t>(2, (longer + 2) / 3);
    const bool prefix = shorter >= 3 && word.substr(0, shorter) == candidate.substr(0, shorter);
    const std::size_t distance = EditDistance(word, candidate);
    if (distance > limit && !prefix) continue;
    if (!best || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

namespace {

bool IsBareKey(std::string_view key) {
  if (key.empty()) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
  });
}

}  // namespace

std::string JoinField(std::string_view prefix, std::string_view key) {
  std::string out(prefix);
  if (!out.empty()) out += '.';
  if (IsBareKey(key)) {
    out += key;
  } else {
    out += '"';
    out += key;
    out += '"';
  }
  return out;
}

std::string IndexField(std::string_view prefix, std::size_t index) {
  return std::string(prefix) + '[' + std::to_string(index) + ']';
}

}  // namespace config_internal
}  // namespace duban
