// Dispatcher: sends the store's due messages through the configured transports and
// records every outcome. The Asio side of delivery: it runs on the daemon's io_context
// thread and hands batches to a pool of worker threads, because transports block (libcurl
// easy handles); the store is only touched on the io_context thread.
//
// At least once, never twice by choice: a message is in the store (queued) before it is
// sent, and its outcome is recorded after; a crash in between leaves it queued, so it is
// resent after a restart with the same key (hence the same Message-ID / webhook id).
//
// Per round (Dispatch): the due messages (Store::DueMessages) not already in flight are
// split by channel: email in batches of [mail] batch_size, at most [mail] connections
// batches at once, each through one transport (one SMTP session reused for the batch);
// webhooks one batch per target at a time, at most [delivery] webhook_concurrency targets
// at once, and never more than the target's rate_limit_per_minute in any 60 s: a limited
// target's messages go one per batch, each taking its slot as it starts, in a 65 s window
// (the rest is deferred to when the window frees, which is not an attempt). Outcomes are classified by
// notifiers/delivery_outcome.h and turned into sent / failed with backoff / dead by
// notifiers/retry_policy.h (with this dispatcher's seeded random jitter), then written with
// Store::RecordDeliveries, one transaction per batch. When nothing is in flight, a timer
// sleeps until the next attempt is due (bounded by max_sleep_seconds, as the scheduler).
//
// A store that cannot record outcomes (database locked by another program, disk full):
// the outcomes are kept in memory and written again every kRecordRetry seconds, and their
// messages are not sent again meanwhile (they are still queued or failed in the store, so
// without this each round would send them again). Only a crash or stop before a retry
// succeeds leaves them to be resent at the next start, as any message in flight.
//
// Stop: no new batches; the io_context is kept alive until the batches in flight report
// or [delivery] stop_grace_seconds pass. Then the sends still in flight are abandoned:
// their transports are aborted (Transport::Abort: a libcurl transfer gives up within about
// a second), what they did send is recorded if they report within kAbandonWait, and every
// other message stays queued as it was (no attempt counted) and goes at the next start
// with the same key, hence the same Message-ID. So a stop takes at most the grace plus a
// few seconds, whatever the servers do.
//
// Not thread-safe: every public method on the io_context thread. Store must outlive it.
#ifndef DUBAN_DAEMON_DUBAND_DISPATCHER_H_
#define DUBAN_DAEMON_DUBAND_DISPATCHER_H_

#include <utility>  // before Asio: Boost 1.74 awaitable needs it with g++ 12

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <boost/asio.hpp>

#include "config/config.h"
#include "notifiers/rate_limiter.h"
#include "notifiers/transport_factory.h"
#include "workflow/store.h"

namespace duban {

struct DispatchSettings {
  int email_sessions = 2;       // [mail] connections
  int email_batch = 50;         // [mail] batch_size
  int webhook_concurrency = 4;  // [delivery] webhook_concurrency
  int webhook_batch = 50;       // messages per webhook batch
  std::map<std::string, int> webhook_rate_limits;  // [[webhook]] name → per minute (0 = none)
  DeliveryConfig retry;         // max_attempts, backoff, jitter
  int max_sleep_seconds = 60;   // [daemon] max_sleep_seconds
  int stop_grace_seconds = 10;  // how long Stop waits for batches in flight
};
DispatchSettings DispatchSettingsFrom(const Config& config);

// What the dispatcher has done on one channel since start.
struct ChannelCounters {
  int64_t sent = 0;
  int64_t failed = 0;    // attempts that failed and will be retried
  int64_t dead = 0;      // attempts after which the message is dead
  int64_t deferred = 0;  // held back by a rate limit (not an attempt)
  int in_flight = 0;     // messages being sent now
};

// What the dispatcher has done since start, for `status`, `metrics` and logs: totals and
// the same by channel. Read on the io_context thread (where they change).
struct DispatchCounters {
  int64_t sent = 0;
  int64_t failed = 0;    // attempts that failed and will be retried
  int64_t dead = 0;
  int64_t deferred = 0;  // held back by a rate limit
  int in_flight = 0;     // messages being sent now
  int64_t abandoned = 0; // left queued by a stop whose grace ran out
  ChannelCounters email;
  ChannelCounters webhook;

  ChannelCounters& of(Channel channel) { return channel == Channel::kEmail ? email : webhook; }
};

class Dispatcher {
 public:
  using Clock = std::function<int64_t()>;  // UTC seconds now

  // `threads` workers (at least 1); `seed` seeds the jitter of retries.
  Dispatcher(boost::asio::io_context& io, Store& store, std::unique_ptr<TransportFactory> factory,
             DispatchSettings settings, Clock clock, int threads, uint64_t seed);
  ~Dispatcher();  // joins the workers (a send in progress ends by its own timeout)

  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Sends what is due now and arms the timer.
  void Start();
  // Messages were queued or revived: send what is due now.
  void Kick();
  // After a reload: new transports and limits for the batches started from now on (idle
  // connections of the old configuration are closed; batches in flight finish as they are).
  void Reconfigure(std::unique_ptr<TransportFactory> factory, DispatchSettings settings);
  // See the header comment.
  void Stop();

  const DispatchCounters& counters() const { return counters_; }

 private:
  struct Batch;

  void Dispatch();
  void StartEmail(std::vector<Message>& due, int64_t now);
  void StartWebhooks(std::vector<Message>& due, int64_t now,
                     std::vector<DeliveryRecord>* deferrals);
  void Launch(std::shared_ptr<Batch> batch, int64_t now);
  void Complete(std::shared_ptr<Batch> batch);
  // Records outcomes that never reached a transport (no transport could be made).
  void FailWithoutSending(const std::vector<Message>& messages, const Status& why, int64_t now);
  // Writes `records` with any kept from a failed write; on an I/O failure keeps them all
  // (see the header comment).
  void Record(std::vector<DeliveryRecord> records, int64_t now);
  std::unique_ptr<Transport> TakeIdle(const std::string& pool);
  void ArmTimer(int64_t now);
  void FinishStopIfIdle();
  // The stop grace ran out: abort the transports in flight (see the header comment).
  void Abandon();

  boost::asio::io_context& io_;
  Store& store_;
  const Clock clock_;
  boost::asio::thread_pool workers_;
  boost::asio::steady_timer timer_;
  boost::asio::steady_timer grace_timer_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> stop_guard_;

  std::unique_ptr<TransportFactory> factory_;
  DispatchSettings settings_;
  int generation_ = 0;  // bumped by Reconfigure: transports of older generations are dropped
  std::map<std::string, std::vector<std::unique_ptr<Transport>>> idle_;  // pool → idle transports
  std::set<int64_t> in_flight_ids_;
  std::vector<DeliveryRecord> unrecorded_;  // outcomes the store refused, to write again
  std::set<int64_t> unrecorded_ids_;        // their messages: not to be sent again
  int64_t record_retry_at_ = 0;             // when to write them again
  std::set<std::shared_ptr<Batch>> batches_;  // in flight, so Abandon can abort them
  int email_batches_ = 0;
  std::set<std::string> busy_targets_;  // webhook targets with a batch in flight
  RateLimiter limiter_;
  std::mt19937_64 random_;
  DispatchCounters counters_;
  bool stopping_ = false;
  bool abandoned_ = false;  // the grace ran out: only sent outcomes are still recorded
};

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_DISPATCHER_H_
