// Store: the durable state of duban (the plan, its tasks and agencies, contacts, feedback
// and the audit log), as seen by the rest of the program. The only implementation is
// SqliteStore (workflow/sqlite_store.h); the interface exists so the daemon and tests can
// inject faults (as leveldb's Env does).
//
// Contract for every method: on failure the Status names what failed and nothing was
// changed (each mutation is one transaction). Times are UTC seconds passed in by the
// caller; the store never reads a clock. `actor` names who asked ("uid 1000 (alice)") and
// goes into the audit log.
//
// Thread-safety: not thread-safe; the daemon calls it from its one io_context thread.
#ifndef DUBAN_WORKFLOW_STORE_H_
#define DUBAN_WORKFLOW_STORE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflow/agency.h"
#include "workflow/deadline.h"
#include "workflow/evaluator.h"
#include "workflow/message.h"
#include "workflow/plan.h"
#include "workflow/plan_diff.h"
#include "workflow/status.h"
#include "workflow/target.h"
#include "workflow/tracking.h"

namespace duban {

// A task as stored: the imported Task plus its tracking state.
struct TaskRecord {
  Task task;
  // TaskStateName: "active", "suspended", "completed", or "removed" once a re-import
  // dropped it (history is kept). A re-import never changes a suspended or completed task's
  // state; a removed task that comes back is active again.
  std::string state;
  std::string state_reason;  // why it was suspended, completed or reopened ("" if none)
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// Empty fields match anything.
struct TaskFilter {
  std::string agency;         // canonical name or alias; tasks where it has any (or `role`)
  std::optional<Role> role;   // with or without `agency`
  std::string section;        // Section::number
  std::string state;          // a TaskStateName ("" = "active") or "all"
};

struct AgencyRecord {
  std::string name;
  std::vector<std::string> aliases;
  bool collective = false;  // IsCollectiveUnit(name)
  std::string email;
  std::string leadership_email;
  int lead_tasks = 0;         // active tasks by role
  int participant_tasks = 0;
  int responsible_tasks = 0;
};

struct AuditEntry {
  int64_t id = 0;
  int64_t at = 0;
  std::string actor;
  std::string action;   // "plan.import", "agency.sync", ...
  std::string subject;  // "task 22", "agency 省发改委", "plan"
  std::string detail;   // JSON object text with before/after or counts
  std::string task_ref;  // the task it concerns, "" if none
  std::string agency;    // the agency it concerns (canonical), "" if none
};

// Which audit entries to list; empty fields match anything.
struct AuditFilter {
  std::string task_ref;       // entries concerning this task
  std::string agency;         // entries concerning this agency (canonical name or alias)
  std::string action_prefix;  // "task." matches task.state and task.due; "feedback.add" itself
  int64_t since = 0;          // at >= since
  int64_t until = 0;          // 0 = no bound; else at < until
  int limit = 1000;           // at most this many: the NEWEST that match (returned oldest first)
};

// One feedback of a batch (AddFeedbackBatch) that was not stored because the same
// feedback (task, agency, received time, text) is stored already or earlier in the batch.
struct SkippedFeedback {
  size_t index = 0;         // position in the batch
  int64_t existing_id = 0;  // the stored feedback it repeats; 0 if it repeats the batch
  size_t same_as = 0;       // with existing_id 0: the earlier position in the batch
};

struct FeedbackBatchResult {
  std::vector<Feedback> stored;  // ids and actor filled (ids 0 in a dry run), in batch order
  std::vector<size_t> stored_index;  // the batch position of each stored feedback
  std::vector<SkippedFeedback> skipped;
};

// A task with everything the evaluator needs that the store keeps: the caller resolves
// the deadline from config (ResolveDeadline) with `runtime_deadline`.
struct TrackingRecord {
  TaskRecord record;
  std::vector<Feedback> feedback;                // oldest first
  std::optional<DeadlinePatch> runtime_deadline;  // set with `dubanctl task REF due …`
  std::vector<Target> targets;                    // confirmed targets only, by id
};

// A TrackingRecord without the texts: what the daemon's tracking model keeps of a task
// (workflow/task_outline.h). Read by LoadTrackingOutlines, so that a start or a rebuild
// neither reads nor copies the texts of every task.
struct TrackingOutline {
  TaskOutline task;
  std::string due;         // Task::due: "YYYY-MM-DD" or ""
  std::string state;       // TaskRecord::state
  int64_t created_at = 0;  // TaskRecord::created_at
  std::vector<Feedback> feedback;                // oldest first
  std::optional<DeadlinePatch> runtime_deadline;  // set with `dubanctl task REF due …`
  std::vector<Target> targets;                    // confirmed targets only, by id
};

// A decided action waiting in (or gone from) the outbox.
struct OutboxRow {
  int64_t id = 0;
  Action action;  // key, task, agency, role, occurrence, due, level, step, repeat, at, reason
  // "pending"   decided, its time has not come or it is not planned into a message yet
  // "skipped"   dropped by the catch-up policy
  // "cancelled" no longer owed when its time came (last_error says why)
  // "queued"    carried by messages not all sent yet
  // "sent"      every message carrying it was sent
  // "failed"    a message carrying it failed and will be retried
  // "dead"      a message carrying it is dead, or it had no reachable recipient
  std::string state;
  int attempts = 0;
  std::string last_error;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct OutboxFilter {
  std::string state;     // "" = any
  std::string task_ref;  // "" = any
  std::string agency;    // "" = any (canonical name or alias)
  int64_t due_by = 0;    // 0 = any; else only rows with at <= due_by
  int limit = 1000;
};

struct StoreSummary {
  int schema_version = 0;
  std::string plan_title;
  std::string plan_source;
  int64_t plan_imported_at = 0;  // 0 if no plan yet
  int sections = 0;
  int active_tasks = 0;
  int suspended_tasks = 0;
  int completed_tasks = 0;
  int removed_tasks = 0;
  int agencies = 0;
  int audit_entries = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Makes `plan` the current plan. Tasks are matched by ref: a continuing task keeps its
  // identity, feedback and audit history (a changed task's previous version is kept as a
  // revision); a task missing from `plan` is marked removed, never deleted; a new task is
  // added. Importing the same plan again changes nothing and writes no audit entry.
  // Agencies named by the plan are created as needed. Returns what changed.
  virtual Result<PlanDiff> ApplyPlan(const Plan& plan, const std::string& actor,
                                     int64_t now) = 0;

