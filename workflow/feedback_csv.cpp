#include "workflow/feedback_csv.h"

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <utility>

#include "workflow/csv_table.h"
#include "workflow/feedback_input.h"
#include "workflow/text_normalize.h"

namespace duban {
namespace {

enum class Column { kTask, kAgency, kReceived, kText, kPercent, kDone, kAttachments, kValues };
constexpr size_t kColumnCount = 8;

struct ColumnSpec {
  Column column;
  std::string_view name;  // English, as errors name it
  bool required;
  std::array<std::string_view, 4> aliases;  // Chinese headers offices use
};

constexpr std::array<ColumnSpec, kColumnCount> kColumns = {{
    {Column::kTask, "task", true, {"任务", "任务编号", "编号", ""}},
    {Column::kAgency, "agency", true, {"单位", "反馈单位", "责任单位", ""}},
    {Column::kReceived, "received", true, {"收到日期", "收到时间", "日期", ""}},
    {Column::kText, "text", true, {"内容", "反馈内容", "进展情况", ""}},
    {Column::kPercent, "percent", false, {"进度", "完成进度", "", ""}},
    {Column::kDone, "done", false, {"完成", "是否完成", "", ""}},
    {Column::kAttachments, "attachments", false, {"附件", "", "", ""}},
    {Column::kValues, "values", false, {"指标", "指标值", "报送指标", ""}},
}};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::optional<Column> ParseColumn(std::string_view header) {
  const std::string name = Lower(TrimBlank(FoldForMatch(header)));
  for (const ColumnSpec& spec : kColumns) {
    if (name == spec.name) return spec.column;
    for (std::string_view alias : spec.aliases) {
      if (!alias.empty() && name == alias) return spec.column;
    }
  }
  return std::nullopt;
}

const ColumnSpec& SpecOf(Column column) { return kColumns[static_cast<size_t>(column)]; }

std::string KnownColumns() {
  std::string known;
  for (const ColumnSpec& spec : kColumns) {
    if (!known.empty()) known += ", ";
    known += std::string(spec.name) + " (" + std::string(spec.aliases[0]) + ")";
  }
  return known;
}

// Which field of the record holds each column; -1 if the sheet has no such column.
using ColumnIndex = std::array<int, kColumnCount>;

class RowReader {
 public:
  RowReader(const CsvRecord& record, const ColumnIndex& index, const FeedbackSheetContext& context,
            std::vector<FeedbackSheetError>* errors)
      : record_(record), index_(index), context_(context), errors_(errors) {}

  std::optional<Feedback> Read() {
    Feedback feedback;
    ReadTaskAndAgency(&feedback);
    ReadReceived(&feedback);
    feedback.text = std::string(TrimBlank(Cell(Column::kText)));
    if (feedback.text.empty()) {
      Error(Column::kText, "is empty: say what the agency reported");
    } else if (feedback.text.size() > kMaxFeedbackTextBytes) {
      Error(Column::kText, "is " + std::to_string(feedback.text.size()) + " bytes long; at most " +
                               std::to_string(kMaxFeedbackTextBytes));
    }
    ReadPercent(&feedback);
    ReadDone(&feedback);
    ReadAttachments(&feedback);
    ReadValues(&feedback);
    if (failed_) return std::nullopt;
    return feedback;
  }

 private:
  std::string_view Cell(Column column) const {
    const int at = index_[static_cast<size_t>(column)];
    if (at < 0 || static_cast<size_t>(at) >= record_.fields.size()) return "";
    return record_.fields[static_cast<size_t>(at)];
  }

  void Error(Column column, const std::string& message) {
    errors_->push_back({record_.row, std::string(SpecOf(column).name), message});
    failed_ = true;
  }

  void ReadTaskAndAgency(Feedback* feedback) {
    feedback->task_ref = std::string(TrimBlank(FoldForMatch(Cell(Column::kTask))));
    const std::string written(TrimBlank(Cell(Column::kAgency)));
    feedback->agency = written.empty() ? "" : context_.canonical(written);
    const FeedbackSheetTask* task = nullptr;
    if (feedback->task_ref.empty()) {
      Error(Column::kTask, "is empty: give the task's ref (22, 二.3)");
    } else if (auto it = context_.tasks.find(feedback->task_ref); it == context_.tasks.end()) {
      Error(Column::kTask, "no task " + feedback->task_ref + " in the plan");
    } else if (it->second.removed) {
      Error(Column::kTask, "task " + feedback->task_ref + " was removed from the plan");
    } else {
      task = &it->second;
    }
    if (written.empty()) {
      Error(Column::kAgency, "is empty: name the agency that replied");
      return;
    }
    if (context_.known && !context_.known(feedback->agency)) {
      Error(Column::kAgency, "'" + written + "' is not a known agency or alias");
      return;
    }
    if (task == nullptr) return;
    for (const std::string& agency : task->agencies) {
      if (agency == feedback->agency) return;
    }
    std::string agencies;
    for (const std::string& agency : task->agencies) {
      agencies += (agencies.empty() ? "" : "、") + agency;
    }
    Error(Column::kAgency, written + " has no role in task " + feedback->task_ref +
                               " (its agencies: " + (agencies.empty() ? "none" : agencies) + ")");
  }

