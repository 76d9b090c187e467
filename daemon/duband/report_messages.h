// ReportMessages: the messages that carry one 考核 report (an Assessment) to the [report]
// recipients — one per email address and one per [[webhook]] — ready for
// Store::QueueMessages. Each message's key is `<key_prefix>|<channel>|<target>`, so the
// same occurrence queued twice (a second wake, a restart, a reload) hits the messages
// table's unique key and is left alone.
//
//   email    subject AssessmentTitle; text/plain RenderAssessmentText; text/html
//            RenderAssessmentHtml (the chart) unless [mail] html = false
//   webhook  the plain text (format "text") or the same with a Markdown heading
//            (format "markdown"), cut at a line boundary to fit the bot's limit
//            (WeCom 2048 bytes, DingTalk and Feishu 18000) with a note saying so and where
//            the full report is; standard webhooks get it whole, and the agencies' rows
//            as JSON items.
//
// Pure: no I/O, no clock (`now` is an input). Thread-safe.
#ifndef DUBAN_DAEMON_DUBAND_REPORT_MESSAGES_H_
#define DUBAN_DAEMON_DUBAND_REPORT_MESSAGES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "workflow/assessment.h"
#include "workflow/message.h"

namespace duban {

struct ReportMessages {
  std::vector<Message> messages;    // in [report] order: email entries, then webhooks
  std::vector<std::string> misses;  // recipients that cannot be reached, and why (English)
};

// The messages of `assessment` to config.report.email and config.report.webhooks.
ReportMessages BuildReportMessages(const Assessment& assessment, std::string_view key_prefix,
                                   const Config& config, int64_t now);

// `text` cut after its last whole line that leaves room for the note about what was left
// out (which names `full_report_hint`), so the result is at most `limit` bytes; `text`
// itself when it fits. Exposed for tests.
std::string FitChatText(const std::string& text, std::size_t limit,
                        std::string_view full_report_hint);

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_REPORT_MESSAGES_H_
