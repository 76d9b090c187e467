// CommandHandler: answers control requests, one line in, one line out. No sockets, no
// clock reads: the server hands it a line and the peer's credentials, and it returns the
// reply line (as the Asio HTTP example's request_handler, testable without an io_context).
//
// Checks follow docs/PROTOCOL.md in its fixed order: JSON → version → command → arguments
// → permission (the size limit is the server's, before the line gets here). Each command
// first validates its arguments into a prepared action, so a malformed request is answered
// with invalid_argument before permission is considered; then mutating actions need an
// authorised peer (see IsAuthorisedForMutation); denials are logged with the actor.
//
// Command groups live in their own files: command_handler.cpp (dispatch, status, plan),
// query_commands.cpp (tasks, agencies), tracking_commands.cpp (feedback, deadlines,
// lifecycle), calendar_commands.cpp, schedule_commands.cpp (outbox, simulate),
// config_commands.cpp (rules.check, reload), delivery_commands.cpp (outbox.messages,
// outbox.message, outbox.retry, notify.test). Every mutation records its actor (the peer) through the store's audit
// log, then refreshes the tracking model and re-arms the scheduler. Outbox rows already
// decided stay as they are: a feedback stops future actions, not decided ones.
//
// Thread-safety: not thread-safe; call from the daemon's one io_context thread. The Store
// and the tracking model and scheduler (if given) must outlive the handler.
#ifndef DUBAN_DAEMON_DUBAND_COMMAND_HANDLER_H_
#define DUBAN_DAEMON_DUBAND_COMMAND_HANDLER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "daemon/duband/peer_credentials.h"
#include "daemon/duband/periodic_report.h"
#include "daemon/duband/scheduler.h"
#include "daemon/duband/tracking_model.h"
#include "daemon/protocol.h"
#include "workflow/agency_directory.h"
#include "workflow/status.h"
#include "workflow/store.h"
#include "workflow/task_lifecycle.h"

namespace duban {

// What the handler needs from the running configuration. Replaced as a whole on reload.
struct HandlerSettings {
  AgencyDirectory agencies;         // canonicalises agency names of imported plans
  bool first_listed_leads = false;  // PlanImportOptions::first_listed_leads
  std::string admin_group;          // [control] admin_group
  std::string log_level;            // the configured level (--log-level or [daemon] log_level)
  // Reported by `status`.
  std::string config_path;
  std::string socket_path;
  std::string store_path;
  std::string mail_dir;
};

// The tracking side of the daemon, as the handler sees it. Without a model the tracking
// commands fail with failed_precondition and lights read "none".
struct HandlerTracking {
  TrackingModel* model = nullptr;
  const Scheduler* scheduler = nullptr;  // for `status`; may be null
  std::function<void()> on_change;       // re-arms the scheduler after a mutation
  std::function<Status()> reload;        // Service::Reload; null: `reload` is unavailable
};

// The delivery side of the daemon, as the handler sees it (daemon/duband/dispatcher.h).
// Without it the outbox.retry and notify.test commands fail with failed_precondition.
struct HandlerDelivery {
  // Messages became due now (queued by a command): dispatch them without waiting.
  std::function<void()> kick;
  // A test message for `notify test` to `agency` (canonical name or alias) over `channel`:
  // to its contact email, or its [[webhook]]; kNotFound for an unknown agency,
  // kFailedPrecondition when it has no address/webhook for that channel. Not yet queued.
  std::function<Result<Message>(const std::string& agency, Channel channel, int64_t now)>
      test_message;
  // `report send`: queues the 考核 report of a period to the [report] recipients now
  // (PeriodicReport::Send); `actor` is the peer, for the log.
  std::function<Result<ReportSendOutcome>(const ReportSendRequest& request,
                                          const std::string& actor, int64_t now)>
      send_report;
};

class BackupManager;  // daemon/duband/backup_manager.h

// The archive side (archive_commands.cpp). Without a BackupManager, backup.create and
// backup.read fail with failed_precondition; state.export needs only the store.
struct HandlerArchive {
  BackupManager* backups = nullptr;
};

class CommandHandler {
 public:
  // UTC seconds now. Injected so tests pin the time.
  using Clock = std::function<int64_t()>;

  // The start time for `status` uptime is read from `clock` here.
  CommandHandler(Store& store, HandlerSettings settings, Clock clock,
                 HandlerTracking tracking = {}, HandlerDelivery delivery = {},
                 HandlerArchive archive = {});

  CommandHandler(const CommandHandler&) = delete;
  CommandHandler& operator=(const CommandHandler&) = delete;

  // Handles one request line (without its newline) from `peer`; returns one reply line
  // (without newline). Never throws: unexpected exceptions become an "internal" reply.
  std::string HandleLine(std::string_view line, const PeerCredentials& peer);

  // The daemon's metrics in the Prometheus text format (daemon_metrics.h), for `metrics`;
  // until set, `metrics` fails with failed_precondition.
  void SetMetrics(std::function<Result<std::string>()> render) { metrics_ = std::move(render); }

  // Swaps in the settings of a reloaded configuration.
  void UpdateSettings(HandlerSettings settings) { settings_ = std::move(settings); }
  const HandlerSettings& settings() const { return settings_; }

  // A validated command, ready to run: whether it changes state, and the work.
  struct PreparedCommand {
    bool mutating = false;
    std::function<Result<nlohmann::json>(const PeerCredentials&)> run;
  };

