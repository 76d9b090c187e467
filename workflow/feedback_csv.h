// Feedback sheets: the replies an office collects in a spreadsheet (one row per agency's
// reply on a task), saved as CSV and imported in one go (`dubanctl feedback import`).
//
// The header names the columns, in any order, in English or Chinese (case and blanks
// ignored); a column may be left out only where marked optional:
//   task        任务 / 任务编号 / 编号          the task's ref: 22, 二.3
//   agency      单位 / 反馈单位 / 责任单位      the replying agency (name or alias)
//   received    收到日期 / 收到时间 / 日期       YYYY-MM-DD [HH:MM] (also 2026/3/9): when
//                                              the reply came in; not in the future
//   text        内容 / 反馈内容 / 进展情况       what the agency reports; not empty
//   percent     进度 / 完成进度 (optional)      0..100, "60" or "60%"
//   done        完成 / 是否完成 (optional)      是/否, yes/no, true/false, 1/0, 已完成/未完成, √
//   attachments 附件 (optional)                paths or http(s) URLs, separated by ; or
//                                              line breaks in the cell
//   values      指标 / 指标值 / 报送指标          values reported for the task's confirmed
//               (optional)                     targets: 名称=数值 items separated by ; ；
//                                              or line breaks ("生产总值增长=7.2；投资=5%"),
//                                              each name once
// UTF-8 with or without a BOM (Excel writes one). Every problem is reported, each naming its
// row as the spreadsheet numbers it (the header is row 1) and its column; a sheet with any
// problem yields no rows to store, so nothing is half-imported.
//
// Pure functions; thread-safe.
#ifndef DUBAN_WORKFLOW_FEEDBACK_CSV_H_
#define DUBAN_WORKFLOW_FEEDBACK_CSV_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflow/time_zone.h"
#include "workflow/tracking.h"

namespace duban {

// What a row is checked against: the tasks and who has a role in each.
struct FeedbackSheetTask {
  bool removed = false;               // dropped from the plan: takes no feedback
  std::vector<std::string> agencies;  // canonical names with any role, in plan order
  // The names of its confirmed targets: a value naming another is an error of its row.
  // nullopt = not known here (the store still refuses such values, by batch position).
  std::optional<std::vector<std::string>> targets = std::nullopt;
};

struct FeedbackSheetContext {
  const TimeZone* zone = nullptr;  // received times are local to it. REQUIRED
  int64_t now = 0;                 // UTC seconds: nothing received after it
  std::map<std::string, FeedbackSheetTask, std::less<>> tasks;  // by ref
  // The canonical name of an agency name or alias (the name itself if unknown).
  std::function<std::string(std::string_view)> canonical;
  // Whether a canonical name is an agency duban knows (from the plan or the config); a row
  // naming another is told so rather than "has no role". Unset = every name is known.
  std::function<bool(std::string_view)> known = nullptr;
};

struct FeedbackSheetError {
  int row = 0;        // spreadsheet row (header = 1)
  std::string field;  // the column ("agency", "received", ...), "" for the row or sheet
  std::string message;
};

// "row 5, agency: 省财政厅 has no role in task 3".
std::string FormatSheetError(const FeedbackSheetError& error);

struct FeedbackSheetRow {
  int row = 0;
  Feedback feedback;  // task_ref, agency (canonical), at, text, percent, done, attachments,
                      // values
};

struct FeedbackSheet {
  std::vector<FeedbackSheetRow> rows;      // empty whenever `errors` is not
  std::vector<FeedbackSheetError> errors;  // every problem, by row
};

FeedbackSheet ParseFeedbackCsv(std::string_view csv, const FeedbackSheetContext& context);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_FEEDBACK_CSV_H_
