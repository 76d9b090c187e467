#include "daemon/duband/check_store.h"

#include <ostream>

#include "workflow/sqlite_backup.h"

namespace duban {

int CheckStoreCommand(const std::string& path, std::ostream& out, std::ostream& err) {
  Result<StoreFileCheck> check = CheckStoreFile(path);
  if (!check.ok()) {
    err << "duband: " << check.status().message() << "\n";
    err << "duband: " << path << " is not a usable duban store; do not restore it\n";
    return 1;
  }
  out << path << ": duban store, schema version " << check->schema_version << " (this duband "
      << "opens 1 to " << check->newest_schema_version << ")\n";
  out << "  size " << check->size_bytes << " bytes, " << check->page_count << " pages of "
      << check->page_size << " bytes, integrity_check ok\n";
  for (const auto& [table, rows] : check->rows) out << "  " << table << ": " << rows << "\n";
  if (check->schema_version < check->newest_schema_version) {
    out << "  duband will migrate it to schema version " << check->newest_schema_version
        << " when it opens it\n";
  }
  out << "store OK\n";
  return 0;
}

}  // namespace duban
