#include "notifiers/recipient_targets.h"

namespace duban {
namespace {

// "(督办 to leadership)": which notice was meant for whom, for the reasons people read.
std::string Context(const Action& action, Recipient recipient) {
  return " (" + std::string(LevelNameZh(action.level)) + " to " +
         std::string(RecipientName(recipient)) + ")";
}

}  // namespace

TargetResolver::TargetResolver(const std::vector<AgencyInfo>& agencies,
                               const OfficeConfig& office,
                               const std::vector<WebhookConfig>& webhooks)
    : office_(office) {
  for (const AgencyInfo& agency : agencies) agencies_.emplace(agency.name, &agency);
  for (const WebhookConfig& webhook : webhooks) webhooks_.emplace(webhook.name, &webhook);
}

const WebhookConfig* TargetResolver::Webhook(std::string_view name) const {
  const auto found = webhooks_.find(name);
  return found == webhooks_.end() ? nullptr : found->second;
}

TargetResolver::Lookup TargetResolver::Email(const Addressee& to,
                                             const AgencyInfo* agency) const {
  switch (to.kind) {
    case Recipient::kContact:
      if (!agency->email.empty()) return {agency->email, "", ""};
      return {"", to.agency + " has no email", "未配置联系邮箱"};
    case Recipient::kLeadership:
      if (!agency->leadership_email.empty()) return {agency->leadership_email, "", ""};
      return {"", to.agency + " has no leadership_email", "未配置领导邮箱"};
    case Recipient::kOffice:
      if (!office_.email.empty()) return {office_.email, "", ""};
      return {"", "[office] has no email", "未配置办公室邮箱"};
    case Recipient::kLeadingGroup:
      if (!office_.leading_group_email.empty()) return {office_.leading_group_email, "", ""};
      return {"", "[office] has no leading_group_email", "未配置领导小组邮箱"};
  }
  return {};
}

TargetResolver::Lookup TargetResolver::WebhookFor(const Addressee& to,
                                                  const AgencyInfo* agency) const {
  std::string name;
  std::string owner;
  Lookup none;
  switch (to.kind) {
    case Recipient::kContact:
    case Recipient::kLeadership:
      name = agency->webhook;
      owner = to.agency + "'s";
      none = {"", to.agency + " has no webhook", "未配置群机器人"};
      break;
    case Recipient::kOffice:
      name = office_.webhook;
      owner = "[office]";
      none = {"", "[office] has no webhook", "未配置办公室群机器人"};
      break;
    case Recipient::kLeadingGroup:
      name = office_.leading_group_webhook;
      owner = "[office] leading group's";
      none = {"", "[office] has no leading_group_webhook", "未配置领导小组群机器人"};
      break;
  }
  if (name.empty()) return none;
  if (Webhook(name) == nullptr) {
    return {"", owner + " webhook \"" + name + "\" is not a configured [[webhook]]",
            "群机器人“" + name + "”未配置"};
  }
  return {name, "", ""};
}

void TargetResolver::Resolve(const Action& action, std::vector<DeliveryTarget>* found,
                             std::vector<TargetMiss>* missing) const {
  const auto known = agencies_.find(action.agency);
  const AgencyInfo* agency = known == agencies_.end() ? nullptr : known->second;
  for (Recipient recipient : action.recipients) {
    const bool of_agency = recipient == Recipient::kContact || recipient == Recipient::kLeadership;
    const Addressee to{recipient, of_agency ? action.agency : ""};
    for (Channel channel : action.channels) {
      if (of_agency && agency == nullptr) {
        missing->push_back({to, channel,
                            action.agency + " is not a configured [[agency]]" +
                                Context(action, recipient),
                            "未登记该单位的联系方式"});
        continue;
      }
      Lookup lookup = channel == Channel::kEmail ? Email(to, agency) : WebhookFor(to, agency);
      if (lookup.target.empty()) {
        missing->push_back({to, channel, lookup.reason + Context(action, recipient),
                            std::move(lookup.missing)});
      } else {
        found->push_back({channel, std::move(lookup.target), to});
      }
    }
  }
}

}  // namespace duban
