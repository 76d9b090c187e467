#include "workflow/assignment_parser.h"

#include <array>
#include <utility>

#include "workflow/agency.h"
#include "workflow/text_normalize.h"
#include "workflow/unit_list.h"

namespace duban {
namespace {

enum class KeywordKind { kLead, kJointly, kParticipant, kResponsible };

struct Keyword {
  std::string_view word;
  KeywordKind kind;
};

// Longest first where one word starts another (牵头负责 before 牵头).
// 协办 is a label word only: as a clause word it would cut names such as 省经协办.
constexpr std::array<Keyword, 9> kKeywords{{
    {"牵头负责", KeywordKind::kLead},
    {"牵头", KeywordKind::kLead},
    {"会同", KeywordKind::kJointly},
    {"参加", KeywordKind::kParticipant},
    {"参与", KeywordKind::kParticipant},
    {"配合", KeywordKind::kParticipant},
    {"协同", KeywordKind::kParticipant},
    {"协助", KeywordKind::kParticipant},
    {"负责", KeywordKind::kResponsible},
}};

// First characters of kKeywords: most characters are rejected by this test alone.
bool MayStartKeyword(char32_t cp) {
  return cp == U'牵' || cp == U'会' || cp == U'参' || cp == U'配' || cp == U'协' || cp == U'负';
}

// A role word followed by one of these is part of a name (省协同办, 参加会) and not a role.
bool ContinuesAName(std::string_view after) {
  if (after.empty()) return false;
  size_t length = 0;
  char32_t next = DecodeUtf8(after, 0, &length);
  for (char32_t cp : {U'办', U'局', U'厅', U'委', U'会', U'处', U'室', U'院', U'中', U'所',
                      U'站', U'组', U'人'}) {
    if (next == cp) return true;
  }
  return false;
}

// Words that may follow a role word without naming anything: 负责完成, 牵头单位.
constexpr std::array<std::string_view, 8> kAfterKeyword{
    "完成", "落实", "实施", "推进", "办理", "单位", "部门", "工作"};

struct LabelWord {
  std::string_view word;
  LabelKind kind;
};

// Longest first among words sharing an ending (牵头责任单位 before 责任单位).
constexpr std::array<LabelWord, 30> kLabelWords{{
    {"牵头负责领导", LabelKind::kOfficial},
    {"牵头市领导", LabelKind::kOfficial},
    {"牵头省领导", LabelKind::kOfficial},
    {"牵头领导", LabelKind::kOfficial},
    {"责任领导", LabelKind::kOfficial},
    {"分管领导", LabelKind::kOfficial},
    {"负责领导", LabelKind::kOfficial},
    {"联系领导", LabelKind::kOfficial},
    {"责任人", LabelKind::kOfficial},
    {"牵头责任单位", LabelKind::kLead},
    {"牵头责任部门", LabelKind::kLead},
    {"牵头落实单位", LabelKind::kLead},
    {"主要责任单位", LabelKind::kLead},
    {"牵头单位", LabelKind::kLead},
    {"牵头部门", LabelKind::kLead},
    {"主办单位", LabelKind::kLead},
    {"主责单位", LabelKind::kLead},
    {"协同责任单位", LabelKind::kParticipant},
    {"配合责任单位", LabelKind::kParticipant},
    {"协同单位", LabelKind::kParticipant},
    {"配合单位", LabelKind::kParticipant},
    {"参加单位", LabelKind::kParticipant},
    {"参与单位", LabelKind::kParticipant},
    {"协办单位", LabelKind::kParticipant},
    {"协助单位", LabelKind::kParticipant},
    {"配合部门", LabelKind::kParticipant},
    {"责任单位", LabelKind::kResponsible},
    {"责任部门", LabelKind::kResponsible},
    {"负责单位", LabelKind::kResponsible},
    {"承办单位", LabelKind::kResponsible},
}};

std::string_view KeywordRoleName(KeywordKind kind) {
  switch (kind) {
    case KeywordKind::kLead: return "lead";
    case KeywordKind::kJointly: return "lead (会同)";
    case KeywordKind::kParticipant: return "participant";
    case KeywordKind::kResponsible: return "responsible";
  }
  return "responsible";
}

std::string_view LabelRoleName(LabelKind kind) {
  switch (kind) {
    case LabelKind::kLead: return "lead";
    case LabelKind::kParticipant: return "participant";
    case LabelKind::kResponsible: return "responsible";
    case LabelKind::kOfficial: return "official";
  }
  return "responsible";
}

void Append(std::vector<std::string>* to, const UnitList& from) {
  for (const ListedUnit& unit : from.units) to->push_back(unit.name);
}

void AppendProblems(RawAssignment* out, const UnitList& list) {
  for (const std::string& problem : list.problems) out->problems.push_back(problem);
}

bool DeclaresFirstListedRule(std::string_view sentence) {
  return sentence.find("牵头") != std::string_view::npos &&
         (sentence.find("第一") != std::string_view::npos ||
          sentence.find("首位") != std::string_view::npos);
}

std::string_view SkipAfterKeyword(std::string_view rest) {
  bool skipped = true;
  while (skipped) {
    skipped = false;
    for (std::string_view word : kAfterKeyword) {
      if (StartsWith(rest, word)) {
        rest.remove_prefix(word.size());
        skipped = true;
      }
    }
  }
  while (!rest.empty()) {
    size_t length = 0;
    char32_t cp = DecodeUtf8(rest, 0, &length);
    if (cp != ',' && cp != U'、' && cp != ';' && !IsBlank(cp)) break;
    rest.remove_prefix(length);
  }
  return rest;
}

// Role clauses of one sentence (no 。 or ; inside).
void ParseClauses(std::string_view sentence, RawAssignment* out) {
  size_t segment_start = 0;
  bool after_jointly = false;
  size_t pos = 0;
  while (pos < sentence.size()) {
    size_t cp_length = 0;
    char32_t cp = DecodeUtf8(sentence, pos, &cp_length);
    if (!MayStartKeyword(cp)) {
      pos += cp_length;
      continue;
    }
    const Keyword* found = nullptr;
    for (const Keyword& keyword : kKeywords) {
      if (sentence.compare(pos, keyword.word.size(), keyword.word) == 0) {
        found = &keyword;
        break;
      }
    }
    // 负责人 is a person (由政府负责人牵头), 协同办 an office: not role words.
    if (found && found->kind != KeywordKind::kJointly &&
        ContinuesAName(sentence.substr(pos + found->word.size()))) {
      found = nullptr;
    }
    if (!found) {
      pos += cp_length;
      continue;
    }
    UnitList units = SplitUnitList(sentence.substr(segment_start, pos - segment_start));
    AppendProblems(out, units);
    if (after_jointly) {
      // A会同B负责: the units between 会同 and the next role word participate.
      Append(&out->participants, units);
      after_jointly = false;
    } else {
      if (units.units.empty()) {
        out->problems.push_back("no unit named before '" + std::string(found->word) + "' (" +
                                std::string(KeywordRoleName(found->kind)) + " role is empty)");
      }
      switch (found->kind) {
        case KeywordKind::kLead: Append(&out->lead, units); break;
        case KeywordKind::kJointly:
          Append(&out->lead, units);
          after_jointly = true;
          break;
        case KeywordKind::kParticipant: Append(&out->participants, units); break;
        case KeywordKind::kResponsible:
          Append(&out->responsible, units);
          out->plain_responsible = true;
          break;
      }
    }
    std::string_view rest = SkipAfterKeyword(sentence.substr(pos + found->word.size()));
    pos = sentence.size() - rest.size();
    segment_start = pos;
  }
  std::string_view leftover = TrimBlank(sentence.substr(segment_start));
  if (after_jointly) {
    UnitList units = SplitUnitList(leftover);
    Append(&out->participants, units);
    return;
  }
  if (leftover.empty()) return;
  // Names after the last role word have no role ("A牵头，B"); other words (a deadline,
  // "下同") are not names and are ignored.
  UnitList units = SplitUnitList(leftover);
  bool all_agencies = !units.units.empty();
  for (const ListedUnit& unit : units.units) {
    all_agencies = all_agencies && LooksLikeUnitName(unit.name) &&
                   (EndsLikeAgency(unit.name) || IsCollectiveUnit(unit.name));
  }
  if (all_agencies) {
    out->problems.push_back("'" + std::string(leftover) + "' follows the last role word; its role is unknown");
  }
}

}  // namespace

bool ContainsRoleWord(std::string_view folded) {
  for (const Keyword& keyword : kKeywords) {
    if (folded.find(keyword.word) != std::string_view::npos) return true;
  }
  return false;
}

RawAssignment ParseRoleClauses(std::string_view folded) {
  RawAssignment out;
  size_t start = 0;
  while (start <= folded.size()) {
    size_t end = folded.size();
    for (std::string_view stop : {"。", ";"}) {
      size_t found = folded.find(stop, start);
      if (found != std::string_view::npos && found < end) end = found;
    }
    std::string_view sentence = TrimBlank(folded.substr(start, end - start));
    start = end + (end < folded.size() ? (folded.compare(end, 1, ";") == 0 ? 1 : 3) : 1);
    if (sentence.empty()) continue;
    if (DeclaresFirstListedRule(sentence)) {
      out.declares_first_listed = true;
      continue;
    }
    std::vector<RoleLabel> labels = FindRoleLabels(sentence);
    if (!labels.empty() && labels.front().begin == 0) {
      for (const RoleLabel& label : labels) AddRoleLabel(label, false, &out);
      continue;
    }
    ParseClauses(sentence, &out);
  }
  return out;
}

std::vector<RoleLabel> FindRoleLabels(std::string_view folded_line) {
  std::vector<RoleLabel> labels;
  size_t colon = folded_line.find(':');
  while (colon != std::string_view::npos) {
    std::string_view before = TrimBlank(folded_line.substr(0, colon));
    for (const LabelWord& word : kLabelWords) {
      if (!EndsWith(before, word.word)) continue;
      size_t begin = before.size() - word.word.size();
      std::string_view prefix = TrimBlank(folded_line.substr(0, begin));
      bool at_boundary = begin == 0 || prefix.size() < begin;  // start, or after a blank
      if (!at_boundary) {
        size_t length = 0;
        char32_t previous = LastCodePoint(prefix, &length);
        at_boundary = previous == U'。' || previous == ';' || previous == ',' ||
                      previous == ')' || previous == U'、';
      }
      if (at_boundary) labels.push_back({word.kind, begin, folded_line.substr(colon + 1)});
      break;
    }
    colon = folded_line.find(':', colon + 1);
  }
  for (size_t i = 0; i + 1 < labels.size(); ++i) {
    const char* value_begin = labels[i].value.data();
    size_t value_end = labels[i + 1].begin;
    size_t offset = static_cast<size_t>(value_begin - folded_line.data());
    labels[i].value = folded_line.substr(offset, value_end - offset);
  }
  return labels;
}

void AddRoleLabel(const RoleLabel& label, bool cut_at_end, RawAssignment* out) {
  UnitList units = SplitUnitList(label.value);
  if ((cut_at_end || units.open_at_end) && !units.units.empty()) {
    out->problems.push_back("the text ends inside the " + std::string(LabelRoleName(label.kind)) +
                            " list; '" + units.units.back().name + "' may be cut off and is not recorded");
    units.units.pop_back();
  }
  if (units.units.empty()) {
    if (!cut_at_end) {
      out->problems.push_back("the " + std::string(LabelRoleName(label.kind)) + " label names no one");
    }
    return;
  }
  AppendProblems(out, units);
  switch (label.kind) {
    case LabelKind::kLead: Append(&out->lead, units); break;
    case LabelKind::kParticipant: Append(&out->participants, units); break;
    case LabelKind::kResponsible:
      Append(&out->responsible, units);
      out->plain_responsible = true;
      break;
    case LabelKind::kOfficial: Append(&out->officials, units); break;
  }
}

RawAssignment ParseUnitCell(std::string_view folded, bool cut_at_end) {
  RawAssignment out;
  UnitList units = SplitUnitList(folded);
  if ((cut_at_end || units.open_at_end) && !units.units.empty()) {
    out.problems.push_back("the text ends inside the unit list; '" + units.units.back().name +
                           "' is cut off and not recorded");
    units.units.pop_back();
  }
  AppendProblems(&out, units);
  bool any_marked = false;
  for (const ListedUnit& unit : units.units) any_marked = any_marked || unit.marked;
  for (const ListedUnit& unit : units.units) {
    if (!any_marked) {
      out.responsible.push_back(unit.name);
    } else {
      (unit.marked ? out.lead : out.participants).push_back(unit.name);
    }
  }
  if (!any_marked) {
    out.plain_responsible = true;
    out.by_convention = true;
  }
  return out;
}

ResolvedRoles ResolveRoles(const RawAssignment& raw, bool first_listed_leads) {
  ResolvedRoles roles{raw.lead, raw.participants, raw.responsible, raw.by_convention};
  if (roles.responsible.empty() || !raw.plain_responsible || !roles.lead.empty()) return roles;
  if (!roles.participants.empty()) {
    roles.lead = std::move(roles.responsible);
    roles.responsible.clear();
    roles.by_convention = true;
  } else if (first_listed_leads && roles.responsible.size() >= 2 &&
             !IsCollectiveUnit(roles.responsible.front())) {
    roles.lead.push_back(roles.responsible.front());
    roles.participants.assign(roles.responsible.begin() + 1, roles.responsible.end());
    roles.responsible.clear();
    roles.by_convention = true;
  } else if (roles.responsible.size() == 1 || first_listed_leads) {
    roles.by_convention = true;
  }
  return roles;
}

}  // namespace duban
