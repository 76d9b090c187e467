// Delivery: the daemon's delivery side. After each scheduler wake, the decided actions
// whose time has come (pending outbox rows) are checked against the tasks as they are now
// (owed_check.h), planned into messages rendered from the templates
// (notifiers/message_planner.h) and queued in one transaction (Store::QueueMessages); the
// Dispatcher (dispatcher.h) then sends them. After the due actions, the periodic 考核
// report (periodic_report.h) queues its messages when an occurrence fell due. Also the
// hooks of the delivery commands (`outbox retry`, `notify test`, `report send`).
//
// Reload: Prepare builds everything a config needs (templates, transports) and fails
// without touching the running parts; Apply swaps them in.
//
// Not thread-safe: the daemon's io_context thread only. Store and model must outlive it.
#ifndef DUBAN_DAEMON_DUBAND_DELIVERY_H_
#define DUBAN_DAEMON_DUBAND_DELIVERY_H_

#include <utility>  // before Asio: Boost 1.74 awaitable needs it with g++ 12

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include <boost/asio.hpp>

#include "config/config.h"
#include "daemon/duband/command_handler.h"
#include "daemon/duband/dispatcher.h"
#include "daemon/duband/periodic_report.h"
#include "daemon/duband/tracking_model.h"
#include "notifiers/templates.h"
#include "notifiers/transport_factory.h"
#include "workflow/store.h"

namespace duban {

// What a configuration needs for delivery, built and checked.
struct DeliveryParts {
  Config config;  // agencies, office, webhooks, [mail], [delivery]
  TemplateSet templates;
  std::unique_ptr<TransportFactory> transports;
  DispatchSettings dispatch;
};

// Builds the parts of `config`; kInvalidArgument naming the template or [mail] key at fault.
Result<DeliveryParts> PrepareDelivery(const Config& config);

class Delivery {
 public:
  using Clock = std::function<int64_t()>;  // UTC seconds now

  Delivery(boost::asio::io_context& io, Store& store, TrackingModel& model, DeliveryParts parts,
           Clock clock);

  // Queues what is due now and starts sending.
  void Start();
  // After a scheduler wake at `now`: queues the due pending rows and a periodic report
  // that fell due, then dispatches.
  void AfterWake(int64_t now);
  // The periodic report's next send time after `now` (nullopt when [report] is off), so
  // the scheduler wakes for it.
  std::optional<int64_t> NextReportTime(int64_t now) const;
  // Swaps in a reloaded configuration's parts.
  void Apply(DeliveryParts parts);
  // Stops sending (see Dispatcher::Stop).
  void Stop();

  // The hooks the command handler calls.
  HandlerDelivery Hooks();
  const DispatchCounters& counters() const { return dispatcher_->counters(); }

 private:
  // Plans and queues the pending rows due by `now`; logs what it did. False on a store
  // failure (the rows stay pending and are planned at the next wake).
  bool QueueDue(int64_t now);

  Store& store_;
  TrackingModel& model_;
  const Clock clock_;
  Config config_;
  TemplateSet templates_;
  std::unique_ptr<Dispatcher> dispatcher_;
  std::unique_ptr<PeriodicReport> report_;
};

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_DELIVERY_H_
