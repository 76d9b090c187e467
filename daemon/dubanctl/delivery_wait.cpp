#include "daemon/dubanctl/delivery_wait.h"

#include <algorithm>
#include <string>

#include "daemon/dubanctl/json_fields.h"

namespace duban::ctl {

DeliveryWaitResult WaitForDelivery(const DeliveryPoller& poller,
                                   DeliveryPoller::Clock::duration wait,
                                   DeliveryPoller::Clock::duration interval) {
  const DeliveryPoller::Clock::time_point deadline = poller.now() + wait;
  DeliveryWaitResult result;
  for (;;) {
    std::optional<nlohmann::json> message = poller.fetch();
    ++result.polls;
    if (!message) {
      result.end = DeliveryWaitResult::End::kCallFailed;
      return result;
    }
    result.message = std::move(*message);
    if (TextField(result.message, "state") != "queued") {
      result.end = DeliveryWaitResult::End::kSettled;
      return result;
    }
    const DeliveryPoller::Clock::time_point now = poller.now();
    if (now >= deadline) {
      result.end = DeliveryWaitResult::End::kTimedOut;
      return result;
    }
    poller.pause(std::min(interval, deadline - now));
  }
}

}  // namespace duban::ctl
