// The soak's checks (bench_soak.cpp), run after the simulated year: memory stayed flat,
// the outbox drained, and what was sent is exactly what the rules imply. The store is read
// back through a second, read-only SQLite connection to the file, by SQL over the outbox,
// messages and message_outbox tables: an independent reading, not the Store API that wrote
// them.
//
// Not thread-safe; the soak's main thread, with nothing in flight.
#ifndef DUBAN_BENCH_SOAK_CHECKS_H_
#define DUBAN_BENCH_SOAK_CHECKS_H_

#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>

#include "bench/soak_transport.h"
#include "daemon/duband/tracking_model.h"
#include "workflow/evaluator.h"

namespace duban::soak {

class Checks {
 public:
  void Check(bool ok, const std::string& what) {
    std::printf("%s  %s\n", ok ? "ok  " : "FAIL", what.c_str());
    if (!ok) ++failures_;
  }
  int failures() const { return failures_; }

 private:
  int failures_ = 0;
};

// A month-end memory sample, KiB: the process's VmRSS and what SQLite has allocated
// (sqlite3_memory_used: mostly its page cache, bounded by the store's cache_size).
struct MemorySample {
  long rss = 0;
  long sqlite = 0;
};

// (b) Memory stays flat: from the end of month 2 to the end of month 12, the resident memory
// outside SQLite grows by at most 10% of month 2's RSS, and SQLite's own stays within
// 16 MiB (the store's running page cache is 8 MiB; SQLite's schema, statements and
// allocator slack on top). Both printed with the feedback reports entered, which the
// model legitimately keeps in memory. The RSS bound is not enforced under
// AddressSanitizer, whose quarantine keeps freed memory resident by design.
inline void CheckMemory(Checks& checks, const std::vector<MemorySample>& samples, int64_t feedback) {
  if (samples.size() < 12) {
    checks.Check(false, "memory: " + std::to_string(samples.size()) + " monthly samples, 12 expected");
    return;
  }
  const MemorySample& m2 = samples[1];
  const MemorySample& m12 = samples[11];
  const double outside = static_cast<double>((m12.rss - m12.sqlite) - (m2.rss - m2.sqlite)) /
                         static_cast<double>(m2.rss);
  char line[320];
  std::snprintf(line, sizeof line,
                "memory: RSS %.1f MiB at the end of month 2, %.1f MiB at the end of month 12; "
                "outside SQLite %+.1f%% of month 2's RSS (bound +10%%; %lld feedback reports "
                "entered in the year)",
                m2.rss / 1024.0, m12.rss / 1024.0, outside * 100, static_cast<long long>(feedback));
#if defined(__SANITIZE_ADDRESS__)
  std::printf("info  %s: not enforced under AddressSanitizer\n", line);
#else
  checks.Check(outside <= 0.10, line);
#endif
  std::snprintf(line, sizeof line, "memory: SQLite %.1f MiB at the end of month 2, %.1f MiB at "
                "the end of month 12 (bound 16 MiB)", m2.sqlite / 1024.0, m12.sqlite / 1024.0);
  checks.Check(m12.sqlite <= 16 * 1024, line);
}

inline std::map<std::string, int64_t> CountByState(SQLite::Database& db, const char* table) {
  std::map<std::string, int64_t> counts;
  SQLite::Statement query(db, std::string("SELECT state, count(*) FROM ") + table + " GROUP BY state");
  while (query.executeStep()) counts[query.getColumn(0).getString()] = query.getColumn(1).getInt64();
  return counts;
}

inline std::string Describe(const std::map<std::string, int64_t>& counts) {
  std::string out;
  for (const auto& [state, n] : counts) out += (out.empty() ? "" : ", ") + state + " " + std::to_string(n);
  return out.empty() ? "none" : out;
}

// (c) After the year's last retries: no outbox row pending, queued, failed or dead, no
// message queued, failed or dead; and no row skipped (the soak wakes on time, so the
// catch-up policy never drops anything).
inline void CheckDrained(Checks& checks, const std::string& db_path) {
  SQLite::Database db(db_path, SQLite::OPEN_READONLY);
  std::map<std::string, int64_t> outbox = CountByState(db, "outbox");
  std::map<std::string, int64_t> messages = CountByState(db, "messages");
  int64_t left = 0;
  for (const char* state : {"pending", "queued", "failed", "dead", "skipped"}) left += outbox[state];
  checks.Check(left == 0, "outbox drained: rows by state: " + Describe(outbox));
  int64_t waiting = 0;
  for (const char* state : {"queued", "failed", "dead"}) waiting += messages[state];
  checks.Check(waiting == 0, "messages drained: by state: " + Describe(messages));
}

// (a) The year's notices against the rules: see bench_soak.cpp's header.
inline void CheckDelivered(Checks& checks, const std::string& db_path, Store& store,
                           std::unique_ptr<TrackingConfig> config, SendLog& log,
                           int64_t year_start, int64_t year_end) {
  auto model = TrackingModel::Load(store, std::move(config), year_start);
  if (!model.ok()) {
    checks.Check(false, "reloading the tasks: " + model.status().message());
    return;
  }
  std::unordered_set<std::string> expected;
  const int64_t month = (year_end - year_start) / 12 + 1;
  for (int64_t from = year_start; from < year_end; from += month) {
    for (Action& action : ActionsBetween((*model)->tasks(), (*model)->context(), from,
                                         std::min(from + month, year_end))) {
      expected.insert(std::move(action.key));
    }
  }
  const size_t implied = expected.size();
  model->reset();

  SQLite::Database db(db_path, SQLite::OPEN_READONLY);
  int64_t sent = 0, extra = 0, cancelled = 0, cancelled_but_owed = 0;
  std::vector<std::string> examples;
  SQLite::Statement rows(db, "SELECT key, state FROM outbox");
  while (rows.executeStep()) {
    const std::string key = rows.getColumn(0).getString();
    const std::string state = rows.getColumn(1).getString();
    if (state == "sent") {
      ++sent;
      if (expected.erase(key) == 0) {
        ++extra;
        if (examples.size() < 5) examples.push_back("extra " + key);
      }
    } else if (state == "cancelled") {
      ++cancelled;
      if (expected.contains(key)) {
        ++cancelled_but_owed;
        if (examples.size() < 5) examples.push_back("cancelled but owed " + key);
      }
    }
  }
  for (auto it = expected.begin(); it != expected.end() && examples.size() < 10; ++it) {
    examples.push_back("missing " + *it);
  }
  for (const std::string& example : examples) std::printf("      %s\n", example.c_str());
  checks.Check(implied > 0, "the rules imply " + std::to_string(implied) + " notices over the year");
  checks.Check(expected.empty() && extra == 0,
               "sent actions equal the implied ones: " + std::to_string(sent) + " sent, " +
                   std::to_string(expected.size()) + " missing, " + std::to_string(extra) + " extra");
  checks.Check(cancelled > 0 && cancelled_but_owed == 0,
               std::to_string(cancelled) + " actions cancelled when their report came in, " +
                   std::to_string(cancelled_but_owed) + " of them still owed by the rules");

  SQLite::Statement twice(db,
                          "SELECT count(*) FROM (SELECT mo.outbox_id, m.target FROM message_outbox mo "
                          "JOIN messages m ON m.id = mo.message_id GROUP BY 1, 2 HAVING count(*) > 1)");
  twice.executeStep();
  checks.Check(twice.getColumn(0).getInt64() == 0,
               "no action carried twice to one address: " + std::to_string(twice.getColumn(0).getInt64()) +
                   " (action, address) pairs in more than one message");
  SQLite::Statement unsent(db,
                           "SELECT count(*) FROM outbox o WHERE o.state = 'sent' AND NOT EXISTS ("
                           "SELECT 1 FROM message_outbox mo JOIN messages m ON m.id = mo.message_id "
                           "WHERE mo.outbox_id = o.id AND m.state = 'sent')");
  unsent.executeStep();
  checks.Check(unsent.getColumn(0).getInt64() == 0,
               "every sent action in a sent message: " + std::to_string(unsent.getColumn(0).getInt64()) +
                   " without one");

  std::lock_guard<std::mutex> lock(log.mutex);
  int64_t messages = 0, not_once = 0;
  SQLite::Statement states(db, "SELECT id, state FROM messages");
  while (states.executeStep()) {
    ++messages;
    const int64_t id = states.getColumn(0).getInt64();
    const bool is_sent = states.getColumn(1).getString() == "sent";
    const int accepted = static_cast<size_t>(id) < log.accepted.size() ? log.accepted[id] : 0;
    if (accepted != (is_sent ? 1 : 0)) ++not_once;
  }
  checks.Check(messages > 0 && not_once == 0 && log.accepted_total == messages,
               std::to_string(messages) + " messages, each accepted by the transport exactly once: " +
                   std::to_string(not_once) + " not, " + std::to_string(log.accepted_total) +
                   " acceptances");
}

}  // namespace duban::soak

#endif  // DUBAN_BENCH_SOAK_CHECKS_H_
