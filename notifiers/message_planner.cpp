#include "notifiers/message_planner.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "notifiers/recipient_targets.h"

namespace duban {
namespace {

// Which message an action joins: the send slot, the channel and target, and in per-task
// mode the task ("" in digests).
struct GroupKey {
  int64_t at = 0;
  Channel channel = Channel::kEmail;
  std::string target;
  std::string ref;
};

struct GroupKeyLess {
  bool operator()(const GroupKey& a, const GroupKey& b) const {
    if (std::tie(a.at, a.channel, a.target) != std::tie(b.at, b.channel, b.target)) {
      return std::tie(a.at, a.channel, a.target) < std::tie(b.at, b.channel, b.target);
    }
    return NaturalLess(a.ref, b.ref);
  }
};

struct Draft {
  NoticeDraft notice;
  std::set<int64_t> outbox_ids;  // also keeps an action from being listed twice
};

using Drafts = std::map<GroupKey, Draft, GroupKeyLess>;

template <typename T>
void AddOnce(std::vector<T>* values, const T& value) {
  if (std::find(values->begin(), values->end(), value) == values->end()) {
    values->push_back(value);
  }
}

// A subject is one header line: control characters (a newline in a template or a
// configured name) become spaces, and the ends are trimmed.
std::string SingleLine(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  const std::size_t first = text.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

std::string Thread(const GroupKey& key, const NoticeDraft& notice) {
  if (!key.ref.empty()) return "task:" + key.ref;
  std::vector<std::string> agencies;
  bool only_office = true;
  for (const Addressee& addressee : notice.addressees) {
    if (addressee.kind == Recipient::kContact || addressee.kind == Recipient::kLeadership) {
      only_office = false;
      AddOnce(&agencies, addressee.agency);
    }
  }
  if (only_office) return "office:" + key.target;
  if (agencies.size() == 1) return "agency:" + agencies.front();
  return "target:" + key.target;
}

std::string JoinReasons(const std::vector<TargetMiss>& missing) {
  std::vector<std::string> reasons;
  for (const TargetMiss& miss : missing) AddOnce(&reasons, miss.reason);
  std::string joined;
  for (const std::string& reason : reasons) {
    if (!joined.empty()) joined += "; ";
    joined += reason;
  }
  return joined;
}

class Planner {
 public:
  Planner(const PlanningContext& context, int64_t now, std::vector<std::string>* warnings)
      : context_(context),
        resolver_(context.agencies, context.office, context.webhooks),
        today_(context.zone.ToLocal(now).date),
        per_task_(context.delivery.digest == "task"),
        warnings_(warnings) {}

  void Add(const OutboxRow& row, MessagePlan* plan) {
    if (context_.no_longer_owed) {
      if (std::optional<std::string> reason = context_.no_longer_owed(row)) {
        plan->cancelled.emplace_back(row.id, std::move(*reason));
        return;
      }
    }
    std::vector<DeliveryTarget> found;
    std::vector<TargetMiss> missing;
    resolver_.Resolve(row.action, &found, &missing);
    if (found.empty()) {
      plan->undeliverable.emplace_back(row.id, missing.empty() ? "the action names no recipient"
                                                               : JoinReasons(missing));
      return;
    }
    NoticeItem item{row.id, row.action, Summary(row.action.task_ref)};
    const std::vector<UnreachedNote> notes = Notes(row, missing);
    for (const DeliveryTarget& target : found) {
      Draft& draft = drafts_[GroupKey{row.action.at, target.channel, target.target,
                                      per_task_ ? row.action.task_ref : ""}];
      AddOnce(&draft.notice.addressees, target.addressee);
      if (!draft.outbox_ids.insert(row.id).second) continue;
      draft.notice.items.push_back(item);
      for (const UnreachedNote& note : notes) AddOnce(&draft.notice.unreached, note);
    }
  }

  void Finish(MessagePlan* plan) {
    for (auto& [key, draft] : drafts_) plan->messages.push_back(Render(key, &draft));
  }

 private:
  TaskSummary Summary(const std::string& ref) const {
    return context_.task_summary ? context_.task_summary(ref) : TaskSummary{};
  }

  std::vector<UnreachedNote> Notes(const OutboxRow& row, const std::vector<TargetMiss>& missing) {
    std::vector<UnreachedNote> notes;
    for (const TargetMiss& miss : missing) {
      AddOnce(&notes, UnreachedNote{row.id, AddresseeName(miss.addressee, context_.office.name),
                                    row.action.agency, row.action.task_ref, miss.missing,
                                    miss.reason});
      if (warnings_ != nullptr) {
        warnings_->push_back("outbox " + std::to_string(row.id) + " " + row.action.key + ": " +
                             miss.reason + "; delivered to its other recipients");
      }
    }
    return notes;
  }

  Message Render(const GroupKey& key, Draft* draft) const {
    NoticeDraft& notice = draft->notice;
    std::sort(notice.items.begin(), notice.items.end(), NoticeItemLess);
    const TemplateSet::Values data(NoticeTemplateData(notice, context_.office.name, today_));
    Message message;
    message.channel = key.channel;
    message.target = key.target;
    message.outbox_ids.assign(draft->outbox_ids.begin(), draft->outbox_ids.end());
    message.key = std::string(ChannelName(key.channel)) + "|" + key.target + "|" +
                  std::to_string(key.at) + "|" + std::to_string(message.outbox_ids.front());
    std::vector<std::string> names;
    for (const Addressee& addressee : notice.addressees) {
      AddOnce(&names, AddresseeName(addressee, context_.office.name));
    }
    for (const std::string& name : names) {
      message.recipient_name += (message.recipient_name.empty() ? "" : "、") + name;
    }
    for (const NoticeItem& item : notice.items) {
      message.level = std::max(message.level, item.action.level);
    }
    const auto render = [&](Channel channel, std::string_view part) {
      return context_.templates.Render(TemplateSet::NameFor(channel, message.level, part), data);
    };
    message.subject = SingleLine(render(Channel::kEmail, "subject"));
    if (key.channel == Channel::kEmail) {
      message.text = render(Channel::kEmail, "text");
      if (context_.mail.html) message.html = render(Channel::kEmail, "html");
    } else {
      message.text = render(Channel::kWebhook, WebhookPart(key.target));
    }
    message.data_json = NoticeItemsJson(notice, today_)
                            .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    message.thread = Thread(key, notice);
    return message;
  }

  // "text" for targets whose format is text, else "markdown" (the [[webhook]] default).
  std::string_view WebhookPart(std::string_view target) const {
    const WebhookConfig* webhook = resolver_.Webhook(target);
    return webhook != nullptr && webhook->format == "text" ? "text" : "markdown";
  }

  const PlanningContext& context_;
  const TargetResolver resolver_;
  const CivilDate today_;
  const bool per_task_;
  std::vector<std::string>* warnings_;
  Drafts drafts_;
};

}  // namespace

MessagePlan PlanMessages(const std::vector<OutboxRow>& due, const PlanningContext& context,
                         int64_t now, std::vector<std::string>* warnings) {
  // Rows in (at, id) order, whatever order they came in, so the plan is the same.
  std::vector<std::size_t> order(due.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(due[a].action.at, due[a].id) < std::tie(due[b].action.at, due[b].id);
  });
  MessagePlan plan;
  Planner planner(context, now, warnings);
  for (std::size_t index : order) {
    const OutboxRow& row = due[index];
    if (row.state != "pending" || row.action.at > now) continue;
    planner.Add(row, &plan);
  }
  planner.Finish(&plan);
  return plan;
}

}  // namespace duban
