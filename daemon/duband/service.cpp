#include "daemon/duband/service.h"

#include <systemd/sd-daemon.h>

#include <chrono>
#include <csignal>
#include <cstring>

#include <spdlog/spdlog.h>

#include "config/config_loader.h"
#include "daemon/duband/directories.h"
#include "daemon/duband/logging.h"
#include "daemon/duband/startup_plan.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

constexpr const char* kReloadActor = "duband (config reload)";
constexpr const char* kStartActor = "duband (start-up)";

int64_t SystemClockSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// `status` with `context` in front of its message, same code.
Status Annotate(const Status& status, const std::string& context) {
  switch (status.code()) {
    case Status::Code::kOk: return status;
    case Status::Code::kInvalidArgument: return Status::InvalidArgument(context + ": " + status.message());
    case Status::Code::kNotFound: return Status::NotFound(context + ": " + status.message());
    case Status::Code::kConflict: return Status::Conflict(context + ": " + status.message());
    case Status::Code::kFailedPrecondition: return Status::FailedPrecondition(context + ": " + status.message());
    case Status::Code::kPermissionDenied: return Status::PermissionDenied(context + ": " + status.message());
    case Status::Code::kIOError: return Status::IOError(context + ": " + status.message());
    case Status::Code::kCorruption: return Status::Corruption(context + ": " + status.message());
    case Status::Code::kInternal: return Status::Internal(context + ": " + status.message());
  }
  return status;
}

std::filesystem::path StorePath(const Config& config) {
  return config.store.path.empty() ? config.daemon.state_dir / "duban.db" : config.store.path;
}

// A reload cannot move the daemon's files: keeps `running`'s paths in `next`, warning
// about each that differs.
void KeepRestartOnlySettings(const Config& running, Config* next) {
  auto keep = [](const char* field, const std::filesystem::path& old_value,
                 std::filesystem::path* new_value) {
    if (*new_value == old_value) return;
    spdlog::warn("reload: {} changed from {} to {}; ignored until restart", field,
                 old_value.string(), new_value->string());
    *new_value = old_value;
  };
  keep("daemon.state_dir", running.daemon.state_dir, &next->daemon.state_dir);
  keep("daemon.socket", running.daemon.socket_path, &next->daemon.socket_path);
  keep("store.path", running.store.path, &next->store.path);
  keep("mail.dir", running.mail.dir, &next->mail.dir);
  keep("daemon.log_file", running.daemon.log_file, &next->daemon.log_file);
  if (next->metrics != running.metrics) {
    spdlog::warn("reload: metrics.listen changed from \"{}\" to \"{}\"; ignored until restart",
                 running.metrics.listen, next->metrics.listen);
    next->metrics = running.metrics;
  }
}

}  // namespace

Result<AgencyDirectory> BuildAgencyDirectory(const std::vector<AgencyInfo>& agencies) {
  AgencyDirectory directory;
  for (const AgencyInfo& agency : agencies) {
    if (Status status = directory.Add(agency); !status.ok()) return status;
  }
  return directory;
}

Service::Service(Config config, ServiceOptions options)
    : options_(std::move(options)), config_(std::move(config)), io_(1), signals_(io_) {}

Service::~Service() = default;

Result<std::unique_ptr<Service>> Service::Start(Config config, ServiceOptions options) {
  if (!options.clock) options.clock = SystemClockSeconds;
  std::unique_ptr<Service> service(new Service(std::move(config), std::move(options)));
  Status status = service->CreateDirectories();
  if (status.ok()) status = service->OpenStore();
  if (status.ok()) status = service->SyncConfiguredAgencies(service->config_, kStartActor);
  Result<AgencyDirectory> agencies = BuildAgencyDirectory(service->config_.agencies);
  if (status.ok() && !agencies.ok()) status = Annotate(agencies.status(), "agencies in config");
  if (status.ok()) {
    ImportStartupPlan(*service->store_, service->config_, *agencies, service->options_.clock());
    status = service->StartTracking();
  }
  if (status.ok()) status = service->StartDelivery();
  if (status.ok()) status = service->StartControlServer(std::move(agencies).value());
  if (!status.ok()) return status;
  Delivery* delivery = service->delivery_.get();
  service->timer_ = std::make_unique<SchedulerTimer>(
      service->io_, *service->scheduler_, service->options_.clock,
      [delivery](int64_t now) { delivery->AfterWake(now); });
  delivery->Start();
  service->timer_->Start();
  if (Status metrics = service->StartMetrics(); !metrics.ok()) return metrics;
  service->signals_.add(SIGINT);
  service->signals_.add(SIGTERM);
  service->signals_.add(SIGHUP);
  service->WaitForSignal();
  sd_notify(0, "READY=1");
  service->watchdog_.Start();
  spdlog::info("duband ready: config {}, store {}, socket {}", service->options_.config_path.string(),
               StorePath(service->config_).string(), service->config_.daemon.socket_path.string());
  return service;
}

