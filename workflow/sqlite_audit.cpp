#include "workflow/sqlite_audit.h"

#include <cassert>
#include <exception>
#include <utility>

namespace duban {

AuditWriter::AuditWriter(SQLite::Database& db, std::string actor, int64_t at)
    : insert_(db, "INSERT INTO audit_log (at, actor, action, subject, detail)", 5),
      actor_(std::move(actor)),
      at_(at) {}

AuditWriter::~AuditWriter() {
  assert(insert_.pending() == 0 || std::uncaught_exceptions() > 0);
}

void AuditWriter::Append(std::string_view action, const std::string& subject,
                         const std::string& detail) {
  insert_.Add({at_, actor_, std::string(action), subject, detail});
  ++written_;
}

std::vector<AuditEntry> ReadAudit(SQLite::Database& db, int64_t since, int limit) {
  std::vector<AuditEntry> entries;
  SQLite::Statement query(db,
                          "SELECT id, at, actor, action, subject, detail FROM audit_log "
                          "WHERE at >= ? ORDER BY at, id LIMIT ?");
  query.bind(1, since);
  query.bind(2, limit);
  while (query.executeStep()) {
    entries.push_back(AuditEntry{query.getColumn(0).getInt64(), query.getColumn(1).getInt64(),
                                 query.getColumn(2).getString(), query.getColumn(3).getString(),
                                 query.getColumn(4).getString(), query.getColumn(5).getString()});
  }
  return entries;
}

}  // namespace duban
