// Assignment finding: where, in the lines of one numbered paragraph, the words that assign
// the task are, and which lines belong to the task.
//
// Tried on each line in order; the first line that carries an assignment ends the task
// (later lines up to the next number are closing matter, such as 国务院 / a date):
//  1. role labels (责任单位: 牵头责任单位: 协同责任单位: 牵头负责领导: …), on the task's own
//     line after its text or on the lines after it; consecutive label lines are read
//     together;
//  2. the last bracket group at the end of the line, if it holds a role word: parentheses
//     inside the text (工业强县(市、区)) and a trailing bracket without a role word
//     ("(10月20日前完成)") are not assignments;
//  3. a closing sentence "由X牵头，Y配合。" / "由X负责完成。"; without 由, only if every unit
//     looks like an agency name ("省发改委牵头，省财政厅配合。"). A 由…牵头 inside a sentence
//     (建立由农业农村部牵头的…机制) is not one, because the sentence must end with the role word.
// For a table row (a bare row number, one cell per line), the first cell after the task
// text that is a list of units (▲ marks, or every item an agency name) is the assignment.
//
// Input is folded text (FoldForMatch). Pure functions; thread-safe.
#ifndef DUBAN_WORKFLOW_ASSIGNMENT_FINDER_H_
#define DUBAN_WORKFLOW_ASSIGNMENT_FINDER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflow/assignment_parser.h"

namespace duban {

enum class AssignmentForm { kNone, kLabels, kBracket, kSentence, kTableCell };

struct FoundAssignment {
  AssignmentForm form = AssignmentForm::kNone;
  RawAssignment raw;     // officials may be set even when form is kNone
  std::string words;     // the assignment words, folded ("" if none)
  size_t last_line = 0;  // index of the task's last line in the paragraph
};

// `lines`: the folded lines of one numbered paragraph; lines[0] is the text after the
// number. `table_row`: the paragraph opened with a bare row number. `cut_at_end`: the
// document ends inside the paragraph's last line, so a list there may be incomplete.
// With no assignment, form is kNone and last_line is the paragraph's last line.
FoundAssignment FindAssignment(const std::vector<std::string>& lines, bool table_row,
                               bool cut_at_end);

// The content of the trailing bracket group of `line` if it holds a role word.
std::optional<std::string_view> TrailingBracketAssignment(std::string_view line);

// The closing assignment sentence of `line` (see rule 3), without its final 。.
std::optional<std::string_view> TrailingSentenceAssignment(std::string_view line);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_ASSIGNMENT_FINDER_H_