  // What ApplyPlan(plan) would change, changing nothing.
  virtual Result<PlanDiff> PreviewPlan(const Plan& plan) = 0;

  // The current plan: title, sections and the tasks that are not removed (active,
  // suspended, completed) in document order. An empty Plan if none was imported.
  virtual Result<Plan> LoadPlan() = 0;

  virtual Result<std::vector<TaskRecord>> ListTasks(const TaskFilter& filter) = 0;
  // kNotFound if no task (active or removed) has `ref`.
  virtual Result<TaskRecord> GetTask(std::string_view ref) = 0;

  // Every agency known from the plan or config, by name.
  virtual Result<std::vector<AgencyRecord>> ListAgencies() = 0;
  // Looks up by canonical name or alias; kNotFound otherwise.
  virtual Result<AgencyRecord> GetAgency(std::string_view name) = 0;

  // Records the configured agencies: names, aliases and contacts. Aliases no longer in
  // config are dropped. Audit entries only for what changed.
  virtual Status SyncAgencies(const std::vector<AgencyInfo>& agencies, const std::string& actor,
                              int64_t now) = 0;

  // Audit entries with at >= since, oldest first, at most `limit`.
  virtual Result<std::vector<AuditEntry>> ListAudit(int64_t since, int limit) = 0;
  // Audit entries matching `filter`: the newest filter.limit of them, oldest first.
  // kNotFound for an agency that is neither a name nor an alias; kInvalidArgument for a
  // limit <= 0. Task and agency are matched by indexed columns, never by the detail's text.
  virtual Result<std::vector<AuditEntry>> ListAudit(const AuditFilter& filter) = 0;

  virtual Result<StoreSummary> Summary() = 0;

  // ---- Tracking: feedback, lifecycle, run-time deadlines, decided actions ----

  // Records `feedback` (its id and actor are assigned here; at is the caller's). kNotFound
  // for an unknown task or agency (aliases accepted, stored canonical); kInvalidArgument if
  // the agency has no role in the task or percent is outside 0..100. Its `values` are
  // stored with it: kInvalidArgument for a name that is not a CONFIRMED target of the task
  // (the message lists the confirmed names), a name given twice or a value not finite.
  // Audited (detail "values": {name: value} when there are any).
  virtual Result<Feedback> AddFeedback(const Feedback& feedback, const std::string& actor,
                                       int64_t now) = 0;
  // Records a batch of feedback (an imported sheet) in ONE transaction: all or nothing.
  // Each is checked as AddFeedback checks it (the first failure is returned, naming the
  // batch position, and nothing is stored); a feedback equal to one stored already or to
  // an earlier one of the batch (same task, agency, received time `at` and text) is
  // skipped, so importing the same sheet twice stores nothing the second time (the values
  // are not part of that comparison: a repeat whose values differ is still skipped, as
  // a repeat with another percent is). Each stored
  // feedback is audited ("feedback.add", detail "source": `source`), and the batch once
  // ("feedback.import", subject "feedback", with the counts). With `dry_run` everything is
  // checked and reported, and nothing is written (stored ids are 0).
  virtual Result<FeedbackBatchResult> AddFeedbackBatch(const std::vector<Feedback>& batch,
                                                       const std::string& source,
                                                       const std::string& actor, int64_t now,
                                                       bool dry_run) = 0;
  // Feedback oldest first, each with its values in the order given; empty filters match
  // anything.
  virtual Result<std::vector<Feedback>> ListFeedback(std::string_view task_ref,
                                                     std::string_view agency) = 0;

