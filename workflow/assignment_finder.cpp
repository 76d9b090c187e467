#include "workflow/assignment_finder.h"

#include <algorithm>
#include <array>

#include "workflow/agency.h"
#include "workflow/text_normalize.h"
#include "workflow/unit_list.h"

namespace duban {
namespace {

bool IsTerminalPunctuation(char32_t cp) {
  return cp == U'。' || cp == '.' || cp == ';' || cp == ',' || cp == '!' || cp == U'、';
}

std::string_view TrimTerminal(std::string_view text) {
  text = TrimBlank(text);
  while (!text.empty()) {
    size_t length = 0;
    char32_t last = LastCodePoint(text, &length);
    if (!IsTerminalPunctuation(last) && !IsBlank(last)) break;
    text.remove_suffix(length);
  }
  return text;
}

bool IsOpen(char32_t cp) { return cp == '(' || cp == U'〔' || cp == U'【' || cp == '['; }
bool IsClose(char32_t cp) { return cp == ')' || cp == U'〕' || cp == U'】' || cp == ']'; }

// Start of the code point that ends just before byte `end`.
size_t PreviousStart(std::string_view text, size_t end) {
  size_t start = end - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  return start;
}

constexpr std::array<std::string_view, 8> kSentenceRoleEndings{
    "牵头", "负责", "参加", "参与", "配合", "协同", "协助", "协办"};

bool EndsWithRoleWord(std::string_view sentence) {
  for (std::string_view tail : {"完成", "落实", "实施", "办理"}) {
    if (EndsWith(sentence, tail)) {
      sentence.remove_suffix(tail.size());
      break;
    }
  }
  for (std::string_view word : kSentenceRoleEndings) {
    if (EndsWith(sentence, word)) return true;
  }
  return false;
}

bool AllUnitsLookLikeAgencies(const RawAssignment& raw) {
  for (const auto* role : {&raw.lead, &raw.participants, &raw.responsible}) {
    for (const std::string& name : *role) {
      if (!LooksLikeUnitName(name) || !(EndsLikeAgency(name) || IsCollectiveUnit(name))) {
        return false;
      }
    }
  }
  return raw.has_units();
}

// A table cell that lists units: ▲ marks, or every item an agency-like name.
bool IsUnitCell(std::string_view cell) {
  if (cell.find("▲") != std::string_view::npos || cell.find("★") != std::string_view::npos) {
    return true;
  }
  UnitList units = SplitUnitList(cell);
  if (units.units.empty()) return false;
  for (size_t i = 0; i < units.units.size(); ++i) {
    const std::string& name = units.units[i].name;
    bool last_cut = units.open_at_end && i + 1 == units.units.size();
    if (!last_cut && (!LooksLikeUnitName(name) ||
                      !(EndsLikeAgency(name) || IsCollectiveUnit(name)))) {
      return false;
    }
  }
  return true;
}

bool HasAgencyContent(const RawAssignment& raw) {
  return raw.has_units() || !raw.problems.empty();
}

}  // namespace

std::optional<std::string_view> TrailingBracketAssignment(std::string_view line) {
  std::string_view text = TrimTerminal(line);
  if (text.empty()) return std::nullopt;
  size_t length = 0;
  if (!IsClose(LastCodePoint(text, &length))) return std::nullopt;
  size_t close = text.size() - length;
  int depth = 0;
  size_t pos = text.size();
  while (pos > 0) {
    size_t start = PreviousStart(text, pos);
    char32_t cp = DecodeUtf8(text, start, &length);
    if (IsClose(cp)) ++depth;
    if (IsOpen(cp) && --depth == 0) {
      std::string_view content = text.substr(start + length, close - start - length);
      if (ContainsRoleWord(content)) return content;
      return std::nullopt;
    }
    pos = start;
  }
  return std::nullopt;  // unbalanced
}

std::optional<std::string_view> TrailingSentenceAssignment(std::string_view line) {
  std::string_view text = TrimTerminal(line);
  if (!EndsWithRoleWord(text)) return std::nullopt;
  size_t sentence_start = 0;
  for (std::string_view stop : {"。", ";", "!", "?"}) {
    size_t found = text.rfind(stop);
    if (found != std::string_view::npos) {
      sentence_start = std::max(sentence_start, found + stop.size());
    }
  }
  std::string_view sentence = TrimBlank(text.substr(sentence_start));
  if (sentence.empty()) return std::nullopt;
  // "…工作,由省考核办负责": the clause that opens with 由 after a comma.
  if (!StartsWith(sentence, "由")) {
    size_t by = sentence.rfind(",由");
    if (by != std::string_view::npos) sentence = sentence.substr(by + 1);
  }
  return sentence;
}

FoundAssignment FindAssignment(const std::vector<std::string>& lines, bool table_row,
                               bool cut_at_end) {
  FoundAssignment found;
  const size_t n = lines.size();
  found.last_line = n == 0 ? 0 : n - 1;
  for (size_t i = 0; i < n; ++i) {
    std::vector<RoleLabel> labels = FindRoleLabels(lines[i]);
    if (!labels.empty()) {
      size_t last = i;
      std::string words;
      while (true) {
        for (size_t k = 0; k < labels.size(); ++k) {
          bool cut = cut_at_end && last + 1 == n && k + 1 == labels.size();
          AddRoleLabel(labels[k], cut, &found.raw);
        }
        if (!words.empty()) words += " / ";
        words += lines[last].substr(labels.front().begin);
        if (last + 1 == n) break;
        labels = FindRoleLabels(lines[last + 1]);
        if (labels.empty() || labels.front().begin != 0) break;
        ++last;
      }
      found.last_line = last;
      found.words = std::move(words);
      if (HasAgencyContent(found.raw)) found.form = AssignmentForm::kLabels;
      return found;
    }
    if (auto bracket = TrailingBracketAssignment(lines[i])) {
      RawAssignment raw = ParseRoleClauses(*bracket);
      if (HasAgencyContent(raw) || raw.declares_first_listed) {
        found.raw = std::move(raw);
        found.form = AssignmentForm::kBracket;
        found.words = std::string(*bracket);
        found.last_line = i;
        return found;
      }
    }
    if (auto sentence = TrailingSentenceAssignment(lines[i])) {
      RawAssignment raw = ParseRoleClauses(*sentence);
      bool explicit_by = StartsWith(*sentence, "由");
      if (raw.has_units() && (explicit_by || AllUnitsLookLikeAgencies(raw))) {
        // Without 由 the sentence was recognised by the look of its names: probable.
        raw.by_convention = raw.by_convention || !explicit_by;
        found.raw = std::move(raw);
        found.form = AssignmentForm::kSentence;
        found.words = std::string(*sentence);
        found.last_line = i;
        return found;
      }
    }
  }
  if (table_row) {
    for (size_t i = 1; i < n; ++i) {
      if (!IsUnitCell(lines[i])) continue;
      found.raw = ParseUnitCell(lines[i], cut_at_end && i + 1 == n);
      found.form = AssignmentForm::kTableCell;
      found.words = lines[i];
      found.last_line = i;
      return found;
    }
  }
  return found;
}

}  // namespace duban
