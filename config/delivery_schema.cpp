#include "config/delivery_schema.h"

#include <optional>

namespace duban::config_internal {
namespace {

constexpr int kMaxBackoffSeconds = 7 * 24 * 3600;  // a week: beyond, a retry is news to nobody
// systemd kills a unit that has not stopped within TimeoutStopSec (30 s in the shipped
// unit); five minutes is more than any sensible unit allows.
constexpr int kMaxStopGraceSeconds = 300;

struct DeliveryDraft {
  DeliveryConfig delivery;
  std::optional<Located> initial_at;
  std::optional<Located> max_at;
};

std::optional<std::string> CheckDigest(std::string_view digest) {
  if (digest == "agency" || digest == "task") return std::nullopt;
  return "\"" + std::string(digest) + "\" is not a digest mode; use agency or task";
}

// clang-format off
const FieldSpec<DeliveryDraft> kDeliveryFields[] = {
    {"digest", [](ValueReader& in, DeliveryDraft& d) { Assign(in.String(&CheckDigest), d.delivery.digest); }, nullptr},
    {"max_attempts", [](ValueReader& in, DeliveryDraft& d) { Assign(in.Integer(1, 100), d.delivery.max_attempts); }, nullptr},
    {"backoff_initial_seconds",
     [](ValueReader& in, DeliveryDraft& d) {
       Assign(in.Integer(1, 86400), d.delivery.backoff_initial_seconds);
       d.initial_at = in.where();
     },
     nullptr},
    {"backoff_max_seconds",
     [](ValueReader& in, DeliveryDraft& d) {
       Assign(in.Integer(1, kMaxBackoffSeconds), d.delivery.backoff_max_seconds);
       d.max_at = in.where();
     },
     nullptr},
    {"jitter", [](ValueReader& in, DeliveryDraft& d) { Assign(in.Number(0, 1), d.delivery.jitter); }, nullptr},
    {"webhook_concurrency",
     [](ValueReader& in, DeliveryDraft& d) { Assign(in.Integer(1, 64), d.delivery.webhook_concurrency); },
     nullptr},
    {"stop_grace_seconds",
     [](ValueReader& in, DeliveryDraft& d) {
       Assign(in.Integer(0, kMaxStopGraceSeconds), d.delivery.stop_grace_seconds);
     },
     nullptr},
};
// clang-format on

void CheckBackoff(const DeliveryDraft& d, ErrorSink& sink) {
  const DeliveryConfig& delivery = d.delivery;
  if (delivery.backoff_max_seconds >= delivery.backoff_initial_seconds) return;
  const std::optional<Located>& at = d.max_at ? d.max_at : d.initial_at;
  if (!at) return;  // the defaults are in order
  sink.Add(at->pos, at->field,
           "backoff_max_seconds (" + std::to_string(delivery.backoff_max_seconds) +
               ") is less than backoff_initial_seconds (" +
               std::to_string(delivery.backoff_initial_seconds) + ")");
}

}  // namespace

std::vector<std::string_view> DeliveryKeys() { return KeysOf<DeliveryDraft>(kDeliveryFields); }

void ReadDelivery(const toml::table& table, const std::string& field, ErrorSink& sink,
                  const LoadContext& context, Config& config) {
  DeliveryDraft d;
  d.delivery = config.delivery;
  ReadFields<DeliveryDraft>(table, kDeliveryFields, SectionLabel(field, false), field, sink, context, d);
  CheckBackoff(d, sink);
  config.delivery = d.delivery;
}

void DescribeDelivery(std::string_view name, const Config& config, std::string& out) {
  const DeliveryConfig& delivery = config.delivery;
  out += SectionLabel(name, false) + '\n';
  out += "digest = " + TomlString(delivery.digest) + '\n';
  out += "max_attempts = " + TomlInt(delivery.max_attempts) + '\n';
  out += "backoff_initial_seconds = " + TomlInt(delivery.backoff_initial_seconds) + '\n';
  out += "backoff_max_seconds = " + TomlInt(delivery.backoff_max_seconds) + '\n';
  out += "jitter = " + TomlFloat(delivery.jitter) + '\n';
  out += "webhook_concurrency = " + TomlInt(delivery.webhook_concurrency) + '\n';
  out += "stop_grace_seconds = " + TomlInt(delivery.stop_grace_seconds) + '\n';
}

}  // namespace duban::config_internal
