#include "workflow/plan_text_importer.h"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "workflow/assignment_finder.h"
#include "workflow/assignment_parser.h"
#include "workflow/task_numbering.h"
#include "workflow/text_normalize.h"

// How a plan is read (see the header for the layouts):
//  1. Lines are trimmed; blank lines dropped. A line opening with a number label starts a
//     numbered paragraph ("item"); other lines continue the current item, or belong to the
//     preamble before the first item (where the title is looked for).
//  2. Each item is searched for its assignment (assignment_finder.h).
//  3. The task level is the numbering level with the most assigned items (ties go to the
//     deeper level): in one plan 一、 are headings and 1. are tasks, in another （三） are
//     tasks under 一、 headings. The deepest level above it holds the sections; levels
//     above that close the current section; levels between are sub-headings; deeper items
//     are sub-points of the current task.
//  4. At the task level, items before the first assigned item are preamble (指导思想,
//     发展目标): they are reported as notes, not tasks. Every later item is a task; one with
//     no assignment is kept and marked doubtful. Numbers are checked for gaps and repeats.
//  5. If the text ends inside the last task (an unclosed bracket, or no closing
//     punctuation outside tables), the task is marked truncated and a list cut at the end
//     loses its last, possibly partial, unit.

namespace duban {
namespace {

struct SourceLine {
  std::string_view text;  // trimmed original
  int number = 0;         // 1-based
};

struct Item {
  NumberLabel label;
  int level = 0;
  std::vector<SourceLine> lines;  // lines[0].text is the text after the label
  FoundAssignment assignment;
  bool table_row = false;       // cells on separate lines: a bare row number or tabs
  bool assigned_below = false;  // no assignment itself, but a deeper sub-point has one
  bool truncated = false;

  bool assigned() const { return assignment.form != AssignmentForm::kNone || assigned_below; }
};

constexpr int kMaxBareRowGap = 5;  // a bare number further ahead is data, not a row number

constexpr std::array<std::string_view, 14> kTitleEndings{
    "方案", "意见", "通知", "清单", "计划", "要点", "办法", "决定", "规划", "分解",
    "安排", "任务", "责任书", "分工"};

bool IsClosingPunctuation(char32_t cp) {
  return cp == U'。' || cp == '.' || cp == ';' || cp == '!' || cp == '?' || cp == ')' ||
         cp == U'〕' || cp == U'】' || cp == U'”' || cp == '"' || cp == U'」' || cp == U'』' ||
         cp == U'》';
}

bool HasUnclosedBracket(std::string_view folded) {
  int depth = 0;
  for (size_t pos = 0; pos < folded.size();) {
    size_t length = 0;
    char32_t cp = DecodeUtf8(folded, pos, &length);
    if (cp == '(' || cp == U'〔' || cp == U'【') ++depth;
    if ((cp == ')' || cp == U'〕' || cp == U'】') && depth > 0) --depth;
    pos += length;
  }
  return depth > 0;
}

bool EndsClosed(std::string_view folded_line) {
  size_t length = 0;
  return IsClosingPunctuation(LastCodePoint(folded_line, &length));
}

bool IsLabelLine(std::string_view folded_line) {
  if (folded_line.find(':') == std::string_view::npos) return false;  // cheap test first
  std::vector<RoleLabel> labels = FindRoleLabels(folded_line);
  return !labels.empty() && labels.front().begin == 0;
}

// How the document ends its label lines (责任单位:…), to judge its last one.
struct LabelHabit {
  int lines = 0;
  int closed = 0;  // ending with 。 or the like
};

// The document's last line looks cut off: always with an unclosed bracket. Otherwise by
// missing closing punctuation, except in table cells (cells carry none) and in label
// lines of a document whose label lines mostly carry none either.
bool LooksCutOff(std::string_view folded_last_line, bool table_row, const LabelHabit& habit) {
  if (HasUnclosedBracket(folded_last_line)) return true;
  if (table_row || EndsClosed(folded_last_line)) return false;
  if (IsLabelLine(folded_last_line)) return habit.closed * 2 > habit.lines;
  return true;
}

std::string FindTitle(const std::vector<SourceLine>& preamble) {
  for (size_t i = 0; i < preamble.size(); ++i) {
    std::string_view line = preamble[i].text;
    if (CountCodePoints(line) > 80) continue;
    bool is_title = false;
    for (std::string_view ending : kTitleEndings) is_title = is_title || EndsWith(line, ending);
    if (!is_title) continue;
    // A title broken over two lines: "国务院关于加快推进…和" / "…的指导意见".
    if (i > 0 && line.find("关于") == std::string_view::npos) {
      std::string_view previous = preamble[i - 1].text;
      size_t length = 0;
      char32_t last = FoldWidth(LastCodePoint(previous, &length));
      if (previous.find("关于") != std::string_view::npos && !IsClosingPunctuation(last) &&
          last != ',' && last != ':' && CountCodePoints(previous) <= 60) {
        return std::string(previous) + std::string(line);
      }
    }
    return std::string(line);
  }
  return "";
}

class TextPlanReader {
 public:
  explicit TextPlanReader(const PlanImportOptions& options) : options_(options) {}