  // "名称=3.2；名称2=5": the separators of the attachments cell; '＝' as '='. Each name
  // once, and, when the context knows the task's confirmed targets, one of them.
  void ReadValues(Feedback* feedback) {
    std::set<std::string> seen;
    for (std::string item : SplitAttachments(Cell(Column::kValues))) {
      for (size_t at = item.find("＝"); at != std::string::npos; at = item.find("＝")) {
        item.replace(at, std::string_view("＝").size(), "=");
      }
      std::string error;
      std::optional<ReportedValue> value = ParseReportedValue(item, &error);
      if (!value) {
        Error(Column::kValues, error);
      } else if (!seen.insert(value->name).second) {
        Error(Column::kValues, "'" + value->name + "' is given twice");
      } else if (KnownTarget(feedback->task_ref, value->name)) {
        feedback->values.push_back(std::move(*value));
      }
    }
  }

  // False (with an error) if the context lists the task's confirmed targets without `name`.
  bool KnownTarget(const std::string& ref, const std::string& name) {
    auto task = context_.tasks.find(ref);
    if (task == context_.tasks.end() || !task->second.targets) return true;
    const std::vector<std::string>& targets = *task->second.targets;
    if (std::find(targets.begin(), targets.end(), name) != targets.end()) return true;
    std::string known;
    for (const std::string& target : targets) known += (known.empty() ? "" : ", ") + target;
    Error(Column::kValues, "task " + ref + " has no confirmed target named '" + name + "' (" +
                               (known.empty() ? "it has no confirmed targets" : "confirmed: " + known) +
                               ")");
    return false;
  }

  void ReadReceived(Feedback* feedback) {
    std::string_view cell = TrimBlank(Cell(Column::kReceived));
    if (cell.empty()) {
      Error(Column::kReceived, "is empty: give the date the reply was received (YYYY-MM-DD)");
      return;
    }
    Result<int64_t> at = ParseReceived(cell, *context_.zone, context_.now);
    if (!at.ok()) {
      Error(Column::kReceived, at.status().message());
      return;
    }
    feedback->at = *at;
  }

  void ReadPercent(Feedback* feedback) {
    std::string cell(TrimBlank(FoldForMatch(Cell(Column::kPercent))));
    if (cell.empty()) return;
    std::string digits = cell.back() == '%' ? cell.substr(0, cell.size() - 1) : cell;
    digits = std::string(TrimBlank(digits));
    bool number = !digits.empty() && digits.size() <= 3;
    int value = 0;
    // Stops at the first non-digit, and never starts on more than 3 characters: a long
    // run of digits overflowed `value` (undefined behaviour, found by fuzz_feedback_csv).
    for (size_t i = 0; number && i < digits.size(); ++i) {
      const char c = digits[i];
      if (c < '0' || c > '9') number = false;
      else value = value * 10 + (c - '0');
    }
    if (!number) {
      Error(Column::kPercent, "'" + cell + "' is not a whole number from 0 to 100");
    } else if (value > 100) {
      Error(Column::kPercent, std::to_string(value) + " is outside 0..100");
    } else {
      feedback->percent = value;
    }
  }

  void ReadDone(Feedback* feedback) {
    const std::string cell = Lower(TrimBlank(FoldForMatch(Cell(Column::kDone))));
    static constexpr std::array<std::string_view, 8> kYes = {"是", "yes", "y", "true",
                                                             "1", "已完成", "完成", "√"};
    static constexpr std::array<std::string_view, 7> kNo = {"", "否", "no", "n", "false", "0",
                                                            "未完成"};
    for (std::string_view yes : kYes) {
      if (cell == yes) {
        feedback->done = true;
        return;
      }
    }
    for (std::string_view no : kNo) {
      if (cell == no) return;
    }
    Error(Column::kDone, "'" + cell + "' is not yes or no (是/否, yes/no, 1/0, 已完成/未完成)");
  }

