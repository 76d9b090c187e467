#include "workflow/task_numbering.h"

#include "workflow/text_normalize.h"

namespace duban {
namespace {

constexpr int kMaxArabicDigits = 6;  // 100,000-task plans exist; larger numbers are not labels

int DigitValue(char32_t cp) {
  if (cp >= '0' && cp <= '9') return static_cast<int>(cp - '0');
  return -1;
}

int ChineseDigit(char32_t cp) {
  switch (cp) {
    case U'〇': case U'零': return 0;
    case U'一': return 1;
    case U'二': case U'两': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}

bool IsChineseNumeralChar(char32_t cp) {
  return ChineseDigit(cp) >= 0 || cp == U'十' || cp == U'百';
}

// A code point of `line` at `pos`, folded to its ASCII form; 0 past the end.
char32_t FoldedAt(std::string_view line, size_t pos, size_t* length) {
  if (pos >= line.size()) {
    *length = 0;
    return 0;
  }
  return FoldWidth(DecodeUtf8(line, pos, length));
}

// Characters that, right after "2013 " or "10 ", show a quantity rather than a label.
bool IsQuantityWord(char32_t cp) {
  for (char32_t unit : {U'年', U'月', U'日', U'时', U'分', U'秒', U'个', U'万', U'亿', U'千',
                        U'百', U'元', U'%', U'号', U'条', U'项', U'家', U'次', U'人', U'户',
                        U'名', U'米', U'吨', U'倍', U'天', U'周', U'批', U'所', U'座'}) {
    if (cp == unit) return true;
  }
  return false;
}

NumberLabel MakeLabel(NumberStyle style, int value, std::string_view line, size_t label_end,
                      std::string numeral) {
  NumberLabel label;
  label.style = style;
  label.value = value;
  label.label = std::string(TrimBlank(line.substr(0, label_end)));
  label.numeral = std::move(numeral);
  label.rest = TrimBlank(line.substr(label_end));
  return label;
}

// Reads a run of digits (ASCII or full-width) from `pos`; returns the count read.
int ReadDigits(std::string_view line, size_t* pos, int* value) {
  int count = 0;
  *value = 0;
  while (true) {
    size_t length = 0;
    int digit = DigitValue(FoldedAt(line, *pos, &length));
    if (digit < 0) break;
    if (++count > kMaxArabicDigits) return count;
    *value = *value * 10 + digit;
    *pos += length;
  }
  return count;
}

// Reads a run of Chinese numeral characters from `pos`.
std::string_view ReadChineseNumeral(std::string_view line, size_t* pos) {
  size_t start = *pos;
  while (*pos < line.size()) {
    size_t length = 0;
    if (!IsChineseNumeralChar(DecodeUtf8(line, *pos, &length))) break;
    *pos += length;
  }
  return line.substr(start, *pos - start);
}

std::optional<NumberLabel> ParseBracketed(std::string_view line, size_t pos) {
  int value = 0;
  size_t after_digits = pos;
  int digits = ReadDigits(line, &after_digits, &value);
  size_t length = 0;
  if (digits > 0 && digits <= kMaxArabicDigits) {
    if (FoldedAt(line, after_digits, &length) != ')') return std::nullopt;
    return MakeLabel(NumberStyle::kArabicParen, value, line, after_digits + length,
                     std::to_string(value));
  }
  size_t end = pos;
  std::string_view numeral = ReadChineseNumeral(line, &end);
  if (numeral.empty() || FoldedAt(line, end, &length) != ')') return std::nullopt;
  auto parsed = ParseChineseNumeral(numeral);
  if (!parsed) return std::nullopt;
  return MakeLabel(NumberStyle::kChineseParen, *parsed, line, end + length,
                   std::string(numeral));
}

std::optional<NumberLabel> ParseArabic(std::string_view line) {
  size_t pos = 0;
  int value = 0;
  int digits = ReadDigits(line, &pos, &value);
  if (digits == 0 || digits > kMaxArabicDigits) return std::nullopt;
  std::string numeral = std::to_string(value);
  if (pos == line.size()) {
    return MakeLabel(NumberStyle::kArabicBare, value, line, pos, numeral);
  }
  size_t length = 0;
  char32_t next = FoldedAt(line, pos, &length);
  if (next == '.' || next == U'、') {
    size_t after_length = 0;
    char32_t after = FoldedAt(line, pos + length, &after_length);
    if (DigitValue(after) >= 0) return std::nullopt;  // a decimal: 1.2亿
    return MakeLabel(NumberStyle::kArabic, value, line, pos + length, numeral);
  }
  if (next == ')') return MakeLabel(NumberStyle::kArabicParen, value, line, pos + length, numeral);
  if (IsBlank(next)) {
    size_t text_pos = pos;
    while (text_pos < line.size()) {
      size_t blank_length = 0;
      if (!IsBlank(FoldedAt(line, text_pos, &blank_length))) break;
      text_pos += blank_length;
    }
    size_t after_length = 0;
    char32_t after = FoldedAt(line, text_pos, &after_length);
    // Text must follow: a digit, Latin letter, punctuation or quantity word means a number
    // inside a sentence ("2023 年", "16: 47"), not a label.
    if (after < 0x2E80 || IsQuantityWord(after)) return std::nullopt;
    return MakeLabel(NumberStyle::kArabicSpace, value, line, pos, numeral);
  }
  return std::nullopt;
}

}  // namespace

int NumberingLevel(NumberStyle style) {
  switch (style) {
    case NumberStyle::kChineseEnum: return 0;
    case NumberStyle::kChineseParen: return 1;
    case NumberStyle::kArabic:
    case NumberStyle::kArabicSpace:
    case NumberStyle::kArabicBare: return 2;
    case NumberStyle::kArabicParen: return 3;
    case NumberStyle::kCircled: return 4;
  }
  return 4;
}

std::optional<int> ParseChineseNumeral(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int total = 0;
  int pending = -1;  // a digit not yet multiplied by 十/百
  bool seen_ten = false;
  bool seen_hundred = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t length = 0;
    char32_t cp = DecodeUtf8(text, pos, &length);
    pos += length;
    int digit = ChineseDigit(cp);
    if (digit >= 0) {
      if (pending >= 0 && pending != 0) return std::nullopt;  // "一二" is not a numeral
      pending = digit;
    } else if (cp == U'百') {
      if (seen_hundred || seen_ten || pending <= 0) return std::nullopt;
      total += pending * 100;
      pending = -1;
      seen_hundred = true;
    } else if (cp == U'十') {
      if (seen_ten) return std::nullopt;
      total += (pending > 0 ? pending : 1) * 10;  // 十二 = 12, 一百一十 = 110
      pending = -1;
      seen_ten = true;
    } else {
      return std::nullopt;
    }
  }
  if (pending > 0) total += pending;
  if (total == 0) return std::nullopt;
  return total;
}

std::optional<NumberLabel> ParseNumberLabel(std::string_view line) {
  if (line.empty()) return std::nullopt;
  size_t length = 0;
  char32_t first = FoldedAt(line, 0, &length);
  if (first == '(') return ParseBracketed(line, length);
  if (DigitValue(first) >= 0) return ParseArabic(line);
  if (first >= 0x2460 && first <= 0x2473) {  // ① … ⑳
    int value = static_cast<int>(first - 0x2460) + 1;
    return MakeLabel(NumberStyle::kCircled, value, line, length, std::to_string(value));
  }
  if (!IsChineseNumeralChar(first)) return std::nullopt;
  size_t end = 0;
  std::string_view numeral = ReadChineseNumeral(line, &end);
  size_t mark_length = 0;
  char32_t mark = FoldedAt(line, end, &mark_length);
  if (mark != U'、' && mark != '.') return std::nullopt;
  auto value = ParseChineseNumeral(numeral);
  if (!value) return std::nullopt;
  return MakeLabel(NumberStyle::kChineseEnum, *value, line, end + mark_length,
                   std::string(numeral));
}

}  // namespace duban