Status Service::CreateDirectories() {
  const std::pair<const char*, std::filesystem::path> dirs[] = {
      {"daemon.state_dir", config_.daemon.state_dir},
      {"store.path", StorePath(config_).parent_path()},
      {"mail.dir", config_.mail.dir},
  };
  for (const auto& [field, dir] : dirs) {
    if (dir.empty()) continue;
    if (Status status = EnsureDirectory(dir); !status.ok()) {
      return Annotate(status, std::string("cannot create directory ") + dir.string() + " (" +
                                  field + ")");
    }
  }
  return Status::OK();
}

Status Service::OpenStore() {
  std::filesystem::path path = StorePath(config_);
  auto store = SqliteStore::Open(path.string());
  if (!store.ok()) return Annotate(store.status(), "cannot open store " + path.string());
  store_ = std::move(store).value();
  return Status::OK();
}

Status Service::SyncConfiguredAgencies(const Config& config, const char* actor) {
  Status status = store_->SyncAgencies(config.agencies, actor, options_.clock());
  return Annotate(status, "cannot record the configured agencies");
}

Status Service::StartTracking() {
  Result<std::unique_ptr<TrackingConfig>> tracking = BuildTrackingConfig(config_);
  if (!tracking.ok()) return Annotate(tracking.status(), "configuration");
  Result<int64_t> cursor = Scheduler::StartCursor(*store_, options_.clock());
  if (!cursor.ok()) return Annotate(cursor.status(), "cannot read the evaluation mark");
  auto model = TrackingModel::Load(*store_, std::move(tracking).value(), *cursor);
  if (!model.ok()) return Annotate(model.status(), "cannot load the tracked tasks");
  model_ = std::move(model).value();
  scheduler_ = std::make_unique<Scheduler>(*store_, *model_);
  spdlog::info("tracking {} tasks in {}", model_->tasks().size(), config_.daemon.time_zone);
  return Status::OK();
}

Status Service::StartDelivery() {
  Result<DeliveryParts> parts = PrepareDelivery(config_);
  if (!parts.ok()) return Annotate(parts.status(), "delivery configuration");
  delivery_ = std::make_unique<Delivery>(io_, *store_, *model_, std::move(parts).value(),
                                         options_.clock);
  // The periodic report's send time wakes the scheduler too.
  scheduler_->SetExtraWake(
      [delivery = delivery_.get()](int64_t now) { return delivery->NextReportTime(now); });
  return Status::OK();
}

Status Service::StartControlServer(AgencyDirectory agencies) {
  HandlerTracking tracking;
  tracking.model = model_.get();
  tracking.scheduler = scheduler_.get();
  tracking.on_change = [this] {
    if (timer_) timer_->Rearm();
  };
  tracking.reload = [this] { return Reload(); };
  backups_ = std::make_unique<BackupManager>(config_.daemon.state_dir / "backups",
                                             StorePath(config_).string());
  // Leftover copies only cost disk: a failure to remove them is no reason not to start.
  if (Status cleared = backups_->Prepare(); !cleared.ok()) spdlog::warn("{}", cleared.message());
  handler_ = std::make_unique<CommandHandler>(
      *store_, MakeHandlerSettings(config_, std::move(agencies)), options_.clock,
      std::move(tracking), delivery_->Hooks(), HandlerArchive{backups_.get()});
  server_ = std::make_unique<ControlServer>(
      io_, config_.daemon.socket_path, SocketGroupOf(config_.control),
      LimitsFromConfig(config_.control),
      [handler = handler_.get()](std::string_view line, const PeerCredentials& peer) {
        return handler->HandleLine(line, peer);
      });
  return server_->Listen();
}

Status Service::StartMetrics() {
  MetricsSources sources;
  sources.store = store_.get();
  sources.model = model_.get();
  sources.scheduler = scheduler_.get();
  sources.timer = timer_.get();
  sources.delivery = [this] { return delivery_ ? &delivery_->counters() : nullptr; };
  sources.clock = options_.clock;
  sources.started_at = options_.clock();
  metrics_ = std::make_unique<DaemonMetrics>(std::move(sources));
  handler_->SetMetrics([metrics = metrics_.get()] { return metrics->Render(); });
  if (config_.metrics.port == 0) return Status::OK();
  metrics_http_ = std::make_unique<MetricsHttpServer>(
      io_, [metrics = metrics_.get()] { return metrics->Render(); });
  return metrics_http_->Listen(config_.metrics.host, config_.metrics.port);
}

