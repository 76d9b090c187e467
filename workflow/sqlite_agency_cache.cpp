#include "workflow/sqlite_agency_cache.h"

#include <map>
#include <vector>

#include "workflow/agency.h"

namespace duban {

AgencyCache::AgencyCache(SQLite::Database& db) : db_(db) {
  std::map<int64_t, AgencyInfo> with_aliases;
  {
    SQLite::Statement query(db_, "SELECT id, name FROM agencies");
    while (query.executeStep()) {
      ids_.emplace(query.getColumn(1).getString(), query.getColumn(0).getInt64());
    }
  }
  SQLite::Statement query(db_,
                          "SELECT al.alias, al.agency_id, ag.name FROM agency_aliases al "
                          "JOIN agencies ag ON ag.id = al.agency_id ORDER BY al.alias");
  while (query.executeStep()) {
    std::string alias = query.getColumn(0).getString();
    int64_t id = query.getColumn(1).getInt64();
    AgencyInfo& info = with_aliases[id];
    info.name = query.getColumn(2).getString();
    info.aliases.push_back(alias);
    ids_.emplace(std::move(alias), id);
  }
  for (const auto& [id, info] : with_aliases) {
    // The store keeps names and aliases disjoint, so Add cannot fail; if a hand edit broke
    // that, the first owner of a name wins, as in ids_.
    (void)directory_.Add(info);
    has_aliases_ = true;
  }
}

int64_t AgencyCache::Find(std::string_view name) const {
  auto it = ids_.find(name);
  return it == ids_.end() ? 0 : it->second;
}

int64_t AgencyCache::Ensure(const std::string& name) {
  if (int64_t id = Find(name); id != 0) return id;
  if (!insert_) {
    insert_.emplace(db_, "INSERT INTO agencies (name, collective) VALUES (?, ?)");
  }
  insert_->bind(1, name);
  insert_->bind(2, IsCollectiveUnit(name) ? 1 : 0);
  insert_->exec();
  insert_->reset();
  int64_t id = db_.getLastInsertRowid();
  ids_.emplace(name, id);
  ++created_;
  return id;
}

}  // namespace duban
