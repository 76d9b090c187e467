#include "workflow/unit_list.h"

#include <array>

#include "workflow/agency.h"
#include "workflow/text_normalize.h"

namespace duban {
namespace {

constexpr size_t kMaxUnitCodePoints = 30;

// Longest first, so 等有关部门和单位 is stripped whole before 等.
constexpr std::array<std::string_view, 22> kTrailingQualifiers{
    "等有关部门和单位", "等相关部门和单位", "等部门和单位", "按照职责分工", "按照职能分工",
    "根据职责分工", "按职责分工", "按职能分工", "等有关部门", "等相关部门", "等有关单位",
    "等相关单位", "等部门", "等单位", "分别", "共同", "具体", "等", "为", "。", ".", ","};

constexpr std::array<std::string_view, 9> kGenericWords{
    "单位", "部门", "机构", "企业", "个人", "组织", "社会组织", "地区", "有关单位"};

bool IsOpenBracket(char32_t cp) {
  return cp == '(' || cp == '[' || cp == U'〔' || cp == U'【' || cp == U'《' || cp == U'「' ||
         cp == U'“';
}
bool IsCloseBracket(char32_t cp) {
  return cp == ')' || cp == ']' || cp == U'〕' || cp == U'】' || cp == U'》' || cp == U'」' ||
         cp == U'”';
}
bool IsListSeparator(char32_t cp) {
  return cp == U'、' || cp == ',' || cp == ';' || cp == '/' || cp == U'，' || cp == U'；';
}
bool IsRegionChar(char32_t cp) {
  return cp == U'市' || cp == U'县' || cp == U'区' || cp == U'州' || cp == U'省' ||
         cp == U'盟' || cp == U'旗';
}

// Splits `part` (one 、-separated item) on each 和 that joins two units.
void SplitOnHe(std::string_view part, std::vector<std::string_view>* out) {
  constexpr std::string_view kHe = "和";
  size_t start = 0;
  size_t pos = 0;
  int depth = 0;
  while (pos < part.size()) {
    size_t length = 0;
    char32_t cp = DecodeUtf8(part, pos, &length);
    if (IsOpenBracket(cp)) ++depth;
    if (IsCloseBracket(cp) && depth > 0) --depth;
    if (depth == 0 && cp == U'和') {
      std::string_view left = StripUnitQualifiers(part.substr(start, pos - start));
      std::string_view right = StripUnitQualifiers(part.substr(pos + kHe.size()));
      bool generic = false;
      for (std::string_view word : kGenericWords) generic = generic || right == word;
      if (EndsLikeAgency(left) && !generic && LooksLikeUnitName(right)) {
        out->push_back(part.substr(start, pos - start));
        start = pos + kHe.size();
      }
    }
    pos += length;
  }
  out->push_back(part.substr(start));
}

std::string_view StripMarker(std::string_view part, bool* marked) {
  for (std::string_view marker : {"▲", "★"}) {
    if (StartsWith(part, marker)) {
      *marked = true;
      return TrimBlank(part.substr(marker.size()));
    }
  }
  return part;
}

// 市委市政府, 省发改委省财政厅: an agency ending followed by a new 省/市/县 name.
bool HasRunTogetherUnits(std::string_view name) {
  size_t pos = 0;
  char32_t previous = 0;
  size_t index = 0;
  while (pos < name.size()) {
    size_t length = 0;
    char32_t cp = DecodeUtf8(name, pos, &length);
    if (index >= 2 && (cp == U'省' || cp == U'市' || cp == U'县') &&
        (previous == U'委' || previous == U'厅' || previous == U'局' || previous == U'办') &&
        CountCodePoints(name.substr(pos)) >= 3) {
      return true;
    }
    previous = cp;
    pos += length;
    ++index;
  }
  return false;
}

bool HasSentencePunctuation(std::string_view name) {
  for (std::string_view mark : {"。", ":", "?", "!", "：", "；"}) {
    if (name.find(mark) != std::string_view::npos) return true;
  }
  return false;
}

// 杭州市、宁波市政府: gives each bare city the suffix of the first following unit that is
// a city of the same kind plus an agency suffix.
void ExpandSharedSuffixes(std::vector<ListedUnit>* units) {
  auto bare_region = [](const std::string& name) {
    size_t length = 0;
    char32_t last = LastCodePoint(name, &length);
    return IsRegionChar(last) && CountCodePoints(name) <= 8 && !IsCollectiveUnit(name);
  };
  for (size_t i = 0; i < units->size(); ++i) {
    if (!bare_region((*units)[i].name)) continue;
    size_t j = i + 1;
    while (j < units->size() && bare_region((*units)[j].name)) ++j;
    if (j == units->size()) return;
    size_t length = 0;
    char32_t region = LastCodePoint((*units)[i].name, &length);
    const std::string& full = (*units)[j].name;
    std::string suffix;
    size_t pos = 0;
    size_t index = 0;
    while (pos < full.size()) {
      char32_t cp = DecodeUtf8(full, pos, &length);
      pos += length;
      if (cp == region && index >= 1 && pos < full.size()) {
        suffix = full.substr(pos);
        break;
      }
      ++index;
    }
    if (suffix.empty() || CountCodePoints(suffix) > 10) {
      i = j;
      continue;
    }
    for (size_t k = i; k < j; ++k) {
      if (LastCodePoint((*units)[k].name, &length) == region) (*units)[k].name += suffix;
    }
    i = j;
  }
}

}  // namespace

std::string_view StripUnitQualifiers(std::string_view unit) {
  while (true) {
    std::string_view before = unit;
    unit = TrimBlank(unit);
    if (StartsWith(unit, "由")) unit.remove_prefix(std::string_view("由").size());
    for (std::string_view qualifier : kTrailingQualifiers) {
      if (EndsWith(unit, qualifier)) {
        unit.remove_suffix(qualifier.size());
        break;
      }
    }
    if (unit == before) return unit;
  }
}

bool EndsLikeAgency(std::string_view name) {
  size_t length = 0;
  char32_t last = LastCodePoint(name, &length);
  if (IsCloseBracket(last)) return true;
  for (char32_t cp : {U'部', U'厅', U'委', U'局', U'办', U'府', U'院', U'会', U'行', U'司',
                      U'署', U'处', U'室', U'心', U'团', U'队', U'所', U'站', U'馆', U'社',
                      U'校', U'门', U'位', U'构', U'关', U'协', U'联', U'市', U'县', U'区',
                      U'镇', U'乡', U'组', U'军', U'庭', U'台'}) {
    if (last == cp) return true;
  }
  return false;
}

bool LooksLikeUnitName(std::string_view name) {
  size_t count = CountCodePoints(name);
  if (count < 2 || count > kMaxUnitCodePoints || HasSentencePunctuation(name)) return false;
  for (std::string_view word : {"的", "要", "应", "将", ","}) {
    if (name.find(word) != std::string_view::npos) return false;
  }
  return true;
}

UnitList SplitUnitList(std::string_view folded) {
  UnitList list;
  std::vector<std::string_view> parts;
  size_t start = 0;
  size_t pos = 0;
  int depth = 0;
  while (pos < folded.size()) {
    size_t length = 0;
    char32_t cp = DecodeUtf8(folded, pos, &length);
    if (IsOpenBracket(cp)) ++depth;
    if (IsCloseBracket(cp) && depth > 0) --depth;
    if (depth == 0 && IsListSeparator(cp)) {
      parts.push_back(folded.substr(start, pos - start));
      start = pos + length;
    }
    pos += length;
  }
  parts.push_back(folded.substr(start));
  list.open_at_end = depth > 0;

  std::vector<std::string_view> pieces;
  for (std::string_view part : parts) {
    bool marked = false;
    part = StripMarker(TrimBlank(part), &marked);
    pieces.clear();
    SplitOnHe(part, &pieces);
    for (std::string_view piece : pieces) {
      std::string_view name = StripUnitQualifiers(piece);
      if (name.empty()) continue;
      list.units.push_back({std::string(name), marked});
      // A ▲ marks the unit it precedes, not the others joined to it by 和.
      marked = false;
    }
  }
  ExpandSharedSuffixes(&list.units);
  for (const ListedUnit& unit : list.units) {
    if (CountCodePoints(unit.name) > kMaxUnitCodePoints || HasSentencePunctuation(unit.name) ||
        HasRunTogetherUnits(unit.name)) {
      list.problems.push_back("could not split '" + unit.name + "' into units");
    }
  }
  return list;
}

}  // namespace duban
