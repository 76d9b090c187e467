// Decoding UTF-8 one code point at a time, and checking that text is valid UTF-8 before it
// is put into a JSON request. Pure functions; thread-safe.
#ifndef DUBAN_DAEMON_DUBANCTL_UTF8_H_
#define DUBAN_DAEMON_DUBANCTL_UTF8_H_

#include <cstddef>
#include <optional>
#include <string_view>

namespace duban::ctl {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

struct DecodedChar {
  char32_t code_point = kReplacementCharacter;
  std::size_t length = 1;  // bytes consumed, at least 1
  bool valid = false;      // false: an invalid, overlong or truncated sequence (one byte)
};

// Decodes the code point that starts at text[pos]. REQUIRES: pos < text.size().
// An invalid sequence decodes as U+FFFD with length 1, so a loop always advances.
DecodedChar DecodeUtf8(std::string_view text, std::size_t pos);

// The byte offset of the first invalid sequence, or nullopt if `text` is valid UTF-8.
std::optional<std::size_t> FindInvalidUtf8(std::string_view text);

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_UTF8_H_