  ImportResult Read(std::string_view text) {
    result_.plan.source = options_.source_name;
    text = StripBom(text);
    size_t bad = FindInvalidUtf8(text);
    if (bad != std::string_view::npos) {
      int line = 1;
      for (size_t i = 0; i < bad; ++i) line += text[i] == '\n';
      AddIssue(ImportIssue::Severity::kError, line, "",
               "invalid UTF-8 at byte " + std::to_string(bad) +
                   "; the plan must be UTF-8 text, nothing was imported");
      return std::move(result_);
    }
    SplitIntoItems(text);
    result_.plan.title = FindTitle(preamble_);
    FindAssignments();
    ChooseLevels();
    Assemble();
    AssignRefs();
    ReportDoubts();
    return std::move(result_);
  }

 private:
  void AddIssue(ImportIssue::Severity severity, int line, std::string ref, std::string message) {
    result_.issues.push_back({severity, line, std::move(ref), std::move(message)});
  }

  // Step 1.
  void SplitIntoItems(std::string_view text) {
    int number = 0;
    int last_bare = 0;
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = TrimBlank(text.substr(start, end - start));
      ++number;
      start = end + 1;
      if (line.empty()) continue;
      std::optional<NumberLabel> label = ParseNumberLabel(line);
      bool numbered = label.has_value();
      if (numbered && label->style == NumberStyle::kArabicBare) {
        // A lone number is a table row number only in a run (1, 2, 3 …), not a lone datum.
        int gap = label->value - last_bare;
        bool in_run = label->value == 1 || (last_bare > 0 && gap >= 0 && gap <= kMaxBareRowGap);
        if (in_run) {
          last_bare = label->value;
        } else {
          numbered = false;
        }
      }
      if (numbered) {
        Item item;
        item.label = std::move(*label);
        item.level = NumberingLevel(item.label.style);
        item.table_row = item.label.style == NumberStyle::kArabicBare;
        std::string_view rest = item.label.rest;
        items_.push_back(std::move(item));
        AddCells(rest, number, &items_.back());
      } else if (items_.empty()) {
        preamble_.push_back({line, number});
      } else {
        AddCells(line, number, &items_.back());
      }
    }
  }

  // A row copied from a spreadsheet keeps its cells apart with tabs ("1\t任务\t▲发改局"):
  // each cell becomes a line of the item, as in a table flattened one cell per line.
  static void AddCells(std::string_view line, int number, Item* item) {
    if (line.find('\t') == std::string_view::npos) {
      item->lines.push_back({line, number});
      return;
    }
    bool first = true;
    size_t start = 0;
    while (start <= line.size()) {
      size_t end = std::min(line.find('\t', start), line.size());
      std::string_view cell = TrimBlank(line.substr(start, end - start));
      start = end + 1;
      if (cell.empty() && !first) continue;
      item->lines.push_back({cell, number});
      first = false;
    }
    item->table_row = item->table_row || item->lines.size() > 1;
  }

  // Step 2.
  void FindAssignments() {
    std::vector<std::string> folded;
    LabelHabit habit;
    for (size_t index = 0; index < items_.size(); ++index) {
      Item& item = items_[index];
      folded.clear();
      for (const SourceLine& line : item.lines) folded.push_back(FoldForMatch(line.text));
      bool table_row = item.table_row;
      bool last_item = index + 1 == items_.size();
      bool cut = last_item && LooksCutOff(folded.back(), table_row, habit);
      for (size_t i = 0; !last_item && i < folded.size(); ++i) {
        if (!IsLabelLine(folded[i])) continue;
        ++habit.lines;
        habit.closed += EndsClosed(folded[i]);
      }
      item.assignment = FindAssignment(folded, table_row, cut);
      // Truncated if the cut falls inside the task: on its assignment's line or before
      // the assignment was reached (a table row whose unit cell never came also counts).
      bool reached_end = item.assignment.form == AssignmentForm::kNone ||
                         item.assignment.last_line + 1 == item.lines.size();
      item.truncated = cut && reached_end;
      if (last_item && table_row && item.assignment.form == AssignmentForm::kNone) {
        item.truncated = true;
      }
    }
    // "1.任务：" whose assignment closes its last sub-point "(2)…(省A厅负责)" is assigned too.
    for (size_t index = 0; index < items_.size(); ++index) {
      Item& item = items_[index];
      if (item.assignment.form != AssignmentForm::kNone) continue;
      for (size_t next = index + 1; next < items_.size() && items_[next].level > item.level;
           ++next) {
        if (items_[next].assignment.form != AssignmentForm::kNone) {
          item.assigned_below = true;
          break;
        }
      }
    }
  }

