#include "daemon/dubanctl/display_width.h"

#include <algorithm>
#include <array>
#include <iterator>

#include "daemon/dubanctl/utf8.h"

namespace duban::ctl {
namespace {

struct Range {
  char32_t first;
  char32_t last;
};

// East Asian Width W or F (Unicode 14, assigned characters; gaps of unassigned code points
// inside a range are bridged), plus the unassigned ideographic planes 2 and 3, which the
// standard defaults to W.
constexpr std::array<Range, 80> kWide = {{
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x3247},   {0x3250, 0x4DBF},   {0x4E00, 0xA4C6},   {0xA960, 0xA97C},
    {0xAC00, 0xD7A3},   {0xF900, 0xFAD9},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6B},
    {0xFF01, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x1B2FB}, {0x1F004, 0x1F004},
    {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F320},
    {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA},
    {0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E},
    {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E},
    {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A}, {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4},
    {0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2},
    {0x1F6D5, 0x1F6DF}, {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC}, {0x1F7E0, 0x1F7F0},
    {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FAF6},
}};
constexpr Range kWideIdeographicPlanes = {0x20000, 0x3FFFD};

// Characters that take no column of their own: the common combining marks, zero-width
// spaces and joiners, bidi controls, variation selectors, the BOM.
constexpr std::array<Range, 12> kZeroWidth = {{
    {0x0300, 0x036F},
    {0x0483, 0x0489},
    {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF},
    {0x200B, 0x200F},
    {0x202A, 0x202E},
    {0x2060, 0x2064},
    {0x20D0, 0x20FF},
    {0x302A, 0x302F},
    {0xFE00, 0xFE0F},
    {0xFE20, 0xFE2F},
    {0xFEFF, 0xFEFF},
}};
constexpr Range kZeroWidthSupplement = {0xE0100, 0xE01EF};  // variation selectors 17-256

template <std::size_t N>
bool InTable(const std::array<Range, N>& table, char32_t code_point) {
  auto it = std::upper_bound(table.begin(), table.end(), code_point,
                             [](char32_t cp, const Range& range) { return cp < range.first; });
  return it != table.begin() && code_point <= std::prev(it)->last;
}

bool InRange(const Range& range, char32_t code_point) {
  return code_point >= range.first && code_point <= range.last;
}

bool IsBreakingSpace(char32_t code_point) {
  return code_point == ' ' || code_point == '\t' || code_point == 0x3000;
}

// One unit of wrapping: a Latin word, or a single wide character.
struct Token {
  std::string text;
  int width = 0;
  bool space_before = false;
};

std::vector<Token> Tokenize(std::string_view line) {
  std::vector<Token> tokens;
  Token word;
  bool pending_space = false;
  auto flush_word = [&] {
    if (!word.text.empty()) tokens.push_back(std::move(word));
    word = Token{};
  };
  for (std::size_t pos = 0; pos < line.size();) {
    DecodedChar decoded = DecodeUtf8(line, pos);
    std::string_view bytes = line.substr(pos, decoded.length);
    pos += decoded.length;
    if (IsBreakingSpace(decoded.code_point)) {
      flush_word();
      pending_space = true;
      continue;
    }
    int width = CodePointWidth(decoded.code_point);
    if (width == 2) {
      flush_word();
      tokens.push_back(Token{std::string(bytes), 2, pending_space});
    } else {
      if (word.text.empty()) word.space_before = pending_space;
      word.text += bytes;
      word.width += width;
    }
    pending_space = false;
  }
  flush_word();
  return tokens;
}

// Splits a token wider than `width` into pieces that fit, character by character.
std::vector<Token> CutToken(const Token& token, int width) {
  std::vector<Token> pieces(1);
  pieces.back().space_before = token.space_before;
  for (std::size_t pos = 0; pos < token.text.size();) {
    DecodedChar decoded = DecodeUtf8(token.text, pos);
    int char_width = CodePointWidth(decoded.code_point);
    if (pieces.back().width + char_width > width && !pieces.back().text.empty()) {
      pieces.emplace_back();
    }
    pieces.back().text += token.text.substr(pos, decoded.length);
    pieces.back().width += char_width;
    pos += decoded.length;
  }
  return pieces;
}

void WrapLine(std::string_view line, int width, std::vector<std::string>* out) {
  std::string current;
  int current_width = 0;
  auto place = [&](const Token& token) {
    int gap = (token.space_before && !current.empty()) ? 1 : 0;
    if (!current.empty() && current_width + gap + token.width > width) {
      out->push_back(std::move(current));
      current.clear();
      current_width = 0;
      gap = 0;
    }
    if (gap) current += ' ';
    current += token.text;
    current_width += gap + token.width;
  };
  for (const Token& token : Tokenize(line)) {
    if (token.width > width) {
      for (const Token& piece : CutToken(token, width)) place(piece);
    } else {
      place(token);
    }
  }
  out->push_back(std::move(current));
}

}  // namespace

int CodePointWidth(char32_t code_point) {
  if (code_point < 0x20 || (code_point >= 0x7F && code_point < 0xA0)) return 0;
  if (code_point < 0x300) return 1;
  if (InTable(kZeroWidth, code_point) || InRange(kZeroWidthSupplement, code_point)) return 0;
  if (InTable(kWide, code_point) || InRange(kWideIdeographicPlanes, code_point)) return 2;
  return 1;
}

int DisplayWidth(std::string_view text) {
  int width = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    DecodedChar decoded = DecodeUtf8(text, pos);
    width += decoded.valid ? CodePointWidth(decoded.code_point) : 1;
    pos += decoded.length;
  }
  return width;
}

std::string TruncateToWidth(std::string_view text, int width) {
  if (width <= 0) return {};
  if (DisplayWidth(text) <= width) return std::string(text);
  static constexpr std::string_view kEllipsis = "…";
  const int budget = width - 1;  // the ellipsis takes one column
  std::string out;
  int used = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    DecodedChar decoded = DecodeUtf8(text, pos);
    int char_width = decoded.valid ? CodePointWidth(decoded.code_point) : 1;
    if (used + char_width > budget) break;
    out += text.substr(pos, decoded.length);
    used += char_width;
    pos += decoded.length;
  }
  out += kEllipsis;
  return out;
}

std::vector<std::string> WrapToWidth(std::string_view text, int width) {
  width = std::max(width, 2);
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    WrapLine(line, width, &lines);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

std::string ToSingleLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool in_control_run = false;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) {
      if (!in_control_run) out += ' ';
      in_control_run = true;
    } else {
      out += c;
      in_control_run = false;
    }
  }
  return out;
}

}  // namespace duban::ctl
