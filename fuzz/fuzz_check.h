// What the fuzz targets share: an invariant check that aborts with a message (libFuzzer
// then saves the input as crash-*), and the invariants every imported plan keeps.
#ifndef DUBAN_FUZZ_FUZZ_CHECK_H_
#define DUBAN_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "workflow/plan.h"
#include "workflow/text_normalize.h"

namespace duban::fuzz {

// Not assert(): it must stay on in every build type.
#define DUBAN_FUZZ_CHECK(condition, what)                                          \
  do {                                                                             \
    if (!(condition)) ::duban::fuzz::Fail(__FILE__, __LINE__, #condition, (what)); \
  } while (0)

[[noreturn]] inline void Fail(const char* file, int line, const char* condition,
                              std::string_view what) {
  std::fprintf(stderr, "%s:%d: invariant broken: %s: %.*s\n", file, line, condition,
               static_cast<int>(what.size()), what.data());
  std::abort();
}

inline bool IsUtf8(std::string_view text) { return FindInvalidUtf8(text) == std::string_view::npos; }

// Whatever the input: every task has a ref, unique in the plan, and a line; every string
// handed on is valid UTF-8 (so JSON and SQLite get only what they accept); a doubtful
// task says why; an issue's line is within the input.
inline void CheckPlan(const ImportResult& result, int line_count) {
  std::set<std::string, std::less<>> refs;
  for (const Task& task : result.plan.tasks) {
    DUBAN_FUZZ_CHECK(!task.ref.empty(), task.text);
    DUBAN_FUZZ_CHECK(refs.insert(task.ref).second, "duplicate ref " + task.ref);
    DUBAN_FUZZ_CHECK(task.line >= 1 && task.line <= line_count, task.ref);
    DUBAN_FUZZ_CHECK(IsUtf8(task.ref) && IsUtf8(task.text) && IsUtf8(task.section), task.ref);
    for (Role role : {Role::kLead, Role::kParticipant, Role::kResponsible}) {
      for (const std::string& agency : task.agencies(role)) {
        DUBAN_FUZZ_CHECK(!agency.empty() && IsUtf8(agency), "agency of task " + task.ref);
      }
    }
    DUBAN_FUZZ_CHECK((task.confidence == Confidence::kDoubtful) == !task.doubts.empty(),
                     "doubts of task " + task.ref);
  }
  for (const ImportIssue& issue : result.issues) {
    DUBAN_FUZZ_CHECK(issue.line >= 0 && issue.line <= line_count + 1, issue.message);
    DUBAN_FUZZ_CHECK(!issue.message.empty() && IsUtf8(issue.message), issue.task_ref);
  }
}

// Lines as an editor counts them: a last line without "\n" counts.
inline int LineCount(std::string_view text) {
  int lines = 1;
  for (char c : text) lines += c == '\n';
  return lines;
}

// Rows as workflow/csv_table.cpp counts them: "\r\n", "\n" and a lone "\r" (old Mac
// Excel) each end one. An upper bound: line breaks inside quoted cells count here too.
inline int RowCount(std::string_view csv) {
  int rows = 1;
  for (size_t i = 0; i < csv.size(); ++i) {
    if (csv[i] == '\n' || (csv[i] == '\r' && (i + 1 == csv.size() || csv[i + 1] != '\n'))) ++rows;
  }
  return rows;
}

}  // namespace duban::fuzz

#endif  // DUBAN_FUZZ_FUZZ_CHECK_H_
