// SqliteStore's agencies: listing them with their counts of active tasks, looking one up
// by name or alias, and SyncAgencies (config → store).
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <nlohmann/json.hpp>

#include "workflow/agency.h"
#include "workflow/agency_directory.h"
#include "workflow/sqlite_agency_cache.h"
#include "workflow/sqlite_audit.h"
#include "workflow/sqlite_status.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

using nlohmann::json;

// Agencies with their aliases and per-role counts of active tasks: three queries (agencies,
// counts grouped by agency and role, aliases), whatever the number of agencies.
// `only_id` 0 means all.
std::vector<AgencyRecord> ReadAgencies(SQLite::Database& db, int64_t only_id) {
  std::vector<AgencyRecord> agencies;
  std::unordered_map<int64_t, size_t> index;
  SQLite::Statement query(db,
                          "SELECT id, name, collective, email, leadership_email FROM agencies "
                          "WHERE ?1 = 0 OR id = ?1 ORDER BY name");
  query.bind(1, only_id);
  while (query.executeStep()) {
    AgencyRecord record;
    record.name = query.getColumn(1).getString();
    record.collective = query.getColumn(2).getInt() != 0;
    record.email = query.getColumn(3).getString();
    record.leadership_email = query.getColumn(4).getString();
    index.emplace(query.getColumn(0).getInt64(), agencies.size());
    agencies.push_back(std::move(record));
  }
  SQLite::Statement counts(db,
                           "SELECT a.agency_id, a.role, count(DISTINCT a.task_id) "
                           "FROM assignments a JOIN tasks t ON t.id = a.task_id "
                           "WHERE t.state = 'active' AND (?1 = 0 OR a.agency_id = ?1) "
                           "GROUP BY a.agency_id, a.role");
  counts.bind(1, only_id);
  while (counts.executeStep()) {
    auto it = index.find(counts.getColumn(0).getInt64());
    std::optional<Role> role = ParseRole(counts.getColumn(1).getText());
    if (it == index.end() || !role) continue;
    AgencyRecord& record = agencies[it->second];
    const int count = counts.getColumn(2).getInt();
    switch (*role) {
      case Role::kLead: record.lead_tasks = count; break;
      case Role::kParticipant: record.participant_tasks = count; break;
      case Role::kResponsible: record.responsible_tasks = count; break;
    }
  }
  SQLite::Statement aliases(db,
                            "SELECT agency_id, alias FROM agency_aliases "
                            "WHERE ?1 = 0 OR agency_id = ?1 ORDER BY agency_id, alias");
  aliases.bind(1, only_id);
  while (aliases.executeStep()) {
    auto it = index.find(aliases.getColumn(0).getInt64());
    if (it != index.end()) agencies[it->second].aliases.push_back(aliases.getColumn(1).getString());
  }
  return agencies;
}

struct StoredAgency {
  int64_t id = 0;
  std::string email;
  std::string leadership_email;
};

// Applies one configuration to the agency tables; each method writes its audit entries.
class AgencySync {
 public:
  AgencySync(SQLite::Database& db, AuditWriter* audit) : db_(db), audit_(audit) {
    SQLite::Statement agencies(db_, "SELECT id, name, email, leadership_email FROM agencies");
    while (agencies.executeStep()) {
      agencies_.emplace(agencies.getColumn(1).getString(),
                        StoredAgency{agencies.getColumn(0).getInt64(),
                                     agencies.getColumn(2).getString(),
                                     agencies.getColumn(3).getString()});
    }
    SQLite::Statement aliases(db_,
                              "SELECT al.alias, ag.name FROM agency_aliases al "
                              "JOIN agencies ag ON ag.id = al.agency_id");
    while (aliases.executeStep()) {
      aliases_.emplace(aliases.getColumn(0).getString(), aliases.getColumn(1).getString());
    }
  }

  // Creates or updates the canonical agency `info.name` and its contacts.
  void Upsert(const AgencyInfo& info) {
    auto it = agencies_.find(info.name);
    if (it == agencies_.end()) {
      SQLite::Statement insert(db_,
                               "INSERT INTO agencies (name, collective, email, leadership_email) "
                               "VALUES (?, ?, ?, ?)");
      insert.bind(1, info.name);
      insert.bind(2, IsCollectiveUnit(info.name) ? 1 : 0);
      insert.bind(3, info.email);
      insert.bind(4, info.leadership_email);
      insert.exec();
      agencies_.emplace(info.name, StoredAgency{db_.getLastInsertRowid(), info.email,
                                                info.leadership_email});
      audit_->Append("agency.add", "agency " + info.name,
                     json{{"name", info.name},
                          {"email", info.email},
                          {"leadership_email", info.leadership_email}}
                         .dump());
      ++counts_["added"];
      return;
    }
    SetContacts(info.name, &it->second, info.email, info.leadership_email);
  }

  // Makes the stored aliases exactly `wanted` (alias → canonical name): drops the others,
  // merges an agency named like a wanted alias into its canonical agency, adds the rest.
  void ReplaceAliases(const std::map<std::string, std::string>& wanted) {
    for (const auto& [alias, owner] : aliases_) {
      auto it = wanted.find(alias);
      if (it != wanted.end() && it->second == owner) continue;
      SQLite::Statement remove(db_, "DELETE FROM agency_aliases WHERE alias = ?");
      remove.bind(1, alias);
      remove.exec();
      audit_->Append("agency.alias.remove", "agency " + owner,
                     json{{"agency", owner}, {"alias", alias}}.dump());
      ++counts_["aliases_removed"];
    }
    for (const auto& [alias, owner] : wanted) {
      if (auto it = agencies_.find(alias); it != agencies_.end()) Merge(alias, owner);
      auto current = aliases_.find(alias);
      if (current != aliases_.end() && current->second == owner) continue;
      SQLite::Statement insert(db_, "INSERT INTO agency_aliases (alias, agency_id) VALUES (?, ?)");
      insert.bind(1, alias);
      insert.bind(2, agencies_.at(owner).id);
      insert.exec();
      audit_->Append("agency.alias.add", "agency " + owner,
                     json{{"agency", owner}, {"alias", alias}}.dump());
      ++counts_["aliases_added"];
    }
  }