  // Sets a task's lifecycle state with a reason. The transition is checked against the one
  // lifecycle table (workflow/task_lifecycle.h) on the stored state: kFailedPrecondition if
  // no command leads there, kInvalidArgument if it needs a reason that is empty. kNotFound
  // for an unknown ref. Audited ("task.state") with from, to, command and reason.
  virtual Status SetTaskState(std::string_view ref, TaskState state, const std::string& reason,
                              const std::string& actor, int64_t now) = 0;

  // Replaces the task's run-time deadline patch (an empty patch clears it). Audited with
  // before and after.
  virtual Status SetDeadlinePatch(std::string_view ref, const DeadlinePatch& patch,
                                  const std::string& actor, int64_t now) = 0;

  // Every task that is not removed, in plan order, with its feedback (and values), run-time
  // deadline and confirmed targets.
  // Few queries whatever the plan's size (no query per task).
  virtual Result<std::vector<TrackingRecord>> LoadTracking() = 0;
  // The same tasks, feedback, deadlines and targets as LoadTracking, with each task's
  // outline in place of its record.
  virtual Result<std::vector<TrackingOutline>> LoadTrackingOutlines() = 0;

  // Puts `decided` into the outbox as pending and `skipped` as skipped, each under its
  // unique key (a key already present is left alone), and sets the evaluation mark to
  // `evaluated_until`: one transaction, so a crash leaves either all or nothing. Returns
  // how many rows were new.
  virtual Result<int> RecordDecisions(const std::vector<Action>& decided,
                                      const std::vector<Action>& skipped,
                                      int64_t evaluated_until, int64_t now) = 0;
  // The mark set by the last RecordDecisions; nullopt before the first.
  virtual Result<std::optional<int64_t>> EvaluatedUntil() = 0;
  // A named progress mark of a daemon part other than the scheduler (UTC seconds), e.g.
  // "report.checked_until": how far the periodic report has checked. nullopt if never
  // written. Writing is one small transaction; names starting "scheduler." are refused
  // (kInvalidArgument): the evaluation mark moves only with RecordDecisions.
  virtual Result<std::optional<int64_t>> ReadMark(std::string_view name) = 0;
  virtual Status WriteMark(std::string_view name, int64_t value) = 0;

  // Outbox rows, oldest decision first, at most filter.limit.
  virtual Result<std::vector<OutboxRow>> ListOutbox(const OutboxFilter& filter) = 0;
  // How many outbox rows match `filter` (its limit ignored). This default lists them;
  // SqliteStore counts without reading the rows.
  virtual Result<int64_t> CountOutbox(const OutboxFilter& filter) {
    OutboxFilter all = filter;
    all.limit = 2'000'000'000;
    Result<std::vector<OutboxRow>> rows = ListOutbox(all);
    if (!rows.ok()) return rows.status();
    return static_cast<int64_t>(rows->size());
  }

  // ---- Targets (指标): proposals from the importer, confirmed targets (sqlite_store_targets.cpp) ----

