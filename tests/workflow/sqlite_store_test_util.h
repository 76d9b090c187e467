// Helpers shared by the SqliteStore tests: open a store, and read back what it holds with
// REQUIREs that fail the test (naming the Status) instead of returning errors.
#ifndef DUBAN_TESTS_WORKFLOW_SQLITE_STORE_TEST_UTIL_H_
#define DUBAN_TESTS_WORKFLOW_SQLITE_STORE_TEST_UTIL_H_

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <SQLiteCpp/SQLiteCpp.h>

#include "workflow/sqlite_store.h"

namespace duban::testing {

using Strings = std::vector<std::string>;

inline std::unique_ptr<SqliteStore> OpenStore(const std::string& path = ":memory:") {
  auto store = SqliteStore::Open(path);
  INFO(store.status().ToString());
  REQUIRE(store.ok());
  return std::move(store).value();
}

inline std::vector<AuditEntry> Audit(Store& store) {
  auto entries = store.ListAudit(0, 1'000'000);
  REQUIRE(entries.ok());
  return *entries;
}

// The CPU-time bounds of the speed tests are for an optimised build. A sanitizer build
// (scripts/sanitize.sh: -O1 and a shadow-memory check on every access) does the same work
// 2-3x slower (ASan: 100,000-task import 4.3 s of CPU against its 3 s bound), so the
// bounds are scaled there; they still catch a gross slowdown.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr double kCpuBoundScale = 4.0;
#else
inline constexpr double kCpuBoundScale = 1.0;
#endif

inline int CountActions(const std::vector<AuditEntry>& entries, const std::string& action) {
  return static_cast<int>(std::count_if(entries.begin(), entries.end(),
                                        [&](const AuditEntry& e) { return e.action == action; }));
}

inline const AuditEntry* FindAction(const std::vector<AuditEntry>& entries, const std::string& action,
                             const std::string& subject) {
  for (const auto& entry : entries) {
    if (entry.action == action && entry.subject == subject) return &entry;
  }
  return nullptr;
}
// The entry points into `entries`: a temporary (FindAction(Audit(store), ...)) would be
// gone before the pointer is read, a use after free that AddressSanitizer found twice.
const AuditEntry* FindAction(std::vector<AuditEntry>&& entries, const std::string& action,
                             const std::string& subject) = delete;

inline Strings Refs(const std::vector<TaskRecord>& records) {
  Strings refs;
  for (const auto& record : records) refs.push_back(record.task.ref);
  return refs;
}

inline std::vector<TaskRecord> List(Store& store, TaskFilter filter) {
  auto listed = store.ListTasks(filter);
  INFO(listed.status().ToString());
  REQUIRE(listed.ok());
  return *listed;
}

inline TaskRecord Get(Store& store, const std::string& ref) {
  auto record = store.GetTask(ref);
  INFO(record.status().ToString());
  REQUIRE(record.ok());
  return *record;
}

inline AgencyRecord GetAgency(Store& store, const std::string& name) {
  auto agency = store.GetAgency(name);
  INFO(agency.status().ToString());
  REQUIRE(agency.ok());
  return *agency;
}

inline StoreSummary Summarise(Store& store) {
  auto summary = store.Summary();
  REQUIRE(summary.ok());
  return *summary;
}

// The configured agencies the store tests sync: 省发改委 with two aliases and both
// contacts, 省科技厅 with a contact only, 省商务厅 with one alias.
inline std::vector<AgencyInfo> SampleAgencies() {
  AgencyInfo ndrc{"省发改委", {"省发展改革委", "省发展和改革委员会"}, "fgw@example.gov.cn",
                  "fgw-leader@example.gov.cn", ""};
  AgencyInfo most{"省科技厅", {}, "kjt@example.gov.cn", "", ""};
  AgencyInfo commerce{"省商务厅", {"商务厅"}, "swt@example.gov.cn", "", ""};
  return {ndrc, most, commerce};
}

// Runs a counting query on the database file at `path` through its own read-only
// connection, to check what the store wrote.
inline int Count(const std::string& path, const std::string& sql) {
  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  return raw.execAndGet(sql).getInt();
}

}  // namespace duban::testing

#endif  // DUBAN_TESTS_WORKFLOW_SQLITE_STORE_TEST_UTIL_H_
