// CSV records as RFC 4180 defines them: fields separated by commas, records by CRLF or LF,
// a field in double quotes may hold commas, quotes (doubled) and line breaks. Only the
// syntax; plan_csv gives the columns their meaning.
//
// Pure functions; thread-safe.
#ifndef DUBAN_WORKFLOW_CSV_TABLE_H_
#define DUBAN_WORKFLOW_CSV_TABLE_H_

#include <string>
#include <string_view>
#include <vector>

namespace duban {

struct CsvRecord {
  int row = 0;  // 1-based record number, as a spreadsheet shows it (blank lines count)
  std::vector<std::string> fields;
};

struct CsvSyntaxError {
  int row = 0;
  std::string message;
};

struct CsvTable {
  std::vector<CsvRecord> records;  // blank lines are skipped (but counted in `row`)
  std::vector<CsvSyntaxError> errors;  // a record with an error is not in `records`
};

// Parses `text` (no BOM handling: strip it first).
CsvTable ParseCsv(std::string_view text);

// Appends `field` to `out`, quoted if it contains a comma, quote, CR or LF or starts or
// ends with a blank (so that a re-read gives the same bytes).
void AppendCsvField(std::string& out, std::string_view field);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_CSV_TABLE_H_
