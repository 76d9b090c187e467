// TestNotice: the message `dubanctl notify test` sends, so the office can check that an
// agency's address or chat group really receives duban's notices before a deadline
// depends on it. Pure: no I/O, no clock (now is passed in).
#ifndef DUBAN_NOTIFIERS_TEST_NOTICE_H_
#define DUBAN_NOTIFIERS_TEST_NOTICE_H_

#include <cstdint>
#include <string>

#include "config/config.h"
#include "workflow/agency.h"
#include "workflow/message.h"
#include "workflow/status.h"
#include "workflow/time_zone.h"

namespace duban {

// A message to `agency`'s contact email (channel email) or its [[webhook]] (channel
// webhook), keyed "test|<channel>|<target>|<now>", not yet queued. kFailedPrecondition
// naming the missing [[agency]] key when the agency has no address for that channel.
Result<Message> BuildTestNotice(const AgencyInfo& agency, Channel channel,
                                const OfficeConfig& office, const TimeZone& zone, int64_t now);

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_TEST_NOTICE_H_
