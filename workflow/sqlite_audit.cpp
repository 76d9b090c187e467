#include "workflow/sqlite_audit.h"

#include <algorithm>
#include <cassert>
#include <exception>
#include <utility>

#include "workflow/sqlite_task_rows.h"

namespace duban {
namespace {

constexpr std::string_view kTaskPrefix = "task ";
constexpr std::string_view kAgencyPrefix = "agency ";

std::string After(const std::string& subject, std::string_view prefix) {
  if (subject.compare(0, prefix.size(), prefix) != 0) return "";
  return subject.substr(prefix.size());
}

constexpr std::string_view kColumns = "id, at, actor, action, subject, detail, task_ref, agency";

AuditEntry ReadEntry(SQLite::Statement& query) {
  return AuditEntry{query.getColumn(0).getInt64(), query.getColumn(1).getInt64(),
                    query.getColumn(2).getString(), query.getColumn(3).getString(),
                    query.getColumn(4).getString(), query.getColumn(5).getString(),
                    query.getColumn(6).getString(), query.getColumn(7).getString()};
}

// The upper bound of the strings that start with `prefix` (for an indexable range instead
// of LIKE, whose case folding and wildcards a prefix of an action name does not want).
std::string PrefixEnd(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xFF) prefix.pop_back();
  if (!prefix.empty()) prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

}  // namespace

AuditWriter::AuditWriter(SQLite::Database& db, std::string actor, int64_t at)
    : insert_(db, "INSERT INTO audit_log (at, actor, action, subject, detail, task_ref, agency)",
              7),
      actor_(std::move(actor)),
      at_(at) {}

AuditWriter::~AuditWriter() {
  assert(insert_.pending() == 0 || std::uncaught_exceptions() > 0);
}

void AuditWriter::Append(std::string_view action, const std::string& subject,
                         const std::string& detail) {
  Append(action, subject, detail, After(subject, kTaskPrefix), After(subject, kAgencyPrefix));
}

void AuditWriter::Append(std::string_view action, const std::string& subject,
                         const std::string& detail, const std::string& task_ref,
                         const std::string& agency) {
  insert_.Add({at_, actor_, std::string(action), subject, detail, task_ref, agency});
  ++written_;
}

std::vector<AuditEntry> ReadAudit(SQLite::Database& db, int64_t since, int limit) {
  std::vector<AuditEntry> entries;
  SQLite::Statement query(db, "SELECT " + std::string(kColumns) +
                                  " FROM audit_log WHERE at >= ? ORDER BY at, id LIMIT ?");
  query.bind(1, since);
  query.bind(2, limit);
  while (query.executeStep()) entries.push_back(ReadEntry(query));
  return entries;
}

std::vector<AuditEntry> ReadAudit(SQLite::Database& db, const AuditFilter& filter) {
  std::string where = "at >= ?";
  std::vector<SqlArg> args = {filter.since};
  if (filter.until != 0) {
    where += " AND at < ?";
    args.emplace_back(filter.until);
  }
  if (!filter.task_ref.empty()) {
    where += " AND task_ref = ?";
    args.emplace_back(filter.task_ref);
  }
  if (!filter.agency.empty()) {
    where += " AND agency = ?";
    args.emplace_back(filter.agency);
  }
  if (!filter.action_prefix.empty()) {
    where += " AND action >= ? AND action < ?";
    args.emplace_back(filter.action_prefix);
    args.emplace_back(PrefixEnd(filter.action_prefix));
  }
  args.emplace_back(static_cast<int64_t>(filter.limit));
  SQLite::Statement query(db, "SELECT " + std::string(kColumns) + " FROM audit_log WHERE " +
                                  where + " ORDER BY at DESC, id DESC LIMIT ?");
  BindArgs(query, args);
  std::vector<AuditEntry> entries;
  while (query.executeStep()) entries.push_back(ReadEntry(query));
  std::reverse(entries.begin(), entries.end());
  return entries;
}

}  // namespace duban
