// Header encoding: how configured and imported text (subjects, agency names, the office's
// display name) becomes header fields that are safe and readable in Chinese mail clients.
//
// Two guarantees:
// - No header injection. Every function here first passes its text through
//   HeaderSafeText, which turns CR, LF, TAB and every other control character (C0, DEL,
//   C1, U+2028/U+2029) into a space and invalid UTF-8 into U+FFFD. A field built here is
//   exactly one logical header line; its only line breaks are the CRLF + space folds this
//   file inserts, which unfold to nothing (between encoded-words) or to the original space.
// - RFC 2047 for anything not plain ASCII: "=?UTF-8?B?...?=" encoded-words of at most 75
//   characters, cut only between UTF-8 characters (a decoder that joins adjacent words
//   gets the text back byte for byte), folded so every line is at most 76 characters.
//   Plain ASCII text is written as is (a display name with specials is quoted) unless it
//   could be misread: text containing "=?" is encoded too.
//
// Pure functions; thread-safe.
#ifndef DUBAN_NOTIFIERS_HEADER_ENCODING_H_
#define DUBAN_NOTIFIERS_HEADER_ENCODING_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace duban {

// The longest encoded-word RFC 2047 allows, and the line length this file folds to.
inline constexpr size_t kMaxEncodedWord = 75;
inline constexpr size_t kFoldedLineLength = 76;

// `text` as valid UTF-8 with no control characters: each run of controls becomes one
// space, invalid bytes become U+FFFD, leading and trailing spaces are trimmed.
std::string HeaderSafeText(std::string_view text);

// `text` (valid UTF-8) as B-encoded UTF-8 encoded-words. The first is at most
// `first_max` characters (so it fits after the field name), the others at most
// kMaxEncodedWord; each holds whole characters only. REQUIRES: first_max >= 16.
std::vector<std::string> EncodeWords(std::string_view text, size_t first_max = kMaxEncodedWord);

// "Subject: ...\r\n": an unstructured field with `text` made safe, encoded if needed and
// folded. REQUIRES: `name` is a field name (letters, digits, '-').
std::string UnstructuredField(std::string_view name, std::string_view text);

// "To: =?UTF-8?B?...?= <a@b>\r\n": one mailbox, the display name (made safe; "" = none)
// encoded as a phrase on its own and the address after it, never inside an encoded-word.
// REQUIRES: `address` passed ValidateAddress (email_address.h).
std::string MailboxField(std::string_view name, std::string_view display_name,
                         std::string_view address);

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_HEADER_ENCODING_H_
