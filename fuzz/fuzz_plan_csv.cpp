// Fuzzes ImportPlanCsv (workflow/plan_csv.h), the structured form an office edits in
// Excel. Beyond "no crash": the plan invariants of fuzz_check.h (rows count as lines), and
// a sheet read without errors is a fixed point of export + import.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "workflow/plan_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace duban;
  const std::string_view csv(reinterpret_cast<const char*>(data), size);
  ImportResult result = ImportPlanCsv(csv, "fuzz.csv");
  // A quoted cell may hold line breaks, so rows are at most the row breaks of the input.
  fuzz::CheckPlan(result, fuzz::RowCount(csv));
  if (result.has_errors()) return 0;
  const std::string exported = ExportPlanCsv(result.plan);
  ImportResult again = ImportPlanCsv(exported, "again.csv");
  DUBAN_FUZZ_CHECK(!again.has_errors(), again.issues.front().message);
  DUBAN_FUZZ_CHECK(ExportPlanCsv(again.plan) == exported, "export is not a fixed point");
  return 0;
}
