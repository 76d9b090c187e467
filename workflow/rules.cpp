#include "workflow/rules.h"

#include <array>

namespace duban {
namespace {

template <typename E>
struct Named {
  E value;
  std::string_view name;
};

template <typename E, size_t N>
std::string_view NameOf(const std::array<Named<E>, N>& table, E value) {
  for (const auto& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return table[0].name;
}

template <typename E, size_t N>
std::optional<E> Parse(const std::array<Named<E>, N>& table, std::string_view name) {
  for (const auto& entry : table) {
    if (entry.name == name) return entry.value;
  }
  return std::nullopt;
}

constexpr std::array<Named<Level>, 4> kLevels = {{{Level::kRemind, "remind"},
                                                  {Level::kUrge, "urge"},
                                                  {Level::kSupervise, "supervise"},
                                                  {Level::kCirculate, "circulate"}}};
constexpr std::array<Named<Level>, 4> kLevelsZh = {{{Level::kRemind, "提醒"},
                                                    {Level::kUrge, "催办"},
                                                    {Level::kSupervise, "督办"},
                                                    {Level::kCirculate, "通报"}}};
constexpr std::array<Named<Recipient>, 4> kRecipients = {
    {{Recipient::kContact, "contact"},
     {Recipient::kLeadership, "leadership"},
     {Recipient::kOffice, "office"},
     {Recipient::kLeadingGroup, "leading_group"}}};
constexpr std::array<Named<Channel>, 2> kChannels = {
    {{Channel::kEmail, "email"}, {Channel::kWebhook, "webhook"}}};
constexpr std::array<Named<CatchUp>, 3> kCatchUps = {
    {{CatchUp::kLatestOnly, "latest"}, {CatchUp::kAll, "all"}, {CatchUp::kNone, "none"}}};

}  // namespace

std::string_view LevelName(Level level) { return NameOf(kLevels, level); }
std::string_view LevelNameZh(Level level) { return NameOf(kLevelsZh, level); }
std::optional<Level> ParseLevel(std::string_view name) {
  if (auto level = Parse(kLevels, name)) return level;
  return Parse(kLevelsZh, name);
}

std::string_view RecipientName(Recipient recipient) { return NameOf(kRecipients, recipient); }
std::optional<Recipient> ParseRecipient(std::string_view name) { return Parse(kRecipients, name); }

std::string_view ChannelName(Channel channel) { return NameOf(kChannels, channel); }
std::optional<Channel> ParseChannel(std::string_view name) { return Parse(kChannels, name); }

std::string_view CatchUpName(CatchUp policy) { return NameOf(kCatchUps, policy); }
std::optional<CatchUp> ParseCatchUp(std::string_view name) { return Parse(kCatchUps, name); }

bool SendWindow::IsQuiet(int minute_of_day) const {
  if (quiet_start_minute == quiet_end_minute) return false;  // no quiet hours
  if (quiet_start_minute < quiet_end_minute) {
    return minute_of_day >= quiet_start_minute && minute_of_day < quiet_end_minute;
  }
  return minute_of_day >= quiet_start_minute || minute_of_day < quiet_end_minute;
}

Rules Rules::Defaults() {
  Rules rules;
  rules.reminders.push_back(ReminderRule{});  // 10, 3, 1 working days before, every role
  EscalationStep urge;
  urge.name = "urge";
  urge.level = Level::kUrge;
  urge.delay_working_days = 1;
  urge.recipients = {Recipient::kContact};
  urge.repeat_every_working_days = 3;
  EscalationStep supervise;
  supervise.name = "supervise";
  supervise.level = Level::kSupervise;
  supervise.delay_working_days = 5;
  supervise.recipients = {Recipient::kLeadership, Recipient::kOffice};
  EscalationStep circulate;
  circulate.name = "circulate";
  circulate.level = Level::kCirculate;
  circulate.delay_working_days = 10;
  circulate.recipients = {Recipient::kOffice, Recipient::kLeadingGroup};
  rules.escalation = {urge, supervise, circulate};
  return rules;
}

}  // namespace duban
