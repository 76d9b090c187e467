// RetryPolicy: what an attempt to send a message comes to, as the store records it: sent;
// failed with the time of the next attempt (exponential backoff with jitter); or dead
// (a permanent error, or the last attempt allowed). Decided from the outcome's kind alone
// (notifiers/delivery_outcome.h classifies), so every transport retries the same way.
//
// The delay before attempt n+1, after n attempts failed:
//   min(backoff_initial_seconds * 2^(n-1), backoff_max_seconds) * (1 + jitter * (2u - 1))
// rounded to whole seconds, at least 1, where u in [0, 1) is the caller's random draw. The
// jitter spreads retries of a batch that failed together (a mail server that was down) so
// they do not all come back in the same second. With the defaults (60 s, 6 h cap, ±20 %,
// 12 attempts) retries come after about 1, 2, 4, 8 ... minutes, then every 6 hours: the
// 12th and last attempt about 20.5 hours after the first.
//
// Pure functions: no clock (now is passed in) and no random source (u is passed in; the
// dispatcher draws it from its seeded std::mt19937_64), so tests are deterministic.
// Thread-safe.
#ifndef DUBAN_NOTIFIERS_RETRY_POLICY_H_
#define DUBAN_NOTIFIERS_RETRY_POLICY_H_

#include <cstdint>

#include "config/config.h"
#include "notifiers/delivery_outcome.h"
#include "workflow/message.h"

namespace duban {

// Seconds to wait after `attempts_so_far` failed attempts (1 after the first; values below
// 1 count as 1). `unit_random` outside [0, 1) is clamped into it.
int64_t NextAttemptDelay(int attempts_so_far, const DeliveryConfig& config, double unit_random);

// The state an attempt leaves the message in. `attempts` counts this one (1 for the first
// attempt). Sets state, attempted (true) and, for failed, next_attempt_at = now + delay;
// message_id, error and response are left empty.
//   kSent       sent
//   kPermanent  dead
//   kRetryable  dead if attempts >= config.max_attempts, else failed
DeliveryRecord Decide(OutcomeKind kind, int attempts, const DeliveryConfig& config, int64_t now,
                      double unit_random);

// Decide, with the record's message_id, error and response filled from `outcome`.
DeliveryRecord DecideDelivery(int64_t message_id, const DeliveryOutcome& outcome, int attempts,
                              const DeliveryConfig& config, int64_t now, double unit_random);

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_RETRY_POLICY_H_
