// SqliteStore: the Store on an SQLite file through SQLiteCpp. WAL journal, foreign keys
// on, schema versioned with PRAGMA user_version and migrated forward at Open (see
// workflow/sqlite_schema.h for the tables).
//
// Beyond the Store contract:
// - ApplyPlan and PreviewPlan rewrite agency names that are stored aliases (from
//   SyncAgencies) to their canonical names first, so a plan that was not canonicalised
//   still matches; a plan with an empty or duplicated task ref is kInvalidArgument. A plan
//   with no title or no sections (a CSV import) keeps the stored title or sections.
// - ListTasks with an `agency` that is neither a name nor an alias is kNotFound; a `state`
//   other than "", "all" or a TaskStateName is kInvalidArgument.
// - SyncAgencies merges an agency created from a plan whose name the config now lists as
//   an alias into the canonical agency (its assignments and feedback move; a task naming
//   both in one role keeps the first). A config that gives one name to two agencies is
//   kConflict. Agencies missing from the config are kept (plans may name them), but their
//   aliases and contacts are dropped.
// - Tracking: AddFeedback and SetTaskState on a removed task are kFailedPrecondition;
//   SetTaskState(kRemoved) is kInvalidArgument (only a re-import removes a task); a state
//   change or deadline patch that changes nothing writes no audit entry. SetDeadlinePatch
//   refuses a patch whose values would not read back (sqlite_deadline_json.h) with
//   kInvalidArgument. ListFeedback with an unknown task or agency is kNotFound.
// - Outbox: an action with an empty key is kInvalidArgument. ListOutbox's agency filter
//   maps an alias to its canonical name and matches other text as given; an unknown state
//   or a limit <= 0 is kInvalidArgument.
// - Delivery (messages and message_outbox tables, schema v3): QueueMessages refuses a
//   message with no key or target (kInvalidArgument) and an outbox id naming no row
//   (kNotFound), changing nothing; the rows of a message whose key is already there stay
//   as they are. RecordDeliveries refuses the whole batch for an unknown message
//   (kNotFound), an unknown state, an attempt that leaves a message queued or a deferral
//   that does not (kInvalidArgument); a deferral keeps last_error and last_response unless
//   it names an error. Carried outbox rows change only from queued, failed, sent or dead
//   (never from pending, skipped or cancelled); a row's attempts are the most of its
//   messages', its last_error the latest error of a dead or failed one. RetryMessages
//   revives a repeated id once; QueueTestMessage with a key already present is kConflict,
//   with outbox_ids kInvalidArgument. Audit subjects are "message <id>"; "message.retry"
//   details give the state and attempts before, "message.test" the key and target.
//   DueMessages and ListMessages with a limit <= 0, or an unknown state, are
//   kInvalidArgument.
// - Targets (schema v5, workflow/sqlite_store_targets.cpp): the file itself keeps a name
//   unique per task among targets not rejected and a matched text unique per task; audit
//   subjects are "target <id>" (task_ref set) and "task REF" for "target.propose", details
//   carry the target with "formatted" ("≥7%"). Feedback values are in feedback_values
//   (feedback id, name, value, position), read back in the order given.
// - SQLite failures come back as kIOError (kCorruption for a damaged file), with the file
//   name and SQLite's message; the transaction is rolled back.
//
// Thread-safety: not thread-safe (one connection); use from one thread.
#ifndef DUBAN_WORKFLOW_SQLITE_STORE_H_
#define DUBAN_WORKFLOW_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "workflow/store.h"

namespace SQLite {
class Database;
}

namespace duban {

class SqliteStore : public Store {
 public:
  // The newest schema this binary knows.
  static constexpr int kSchemaVersion = 6;

  // Opens or creates the database at `path` (":memory:" for tests) and applies pending
  // migrations in one transaction each. Fails with kCorruption naming the file if its
  // schema is newer than kSchemaVersion (a newer duban wrote it), kIOError if it cannot be
  // opened or written.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);

  ~SqliteStore() override;

