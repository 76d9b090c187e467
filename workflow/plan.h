// The plan model: a division-of-labour plan (分工方案) as numbered tasks in sections, each
// task with its agencies by role. Plain values; produced by the importers, kept by the
// store, compared by DiffPlans. No I/O.
#ifndef DUBAN_WORKFLOW_PLAN_H_
#define DUBAN_WORKFLOW_PLAN_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duban {

// How an agency stands to a task.
enum class Role {
  kLead,         // 牵头: owns the task and reports on it
  kParticipant,  // 参加/配合/协同: contributes, feeds the lead
  kResponsible,  // 负责: sole or joint owner where the document names no lead
};

// "lead", "participant", "responsible": the names used in config, CSV and on the wire.
std::string_view RoleName(Role role);
// "牵头", "参加", "负责": the names used in Chinese notices and tables.
std::string_view RoleNameZh(Role role);
// Accepts the English names (also "participants") and 牵头/参加/配合/负责; nullopt otherwise.
std::optional<Role> ParseRole(std::string_view name);

// How sure the importer is of a task's reading.
enum class Confidence {
  kCertain,   // explicit marks (牵头, 参加, ▲, labels) decided every role
  kProbable,  // a convention decided it (first-listed rule, a single named unit)
  kDoubtful,  // the importer could not decide; Task::doubts says why
};
std::string_view ConfidenceName(Confidence confidence);  // "certain", "probable", "doubtful"

struct Section {
  std::string number;  // the numeral without brackets or punctuation: "一", "二"
  std::string label;   // as written: "一、", "(二)", "（三）"
  std::string title;   // heading text after the label: "加强规划指导"
};

struct Task {
  // Unique key of the task within its plan, used by `dubanctl task REF`: the decimal
  // number ("22") when numbers are unique across the plan, otherwise
  // "<section number>.<number>" ("二.3") when numbering restarts per section.
  std::string ref;
  int number = 0;       // value of the label: 22 for "22.", 3 for "（三）", 1 for "1﹒"
  std::string label;    // the number as written: "22.", "3", "（三）", "1﹒", "1、"
  std::string section;  // Section::number of the enclosing section; empty if none
  std::string text;     // the task's full text as in the document, assignment included
  std::string assignment;  // the words that assigned the units ("" if none found)
  // Agencies by role, in document order, after stripping 等/等部门 and splitting lists.
  std::vector<std::string> lead;
  std::vector<std::string> participants;
  std::vector<std::string> responsible;
  std::vector<std::string> officials;  // persons named (牵头负责领导): never agencies
  std::string due;                     // final due date "YYYY-MM-DD", or "" if not set
  int line = 0;                        // 1-based source line (or CSV row) where it starts
  Confidence confidence = Confidence::kCertain;
  std::vector<std::string> doubts;  // why the reading is doubtful; empty unless kDoubtful
  bool truncated = false;           // the source ends inside this task

  const std::vector<std::string>& agencies(Role role) const;
  std::vector<std::string>& agencies(Role role);
  // Every agency of the task once, leads first, then participants, then responsible.
  std::vector<std::string> AllAgencies() const;
};

// An agency a task names in two roles ("省发改委牵头，省发改委、省财政厅参加"): it would be
// reminded twice, with different due dates, and which role was meant is a person's call,
// so the importers make each a doubt, in their own words.
struct RoleOverlap {
  std::string name;  // as `rename` gave it
  Role first;        // the earlier role (lead before participant before responsible)
  Role second;
};
// Each name of a later role that an earlier role of `task` also has, comparing names as
// `rename` gives them (the canonical name, say); by (first, second, position in second).
// With no `rename`, names compare as written.
std::vector<RoleOverlap> FindRoleOverlaps(
    const Task& task, const std::function<std::string(const std::string&)>& rename = nullptr);

struct Plan {
  std::string title;   // document title, "" if none was recognised
  std::string source;  // file name or other origin, for messages
  std::vector<Section> sections;
  std::vector<Task> tasks;  // document order

  const Task* FindTask(std::string_view ref) const;  // nullptr if absent
};

// Something the importer wants a person to look at. Doubts make a task kDoubtful and block
// a real import unless accepted; warnings and notes never block.
struct ImportIssue {
  enum class Severity { kNote, kWarning, kDoubt, kError };
  Severity severity = Severity::kWarning;
  int line = 0;          // 1-based line (text) or row (CSV) in the source
  std::string task_ref;  // the task concerned, "" if none
  std::string message;   // English, names what was found: "no assignment in parentheses ..."
};
std::string_view SeverityName(ImportIssue::Severity severity);  // "note" ... "error"

struct ImportResult {
  Plan plan;
  std::vector<ImportIssue> issues;

  // True if any issue is a doubt or an error (a real import then needs explicit consent;
  // errors are never importable).
  bool has_doubts() const;
  bool has_errors() const;
};

}  // namespace duban

#endif  // DUBAN_WORKFLOW_PLAN_H_