 private:
  Result<PreparedCommand> Prepare(const protocol::Request& request);
  std::string Execute(const protocol::Request& request, const PeerCredentials& peer);

  Result<PreparedCommand> PrepareStatus(const nlohmann::json& args);
  Result<PreparedCommand> PreparePlanImport(const nlohmann::json& args);
  Result<PreparedCommand> PreparePlanExport(const nlohmann::json& args);
  Result<PreparedCommand> PrepareTasksList(const nlohmann::json& args);
  Result<PreparedCommand> PrepareTaskGet(const nlohmann::json& args);
  Result<PreparedCommand> PrepareAgenciesList(const nlohmann::json& args);
  Result<PreparedCommand> PrepareAgencyGet(const nlohmann::json& args);
  // tracking_commands.cpp
  Result<PreparedCommand> PrepareFeedbackAdd(const nlohmann::json& args);
  Result<PreparedCommand> PrepareFeedbackList(const nlohmann::json& args);
  Result<PreparedCommand> PrepareTaskDue(const nlohmann::json& args);
  Result<PreparedCommand> PrepareTaskSuspend(const nlohmann::json& args);
  Result<PreparedCommand> PrepareTaskResume(const nlohmann::json& args);
  Result<PreparedCommand> PrepareTaskComplete(const nlohmann::json& args);
  // calendar_commands.cpp
  Result<PreparedCommand> PrepareCalendarExplain(const nlohmann::json& args);
  Result<PreparedCommand> PrepareCalendarAdd(const nlohmann::json& args);
  // schedule_commands.cpp
  Result<PreparedCommand> PrepareOutboxList(const nlohmann::json& args);
  Result<PreparedCommand> PrepareSimulate(const nlohmann::json& args);
  // config_commands.cpp
  Result<PreparedCommand> PrepareRulesCheck(const nlohmann::json& args);
  Result<PreparedCommand> PrepareReload(const nlohmann::json& args);
  // delivery_commands.cpp
  Result<PreparedCommand> PrepareOutboxMessages(const nlohmann::json& args);
  Result<PreparedCommand> PrepareOutboxMessage(const nlohmann::json& args);
  Result<PreparedCommand> PrepareOutboxRetry(const nlohmann::json& args);
  Result<PreparedCommand> PrepareNotifyTest(const nlohmann::json& args);
  // tracking_commands.cpp (lifecycle)
  Result<PreparedCommand> PrepareTaskReopen(const nlohmann::json& args);
  // audit_commands.cpp
  Result<PreparedCommand> PrepareAuditList(const nlohmann::json& args);
  // feedback_import_commands.cpp
  Result<PreparedCommand> PrepareFeedbackImport(const nlohmann::json& args);
  // report_commands.cpp
  Result<PreparedCommand> PrepareReportAssessment(const nlohmann::json& args);
  Result<PreparedCommand> PrepareReportSend(const nlohmann::json& args);
  // archive_commands.cpp
  Result<PreparedCommand> PrepareStateExport(const nlohmann::json& args);
  Result<PreparedCommand> PrepareBackupCreate(const nlohmann::json& args);
  Result<PreparedCommand> PrepareBackupRead(const nlohmann::json& args);
  // observability_commands.cpp
  Result<PreparedCommand> PrepareMetrics(const nlohmann::json& args);
  Result<PreparedCommand> PrepareLogLevel(const nlohmann::json& args);
  // target_commands.cpp
  Result<PreparedCommand> PrepareTargetList(const nlohmann::json& args);
  Result<PreparedCommand> PrepareTargetAdd(const nlohmann::json& args);
  Result<PreparedCommand> PrepareTargetEdit(const nlohmann::json& args);
  Result<PreparedCommand> PrepareTargetConfirm(const nlohmann::json& args);
  Result<PreparedCommand> PrepareTargetReject(const nlohmann::json& args);

  // Shared by the groups (command_handler.cpp).
  // The model, or failed_precondition when tracking is not running.
  Result<TrackingModel*> Model() const;
  // ToJson(record) plus "light" and "light_reason" at clock_().
  nlohmann::json RecordJson(const TaskRecord& record) const;
  nlohmann::json RecordListJson(const std::vector<TaskRecord>& records) const;
  // The "scheduler" block of `status`.
  Result<nlohmann::json> SchedulerJson() const;
  // The "delivery" block of `status` (delivery_commands.cpp).
  Result<nlohmann::json> DeliveryJson() const;
  // The zone messages' local times are shown in: the tracking model's, or none.
  const TimeZone* DisplayZone() const;
  // After a stored mutation of task `ref` ("" = everything): refresh the model (a failure
  // is logged), re-arm the scheduler.
  void Changed(std::string_view ref);
  // A task's state change (suspend, resume, complete, reopen), validated against its state
  // now by the lifecycle table (workflow/task_lifecycle.h).
  Result<PreparedCommand> PrepareStateChange(const nlohmann::json& args, LifecycleCommand command);

  // Constant after construction.
  Store& store_;
  const Clock clock_;
  const int64_t started_at_;
  const HandlerTracking tracking_;
  const HandlerDelivery delivery_;
  const HandlerArchive archive_;

  // Replaced on reload.
  HandlerSettings settings_;
  // Set once by the Service (SetMetrics).
  std::function<Result<std::string>()> metrics_;
};

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_COMMAND_HANDLER_H_
