// Text helpers shared by the plan importers: UTF-8 validation and decoding, the byte-order
// mark, trimming of ASCII and full-width blanks, and the folding used to recognise
// structure.
//
// Folding (FoldForMatch) maps full-width ASCII forms to ASCII (（）→(), ，→, ：→: and
// full-width digits), small and half-width variants (﹒→. ﹑→、 ､→、), odd blanks to a space,
// and rewrites the traditional spelling of the marker words (牽頭 負責 參加 協同 單位 …) to
// simplified. It never rewrites other traditional characters: 委員會 stays as written,
// because agency names must come out as the document spells them.
//
// All functions are pure; thread-safe.
#ifndef DUBAN_WORKFLOW_TEXT_NORMALIZE_H_
#define DUBAN_WORKFLOW_TEXT_NORMALIZE_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace duban {

// The byte offset of the first byte that does not start a valid UTF-8 sequence (overlong
// forms, surrogates and code points above U+10FFFF are invalid), or npos if all is valid.
size_t FindInvalidUtf8(std::string_view text);

// `text` without a leading UTF-8 byte-order mark (EF BB BF); unchanged if there is none.
std::string_view StripBom(std::string_view text);

// Decodes the code point that starts at text[pos] and stores its byte length in *length.
// REQUIRES: pos < text.size() and `text` is valid UTF-8 at pos.
char32_t DecodeUtf8(std::string_view text, size_t pos, size_t* length);

// The last code point of `text` (0 if empty) and its byte length in *length.
// REQUIRES: `text` is valid UTF-8.
char32_t LastCodePoint(std::string_view text, size_t* length);

void AppendUtf8(std::string& out, char32_t cp);
size_t CountCodePoints(std::string_view text);

// ASCII blanks, U+00A0, U+3000, the U+2000 spaces and zero-width marks.
bool IsBlank(char32_t cp);
// `text` without leading and trailing blanks (IsBlank).
std::string_view TrimBlank(std::string_view text);

// The ASCII form of a full-width or small variant (U+FF01..FF5E, U+FE50..FE6B, U+FF61,
// U+FF64), U+3000 and other blanks as ' '; any other code point unchanged.
char32_t FoldWidth(char32_t cp);

// See the file comment. Zero-width marks are dropped.
std::string FoldForMatch(std::string_view text);

// True if `text` ends with `suffix` / starts with `prefix` (byte compare).
inline bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}
inline bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace duban

#endif  // DUBAN_WORKFLOW_TEXT_NORMALIZE_H_
