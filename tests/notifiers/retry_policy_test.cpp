// RetryPolicy: the backoff (doubling, cap, jitter bounds from the random draw) and the
// state an attempt leaves a message in (sent, failed with its next time, dead).
#include "notifiers/retry_policy.h"

#include <catch2/catch.hpp>

namespace duban {
namespace {

DeliveryConfig Defaults() { return DeliveryConfig{}; }  // 60 s, cap 21600 s, ±20 %, 12 attempts

TEST_CASE("RetryPolicy: the delay doubles from the initial one up to the cap",
          "[retry_policy]") {
  DeliveryConfig config = Defaults();
  REQUIRE(config.backoff_initial_seconds == 60);
  REQUIRE(config.backoff_max_seconds == 21600);
  struct Row {
    int attempts;
    int64_t delay;  // with u = 0.5: no jitter
  };
  const Row rows[] = {{0, 60},      {1, 60},      {2, 120},     {3, 240},    {4, 480},
                      {5, 960},     {6, 1920},    {7, 3840},    {8, 7680},   {9, 15360},
                      {10, 21600},  {11, 21600},  {50, 21600},  {100, 21600}, {5000, 21600}};
  for (const Row& row : rows) {
    INFO("after " << row.attempts << " attempts");
    CHECK(NextAttemptDelay(row.attempts, config, 0.5) == row.delay);
  }
}

TEST_CASE("RetryPolicy: other settings", "[retry_policy]") {
  DeliveryConfig config;
  config.backoff_initial_seconds = 7;
  config.backoff_max_seconds = 100;
  config.jitter = 0;
  CHECK(NextAttemptDelay(1, config, 0.9) == 7);
  CHECK(NextAttemptDelay(2, config, 0.1) == 14);
  CHECK(NextAttemptDelay(4, config, 0.5) == 56);
  CHECK(NextAttemptDelay(5, config, 0.5) == 100);  // 112 capped
  config.backoff_max_seconds = 7;                 // cap = initial: constant
  CHECK(NextAttemptDelay(9, config, 0.5) == 7);
}

TEST_CASE("RetryPolicy: jitter stays within (1 ± jitter) of the delay", "[retry_policy]") {
  DeliveryConfig config = Defaults();
  config.jitter = 0.25;
  // Bounds: u = 0 gives the lowest, u -> 1 the highest; u = 0.5 none.
  CHECK(NextAttemptDelay(3, config, 0.0) == 180);   // 240 * 0.75
  CHECK(NextAttemptDelay(3, config, 0.5) == 240);
  CHECK(NextAttemptDelay(3, config, 0.75) == 270);  // 240 * 1.125
  CHECK(NextAttemptDelay(10, config, 0.0) == 16200);  // the cap jitters too
  CHECK(NextAttemptDelay(3, config, -3.0) == 180);  // clamped
  CHECK(NextAttemptDelay(3, config, 7.0) == 300);   // just under 1: 240 * 1.25, rounded
  for (int attempts = 1; attempts <= 14; ++attempts) {
    const double base = NextAttemptDelay(attempts, config, 0.5);
    int64_t previous = 0;
    for (int step = 0; step < 1000; ++step) {
      const double u = step / 1000.0;
      const int64_t delay = NextAttemptDelay(attempts, config, u);
      INFO("attempts " << attempts << ", u " << u);
      CHECK(delay >= std::llround(base * 0.75));
      CHECK(delay <= std::llround(base * 1.25));
      CHECK(delay >= previous);  // monotone in u
      previous = delay;
    }
  }
  config.jitter = 0;
  CHECK(NextAttemptDelay(3, config, 0.0) == 240);
  config.jitter = 1;  // the whole range, but never 0 s
  config.backoff_initial_seconds = 1;
  CHECK(NextAttemptDelay(1, config, 0.0) == 1);
}

TEST_CASE("RetryPolicy: what an attempt leaves the message in", "[retry_policy]") {
  DeliveryConfig config = Defaults();
  config.max_attempts = 3;
  const int64_t now = 1'780'000'000;
  struct Row {
    OutcomeKind kind;
    int attempts;
    std::string state;
    int64_t next;  // 0 unless failed
  };
  const Row rows[] = {
      {OutcomeKind::kSent, 1, "sent", 0},          {OutcomeKind::kSent, 3, "sent", 0},
      {OutcomeKind::kPermanent, 1, "dead", 0},     {OutcomeKind::kPermanent, 2, "dead", 0},
      {OutcomeKind::kRetryable, 1, "failed", now + 60},
      {OutcomeKind::kRetryable, 2, "failed", now + 120},
      {OutcomeKind::kRetryable, 3, "dead", 0},     {OutcomeKind::kRetryable, 4, "dead", 0},
  };
  for (const Row& row : rows) {
    INFO(OutcomeKindName(row.kind) << " at attempt " << row.attempts);
    DeliveryRecord record = Decide(row.kind, row.attempts, config, now, 0.5);
    CHECK(record.state == row.state);
    CHECK(record.attempted);
    CHECK(record.next_attempt_at == row.next);
  }
  // Jitter reaches the decision.
  CHECK(Decide(OutcomeKind::kRetryable, 2, config, now, 0.0).next_attempt_at == now + 96);
}

TEST_CASE("RetryPolicy: DecideDelivery carries the id, error and response", "[retry_policy]") {
  DeliveryConfig config = Defaults();
  DeliveryRecord failed = DecideDelivery(
      42, DeliveryOutcome::Retryable("SMTP 451: try later", "451 4.7.1 greylisted"), 1, config,
      1000, 0.5);
  CHECK(failed.message_id == 42);
  CHECK(failed.state == "failed");
  CHECK(failed.next_attempt_at == 1060);
  CHECK(failed.error == "SMTP 451: try later");
  CHECK(failed.response == "451 4.7.1 greylisted");
  DeliveryRecord sent = DecideDelivery(43, DeliveryOutcome::Sent("250 2.0.0 OK"), 12, config,
                                       1000, 0.5);
  CHECK(sent.state == "sent");
  CHECK(sent.error.empty());
  CHECK(sent.response == "250 2.0.0 OK");
  DeliveryRecord last = DecideDelivery(44, DeliveryOutcome::Retryable("timeout"),
                                       config.max_attempts, config, 1000, 0.5);
  CHECK(last.state == "dead");
  CHECK(last.error == "timeout");
}

TEST_CASE("RetryPolicy: a server's Retry-After is waited for, up to the cap", "[retry_policy]") {
  DeliveryConfig config = Defaults();  // 60 s initial, 21600 s cap
  auto after = [&](int64_t seconds, int attempts = 1) {
    DeliveryOutcome outcome = DeliveryOutcome::Retryable("HTTP 429", "HTTP 429");
    outcome.retry_after_seconds = seconds;
    return DecideDelivery(7, outcome, attempts, config, 1000, 0.5);
  };
  CHECK(after(0).next_attempt_at == 1060);           // not said: the backoff
  CHECK(after(600).next_attempt_at == 1600);         // longer than the backoff: its word
  CHECK(after(10).next_attempt_at == 1060);          // shorter: the backoff still holds
  CHECK(after(5'000'000).next_attempt_at == 22600);  // far off: the cap
  CHECK(after(600, config.max_attempts).state == "dead");  // no attempts left: dead anyway
  DeliveryOutcome sent = DeliveryOutcome::Sent("HTTP 200");
  sent.retry_after_seconds = 600;
  CHECK(DecideDelivery(8, sent, 1, config, 1000, 0.5).next_attempt_at == 0);
}

}  // namespace
}  // namespace duban
