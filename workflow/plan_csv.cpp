#include "workflow/plan_csv.h"

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_set>

#include "workflow/csv_table.h"
#include "workflow/text_normalize.h"

// The CSV carries tasks only: Plan::sections is rebuilt from the distinct `section`
// values (number only; label and title are not in the CSV), and title, officials,
// confidence and doubts are not exported. A re-import therefore gives the same tasks
// (section, ref, number, text, roles, due) as were exported.

namespace duban {
namespace {

enum class Column { kSection, kNumber, kText, kLead, kParticipants, kResponsible, kDue };

constexpr std::array<std::string_view, 7> kColumnNames{
    "section", "number", "text", "lead", "participants", "responsible", "due"};

constexpr std::string_view kAgencySeparator = "、";

std::optional<Column> ParseColumn(std::string_view name) {
  for (size_t i = 0; i < kColumnNames.size(); ++i) {
    if (name == kColumnNames[i]) return static_cast<Column>(i);
  }
  if (name == "participant") return Column::kParticipants;
  return std::nullopt;
}

std::string Lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Splits on 、 outside brackets, so 各县(市、区)政府 stays one agency.
std::vector<std::string> SplitAgencies(std::string_view cell) {
  std::vector<std::string> agencies;
  int depth = 0;
  size_t start = 0;
  size_t pos = 0;
  auto flush = [&](size_t end) {
    std::string_view name = TrimBlank(cell.substr(start, end - start));
    if (!name.empty()) agencies.emplace_back(name);
  };
  while (pos < cell.size()) {
    size_t length = 0;
    char32_t cp = FoldWidth(DecodeUtf8(cell, pos, &length));
    if (cp == '(' || cp == U'〔') ++depth;
    if ((cp == ')' || cp == U'〕') && depth > 0) --depth;
    if (depth == 0 && cp == U'、') {
      flush(pos);
      start = pos + length;
    }
    pos += length;
  }
  flush(cell.size());
  return agencies;
}

bool IsValidDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  int year = std::stoi(std::string(text.substr(0, 4)));
  int month = std::stoi(std::string(text.substr(5, 2)));
  int day = std::stoi(std::string(text.substr(8, 2)));
  if (month < 1 || month > 12 || day < 1) return false;
  constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= days;
}

// The task number in a ref: 22 for "22", 3 for "二.3"; nullopt if the ref does not end in
// a decimal number.
std::optional<int> NumberOfRef(std::string_view ref) {
  size_t dot = ref.rfind('.');
  std::string_view digits = dot == std::string_view::npos ? ref : ref.substr(dot + 1);
  if (digits.empty() || digits.size() > 9) return std::nullopt;
  int value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// An agency named twice in one cell, or in two role columns (FindRoleOverlaps), would be
// reminded twice with different due dates; which was meant is a person's call, so each
// is a doubt. By role column: its repeats, then its names in later columns.
std::vector<std::string> RoleOverlaps(const Task& task) {
  constexpr std::array<Role, 3> kRoles = {Role::kLead, Role::kParticipant, Role::kResponsible};
  auto column = [](Role role) -> std::string {
    switch (role) {
      case Role::kLead: return "lead";
      case Role::kParticipant: return "participants";
      case Role::kResponsible: return "responsible";
    }
    return "";
  };
  const std::vector<RoleOverlap> across = FindRoleOverlaps(task);
  std::vector<std::string> overlaps;
  for (Role role : kRoles) {
    const std::vector<std::string>& names = task.agencies(role);
    for (size_t i = 0; i < names.size(); ++i) {
      if (std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), names[i]) !=
          names.begin() + static_cast<std::ptrdiff_t>(i)) {
        overlaps.push_back(names[i] + " is named twice in '" + column(role) + "'");
      }
    }
    for (const RoleOverlap& overlap : across) {
      if (overlap.first != role) continue;
      overlaps.push_back(overlap.name + " is in both '" + column(overlap.first) + "' and '" +
                         column(overlap.second) + "'; keep it in one role");
    }
  }
  return overlaps;
}

void AddError(ImportResult* result, int row, std::string message) {
  result->issues.push_back({ImportIssue::Severity::kError, row, "", std::move(message)});
}

void AppendJoined(std::string& out, const std::vector<std::string>& names) {
  std::string joined;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) joined += kAgencySeparator;
    joined += names[i];
  }
  AppendCsvField(out, joined);
}

}  // namespace

