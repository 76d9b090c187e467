#include "daemon/dubanctl/delivery_args.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

Status CheckId(int64_t id, const std::string& what) {
  if (id > 0) return Status::OK();
  return Status::InvalidArgument(what + " must be a positive message id, not " +
                                 std::to_string(id));
}

}  // namespace

Result<json> MessagesArgs(const MessagesOptions& options) {
  json args = json::object();
  if (!options.state.empty()) args["state"] = options.state;
  if (!options.target.empty()) args["target"] = options.target;
  if (options.action) {
    if (*options.action <= 0) {
      return Status::InvalidArgument("--action must be a positive outbox row id, not " +
                                     std::to_string(*options.action));
    }
    args["outbox_id"] = *options.action;
  }
  if (options.limit) {
    if (*options.limit < 1) return Status::InvalidArgument("--limit must be at least 1");
    args["limit"] = *options.limit;
  }
  return args;
}

Result<json> MessageArgs(int64_t id) {
  if (Status status = CheckId(id, "ID"); !status.ok()) return status;
  return json{{"id", id}};
}

Result<json> RetryArgs(const RetryOptions& options) {
  if (options.all_failed == !options.ids.empty()) {
    return Status::InvalidArgument(
        "give either the message ids to retry or --all-failed, not both and not neither");
  }
  if (options.all_failed) return json{{"all_failed", true}};
  for (int64_t id : options.ids) {
    if (Status status = CheckId(id, "ID"); !status.ok()) return status;
  }
  return json{{"ids", options.ids}};
}

Result<json> NotifyTestArgs(const NotifyTestOptions& options) {
  if (options.agency.empty()) return Status::InvalidArgument("--agency is required");
  if (options.channel != "email" && options.channel != "webhook") {
    return Status::InvalidArgument("--channel must be email or webhook, not '" +
                                   options.channel + "'");
  }
  if (!(options.wait_seconds >= 0)) {
    return Status::InvalidArgument("--wait must be 0 (do not wait) or more seconds");
  }
  return json{{"agency", options.agency}, {"channel", options.channel}};
}

}  // namespace duban::ctl
