// Recipient resolution: where each recipient of a decided action is reached on each
// channel, or why it cannot be.
//
//            email                        webhook ([[webhook]] target name)
//   contact        agency.email                 agency.webhook
//   leadership     agency.leadership_email      agency.webhook (the agency's chat group)
//   office         [office] email               [office] webhook
//   leading_group  [office] leading_group_email [office] leading_group_webhook
//
// A webhook name that is not a configured [[webhook]] counts as missing.
//
// Built once per configuration from references it keeps: the agencies, office and
// webhooks must outlive it. Immutable after construction; const methods are thread-safe.
#ifndef DUBAN_NOTIFIERS_RECIPIENT_TARGETS_H_
#define DUBAN_NOTIFIERS_RECIPIENT_TARGETS_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "config/config.h"
#include "notifiers/notice_data.h"
#include "workflow/agency.h"
#include "workflow/evaluator.h"

namespace duban {

// One place an action is delivered to.
struct DeliveryTarget {
  Channel channel = Channel::kEmail;
  std::string target;   // email address, or [[webhook]] name
  Addressee addressee;  // who is reached there
};

// One recipient × channel of an action that has no target.
struct TargetMiss {
  Addressee addressee;
  Channel channel = Channel::kEmail;
  std::string reason;   // English: "省科技厅 has no leadership_email (督办 to leadership)"
  std::string missing;  // Chinese, for the office: "未配置领导邮箱"
};

class TargetResolver {
 public:
  TargetResolver(const std::vector<AgencyInfo>& agencies, const OfficeConfig& office,
                 const std::vector<WebhookConfig>& webhooks);

  // Appends a target or a miss for every (recipient, channel) of `action`, recipients in
  // the action's order, channels within each in the action's order.
  void Resolve(const Action& action, std::vector<DeliveryTarget>* found,
               std::vector<TargetMiss>* missing) const;

  // The [[webhook]] named `name`, or nullptr.
  const WebhookConfig* Webhook(std::string_view name) const;

 private:
  struct Lookup {
    std::string target;   // "" when missing
    std::string reason;   // why, when missing
    std::string missing;  // Chinese
  };
  Lookup Email(const Addressee& to, const AgencyInfo* agency) const;
  Lookup WebhookFor(const Addressee& to, const AgencyInfo* agency) const;

  const OfficeConfig& office_;
  std::unordered_map<std::string_view, const AgencyInfo*> agencies_;
  std::unordered_map<std::string_view, const WebhookConfig*> webhooks_;
};

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_RECIPIENT_TARGETS_H_