  // Step 3.
  void ChooseLevels() {
    std::array<int, kNumberingLevels> count{};
    std::array<int, kNumberingLevels> assigned{};
    for (const Item& item : items_) {
      ++count[item.level];
      if (item.assigned()) ++assigned[item.level];
    }
    task_level_ = -1;
    for (int level = 0; level < kNumberingLevels; ++level) {
      if (assigned[level] > 0 && (task_level_ < 0 || assigned[level] >= assigned[task_level_])) {
        task_level_ = level;
      }
    }
    if (task_level_ < 0) {
      // Nothing is assigned anywhere: the deepest numbered level is the likeliest task
      // list, and every task will be doubtful.
      for (int level = 0; level < kNumberingLevels; ++level) {
        if (count[level] > 0) task_level_ = level;
      }
    }
    section_level_ = -1;
    for (int level = 0; level < task_level_; ++level) {
      if (count[level] > 0) section_level_ = level;
    }
  }

  // Step 4.
  void Assemble() {
    Plan& plan = result_.plan;
    bool seen_assigned = false;
    bool first_listed = options_.first_listed_leads;
    int section = -1;  // index into plan.sections; an index, as the vector grows
    size_t task_section_index = 0;  // sections.size() when the previous task-level item came
    int previous_number = 0;
    Task* task = nullptr;
    for (Item& item : items_) {
      if (item.level < task_level_) {
        task = nullptr;
        if (item.level == section_level_) {
          plan.sections.push_back(
              {item.label.numeral, item.label.label, std::string(item.lines[0].text)});
          section = static_cast<int>(plan.sections.size()) - 1;
        } else if (item.level < section_level_) {
          section = -1;  // e.g. 三、 after tasks under (二): out of that section
        }
        continue;
      }
      if (item.level > task_level_) {
        if (task) AttachSubItem(item, first_listed, task);
        continue;
      }
      const FoundAssignment& found = item.assignment;
      bool assigned = found.form != AssignmentForm::kNone;
      if (!item.assigned() && !seen_assigned && !item.truncated) {
        AddIssue(ImportIssue::Severity::kNote, item.lines[0].number, "",
                 "numbered item " + item.label.label +
                     " comes before the first assigned task and names no agencies; read as "
                     "preamble, not as a task");
        previous_number = item.label.value;
        task_section_index = plan.sections.size();
        task = nullptr;
        continue;
      }
      seen_assigned = seen_assigned || item.assigned();
      if (found.raw.declares_first_listed) first_listed = true;

      plan.tasks.emplace_back();
      task = &plan.tasks.back();
      task->number = item.label.value;
      task->label = item.label.label;
      task->section = section >= 0 ? plan.sections[section].number : "";
      task->line = item.lines[0].number;
      task->assignment = found.words;
      task->truncated = item.truncated;
      size_t last = item.truncated ? item.lines.size() - 1 : found.last_line;
      for (size_t i = 0; i <= last && i < item.lines.size(); ++i) {
        if (item.lines[i].text.empty()) continue;  // a bare row number has no text after it
        if (!task->text.empty()) task->text += '\n';
        task->text += item.lines[i].text;
      }
      task->officials = found.raw.officials;
      ResolvedRoles roles = ResolveRoles(found.raw, first_listed);
      task->lead = std::move(roles.lead);
      task->participants = std::move(roles.participants);
      task->responsible = std::move(roles.responsible);
      task->confidence = roles.by_convention ? Confidence::kProbable : Confidence::kCertain;
      if (!assigned) {
        task->doubts.push_back(
            "no assignment found: no trailing bracket with 牵头/负责/参加, no 责任单位 label, "
            "no 由…负责 sentence");
      }
      for (const std::string& problem : found.raw.problems) task->doubts.push_back(problem);
      if (item.truncated) task->doubts.push_back("the text ends inside this task");
      CheckNumber(item, plan.sections.size() != task_section_index, previous_number, task);
      previous_number = item.label.value;
      task_section_index = plan.sections.size();
    }
    if (plan.tasks.empty()) {
      AddIssue(ImportIssue::Severity::kWarning, 0, "",
               "no numbered task with an assignment was found");
    }
  }

