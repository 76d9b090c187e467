// Service: the duband daemon object. Builds its parts in dependency order, runs the event
// loop, and turns signals into its two events, stop and reload (signals arrive only
// through boost::asio::signal_set; nothing runs in a signal handler).
//
// Start-up order (Start): state and mail directories (0750) → store opened and migrated →
// configured agencies synced → the [plan] file imported if the store has no plan yet (a
// reading with errors or doubts is not imported: each is logged and the daemon runs
// without a plan) → tracking: time zone loaded (an unknown zone is a config error),
// tracking model built from the store, scheduler cursor at the store's evaluation mark →
// delivery (templates, transports, dispatcher workers) → control socket listening →
// scheduler's first wake and timer armed (each wake queues what fell due and dispatches)
// → metrics (and the [metrics] listen HTTP endpoint, if set) → sd_notify READY=1 → the
// systemd watchdog pings (WATCHDOG=1 from the io thread, only when WatchdogSec= is set).
// Members are declared in that order, so destruction runs in reverse.
//
// Reload (SIGHUP and the `reload` command, both Reload) loads and validates the config
// file and builds everything new first (time zone, calendar, rules included); on any error
// it logs each one, returns them all, and keeps the running config. Only then are the
// tracking config (the Agenda is rebuilt, its cursor kept), agency directory, import
// options, log level and control limits swapped in, and the scheduler re-armed. Paths
// (state dir, socket, store, mail dir, log file) need a restart; a change to them is logged and
// ignored.
//
// Thread-safety: single-threaded. Start, Run and the destructor on the main thread; Stop
// and Reload on the io_context thread (which Run makes the main thread).
#ifndef DUBAN_DAEMON_DUBAND_SERVICE_H_
#define DUBAN_DAEMON_DUBAND_SERVICE_H_

#include <utility>  // before Asio: Boost 1.74 awaitable needs it with g++ 12

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio.hpp>

#include "config/config.h"
#include "daemon/duband/backup_manager.h"
#include "daemon/duband/command_handler.h"
#include "daemon/duband/control_server.h"
#include "daemon/duband/daemon_metrics.h"
#include "daemon/duband/delivery.h"
#include "daemon/duband/metrics_http_server.h"
#include "daemon/duband/systemd_watchdog.h"
#include "daemon/duband/scheduler.h"
#include "daemon/duband/scheduler_timer.h"
#include "daemon/duband/tracking_model.h"
#include "workflow/agency_directory.h"
#include "workflow/status.h"
#include "workflow/store.h"

namespace duban {

struct ServiceOptions {
  std::filesystem::path config_path;  // reread on reload
  std::string log_level_override;     // --log-level; "" follows [daemon] log_level
  // UTC seconds now; the system clock when empty. Tests pin it.
  std::function<int64_t()> clock;
};

// Builds the agency directory of `agencies`; kConflict if two agencies share a name.
Result<AgencyDirectory> BuildAgencyDirectory(const std::vector<AgencyInfo>& agencies);

class Service {
 public:
  // Brings the daemon up to listening (see the order above) and tells systemd it is
  // ready. On failure the Status says which step failed ("cannot open store X: ...",
  // "socket X is in use by another duband ...") and whatever was built is torn down.
  static Result<std::unique_ptr<Service>> Start(Config config, ServiceOptions options);

  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Runs the event loop until Stop (SIGINT, SIGTERM) and every session has ended.
  void Run();

  // Graceful stop: STOPPING=1, cancel the scheduler's timer, stop dispatching (batches in
  // flight get [delivery] stop_grace_seconds, then are abandoned and stay queued), stop
  // listening, close sessions, unlink the socket, close the metrics endpoint.
  void Stop();

  // Rereads the config file; see the header comment. OK if the new config is live.
  Status Reload();

  const Config& config() const { return config_; }
  boost::asio::io_context& io_context() { return io_; }

 private:
  Service(Config config, ServiceOptions options);

  Status CreateDirectories();
  Status OpenStore();
  Status SyncConfiguredAgencies(const Config& config, const char* actor);
  Status StartTracking();
  Status StartDelivery();
  Status StartControlServer(AgencyDirectory agencies);
  // Metrics for `metrics` and, with [metrics] listen, the HTTP endpoint.
  Status StartMetrics();
  void WaitForSignal();
  Status ApplyReload();
  HandlerSettings MakeHandlerSettings(const Config& config, AgencyDirectory agencies) const;

  // Constant after construction.
  const ServiceOptions options_;

  // Replaced on reload (paths excepted).
  Config config_;

  // Built in this order by Start; destroyed in reverse.
  boost::asio::io_context io_;
  boost::asio::signal_set signals_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<TrackingModel> model_;
  std::unique_ptr<Scheduler> scheduler_;
  std::unique_ptr<Delivery> delivery_;
  std::unique_ptr<BackupManager> backups_;  // copies in <state_dir>/backups (docs/BACKUP.md)
  std::unique_ptr<CommandHandler> handler_;
  std::unique_ptr<ControlServer> server_;
  std::unique_ptr<SchedulerTimer> timer_;
  std::unique_ptr<DaemonMetrics> metrics_;
  std::unique_ptr<MetricsHttpServer> metrics_http_;  // only with [metrics] listen
  SystemdWatchdog watchdog_{io_};
};

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_SERVICE_H_
