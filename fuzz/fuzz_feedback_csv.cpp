// Fuzzes ParseFeedbackCsv (workflow/feedback_csv.h), the feedback sheets offices collect
// in Excel. The context is the tasks of examples/feedback-zhejiang-2013.csv (so the
// example, a seed, parses whole) plus a removed task and a restarted-numbering ref.
// Beyond "no crash": a sheet is all rows or all errors, never half; every row names a
// known task and an agency with a role in it, a time not after now, a percent in 0..100
// and a non-empty text; every error names a row the sheet has and has a message.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "workflow/feedback_csv.h"
#include "workflow/time_zone.h"

namespace duban::fuzz {
namespace {

constexpr int64_t kNow = 1796054400;  // 2026-12-01 00:00 +08:00

const FeedbackSheetContext& Context() {
  static const FixedOffsetTimeZone zone(480, "Asia/Shanghai");
  static const FeedbackSheetContext context = [] {
    FeedbackSheetContext c;
    c.zone = &zone;
    c.now = kNow;
    c.tasks["1"] = {false, {"省发改委", "省能源局"}};
    c.tasks["8"] = {false, {"省科技厅", "省财政厅"}};
    c.tasks["12"] = {false, {"省科技厅"}};
    c.tasks["13"] = {false, {"省教育厅"}};
    c.tasks["二.3"] = {false, {"省商务厅"}};
    c.tasks["5"] = {true, {"省国资委"}};
    c.canonical = [](std::string_view name) {
      return name == "省发展改革委" ? std::string("省发改委") : std::string(name);
    };
    return c;
  }();
  return context;
}

bool HasRole(const FeedbackSheetTask& task, const std::string& agency) {
  for (const std::string& name : task.agencies) {
    if (name == agency) return true;
  }
  return false;
}

}  // namespace
}  // namespace duban::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace duban;
  const std::string_view csv(reinterpret_cast<const char*>(data), size);
  const FeedbackSheetContext& context = fuzz::Context();
  FeedbackSheet sheet = ParseFeedbackCsv(csv, context);
  const int lines = fuzz::RowCount(csv);
  DUBAN_FUZZ_CHECK(sheet.errors.empty() || sheet.rows.empty(), "half-imported sheet");
  for (const FeedbackSheetError& error : sheet.errors) {
    const std::string text = FormatSheetError(error);
    // lines + 1: "row 2: no feedback rows under the header" after a header alone.
    DUBAN_FUZZ_CHECK(error.row >= 0 && error.row <= lines + 1, text);
    DUBAN_FUZZ_CHECK(!error.message.empty() && fuzz::IsUtf8(text), text);
  }
  for (const FeedbackSheetRow& row : sheet.rows) {
    const Feedback& feedback = row.feedback;
    DUBAN_FUZZ_CHECK(row.row >= 2 && row.row <= lines, feedback.task_ref);
    auto task = context.tasks.find(feedback.task_ref);
    DUBAN_FUZZ_CHECK(task != context.tasks.end(), "unknown task " + feedback.task_ref);
    DUBAN_FUZZ_CHECK(!task->second.removed, "removed task " + feedback.task_ref);
    DUBAN_FUZZ_CHECK(fuzz::HasRole(task->second, feedback.agency), feedback.agency);
    DUBAN_FUZZ_CHECK(feedback.at <= context.now, "received in the future");
    DUBAN_FUZZ_CHECK(!feedback.percent || (*feedback.percent >= 0 && *feedback.percent <= 100),
                     "percent out of range");
    DUBAN_FUZZ_CHECK(!feedback.text.empty() && fuzz::IsUtf8(feedback.text), feedback.task_ref);
    for (const std::string& attachment : feedback.attachments) {
      DUBAN_FUZZ_CHECK(!attachment.empty() && fuzz::IsUtf8(attachment), feedback.task_ref);
    }
  }
  return 0;
}
