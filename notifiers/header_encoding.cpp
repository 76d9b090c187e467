#include "notifiers/header_encoding.h"

#include <cassert>

#include "notifiers/mime_codec.h"
#include "workflow/text_normalize.h"

namespace duban {
namespace {

constexpr std::string_view kWordPrefix = "=?UTF-8?B?";
constexpr std::string_view kWordSuffix = "?=";

// C0 controls (CR, LF, TAB ...), DEL, C1 controls (NEL among them) and the Unicode line
// and paragraph separators: anything a client might take for a line break or that has no
// business in a one-line field.
bool IsControl(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

// How many bytes of text fit in an encoded-word of at most `max_word` characters.
size_t RawCapacity(size_t max_word) {
  const size_t base64 = (max_word - kWordPrefix.size() - kWordSuffix.size()) / 4 * 4;
  return base64 / 4 * 3;
}

bool IsPrintableAscii(std::string_view text) {
  for (char c : text) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

bool IsAtext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

// `text` split at single spaces, if it can go out as is: printable ASCII, no "=?" that a
// decoder could take for an encoded-word, no runs of spaces (a fold would have to start a
// line with blanks only), no word too long for a line. Empty otherwise.
std::vector<std::string> PlainWords(std::string_view text, size_t max_word) {
  if (!IsPrintableAscii(text) || text.find("=?") != std::string_view::npos ||
      text.find("  ") != std::string_view::npos) {
    return {};
  }
  std::vector<std::string> words;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end - start > max_word) return {};
    words.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// A display name as the tokens of a phrase: atoms when it is all atext and spaces, one
// quoted-string when it is other printable ASCII, else encoded-words.
std::vector<std::string> PhraseTokens(std::string_view name, size_t max_first) {
  std::vector<std::string> words = PlainWords(name, max_first);
  if (!words.empty()) {
    bool atoms = true;
    for (const std::string& word : words) {
      for (char c : word) atoms = atoms && IsAtext(c);
    }
    if (atoms) return words;
    std::string quoted = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    quoted += '"';
    if (quoted.size() <= max_first) return {quoted};
  }
  return EncodeWords(name, max_first);
}

// "Name:" and the tokens joined by single spaces, a fold (CRLF + the space) put before a
// token that would take the line past kFoldedLineLength. Unfolding (removing the CRLFs)
// gives back the tokens joined by spaces.
std::string Fold(std::string_view name, const std::vector<std::string>& tokens) {
  std::string out(name);
  out += ':';
  size_t column = out.size();
  bool line_has_token = false;
  for (const std::string& token : tokens) {
    if (line_has_token && column + 1 + token.size() > kFoldedLineLength) {
      out += "\r\n";
      column = 0;
    }
    out += ' ';
    out += token;
    column += 1 + token.size();
    line_has_token = true;
  }
  out += "\r\n";
  return out;
}

// The room for the first token on the field's first line: after "Name: ".
size_t FirstTokenRoom(std::string_view name) {
  assert(name.size() + 2 + 20 <= kFoldedLineLength);
  return kFoldedLineLength - name.size() - 2;
}

}  // namespace

std::string HeaderSafeText(std::string_view text) {
  const std::string valid = mime::ValidUtf8(text);
  std::string out;
  out.reserve(valid.size());
  bool in_control_run = false;
  for (size_t pos = 0; pos < valid.size();) {
    size_t length = 0;
    const char32_t cp = DecodeUtf8(valid, pos, &length);
    if (IsControl(cp)) {
      if (!in_control_run) out += ' ';
      in_control_run = true;
    } else {
      out.append(valid, pos, length);
      in_control_run = false;
    }
    pos += length;
  }
  const size_t first = out.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

std::vector<std::string> EncodeWords(std::string_view text, size_t first_max) {
  assert(first_max >= 20 && first_max <= kMaxEncodedWord);
  std::vector<std::string> words;
  size_t capacity = RawCapacity(first_max);
  size_t start = 0;
  size_t pos = 0;
  auto flush = [&] {
    words.push_back(std::string(kWordPrefix) + mime::Base64(text.substr(start, pos - start)) +
                    std::string(kWordSuffix));
    start = pos;
    capacity = RawCapacity(kMaxEncodedWord);
  };
  while (pos < text.size()) {
    size_t length = 0;
    DecodeUtf8(text, pos, &length);
    if (pos + length - start > capacity) flush();
    pos += length;
  }
  if (pos > start) flush();
  return words;
}

std::string UnstructuredField(std::string_view name, std::string_view text) {
  const std::string safe = HeaderSafeText(text);
  const size_t room = FirstTokenRoom(name);
  if (safe.empty()) return Fold(name, {});
  std::vector<std::string> tokens = PlainWords(safe, room);
  if (tokens.empty()) tokens = EncodeWords(safe, room);
  return Fold(name, tokens);
}

std::string MailboxField(std::string_view name, std::string_view display_name,
                         std::string_view address) {
  const std::string safe = HeaderSafeText(display_name);
  if (safe.empty()) return Fold(name, {std::string(address)});
  std::vector<std::string> tokens = PhraseTokens(safe, FirstTokenRoom(name));
  tokens.push_back("<" + std::string(address) + ">");
  return Fold(name, tokens);
}

}  // namespace duban
