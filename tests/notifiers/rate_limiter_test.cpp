// RateLimiter: never more than N acquisitions in any window, checked by brute force over
// randomized schedules; as many as that allows (greedy); NextFree exact.
#include "notifiers/rate_limiter.h"

#include <random>
#include <vector>

#include <catch2/catch.hpp>

namespace duban {
namespace {

constexpr int64_t kMinute = RateLimiter::kMinuteMs;

// How many of `times` fall in [from, from + window).
int InWindow(const std::vector<int64_t>& times, int64_t from, int64_t window) {
  int count = 0;
  for (int64_t t : times) count += (t >= from && t < from + window) ? 1 : 0;
  return count;
}

TEST_CASE("RateLimiter: 20 a minute, the 21st waits for the first to leave the window",
          "[rate_limiter]") {
  RateLimiter limiter;
  limiter.SetLimit("dingtalk-office", 20);
  const int64_t t0 = 1'780'000'000'000;
  for (int i = 0; i < 20; ++i) {
    INFO(i);
    CHECK(limiter.NextFree("dingtalk-office", t0 + i * 100) == t0 + i * 100);
    CHECK(limiter.TryAcquire("dingtalk-office", t0 + i * 100));
  }
  CHECK_FALSE(limiter.TryAcquire("dingtalk-office", t0 + 2000));
  CHECK(limiter.NextFree("dingtalk-office", t0 + 2000) == t0 + kMinute);
  CHECK_FALSE(limiter.TryAcquire("dingtalk-office", t0 + kMinute - 1));
  CHECK(limiter.TryAcquire("dingtalk-office", t0 + kMinute));
  CHECK(limiter.NextFree("dingtalk-office", t0 + kMinute) == t0 + 100 + kMinute);
  CHECK_FALSE(limiter.TryAcquire("dingtalk-office", t0 + kMinute + 99));
  CHECK(limiter.TryAcquire("dingtalk-office", t0 + kMinute + 100));

  // Other targets are independent; unset ones are unlimited.
  CHECK(limiter.TryAcquire("wecom", t0));
  for (int i = 0; i < 1000; ++i) CHECK(limiter.TryAcquire("standard", t0));
  CHECK(limiter.NextFree("standard", t0) == t0);
  CHECK(limiter.Limit("standard") == 0);
  CHECK(limiter.Limit("dingtalk-office") == 20);
}

TEST_CASE("RateLimiter: a minute boundary does not reset the count", "[rate_limiter]") {
  RateLimiter limiter;
  limiter.SetLimit("bot", 20);
  const int64_t minute = 1'780'000'020 * int64_t{1000};  // a whole minute
  for (int i = 0; i < 20; ++i) REQUIRE(limiter.TryAcquire("bot", minute - 1000));  // hh:mm:59
  CHECK_FALSE(limiter.TryAcquire("bot", minute + 1000));  // next minute, same window
  CHECK(limiter.NextFree("bot", minute + 1000) == minute - 1000 + kMinute);
}

TEST_CASE("RateLimiter: limits change without forgetting, 0 lifts them", "[rate_limiter]") {
  RateLimiter limiter;
  limiter.SetLimit("bot", 5);
  for (int i = 0; i < 5; ++i) REQUIRE(limiter.TryAcquire("bot", 1000 + i));
  limiter.SetLimit("bot", 2);  // lowered: the 5 still count
  CHECK_FALSE(limiter.TryAcquire("bot", 2000));
  CHECK(limiter.NextFree("bot", 2000) == 1003 + kMinute);  // live drops to 1 then
  limiter.SetLimit("bot", 6);  // raised
  CHECK(limiter.TryAcquire("bot", 2000));
  CHECK_FALSE(limiter.TryAcquire("bot", 2001));
  limiter.SetLimit("bot", 0);
  CHECK(limiter.TryAcquire("bot", 2002));
  CHECK(limiter.Limit("bot") == 0);
}

TEST_CASE("RateLimiter: a clock stepping back never lets more through", "[rate_limiter]") {
  RateLimiter limiter;
  limiter.SetLimit("bot", 3);
  REQUIRE(limiter.TryAcquire("bot", 100'000));
  REQUIRE(limiter.TryAcquire("bot", 100'000));
  REQUIRE(limiter.TryAcquire("bot", 10'000));  // back 90 s: recorded at 100'000
  CHECK_FALSE(limiter.TryAcquire("bot", 20'000));
  CHECK(limiter.NextFree("bot", 20'000) == 100'000 + kMinute);
  CHECK(limiter.TryAcquire("bot", 100'000 + kMinute));
}

TEST_CASE("RateLimiter: never more than N in any window under random schedules",
          "[rate_limiter]") {
  std::mt19937_64 random(20240611);
  int refused = 0;
  for (int round = 0; round < 200; ++round) {
    const int limit = 1 + static_cast<int>(random() % 25);
    const int64_t window = round % 2 == 0 ? kMinute : 1 + static_cast<int64_t>(random() % 5000);
    RateLimiter limiter(window);
    limiter.SetLimit("t", limit);
    std::vector<int64_t> tried;
    std::vector<int64_t> accepted;
    int64_t now = static_cast<int64_t>(random() % 1'000'000);
    for (int step = 0; step < 400; ++step) {
      // Bursts at one instant, small steps, and long gaps.
      const int kind = static_cast<int>(random() % 10);
      now += kind < 3 ? 0 : kind < 8 ? static_cast<int64_t>(random() % (window / 10 + 1))
                                     : static_cast<int64_t>(random() % (2 * window));
      const int64_t next_free = limiter.NextFree("t", now);
      const bool got = limiter.TryAcquire("t", now);
      // Greedy: accepted exactly when fewer than `limit` were accepted in (now - window, now].
      const bool room = InWindow(accepted, now - window + 1, window) < limit;
      INFO("round " << round << " step " << step << " limit " << limit << " window " << window);
      REQUIRE(got == room);
      REQUIRE((next_free == now) == got);
      if (!got) {
        // Exact: no room until next_free, room at next_free.
        REQUIRE(next_free > now);
        REQUIRE(InWindow(accepted, next_free - 1 - window + 1, window) >= limit);
        REQUIRE(InWindow(accepted, next_free - window + 1, window) < limit);
      }
      if (got) accepted.push_back(now);
      tried.push_back(now);
    }
    // Brute force over every window that starts at an accepted time (the fullest ones do).
    for (int64_t start : accepted) {
      INFO("round " << round << " window from " << start);
      REQUIRE(InWindow(accepted, start, window) <= limit);
    }
    refused += static_cast<int>(tried.size() - accepted.size());
  }
  CHECK(refused > 1000);  // the schedules do press against the limits
}

}  // namespace
}  // namespace duban
