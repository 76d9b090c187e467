#include "workflow/sqlite_status.h"

#include <sqlite3.h>

#include <SQLiteCpp/Exception.h>
#include <nlohmann/json.hpp>

namespace duban {

Status SqliteFailure(const std::exception& error, const std::string& path,
                     std::string_view operation) {
  std::string message = path + ": " + std::string(operation) + ": " + error.what();
  if (const auto* sqlite = dynamic_cast<const SQLite::Exception*>(&error)) {
    int code = sqlite->getErrorCode() & 0xff;
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) return Status::Corruption(message);
    return Status::IOError(message);
  }
  if (dynamic_cast<const nlohmann::json::exception*>(&error) != nullptr ||
      dynamic_cast<const StoredValueError*>(&error) != nullptr) {
    return Status::Corruption(message);
  }
  return Status::Internal(message);
}

}  // namespace duban