  Result<PlanDiff> ApplyPlan(const Plan& plan, const std::string& actor, int64_t now) override;
  Result<PlanDiff> PreviewPlan(const Plan& plan) override;
  Result<Plan> LoadPlan() override;
  Result<std::vector<TaskRecord>> ListTasks(const TaskFilter& filter) override;
  Result<TaskRecord> GetTask(std::string_view ref) override;
  Result<std::vector<AgencyRecord>> ListAgencies() override;
  Result<AgencyRecord> GetAgency(std::string_view name) override;
  Status SyncAgencies(const std::vector<AgencyInfo>& agencies, const std::string& actor,
                      int64_t now) override;
  Result<std::vector<AuditEntry>> ListAudit(int64_t since, int limit) override;
  // With the feedback methods (workflow/sqlite_store_feedback.cpp).
  Result<std::vector<AuditEntry>> ListAudit(const AuditFilter& filter) override;
  Result<StoreSummary> Summary() override;

  // Tracking (workflow/sqlite_store_tracking.cpp, feedback in sqlite_store_feedback.cpp,
  // the outbox in sqlite_store_outbox.cpp).
  Result<Feedback> AddFeedback(const Feedback& feedback, const std::string& actor,
                               int64_t now) override;
  Result<FeedbackBatchResult> AddFeedbackBatch(const std::vector<Feedback>& batch,
                                               const std::string& source,
                                               const std::string& actor, int64_t now,
                                               bool dry_run) override;
  Result<std::vector<Feedback>> ListFeedback(std::string_view task_ref,
                                             std::string_view agency) override;
  Status SetTaskState(std::string_view ref, TaskState state, const std::string& reason,
                      const std::string& actor, int64_t now) override;
  Status SetDeadlinePatch(std::string_view ref, const DeadlinePatch& patch,
                          const std::string& actor, int64_t now) override;
  Result<std::vector<TrackingRecord>> LoadTracking() override;
  Result<std::vector<TrackingOutline>> LoadTrackingOutlines() override;
  Result<int> RecordDecisions(const std::vector<Action>& decided,
                              const std::vector<Action>& skipped, int64_t evaluated_until,
                              int64_t now) override;
  Result<std::optional<int64_t>> EvaluatedUntil() override;
  Result<std::optional<int64_t>> ReadMark(std::string_view name) override;
  Status WriteMark(std::string_view name, int64_t value) override;
  Result<std::vector<OutboxRow>> ListOutbox(const OutboxFilter& filter) override;
  Result<int64_t> CountOutbox(const OutboxFilter& filter) override;

  // Targets (workflow/sqlite_store_targets.cpp).
  Result<std::vector<Target>> ListTargets(std::string_view task_ref,
                                          std::string_view state) override;
  Result<Target> GetTarget(int64_t id) override;
  Result<std::vector<Target>> RecordTargetProposals(const std::vector<Target>& proposals,
                                                    const std::string& actor,
                                                    int64_t now) override;
  Result<Target> AddTarget(const Target& target, const std::string& actor, int64_t now) override;
  Result<Target> UpdateTarget(const Target& target, const std::string& actor,
                              int64_t now) override;
  Result<Target> SetTargetState(int64_t id, TargetState state, const std::string& reason,
                                const std::string& actor, int64_t now) override;

  // Delivery (workflow/sqlite_store_messages.cpp).
  Result<std::vector<int64_t>> QueueMessages(const MessagePlan& plan, int64_t now) override;
  Result<std::vector<Message>> DueMessages(int64_t now, int limit) override;
  Result<std::optional<int64_t>> NextMessageAttempt() override;
  Status RecordDeliveries(const std::vector<DeliveryRecord>& records, int64_t now) override;
  Result<std::vector<Message>> ListMessages(const MessageFilter& filter) override;
  Result<Message> GetMessage(int64_t id) override;
  Result<std::vector<int64_t>> RetryMessages(const std::vector<int64_t>& ids,
                                             const std::string& actor, int64_t now) override;
  Result<int64_t> QueueTestMessage(const Message& message, const std::string& actor,
                                   int64_t now) override;
  // One GROUP BY over the state index (workflow/sqlite_store_counts.cpp).
  Result<std::map<std::string, int64_t>> CountMessagesByState() override;

  const std::string& path() const { return path_; }

 private:
  SqliteStore(std::string path, std::unique_ptr<SQLite::Database> db, int schema_version);

  // Constant after construction.
  const std::string path_;
  const std::unique_ptr<SQLite::Database> db_;
  const int schema_version_;
};

}  // namespace duban

#endif  // DUBAN_WORKFLOW_SQLITE_STORE_H_