  // Agencies the config does not list keep their rows (plans name them) but lose contacts.
  void ClearUnlisted(const std::set<std::string>& listed) {
    for (auto& [name, agency] : agencies_) {
      if (listed.count(name) == 0) SetContacts(name, &agency, "", "");
    }
  }

  const std::map<std::string, int>& counts() const { return counts_; }

 private:
  void SetContacts(const std::string& name, StoredAgency* agency, const std::string& email,
                   const std::string& leadership_email) {
    if (agency->email == email && agency->leadership_email == leadership_email) return;
    SQLite::Statement update(db_,
                             "UPDATE agencies SET email = ?, leadership_email = ? WHERE id = ?");
    update.bind(1, email);
    update.bind(2, leadership_email);
    update.bind(3, agency->id);
    update.exec();
    audit_->Append("agency.update", "agency " + name,
                   json{{"name", name},
                        {"before", {{"email", agency->email},
                                    {"leadership_email", agency->leadership_email}}},
                        {"after", {{"email", email}, {"leadership_email", leadership_email}}}}
                       .dump());
    agency->email = email;
    agency->leadership_email = leadership_email;
    ++counts_["updated"];
  }

  // Moves everything of agency `from` (a name the config now calls an alias of `into`) to
  // `into` and deletes `from`. A task that names both in one role keeps the first.
  void Merge(const std::string& from, const std::string& into) {
    const int64_t from_id = agencies_.at(from).id;
    const int64_t into_id = agencies_.at(into).id;
    SQLite::Statement move(db_, "UPDATE assignments SET agency_id = ?1 WHERE agency_id = ?2");
    move.bind(1, into_id);
    move.bind(2, from_id);
    const int moved = move.exec();
    SQLite::Statement dedup(db_,
                            "DELETE FROM assignments WHERE agency_id = ?1 AND EXISTS ("
                            "SELECT 1 FROM assignments b WHERE b.task_id = assignments.task_id "
                            "AND b.role = assignments.role AND b.agency_id = ?1 "
                            "AND b.position < assignments.position)");
    dedup.bind(1, into_id);
    const int duplicates = dedup.exec();
    SQLite::Statement feedback(db_, "UPDATE feedback SET agency_id = ?1 WHERE agency_id = ?2");
    feedback.bind(1, into_id);
    feedback.bind(2, from_id);
    const int reports = feedback.exec();
    SQLite::Statement aliases(db_, "DELETE FROM agency_aliases WHERE agency_id = ?");
    aliases.bind(1, from_id);
    aliases.exec();
    SQLite::Statement remove(db_, "DELETE FROM agencies WHERE id = ?");
    remove.bind(1, from_id);
    remove.exec();
    agencies_.erase(from);
    audit_->Append("agency.merge", "agency " + into,
                   json{{"from", from},
                        {"into", into},
                        {"assignments", moved},
                        {"duplicates_dropped", duplicates},
                        {"feedback", reports}}
                       .dump());
    ++counts_["merged"];
  }

  SQLite::Database& db_;
  AuditWriter* const audit_;
  std::map<std::string, StoredAgency> agencies_;  // by canonical name
  std::map<std::string, std::string> aliases_;    // alias → canonical name, as stored
  std::map<std::string, int> counts_;
};

}  // namespace

Result<std::vector<AgencyRecord>> SqliteStore::ListAgencies() {
  return GuardSqlite(path_, "listing agencies", [&]() -> Result<std::vector<AgencyRecord>> {
    return ReadAgencies(*db_, 0);
  });
}

Result<AgencyRecord> SqliteStore::GetAgency(std::string_view name) {
  return GuardSqlite(path_, "reading an agency", [&]() -> Result<AgencyRecord> {
    AgencyCache cache(*db_);
    int64_t id = cache.Find(name);
    if (id == 0) return Status::NotFound("no agency named " + std::string(name));
    std::vector<AgencyRecord> found = ReadAgencies(*db_, id);
    if (found.empty()) return Status::NotFound("no agency named " + std::string(name));
    return std::move(found.front());
  });
}

Status SqliteStore::SyncAgencies(const std::vector<AgencyInfo>& agencies,
                                 const std::string& actor, int64_t now) {
  AgencyDirectory directory;
  for (const auto& info : agencies) {
    if (Status status = directory.Add(info); !status.ok()) return status;
  }
  std::map<std::string, std::string> wanted_aliases;
  std::set<std::string> listed;
  for (const auto& info : directory.agencies()) {
    listed.insert(info.name);
    for (const auto& alias : info.aliases) {
      if (alias != info.name) wanted_aliases.emplace(alias, info.name);
    }
  }
  return GuardSqlite(path_, "syncing agencies", [&]() -> Status {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    AuditWriter audit(*db_, actor, now);
    AgencySync sync(*db_, &audit);
    for (const auto& info : directory.agencies()) sync.Upsert(info);
    sync.ReplaceAliases(wanted_aliases);
    sync.ClearUnlisted(listed);
    if (audit.written() > 0) {
      json detail = json::object();
      for (const auto& [what, count] : sync.counts()) detail[what] = count;
      detail["configured"] = directory.agencies().size();
      audit.Append("agency.sync", "agencies", detail.dump());
    }
    audit.Flush();
    transaction.commit();
    return Status::OK();
  });
}

}  // namespace duban
