// Checks of delivery across sections, once every table is read: names of [[webhook]]
// targets used by [[agency]] and [office] must exist (errors), and settings that load
// but would not deliver as the office expects (warnings):
//   - a reminder or escalation step with channel "webhook" to an agency's contact or
//     leadership, while that [[agency]] names no webhook (one warning per agency, naming
//     it and the rules), or while there is no [[agency]] at all;
//   - channel "webhook" to the office or the leading group while [office] webhook /
//     leading_group_webhook is not set;
//   - transport "smtp" with no username to a host other than loopback (most servers
//     refuse to relay for a client that does not log in).
//
// Internal to config/ (config_loader.cpp). Stateless; thread-safe.
#ifndef DUBAN_CONFIG_DELIVERY_CHECKS_H_
#define DUBAN_CONFIG_DELIVERY_CHECKS_H_

#include <toml++/toml.h>

#include "config/config.h"
#include "config/config_errors.h"

namespace duban::config_internal {

// Errors at agency[i].webhook, office.webhook and office.leading_group_webhook naming no
// [[webhook]] (with the closest defined name as a suggestion).
void CheckWebhookReferences(const toml::table& root, const Config& config, ErrorSink& sink);

// The warnings listed above.
void CheckDeliveryReachable(const toml::table& root, const Config& config, ErrorSink& warnings);

}  // namespace duban::config_internal

#endif  // DUBAN_CONFIG_DELIVERY_CHECKS_H_
