#include "notifiers/retry_policy.h"

#include <algorithm>
#include <cmath>

namespace duban {
namespace {

// initial * 2^(n-1), capped, in double so a large n cannot overflow.
double CappedBackoff(int attempts_so_far, const DeliveryConfig& config) {
  const int doublings = std::max(attempts_so_far, 1) - 1;
  const double initial = std::max(config.backoff_initial_seconds, 1);
  const double cap = std::max(config.backoff_max_seconds, config.backoff_initial_seconds);
  return std::min(std::ldexp(initial, std::min(doublings, 1000)), cap);
}

}  // namespace

int64_t NextAttemptDelay(int attempts_so_far, const DeliveryConfig& config, double unit_random) {
  const double u = std::clamp(unit_random, 0.0, std::nextafter(1.0, 0.0));
  const double jitter = std::clamp(config.jitter, 0.0, 1.0);
  const double delay = CappedBackoff(attempts_so_far, config) * (1.0 + jitter * (2.0 * u - 1.0));
  return std::max<int64_t>(std::llround(delay), 1);
}

DeliveryRecord Decide(OutcomeKind kind, int attempts, const DeliveryConfig& config, int64_t now,
                      double unit_random) {
  DeliveryRecord record;
  record.attempted = true;
  switch (kind) {
    case OutcomeKind::kSent:
      record.state = std::string(kMessageSent);
      return record;
    case OutcomeKind::kPermanent:
      record.state = std::string(kMessageDead);
      return record;
    case OutcomeKind::kRetryable:
      break;
  }
  if (attempts >= config.max_attempts) {
    record.state = std::string(kMessageDead);
    return record;
  }
  record.state = std::string(kMessageFailed);
  record.next_attempt_at = now + NextAttemptDelay(attempts, config, unit_random);
  return record;
}

DeliveryRecord DecideDelivery(int64_t message_id, const DeliveryOutcome& outcome, int attempts,
                              const DeliveryConfig& config, int64_t now, double unit_random) {
  DeliveryRecord record = Decide(outcome.kind, attempts, config, now, unit_random);
  if (record.state == kMessageFailed && outcome.retry_after_seconds > 0) {
    // The server's word, when it asks for longer than the backoff; bounded by the cap so a
    // far-off date cannot park a message for good.
    const int64_t cap = std::max(config.backoff_max_seconds, config.backoff_initial_seconds);
    record.next_attempt_at =
        std::max(record.next_attempt_at, now + std::min(outcome.retry_after_seconds, cap));
  }
  record.message_id = message_id;
  record.error = outcome.error;
  record.response = outcome.response;
  return record;
}

}  // namespace duban
