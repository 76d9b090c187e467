#include "workflow/sqlite_lookup.h"

#include <SQLiteCpp/Statement.h>

namespace duban {

std::optional<TaskRow> FindTaskRow(SQLite::Database& db, std::string_view ref) {
  SQLite::Statement query(db, "SELECT id, state, state_reason FROM tasks WHERE ref = ?");
  query.bind(1, std::string(ref));
  if (!query.executeStep()) return std::nullopt;
  return TaskRow{query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                 query.getColumn(2).getString()};
}

std::optional<AgencyRow> FindAgencyRow(SQLite::Database& db, std::string_view name) {
  SQLite::Statement query(db,
                          "SELECT id, name FROM agencies WHERE name = ?1 UNION ALL "
                          "SELECT a.id, a.name FROM agency_aliases x "
                          "JOIN agencies a ON a.id = x.agency_id WHERE x.alias = ?1 LIMIT 1");
  query.bind(1, std::string(name));
  if (!query.executeStep()) return std::nullopt;
  return AgencyRow{query.getColumn(0).getInt64(), query.getColumn(1).getString()};
}

bool HasRole(SQLite::Database& db, int64_t task_id, int64_t agency_id) {
  SQLite::Statement query(db,
                          "SELECT 1 FROM assignments WHERE task_id = ? AND agency_id = ? LIMIT 1");
  query.bind(1, task_id);
  query.bind(2, agency_id);
  return query.executeStep();
}

}  // namespace duban
