#include "daemon/duband/report_messages.h"

#include <nlohmann/json.hpp>

#include "daemon/assessment_json.h"
#include "notifiers/webhook_request.h"
#include "reports/assessment_report.h"

namespace duban {
namespace {

// The thread reports share, so a mail client groups each period's 通报 together.
constexpr const char* kThread = "report:assessment";

Message Base(std::string key, Channel channel, std::string target, std::string name,
             const std::string& title, int64_t now) {
  Message message;
  message.key = std::move(key);
  message.channel = channel;
  message.target = std::move(target);
  message.recipient_name = std::move(name);
  message.level = Level::kCirculate;  // a 通报
  message.subject = title;
  message.data_json = "[]";
  message.thread = kThread;
  message.created_at = now;
  message.next_attempt_at = now;
  return message;
}

// The byte limit of a chat bot's content; 0 = none (standard webhooks).
std::size_t ChatLimit(const WebhookConfig& webhook) {
  if (webhook.kind == "wecom") return kWeComContentLimit;
  if (webhook.kind == "dingtalk" || webhook.kind == "feishu") return kChatContentLimit;
  return 0;
}

std::string FullReportHint(const Assessment& assessment) {
  return "dubanctl report assessment --from " + FormatCivilDate(assessment.from) + " --to " +
         FormatCivilDate(assessment.to) + " --format html";
}

}  // namespace

std::string FitChatText(const std::string& text, std::size_t limit,
                        std::string_view full_report_hint) {
  if (text.size() <= limit) return text;
  const std::string note = "……（限于群机器人消息长度，以下从略；完整报告见邮件，或运行 " +
                           std::string(full_report_hint) + "）\n";
  const std::size_t budget = limit > note.size() ? limit - note.size() : 0;
  std::size_t end = 0;  // one past the last newline that fits
  for (std::size_t at = text.find('\n'); at != std::string::npos && at + 1 <= budget;
       at = text.find('\n', at + 1)) {
    end = at + 1;
  }
  return text.substr(0, end) + note;
}

ReportMessages BuildReportMessages(const Assessment& assessment, std::string_view key_prefix,
                                   const Config& config, int64_t now) {
  ReportMessages out;
  const std::string title = AssessmentTitle(assessment);
  const std::string text = RenderAssessmentText(assessment);
  const std::string prefix(key_prefix);
  if (!config.report.email.empty()) {
    const std::string html = config.mail.html ? RenderAssessmentHtml(assessment) : "";
    for (const std::string& entry : config.report.email) {
      std::string address = entry;
      std::string name = entry;
      if (entry == kReportToOffice) {
        address = config.office.email;
        name = config.office.name;
      } else if (entry == kReportToLeadingGroup) {
        address = config.office.leading_group_email;
        name = "领导小组";
      }
      if (address.empty()) {
        out.misses.push_back("report.email \"" + entry + "\": the [office] address is not set");
        continue;
      }
      Message message = Base(prefix + "|email|" + address, Channel::kEmail, address, name, title, now);
      message.text = text;
      message.html = html;
      out.messages.push_back(std::move(message));
    }
  }
  const nlohmann::json agencies = ToJson(assessment).value("agencies", nlohmann::json::array());
  for (const std::string& name : config.report.webhooks) {
    const WebhookConfig* webhook = nullptr;
    for (const WebhookConfig& candidate : config.webhooks) {
      if (candidate.name == name) webhook = &candidate;
    }
    if (webhook == nullptr) {
      out.misses.push_back("report.webhooks \"" + name + "\" is not a configured [[webhook]]");
      continue;
    }
    Message message = Base(prefix + "|webhook|" + name, Channel::kWebhook, name,
                           config.office.name, title, now);
    const bool markdown = webhook->kind != "standard" && webhook->format == "markdown";
    std::string body = markdown ? "## " + text : text;
    if (const std::size_t limit = ChatLimit(*webhook); limit > 0) {
      body = FitChatText(body, limit, FullReportHint(assessment));
    }
    message.text = std::move(body);
    message.data_json = agencies.dump();
    out.messages.push_back(std::move(message));
  }
  return out;
}

}  // namespace duban
