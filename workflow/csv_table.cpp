#include "workflow/csv_table.h"

namespace duban {

CsvTable ParseCsv(std::string_view text) {
  CsvTable table;
  CsvRecord record;
  std::string field;
  std::string error;  // first error of the current record
  int row = 1;
  int record_row = 1;
  bool quoted = false;        // inside a quoted field
  bool was_quoted = false;    // the current field was quoted (closing quote seen)
  bool field_started = false;

  auto end_field = [&] {
    record.fields.push_back(std::move(field));
    field.clear();
    was_quoted = false;
    field_started = false;
  };
  auto end_record = [&] {
    end_field();
    bool blank = record.fields.size() == 1 && record.fields[0].empty();
    if (!error.empty()) {
      table.errors.push_back({record_row, std::move(error)});
    } else if (!blank) {
      record.row = record_row;
      table.records.push_back(std::move(record));
    }
    record = CsvRecord();
    error.clear();
    ++row;
    record_row = row;
  };

  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < n && text[i + 1] == '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        was_quoted = true;
        ++i;
        continue;
      }
      field += c;
      ++i;
      continue;
    }
    if (c == ',') {
      end_field();
      ++i;
      continue;
    }
    if (c == '\r' || c == '\n') {
      i += (c == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
      end_record();
      continue;
    }
    if (c == '"') {
      if (!field_started) {
        quoted = true;
        field_started = true;
      } else if (error.empty()) {
        error = "a quote inside an unquoted field (quote the whole field and double the quote)";
      }
      ++i;
      continue;
    }
    if (was_quoted && error.empty()) {
      error = "text after the closing quote of a field";
    }
    field += c;
    field_started = true;
    ++i;
  }
  if (quoted) {
    table.errors.push_back({record_row, "a quoted field is not closed before the end of the file"});
    return table;
  }
  if (field_started || !record.fields.empty() || !error.empty()) end_record();
  return table;
}

void AppendCsvField(std::string& out, std::string_view field) {
  bool quote = field.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!field.empty() && (field.front() == ' ' || field.back() == ' ' ||
                                   field.front() == '\t' || field.back() == '\t'));
  if (!quote) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace duban
