#include "workflow/text_normalize.h"

#include <array>
#include <utility>

namespace duban {
namespace {

// Traditional spellings of the words the importer recognises, with their simplified form.
// Each pair has the same number of code points; only whole words are rewritten so that a
// traditional character inside an agency name is left alone.
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kMarkerWords{{
    {"牽頭", "牵头"},
    {"負責", "负责"},
    {"參加", "参加"},
    {"參與", "参与"},
    {"協同", "协同"},
    {"協助", "协助"},
    {"協辦", "协办"},
    {"會同", "会同"},
    {"單位", "单位"},
    {"責任", "责任"},
    {"領導", "领导"},
    {"部門", "部门"},
    {"有關", "有关"},
    {"相關", "相关"},
    {"職責", "职责"},
    {"者為", "者为"},
}};

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// First characters of kMarkerWords, so most characters cost one small scan, not 16 compares.
bool MayStartMarkerWord(char32_t cp) {
  for (char32_t first : {U'牽', U'負', U'參', U'協', U'會', U'單', U'責', U'領', U'部', U'有',
                         U'相', U'職', U'者'}) {
    if (cp == first) return true;
  }
  return false;
}

}  // namespace

size_t FindInvalidUtf8(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      ++i;
      continue;
    }
    size_t length = 0;
    char32_t min = 0;
    char32_t cp = 0;
    if ((byte & 0xE0) == 0xC0) {
      length = 2, min = 0x80, cp = byte & 0x1F;
    } else if ((byte & 0xF0) == 0xE0) {
      length = 3, min = 0x800, cp = byte & 0x0F;
    } else if ((byte & 0xF8) == 0xF0) {
      length = 4, min = 0x10000, cp = byte & 0x07;
    } else {
      return i;
    }
    if (i + length > n) return i;
    for (size_t k = 1; k < length; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if (!IsContinuation(next)) return i;
      cp = (cp << 6) | (next & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += length;
  }
  return std::string_view::npos;
}

std::string_view StripBom(std::string_view text) {
  return StartsWith(text, "\xEF\xBB\xBF") ? text.substr(3) : text;
}

char32_t DecodeUtf8(std::string_view text, size_t pos, size_t* length) {
  auto byte = static_cast<unsigned char>(text[pos]);
  if (byte < 0x80) {
    *length = 1;
    return byte;
  }
  size_t n = (byte & 0xE0) == 0xC0 ? 2 : (byte & 0xF0) == 0xE0 ? 3 : 4;
  char32_t cp = byte & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < n && pos + k < text.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[pos + k]) & 0x3F);
  }
  *length = n;
  return cp;
}

char32_t LastCodePoint(std::string_view text, size_t* length) {
  if (text.empty()) {
    *length = 0;
    return 0;
  }
  size_t start = text.size() - 1;
  while (start > 0 && IsContinuation(static_cast<unsigned char>(text[start]))) --start;
  return DecodeUtf8(text, start, length);
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

size_t CountCodePoints(std::string_view text) {
  size_t count = 0;
  for (char c : text) count += !IsContinuation(static_cast<unsigned char>(c));
  return count;
}

bool IsBlank(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\v' || cp == '\f' ||
         cp == 0x00A0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
         cp == 0x205F || cp == 0xFEFF;
}

std::string_view TrimBlank(std::string_view text) {
  size_t begin = 0;
  while (begin < text.size()) {
    size_t length = 0;
    if (!IsBlank(DecodeUtf8(text, begin, &length))) break;
    begin += length;
  }
  text.remove_prefix(begin);
  while (!text.empty()) {
    size_t length = 0;
    if (!IsBlank(LastCodePoint(text, &length))) break;
    text.remove_suffix(length);
  }
  return text;
}

char32_t FoldWidth(char32_t cp) {
  if (cp < 0x80) return cp;
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;
  if (IsBlank(cp)) return ' ';
  switch (cp) {
    case 0xFE50: return ',';
    case 0xFE51: return U'、';
    case 0xFE52: return '.';
    case 0xFE54: return ';';
    case 0xFE55: return ':';
    case 0xFE56: return '?';
    case 0xFE57: return '!';
    case 0xFE59: return '(';
    case 0xFE5A: return ')';
    case 0xFF61: return U'。';
    case 0xFF64: return U'、';
    default: return cp;
  }
}

std::string FoldForMatch(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      size_t run = i + 1;
      while (run < text.size() && static_cast<unsigned char>(text[run]) < 0x80) ++run;
      out.append(text.data() + i, run - i);
      i = run;
      continue;
    }
    size_t length = 0;
    char32_t cp = DecodeUtf8(text, i, &length);
    if (cp >= 0x4E00 && cp <= 0x9FFF && !MayStartMarkerWord(cp)) {  // common CJK: as is
      out.append(text.data() + i, length);
      i += length;
      continue;
    }
    if (cp == 0x200B || cp == 0xFEFF) {  // zero-width marks carry nothing
      i += length;
      continue;
    }
    // Marker words all start with a three-byte CJK character; test only those.
    if (length == 3 && cp >= 0x4E00 && MayStartMarkerWord(cp)) {
      bool replaced = false;
      for (const auto& [traditional, simplified] : kMarkerWords) {
        if (text.compare(i, traditional.size(), traditional) == 0) {
          out += simplified;
          i += traditional.size();
          replaced = true;
          break;
        }
      }
      if (replaced) continue;
      out.append(text.data() + i, length);
      i += length;
      continue;
    }
    AppendUtf8(out, FoldWidth(cp));
    i += length;
  }
  return out;
}

}  // namespace duban
