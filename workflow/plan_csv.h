// The structured form of a plan: CSV that an office can open in Excel, correct and
// re-import. UTF-8 with a BOM (so Excel detects the encoding), RFC 4180 quoting, header
//   section,number,text,lead,participants,responsible,due
// Multiple agencies in one cell are separated by "、". `number` is the task ref; `due` is
// YYYY-MM-DD or empty.
//
// Pure functions; thread-safe.
#ifndef DUBAN_WORKFLOW_PLAN_CSV_H_
#define DUBAN_WORKFLOW_PLAN_CSV_H_

#include <string>
#include <string_view>

#include "workflow/plan.h"

namespace duban {

// Reads CSV as written by ExportPlanCsv (BOM optional; header required, columns in any
// order, unknown columns are an error). Each bad row is reported as an error issue naming
// its row number and column; nothing is dropped silently.
ImportResult ImportPlanCsv(std::string_view csv, std::string source_name = "");

// Writes `plan` as CSV with a BOM and CRLF line ends (what Excel writes).
std::string ExportPlanCsv(const Plan& plan);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_PLAN_CSV_H_
