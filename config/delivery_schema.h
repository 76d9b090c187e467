// The [delivery] section: how decided actions become messages and how sending retries,
// read into Config::delivery.
//
//   [delivery]
//   digest = "agency"              # agency: one message per recipient per send slot;
//                                  # task: one per recipient and task
//   max_attempts = 12              # 1..100, then the message is dead
//   backoff_initial_seconds = 60   # 1..86400, doubled after each failed attempt ...
//   backoff_max_seconds = 21600    # ... up to this (>= backoff_initial_seconds, <= 7 days)
//   jitter = 0.2                   # 0..1: each delay is scaled by 1 ± jitter
//   webhook_concurrency = 4        # 1..64 webhook requests in flight
//   stop_grace_seconds = 10        # 0..300: at stop, sends in flight get this long, then
//                                  # are abandoned (they stay queued for the next start)
//
// backoff_max_seconds below backoff_initial_seconds is an error, reported at whichever
// of the two the file writes (at backoff_max_seconds when it writes both).
//
// Internal to config/. Stateless; thread-safe.
#ifndef DUBAN_CONFIG_DELIVERY_SCHEMA_H_
#define DUBAN_CONFIG_DELIVERY_SCHEMA_H_

#include <string>
#include <string_view>
#include <vector>

#include "config/config_schema.h"

namespace duban::config_internal {

std::vector<std::string_view> DeliveryKeys();

void ReadDelivery(const toml::table& table, const std::string& field, ErrorSink& sink,
                  const LoadContext& context, Config& config);
void DescribeDelivery(std::string_view name, const Config& config, std::string& out);

}  // namespace duban::config_internal

#endif  // DUBAN_CONFIG_DELIVERY_SCHEMA_H_