HandlerSettings Service::MakeHandlerSettings(const Config& config,
                                             AgencyDirectory agencies) const {
  HandlerSettings settings;
  settings.agencies = std::move(agencies);
  settings.first_listed_leads = config.plan.first_listed_leads;
  settings.admin_group = config.control.admin_group;
  settings.log_level = options_.log_level_override.empty() ? config.daemon.log_level
                                                           : options_.log_level_override;
  settings.config_path = options_.config_path.string();
  settings.socket_path = config.daemon.socket_path.string();
  settings.store_path = StorePath(config).string();
  settings.mail_dir = config.mail.dir.string();
  return settings;
}

void Service::Run() { io_.run(); }

void Service::Stop() {
  sd_notify(0, "STOPPING=1");
  spdlog::info("stopping");
  boost::system::error_code ignored;
  signals_.cancel(ignored);
  if (timer_) timer_->Stop();
  if (delivery_) delivery_->Stop();
  if (server_) server_->Stop();
  if (metrics_http_) metrics_http_->Stop();
  watchdog_.Stop();
}

void Service::WaitForSignal() {
  signals_.async_wait([this](const boost::system::error_code& ec, int signal_number) {
    if (ec) return;  // cancelled: stopping
    if (signal_number == SIGHUP) {
      (void)Reload();  // logs its own outcome
      WaitForSignal();
      return;
    }
    spdlog::info("received {}", strsignal(signal_number));
    Stop();
  });
}

Status Service::Reload() {
  sd_notify(0, "RELOADING=1");
  spdlog::info("reloading {}", options_.config_path.string());
  Status status = ApplyReload();
  if (status.ok()) {
    spdlog::info("reloaded {}", options_.config_path.string());
  } else {
    spdlog::error("reload failed, keeping the running configuration: {}", status.message());
  }
  sd_notify(0, "READY=1");
  return status;
}

Status Service::ApplyReload() {
  // Everything fallible first; nothing live is touched until the swap below.
  ConfigLoadResult loaded = LoadConfigFile(options_.config_path);
  if (!loaded.config) {
    std::string message = options_.config_path.string() + " has " +
                          std::to_string(loaded.errors.size()) + " error(s):";
    for (const ConfigError& error : loaded.errors) {
      spdlog::error("reload: {}", error.ToString());
      message += "\n" + error.ToString();
    }
    return Status::InvalidArgument(message);
  }
  Config next = std::move(*loaded.config);
  KeepRestartOnlySettings(config_, &next);
  Result<std::unique_ptr<TrackingConfig>> tracking = BuildTrackingConfig(next);
  if (!tracking.ok()) return Annotate(tracking.status(), options_.config_path.string());
  Result<AgencyDirectory> agencies = BuildAgencyDirectory(next.agencies);
  if (!agencies.ok()) return Annotate(agencies.status(), "agencies in config");
  const std::string& level_name =
      options_.log_level_override.empty() ? next.daemon.log_level : options_.log_level_override;
  Result<spdlog::level::level_enum> level = ParseLogLevel(level_name);
  if (!level.ok()) return level.status();
  Result<DeliveryParts> delivery = PrepareDelivery(next);
  if (!delivery.ok()) return Annotate(delivery.status(), options_.config_path.string());
  if (Status synced = SyncConfiguredAgencies(next, kReloadActor); !synced.ok()) return synced;

  // Swap. The tracking model goes first because it rereads the store: if that fails,
  // nothing has changed yet.
  if (Status swapped = model_->Reconfigure(std::move(tracking).value()); !swapped.ok()) {
    return Annotate(swapped, "cannot rebuild the tracked tasks");
  }
  // Nothing below fails in a way that leaves the new config half applied.
  handler_->UpdateSettings(MakeHandlerSettings(next, std::move(agencies).value()));
  server_->UpdateLimits(LimitsFromConfig(next.control));
  if (SocketGroupOf(next.control) != SocketGroupOf(config_.control)) {
    if (Status group = server_->SetAdminGroup(SocketGroupOf(next.control)); !group.ok()) {
      spdlog::warn("reload: socket group unchanged: {}", group.message());
    }
  }
  delivery_->Apply(std::move(delivery).value());
  spdlog::set_level(*level);
  config_ = std::move(next);
  if (timer_) timer_->Rearm();
  return Status::OK();
}

}  // namespace duban
