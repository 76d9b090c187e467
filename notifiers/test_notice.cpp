#include "notifiers/test_notice.h"

#include <cstdio>

namespace duban {
namespace {

// "2026-11-21 14:05" in `zone`.
std::string LocalMinute(const TimeZone& zone, int64_t now) {
  const LocalTime local = zone.ToLocal(now);
  char clock[8];
  std::snprintf(clock, sizeof clock, "%02d:%02d", local.minute_of_day / 60 % 24,
                local.minute_of_day % 60);
  return FormatCivilDate(local.date) + " " + clock;
}

}  // namespace

Result<Message> BuildTestNotice(const AgencyInfo& agency, Channel channel,
                                const OfficeConfig& office, const TimeZone& zone, int64_t now) {
  const std::string& target = channel == Channel::kEmail ? agency.email : agency.webhook;
  if (target.empty()) {
    return Status::FailedPrecondition(
        agency.name + " has no " + (channel == Channel::kEmail ? "email" : "webhook") +
        " in its [[agency]] table; nothing to test");
  }
  Message message;
  message.key = "test|" + std::string(ChannelName(channel)) + "|" + target + "|" +
                std::to_string(now);
  message.channel = channel;
  message.target = target;
  message.recipient_name = agency.name;
  message.level = Level::kRemind;
  message.subject = "【测试】" + office.name + "督办系统测试消息";
  message.text = agency.name + "：\n\n这是" + office.name + "督办系统于" + LocalMinute(zone, now) +
                 "发送的测试消息，用于确认贵单位能够收到督办提醒。收到即表明渠道畅通，无需回复。\n\n" +
                 office.name + "\n";
  message.data_json = "[]";
  message.thread = "test:" + agency.name;
  message.created_at = now;
  message.next_attempt_at = now;
  return message;
}

}  // namespace duban
