// ErrorSink: collects the ConfigErrors of one load, so that every problem in a file is
// reported in one pass, in file order. Also the "did you mean" helper for unknown keys.
//
// Internal to config/. Not thread-safe; one sink per load.
#ifndef DUBAN_CONFIG_CONFIG_ERRORS_H_
#define DUBAN_CONFIG_CONFIG_ERRORS_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_loader.h"

namespace duban::config_internal {

// A position in the config file; line 0 means "no position" (the whole file).
struct SourcePos {
  int line = 0;
  int column = 0;
};

class ErrorSink {
 public:
  explicit ErrorSink(std::string file) : file_(std::move(file)) {}

  void Add(SourcePos pos, std::string field, std::string message);

  bool empty() const { return errors_.empty(); }
  std::size_t size() const { return errors_.size(); }
  const std::string& file() const { return file_; }

  // The errors sorted by position (stable: errors at one position keep the order they
  // were added in); errors without a position come first. Leaves the sink empty.
  std::vector<ConfigError> TakeSorted();

 private:
  std::string file_;
  std::vector<ConfigError> errors_;
};

// Byte-wise edit distance (insertions, deletions, substitutions).
std::size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `word` among those close enough to be a likely typo (a few
// edits, or a prefix of one another); ties go to the earliest candidate.
std::optional<std::string_view> ClosestMatch(std::string_view word,
                                             std::span<const std::string_view> candidates);

// `prefix.key`, with the key quoted when it is not a bare TOML key ("daemon.\"a b\"").
// An empty prefix gives just the key.
std::string JoinField(std::string_view prefix, std::string_view key);

// `prefix[index]`.
std::string IndexField(std::string_view prefix, std::size_t index);

}  // namespace duban::config_internal

#endif  // DUBAN_CONFIG_CONFIG_ERRORS_H_
