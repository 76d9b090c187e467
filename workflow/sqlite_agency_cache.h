// AgencyCache: the agencies table in memory for the length of one transaction, so a plan
// of 100,000 tasks resolves its agency names without a query per name. Creates the
// agencies a plan names for the first time (collective = IsCollectiveUnit(name)).
//
// REQUIRES: used inside one transaction on `db`; the caller catches SQLite::Exception.
#ifndef DUBAN_WORKFLOW_SQLITE_AGENCY_CACHE_H_
#define DUBAN_WORKFLOW_SQLITE_AGENCY_CACHE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "workflow/agency_directory.h"

namespace duban {

// Lets unordered_map<std::string, ...> be searched with a string_view.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

class AgencyCache {
 public:
  // Loads every agency name and alias (two queries).
  explicit AgencyCache(SQLite::Database& db);

  // The id of the agency with this canonical name or alias; 0 if none.
  int64_t Find(std::string_view name) const;

  // The id of the agency with canonical name or alias `name`, inserting a new agency if
  // there is none.
  int64_t Ensure(const std::string& name);

  // The stored aliases as a directory, to canonicalise plans before comparing them.
  const AgencyDirectory& directory() const { return directory_; }
  bool has_aliases() const { return has_aliases_; }

  // Agencies Ensure inserted.
  int created() const { return created_; }

 private:
  SQLite::Database& db_;
  StringMap<int64_t> ids_;  // canonical names and aliases
  AgencyDirectory directory_;
  bool has_aliases_ = false;
  std::optional<SQLite::Statement> insert_;  // prepared on first use
  int created_ = 0;
};

}  // namespace duban

#endif  // DUBAN_WORKFLOW_SQLITE_AGENCY_CACHE_H_