ImportResult ImportPlanCsv(std::string_view csv, std::string source_name) {
  ImportResult result;
  result.plan.source = std::move(source_name);
  csv = StripBom(csv);
  size_t bad = FindInvalidUtf8(csv);
  if (bad != std::string_view::npos) {
    int row = 1;
    for (size_t i = 0; i < bad; ++i) row += csv[i] == '\n';
    AddError(&result, row, "invalid UTF-8 at byte " + std::to_string(bad) +
                               "; save the CSV as UTF-8");
    return result;
  }
  CsvTable table = ParseCsv(csv);
  for (const CsvSyntaxError& error : table.errors) AddError(&result, error.row, error.message);
  if (table.records.empty()) {
    AddError(&result, 1, "no header row: expected section,number,text,lead,participants,"
                         "responsible,due");
    return result;
  }
  const CsvRecord& header = table.records.front();
  std::vector<Column> columns;
  std::unordered_set<int> seen_columns;
  bool header_ok = true;
  for (const std::string& raw_name : header.fields) {
    std::string name = Lowercase(TrimBlank(raw_name));
    std::optional<Column> column = ParseColumn(name);
    if (!column) {
      AddError(&result, header.row, "unknown column '" + std::string(TrimBlank(raw_name)) +
                                        "'; known: section, number, text, lead, participants, "
                                        "responsible, due");
      header_ok = false;
      continue;
    }
    if (!seen_columns.insert(static_cast<int>(*column)).second) {
      AddError(&result, header.row, "column '" + name + "' appears twice");
      header_ok = false;
    }
    columns.push_back(*column);
  }
  for (Column required : {Column::kNumber, Column::kText}) {
    if (!seen_columns.count(static_cast<int>(required))) {
      AddError(&result, header.row, "missing column '" +
                                        std::string(kColumnNames[static_cast<int>(required)]) + "'");
      header_ok = false;
    }
  }
  if (!header_ok) return result;  // a wrong header would misread every row

  std::unordered_set<std::string> refs;
  std::unordered_set<std::string> sections;
  for (size_t r = 1; r < table.records.size(); ++r) {
    const CsvRecord& record = table.records[r];
    if (record.fields.size() != columns.size()) {
      AddError(&result, record.row, "row has " + std::to_string(record.fields.size()) +
                                        " fields, the header has " + std::to_string(columns.size()));
      continue;
    }
    bool all_empty = true;
    for (const std::string& field : record.fields) all_empty = all_empty && TrimBlank(field).empty();
    if (all_empty) continue;  // spreadsheets leave rows of empty cells at the end

    Task task;
    task.line = record.row;
    bool ok = true;
    for (size_t c = 0; c < columns.size(); ++c) {
      const std::string& field = record.fields[c];
      std::string_view trimmed = TrimBlank(field);
      switch (columns[c]) {
        case Column::kSection: task.section = std::string(trimmed); break;
        case Column::kNumber: task.ref = std::string(trimmed); break;
        case Column::kText: task.text = field; break;
        case Column::kLead: task.lead = SplitAgencies(field); break;
        case Column::kParticipants: task.participants = SplitAgencies(field); break;
        case Column::kResponsible: task.responsible = SplitAgencies(field); break;
        case Column::kDue:
          task.due = std::string(trimmed);
          if (!task.due.empty() && !IsValidDate(task.due)) {
            AddError(&result, record.row, "column 'due': '" + task.due +
                                              "' is not a date YYYY-MM-DD");
            ok = false;
          }
          break;
      }
    }
    std::optional<int> number = NumberOfRef(task.ref);
    if (task.ref.empty()) {
      AddError(&result, record.row, "column 'number' is empty");
      ok = false;
    } else if (!number) {
      AddError(&result, record.row, "column 'number': '" + task.ref +
                                        "' is not a task number such as 22 or 二.3");
      ok = false;
    } else if (!refs.insert(task.ref).second) {
      AddError(&result, record.row, "column 'number': task " + task.ref + " appears twice");
      ok = false;
    }
    if (TrimBlank(task.text).empty()) {
      AddError(&result, record.row, "column 'text' is empty");
      ok = false;
    }
    if (!ok) continue;
    task.number = *number;
    task.label = std::to_string(*number);
    if (task.AllAgencies().empty()) {
      task.confidence = Confidence::kDoubtful;
      task.doubts.push_back("names no agency in lead, participants or responsible");
      result.issues.push_back({ImportIssue::Severity::kDoubt, record.row, task.ref,
                               "task " + task.ref + " names no agency"});
    }
    for (std::string& overlap : RoleOverlaps(task)) {
      task.confidence = Confidence::kDoubtful;
      result.issues.push_back({ImportIssue::Severity::kDoubt, record.row, task.ref,
                               "task " + task.ref + ": " + overlap});
      task.doubts.push_back(std::move(overlap));
    }
    if (!task.section.empty() && sections.insert(task.section).second) {
      result.plan.sections.push_back({task.section, "", ""});
    }
    result.plan.tasks.push_back(std::move(task));
  }
  return result;
}

std::string ExportPlanCsv(const Plan& plan) {
  std::string out = "\xEF\xBB\xBF";
  for (size_t i = 0; i < kColumnNames.size(); ++i) {
    if (i > 0) out += ',';
    out += kColumnNames[i];
  }
  out += "\r\n";
  for (const Task& task : plan.tasks) {
    AppendCsvField(out, task.section);
    out += ',';
    AppendCsvField(out, task.ref);
    out += ',';
    AppendCsvField(out, task.text);
    out += ',';
    AppendJoined(out, task.lead);
    out += ',';
    AppendJoined(out, task.participants);
    out += ',';
    AppendJoined(out, task.responsible);
    out += ',';
    AppendCsvField(out, task.due);
    out += "\r\n";
  }
  return out;
}

}  // namespace duban