  // Targets of a task ("" = every task), in task (plan order, removed tasks last) then id
  // order; `state` "" = every state, else a TargetStateName (kInvalidArgument otherwise).
  // kNotFound for an unknown task ref.
  virtual Result<std::vector<Target>> ListTargets(std::string_view task_ref,
                                                  std::string_view state) = 0;
  // kNotFound for an unknown id.
  virtual Result<Target> GetTarget(int64_t id) = 0;
  // Stores the importer's proposals (ProposeTargets) for tasks of the current plan: a
  // proposal whose (task_ref, matched_text) is already stored in any state is left alone,
  // so re-importing never re-proposes what the office confirmed, edited or rejected. A
  // proposal whose name clashes with a stored target of the task (in any state) or an
  // earlier proposal gets a suffix ("名称(2)"). Each is checked (CheckTarget, matched_text
  // not empty: kInvalidArgument naming its position); kNotFound for an unknown task,
  // kFailedPrecondition for a removed one. One transaction; one audit entry per task that
  // got proposals ("target.propose", subject "task REF", with the count and the targets).
  // Returns the proposals stored, with their ids and possibly suffixed names.
  virtual Result<std::vector<Target>> RecordTargetProposals(const std::vector<Target>& proposals,
                                                            const std::string& actor,
                                                            int64_t now) = 0;
  // Adds a confirmed target entered by a person (CheckTarget must pass; the name unique in
  // the task among targets not rejected: kConflict otherwise; kNotFound for an unknown
  // task, kFailedPrecondition for a removed one). Audited ("target.add", subject "target
  // ID", task_ref set). Returns it with its id, confirmed.
  virtual Result<Target> AddTarget(const Target& target, const std::string& actor,
                                   int64_t now) = 0;
  // Replaces the fields of target `target.id` (name, unit, comparison, value, tolerance,
  // period, by_date) and makes it confirmed: editing a proposal confirms it. Audited
  // ("target.edit") with before and after; an edit that changes nothing writes nothing.
  // matched_text is kept (so the importer does not propose it again). A rejected target is
  // kFailedPrecondition (restore it first); a name taken by another live target kConflict.
  virtual Result<Target> UpdateTarget(const Target& target, const std::string& actor,
                                      int64_t now) = 0;
  // Changes a target's state: proposed → confirmed ("target.confirm"), proposed or
  // confirmed → rejected ("target.reject", reason required), rejected → proposed
  // ("target.restore"; kConflict if another live target took its name meanwhile).
  // kFailedPrecondition for any other move (also to the same state) and for a target of a
  // removed task; kInvalidArgument for a rejection without a reason. Audited with the
  // reason and the state it came from.
  virtual Result<Target> SetTargetState(int64_t id, TargetState state, const std::string& reason,
                                        const std::string& actor, int64_t now) = 0;

  // ---- Delivery: messages carrying outbox rows to recipients ----

  // Writes `plan` in one transaction: inserts its messages (state queued, next_attempt_at
  // = now, created_at = now; a key already present is left alone with its links) linked
  // to their outbox rows, which become "queued"; marks the cancelled rows "cancelled" and
  // the undeliverable rows "dead", each with its reason in last_error. Only rows still
  // "pending" change. Returns the ids of the messages inserted, in plan order.
  virtual Result<std::vector<int64_t>> QueueMessages(const MessagePlan& plan, int64_t now) = 0;

  // Messages in state queued or failed with next_attempt_at <= now, earliest first (then
  // by id), at most `limit`, outbox_ids filled.
  virtual Result<std::vector<Message>> DueMessages(int64_t now, int limit) = 0;

  // The earliest next_attempt_at of a queued or failed message; nullopt if none.
  virtual Result<std::optional<int64_t>> NextMessageAttempt() = 0;

  // Records the outcome of attempts, all in one transaction: each message's state,
  // attempts (+1 when attempted), next_attempt_at, last_error, last_response, sent_at;
  // then each carried outbox row's state (dead if any of its messages is dead, else failed
  // if any failed, else queued if any is queued, else sent); and an audit entry per
  // attempt ("message.sent", "message.failed", "message.dead"; actor "duband") with the
  // response. Deferrals (attempted = false) are not audited.
  virtual Status RecordDeliveries(const std::vector<DeliveryRecord>& records, int64_t now) = 0;

  // Messages, newest first, matching `filter`, at most filter.limit, outbox_ids filled.
  virtual Result<std::vector<Message>> ListMessages(const MessageFilter& filter) = 0;
  // kNotFound for an unknown id.
  virtual Result<Message> GetMessage(int64_t id) = 0;

  // Makes failed or dead messages due again now (state queued, attempts reset to 0, their
  // outbox rows queued): the ones in `ids`, or every failed and dead one if `ids` is empty.
  // kNotFound for an unknown id, kFailedPrecondition for one that is queued or sent.
  // Audited. Returns the ids revived.
  virtual Result<std::vector<int64_t>> RetryMessages(const std::vector<int64_t>& ids,
                                                     const std::string& actor,
                                                     int64_t now) = 0;

  // Inserts one message with no outbox rows (`notify test`), queued and due now. Audited.
  virtual Result<int64_t> QueueTestMessage(const Message& message, const std::string& actor,
                                           int64_t now) = 0;

  // How many messages are in each state (`status`); a state with none is absent. This
  // default lists them; SqliteStore counts without reading them.
  virtual Result<std::map<std::string, int64_t>> CountMessagesByState() {
    std::map<std::string, int64_t> counts;
    for (std::string_view state : {kMessageQueued, kMessageFailed, kMessageSent, kMessageDead}) {
      MessageFilter filter;
      filter.state = std::string(state);
      filter.limit = 2'000'000'000;
      Result<std::vector<Message>> messages = ListMessages(filter);
      if (!messages.ok()) return messages.status();
      if (!messages->empty()) counts[filter.state] = static_cast<int64_t>(messages->size());
    }
    return counts;
  }
};

}  // namespace duban

#endif  // DUBAN_WORKFLOW_STORE_H_
