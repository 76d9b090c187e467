// JSON forms of delivery messages (workflow/message.h) for the control protocol
// (docs/PROTOCOL.md, "Delivery commands"). Shared by duband, which writes them, and
// dubanctl, which reads them back, so both agree on every field name.
//
// Two forms: the summary (MessageSummary, listed by outbox.messages: no bodies) and the
// full message (Message, shown by outbox.message: the summary plus key, thread, text,
// html, data_json and last_response). Instants are UTC seconds; with a zone, each
// non-zero instant also comes as "<name>_local" ("2026-11-24 09:00") in that zone, and
// as "" when it is 0 (never sent).
//
// Pure functions; thread-safe.
#ifndef DUBAN_DAEMON_MESSAGE_JSON_H_
#define DUBAN_DAEMON_MESSAGE_JSON_H_

#include <nlohmann/json.hpp>

#include "workflow/message.h"
#include "workflow/time_zone.h"

namespace duban {

// {"id","channel","target","recipient_name","level","level_zh","subject","state",
//  "attempts","created_at","next_attempt_at","sent_at","last_error","outbox_ids":[id],
//  "outbox_count"}, plus the "_local" times when `zone` is not null.
nlohmann::json MessageSummaryJson(const Message& message, const TimeZone* zone);

// The summary plus "key","thread","text","html","data_json","last_response".
nlohmann::json ToJson(const Message& message, const TimeZone* zone);

// The inverse of either form (fields a summary lacks keep their defaults). "_local" and
// "level_zh" are display only and ignored. Wrong types or an unknown channel or level
// throw nlohmann::json::exception (dubanctl reports a protocol error).
Message MessageFromJson(const nlohmann::json& json);

}  // namespace duban

#endif  // DUBAN_DAEMON_MESSAGE_JSON_H_