  void ReadAttachments(Feedback* feedback) {
    feedback->attachments = SplitAttachments(Cell(Column::kAttachments));
    if (feedback->attachments.size() > kMaxAttachments) {
      Error(Column::kAttachments, std::to_string(feedback->attachments.size()) +
                                      " references; at most " + std::to_string(kMaxAttachments));
      return;
    }
    for (const std::string& attachment : feedback->attachments) {
      if (Status status = CheckAttachment(attachment); !status.ok()) {
        Error(Column::kAttachments, status.message());
      }
    }
  }

  const CsvRecord& record_;
  const ColumnIndex& index_;
  const FeedbackSheetContext& context_;
  std::vector<FeedbackSheetError>* errors_;
  bool failed_ = false;
};

// Reads the header row into `index`; false (with errors) if it is unusable.
bool ReadHeader(const CsvRecord& header, ColumnIndex* index,
                std::vector<FeedbackSheetError>* errors) {
  index->fill(-1);
  bool ok = true;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name(TrimBlank(header.fields[i]));
    if (name.empty()) continue;  // a trailing empty column from the spreadsheet
    std::optional<Column> column = ParseColumn(name);
    if (!column) {
      errors->push_back({header.row, "", "unknown column '" + name + "'; known: " + KnownColumns()});
      ok = false;
    } else if ((*index)[static_cast<size_t>(*column)] >= 0) {
      errors->push_back({header.row, "", "column " + std::string(SpecOf(*column).name) +
                                             " appears twice ('" + name + "')"});
      ok = false;
    } else {
      (*index)[static_cast<size_t>(*column)] = static_cast<int>(i);
    }
  }
  for (const ColumnSpec& spec : kColumns) {
    if (spec.required && (*index)[static_cast<size_t>(spec.column)] < 0) {
      errors->push_back({header.row, "", "missing column " + std::string(spec.name) + " (" +
                                             std::string(spec.aliases[0]) + ")"});
      ok = false;
    }
  }
  return ok;
}

bool IsBlankRecord(const CsvRecord& record) {
  for (const std::string& field : record.fields) {
    if (!TrimBlank(field).empty()) return false;
  }
  return true;
}

}  // namespace

std::string FormatSheetError(const FeedbackSheetError& error) {
  std::string text = "row " + std::to_string(error.row);
  if (!error.field.empty()) text += ", " + error.field;
  return text + ": " + error.message;
}

FeedbackSheet ParseFeedbackCsv(std::string_view csv, const FeedbackSheetContext& context) {
  FeedbackSheet sheet;
  csv = StripBom(csv);
  if (size_t bad = FindInvalidUtf8(csv); bad != std::string_view::npos) {
    int row = 1;
    for (size_t i = 0; i < bad; ++i) row += csv[i] == '\n';
    sheet.errors.push_back({row, "", "invalid UTF-8 at byte " + std::to_string(bad) +
                                         "; save the sheet as CSV UTF-8"});
    return sheet;
  }
  CsvTable table = ParseCsv(csv);
  for (const CsvSyntaxError& error : table.errors) {
    sheet.errors.push_back({error.row, "", error.message});
  }
  if (table.records.empty()) {
    sheet.errors.push_back({1, "", "no header row: expected the columns " + KnownColumns()});
    return sheet;
  }
  ColumnIndex index;
  if (!ReadHeader(table.records.front(), &index, &sheet.errors)) return sheet;
  const size_t width = table.records.front().fields.size();
  for (size_t i = 1; i < table.records.size(); ++i) {
    const CsvRecord& record = table.records[i];
    if (IsBlankRecord(record)) continue;
    if (record.fields.size() > width) {
      bool extra = false;
      for (size_t f = width; f < record.fields.size(); ++f) extra |= !TrimBlank(record.fields[f]).empty();
      if (extra) {
        sheet.errors.push_back({record.row, "", "has " + std::to_string(record.fields.size()) +
                                                    " cells; the header has " +
                                                    std::to_string(width)});
        continue;
      }
    }
    RowReader reader(record, index, context, &sheet.errors);
    if (std::optional<Feedback> feedback = reader.Read()) {
      sheet.rows.push_back({record.row, std::move(*feedback)});
    }
  }
  if (!sheet.errors.empty()) sheet.rows.clear();
  // Syntax errors come first from ParseCsv; report everything in row order.
  std::stable_sort(sheet.errors.begin(), sheet.errors.end(),
                   [](const FeedbackSheetError& a, const FeedbackSheetError& b) {
                     return a.row < b.row;
                   });
  if (sheet.rows.empty() && sheet.errors.empty()) {
    sheet.errors.push_back({2, "", "no feedback rows under the header"});
  }
  return sheet;
}

}  // namespace duban