  // A numbered sub-point below the task level belongs to the current task's text; if the
  // task itself names no agencies, the sub-point's assignment is the task's.
  void AttachSubItem(const Item& item, bool first_listed, Task* task) {
    task->text += '\n';
    task->text += item.label.label;
    for (size_t i = 0; i < item.lines.size(); ++i) {
      if (i > 0) task->text += '\n';
      task->text += item.lines[i].text;
    }
    const FoundAssignment& found = item.assignment;
    if (!task->assignment.empty() || found.form == AssignmentForm::kNone) return;
    task->assignment = found.words;
    ResolvedRoles roles = ResolveRoles(found.raw, first_listed);
    task->lead = std::move(roles.lead);
    task->participants = std::move(roles.participants);
    task->responsible = std::move(roles.responsible);
    task->confidence = roles.by_convention ? Confidence::kProbable : Confidence::kCertain;
    // The "no assignment" doubt no longer holds; other doubts (numbering) stay.
    std::erase_if(task->doubts, [](const std::string& doubt) {
      return doubt.rfind("no assignment found", 0) == 0;
    });
    for (const std::string& problem : found.raw.problems) task->doubts.push_back(problem);
  }

  void CheckNumber(const Item& item, bool new_section, int previous, Task* task) {
    int value = item.label.value;
    if (previous == 0) return;
    if (new_section && value == 1) return;  // numbering restarts per section
    if (value == previous) {
      task->doubts.push_back("number " + item.label.label + " repeats the previous number");
    } else if (value > previous + 1) {
      task->doubts.push_back("number " + std::to_string(value) + " follows " +
                             std::to_string(previous) + "; " +
                             (value == previous + 2 ? std::to_string(previous + 1) + " is"
                                                    : std::to_string(previous + 1) + " to " +
                                                          std::to_string(value - 1) + " are") +
                             " missing");
    } else if (value < previous) {
      task->doubts.push_back("number " + std::to_string(value) + " goes back after " +
                             std::to_string(previous));
    }
  }

  void AssignRefs() {
    std::vector<Task>& tasks = result_.plan.tasks;
    std::unordered_set<int> numbers;
    bool unique = true;
    for (const Task& task : tasks) unique = unique && numbers.insert(task.number).second;
    std::unordered_map<std::string, int> used;
    for (Task& task : tasks) {
      std::string ref = std::to_string(task.number);
      if (!unique && !task.section.empty()) ref = task.section + "." + ref;
      int seen = ++used[ref];
      // A number repeated within one section (already a doubt) still needs a unique key.
      task.ref = seen == 1 ? ref : ref + "-" + std::to_string(seen);
      // A repeated section label ("（二）" twice, numbering restarting in each) repeats
      // refs without any numbering doubt; the suffixed ref is no task number the CSV form
      // accepts, so a person must look (found by fuzz_plan_text).
      if (seen > 1 && task.doubts.empty()) {
        task.doubts.push_back("ref " + ref + " is used by an earlier task (a repeated section?); "
                              "kept as " + task.ref);
      }
    }
  }

  void ReportDoubts() {
    for (Task& task : result_.plan.tasks) {
      AddRoleOverlaps(&task);
      if (task.doubts.empty()) continue;
      task.confidence = Confidence::kDoubtful;
      for (const std::string& doubt : task.doubts) {
        AddIssue(ImportIssue::Severity::kDoubt, task.line, task.ref,
                 "task " + task.label + ": " + doubt);
      }
    }
  }

  // One agency in two roles is a doubt (FindRoleOverlaps).
  static void AddRoleOverlaps(Task* task) {
    for (const RoleOverlap& overlap : FindRoleOverlaps(*task)) {
      task->doubts.push_back(overlap.name + " is both " + std::string(RoleName(overlap.first)) +
                             " and " + std::string(RoleName(overlap.second)) +
                             "; keep it in one role");
    }
  }

  const PlanImportOptions& options_;
  ImportResult result_;
  std::vector<SourceLine> preamble_;
  std::vector<Item> items_;
  int task_level_ = -1;
  int section_level_ = -1;
};

}  // namespace

ImportResult ImportPlanText(std::string_view text, const PlanImportOptions& options) {
  return TextPlanReader(options).Read(text);
}

}  // namespace duban
