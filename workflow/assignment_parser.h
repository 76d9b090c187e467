// Assignment parsing: turns the words that assign a task ("省发改委、省经信委牵头，省财政厅
// 等部门参加", "由省劳动保障厅负责完成", "牵头责任单位:省发展改革委", "▲发改局,各部门") into
// agencies by role, then applies the document's conventions (ResolveRoles).
//
// Role words: 牵头 and 牵头负责 → lead; 参加 参与 配合 协同 协助 协办 → participants;
// 负责 → responsible; 会同 → the units before it lead and the units after it (up to the
// next role word) participate. A sentence 列第一位者为牵头单位 (any sentence naming 第一 and
// 牵头) declares the first-listed rule. Labels (牵头责任单位: 协同责任单位: 责任单位: …) give
// the role of the list that follows; 牵头负责领导: and other 领导 labels name persons
// (Task::officials), never agencies.
//
// Input is text folded by FoldForMatch. Pure functions; thread-safe.
#ifndef DUBAN_WORKFLOW_ASSIGNMENT_PARSER_H_
#define DUBAN_WORKFLOW_ASSIGNMENT_PARSER_H_

#include <string>
#include <string_view>
#include <vector>

namespace duban {

// Agencies as the words name them, before conventions.
struct RawAssignment {
  std::vector<std::string> lead;
  std::vector<std::string> participants;
  std::vector<std::string> responsible;
  std::vector<std::string> officials;  // persons
  // `responsible` came from a plain list (X、Y负责, 责任单位:, a table cell without ▲), so a
  // declared first-listed rule may turn its first unit into the lead.
  bool plain_responsible = false;
  bool declares_first_listed = false;  // 列第一位者为牵头单位 was said here
  bool by_convention = false;  // a layout convention, not an explicit mark, gave the roles
  std::vector<std::string> problems;  // empty roles, unsplittable lists: each a doubt

  bool has_units() const { return !lead.empty() || !participants.empty() || !responsible.empty(); }
};

// True if `folded` contains a role word (see the file comment).
bool ContainsRoleWord(std::string_view folded);

// Parses role clauses: "A、B牵头,C、D等部门和E参加", "A负责。列第一位者为牵头单位,下同",
// "由A牵头,B配合", "A会同B负责", "A牵头负责", also "牵头单位:A;配合单位:B". Sentences are
// split on 。 and ;. A role word with no unit before it is reported as a problem, as are
// agency-like names after the last role word (their role is unknown).
RawAssignment ParseRoleClauses(std::string_view folded);

enum class LabelKind { kLead, kParticipant, kResponsible, kOfficial };

struct RoleLabel {
  LabelKind kind = LabelKind::kResponsible;
  size_t begin = 0;        // byte offset of the label word in the line
  std::string_view value;  // text after the colon up to the next label or the line end
};

// The role labels in `folded_line` ("责任单位:", "牵头负责领导:" …), each followed by a colon
// and starting the line or following 。 ; , ) or a blank, in order. Empty if none.
std::vector<RoleLabel> FindRoleLabels(std::string_view folded_line);

// Adds the units (or persons) of `label` to `out`. If `cut_at_end`, the source ends inside
// this value, so its last unit may be incomplete: it is dropped and reported as a problem.
void AddRoleLabel(const RoleLabel& label, bool cut_at_end, RawAssignment* out);

// A table cell of units: ▲-marked units lead and the others participate; with no ▲ every
// unit is responsible (by_convention). `cut_at_end` as for AddRoleLabel; an unclosed
// bracket at the end also drops the last unit.
RawAssignment ParseUnitCell(std::string_view folded, bool cut_at_end);

struct ResolvedRoles {
  std::vector<std::string> lead;
  std::vector<std::string> participants;
  std::vector<std::string> responsible;
  bool by_convention = false;  // the reading is probable rather than certain
};

// Applies conventions to a plain responsible list with no explicit lead:
//  - "A负责，B配合": A leads (probable);
//  - under the first-listed rule, the first of two or more units leads and the rest
//    participate, unless the first is a collective unit (各省级人民政府, 各有关部门和单位):
//    a collective cannot report as one lead, so such a list stays responsible (probable);
//  - a single responsible unit stays responsible; it is equivalent to lead (probable).
// Explicit marks (牵头, ▲, 会同, a lead label) are never overridden.
ResolvedRoles ResolveRoles(const RawAssignment& raw, bool first_listed_leads);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_ASSIGNMENT_PARSER_H_
