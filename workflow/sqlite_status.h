// Turns exceptions thrown inside the SQLite adapter (SQLiteCpp, nlohmann::json reading
// stored JSON) into a Status naming the file and the operation.
#ifndef DUBAN_WORKFLOW_SQLITE_STATUS_H_
#define DUBAN_WORKFLOW_SQLITE_STATUS_H_

#include <exception>
#include <stdexcept>
#include <string>
#include <string_view>

#include "workflow/status.h"

namespace duban {

// Thrown by the adapter when a stored value cannot be read back (an unknown role or level
// name, a malformed date): the file was edited by hand or damaged.
class StoredValueError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// kCorruption for a damaged or foreign file (SQLITE_CORRUPT, SQLITE_NOTADB), unreadable
// stored JSON or a StoredValueError, kIOError for any other SQLite failure, kInternal for
// anything else.
// Message: "<path>: <operation>: <what>".
Status SqliteFailure(const std::exception& error, const std::string& path,
                     std::string_view operation);

// Runs `body` (returning Status or Result<T>) and turns what it throws into SqliteFailure.
// A SQLite::Transaction inside `body` rolls back as the exception leaves it.
template <typename Body>
auto GuardSqlite(const std::string& path, std::string_view operation, Body&& body)
    -> decltype(body()) {
  try {
    return body();
  } catch (const std::exception& error) {
    return SqliteFailure(error, path, operation);
  }
}

}  // namespace duban

#endif  // DUBAN_WORKFLOW_SQLITE_STATUS_H_
