// Feedback as a person enters it (dubanctl feedback, an imported sheet): when the reply was
// received, the attached documents it refers to, and the checks both entry paths share, so
// a value refused on the command line is refused in a sheet with the same words.
//
// Attachments are references only: a file path (POSIX, Windows "D:\\反馈\\x.pdf" or a share
// "\\\\server\\docs\\x.pdf") or an http(s) URL with a host. They are checked for form, never
// opened or fetched.
//
// Pure functions; thread-safe.
#ifndef DUBAN_WORKFLOW_FEEDBACK_INPUT_H_
#define DUBAN_WORKFLOW_FEEDBACK_INPUT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "workflow/status.h"
#include "workflow/time_zone.h"
#include "workflow/tracking.h"

namespace duban {

inline constexpr size_t kMaxAttachments = 20;
inline constexpr size_t kMaxAttachmentBytes = 2000;
inline constexpr size_t kMaxFeedbackTextBytes = 20000;

// OK if `reference` is a usable path or http(s) URL; else kInvalidArgument saying why
// ("ftp://… : only http and https URLs are kept", "a control character", ...).
Status CheckAttachment(std::string_view reference);

// The references in one cell: separated by ';', '；' or line breaks, blanks trimmed,
// empty pieces dropped.
std::vector<std::string> SplitAttachments(std::string_view cell);

// UTC seconds of a received time written as a local date "YYYY-MM-DD" (that day's 00:00;
// also "YYYY/M/D" as spreadsheets write it) or a date and time "YYYY-MM-DD HH:MM[:SS]"
// (also with 'T'), in `zone`. kInvalidArgument if it is not such a time, or if it is after
// `now` (a date: after today in `zone`): a reply cannot be received in the future.
Result<int64_t> ParseReceived(std::string_view text, const TimeZone& zone, int64_t now);

// The checks every feedback gets before it is stored: text not blank and not too long,
// percent 0..100, at most kMaxAttachments attachments, each CheckAttachment. The message
// names the field ("text", "percent", "attachments").
Status CheckFeedbackInput(const Feedback& feedback);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_FEEDBACK_INPUT_H_
