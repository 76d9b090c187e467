#include "notifiers/default_templates.h"

#include <array>

namespace duban {
namespace {

// Pieces shared by several templates, joined by string-literal concatenation (Mustache
// partials are not supported, so the templates an office overrides stay self-contained).

// Where an item stands: overdue by N days, due today, or N days left; and which urge it is.
#define DUBAN_ITEM_STATE                                                              \
  "{{#overdue}}，已逾期{{days_overdue}}天{{/overdue}}{{^overdue}}{{#due_today}}，今日截止" \
  "{{/due_today}}{{^due_today}}，距截止还有{{days_left}}天{{/due_today}}{{/overdue}}"     \
  "{{#repeated}}（第{{times}}次{{level}}）{{/repeated}}"

// The task's confirmed targets (指标) and the last values reported, on a line of their
// own; the section tags stand alone on their lines, so a task without targets renders
// nothing here.
#define DUBAN_ITEM_TARGETS_TEXT \
  "{{#targets_line}}\n"         \
  "   {{targets_line}}。\n"     \
  "{{/targets_line}}\n"

// One item in a plain-text list (two lines, three with targets).
#define DUBAN_ITEM_TEXT                                                                   \
  "{{index}}. 第{{ref}}项　{{title}}{{#show_agency}}（{{agency}}，{{role}}）{{/show_agency}}\n" \
  "   {{what}}，截止日期{{due}}" DUBAN_ITEM_STATE "。\n"                                   \
  DUBAN_ITEM_TARGETS_TEXT

// The items grouped by role and level, for plain text.
#define DUBAN_GROUPS_TEXT   \
  "{{#roles}}\n"            \
  "\n"                      \
  "【{{role_heading}}】\n"  \
  "{{#levels}}\n"           \
  "{{#items}}\n"            \
  DUBAN_ITEM_TEXT           \
  "{{/items}}\n"            \
  "{{/levels}}\n"           \
  "{{/roles}}\n"

// The same with a line per level, for notices that may mix levels.
#define DUBAN_LEVEL_GROUPS_TEXT \
  "{{#roles}}\n"                \
  "\n"                          \
  "【{{role_heading}}】\n"      \
  "{{#levels}}\n"               \
  "{{level}}事项{{count}}项：\n" \
  "{{#items}}\n"                \
  DUBAN_ITEM_TEXT               \
  "{{/items}}\n"                \
  "{{/levels}}\n"               \
  "{{/roles}}\n"

// For the office: which recipients of these notices could not be reached.
#define DUBAN_UNREACHED_TEXT                                  \
  "{{#to_office}}\n"                                          \
  "{{#has_unreached}}\n"                                      \
  "\n"                                                        \
  "以下通知未能送达，请另行联系：\n"                          \
  "{{#unreached}}\n"                                          \
  "- {{recipient}}（第{{ref}}项）：{{missing}}\n"             \
  "{{/unreached}}\n"                                          \
  "{{/has_unreached}}\n"                                      \
  "{{/to_office}}\n"

#define DUBAN_SIGNATURE_TEXT "\n{{office}}\n{{date}}\n"

#define DUBAN_HTML_HEAD                                                                 \
  "<!DOCTYPE html>\n"                                                                   \
  "<html lang=\"zh-CN\">\n"                                                             \
  "<head><meta charset=\"utf-8\"><title>{{level}}</title></head>\n"                     \
  "<body style=\"font-family:'Microsoft YaHei','PingFang SC',SimSun,sans-serif;"        \
  "font-size:14px;line-height:1.7;color:#222\">\n"                                      \
  "<p>{{salutation}}：</p>\n"

#define DUBAN_HTML_TABLE                                                                \
  "{{#roles}}\n"                                                                        \
  "<h3 style=\"font-size:15px;margin:16px 0 6px\">{{role_heading}}</h3>\n"              \
  "{{#levels}}\n"                                                                       \
  "<p style=\"margin:4px 0\">{{level}}事项{{count}}项：</p>\n"                          \
  "<table cellspacing=\"0\" cellpadding=\"6\" border=\"1\" "                            \
  "style=\"border-collapse:collapse;border-color:#999;font-size:13px\">\n"              \
  "<tr style=\"background:#f0f0f0\"><th>序号</th><th>任务</th>"                         \
  "{{#show_agency}}<th>单位</th>{{/show_agency}}<th>应报事项</th><th>截止日期</th>"     \
  "<th>状态</th></tr>\n"                                                                \
  "{{#items}}\n"                                                                        \
  "<tr><td>{{index}}</td><td>第{{ref}}项　{{title}}</td>"                               \
  "{{#show_agency}}<td>{{agency}}（{{role}}）</td>{{/show_agency}}<td>{{what}}"         \
  "{{#targets_line}}<br>{{targets_line}}{{/targets_line}}</td>"                          \
  "<td>{{due}}</td><td>{{#overdue}}<b style=\"color:#c00\">已逾期{{days_overdue}}天</b>" \
  "{{/overdue}}{{^overdue}}{{#due_today}}今日截止{{/due_today}}{{^due_today}}"          \
  "还有{{days_left}}天{{/due_today}}{{/overdue}}"                                       \
  "{{#repeated}}（第{{times}}次{{level}}）{{/repeated}}</td></tr>\n"                    \
  "{{/items}}\n"                                                                        \
  "</table>\n"                                                                          \
  "{{/levels}}\n"                                                                       \
  "{{/roles}}\n"

#define DUBAN_HTML_UNREACHED                                                   \
  "{{#to_office}}\n"                                                           \
  "{{#has_unreached}}\n"                                                       \
  "<p>以下通知未能送达，请另行联系：</p>\n"                                    \
  "<ul>\n"                                                                     \
  "{{#unreached}}\n"                                                           \
  "<li>{{recipient}}（第{{ref}}项）：{{missing}}</li>\n"                       \
  "{{/unreached}}\n"                                                           \
  "</ul>\n"                                                                    \
  "{{/has_unreached}}\n"                                                       \
  "{{/to_office}}\n"

#define DUBAN_HTML_FOOT                                                                 \
  "<p style=\"text-align:right;margin-top:24px\">{{office}}<br>{{date}}</p>\n"           \
  "</body>\n"                                                                           \
  "</html>\n"

// One item on a chat line.
#define DUBAN_ITEM_CHAT                                                                   \
  "{{index}}. 第{{ref}}项 {{title}}{{#show_agency}}（{{agency}}）{{/show_agency}}："      \
  "{{what}}，截止{{due}}"

#define DUBAN_CHAT_TEXT(heading, closing)                                  \
  "【" heading "】{{recipient}}\n"                                          \
  "{{#items}}\n"                                                           \
  DUBAN_ITEM_CHAT DUBAN_ITEM_STATE "\n"                                    \
  DUBAN_ITEM_TARGETS_TEXT                                                  \
  "{{/items}}\n"                                                           \
  closing "\n"                                                             \
  "——{{office}} {{date}}\n"

#define DUBAN_CHAT_MARKDOWN(heading, closing)                                             \
  "### 【" heading "】{{recipient}}\n"                                                    \
  "{{#roles}}\n"                                                                          \
  "\n"                                                                                    \
  "**{{role_heading}}**\n"                                                                \
  "\n"                                                                                    \
  "{{#levels}}\n"                                                                         \
  "{{#items}}\n"                                                                          \
  DUBAN_ITEM_CHAT "{{#overdue}}，**已逾期{{days_overdue}}天**{{/overdue}}"                \
  "{{^overdue}}{{#due_today}}，今日截止{{/due_today}}{{^due_today}}，还有{{days_left}}天" \
  "{{/due_today}}{{/overdue}}{{#repeated}}（第{{times}}次{{level}}）{{/repeated}}\n"      \
  DUBAN_ITEM_TARGETS_TEXT                                                                 \
  "{{/items}}\n"                                                                          \
  "{{/levels}}\n"                                                                         \
  "{{/roles}}\n"                                                                          \
  "\n"                                                                                    \
  closing "\n"                                                                            \
  "\n"                                                                                    \
  "> {{office}}　{{date}}\n"

// ---- 提醒: before the due date, polite ----

constexpr std::string_view kRemindSubject =
    "【工作提醒】{{#task}}第{{ref}}项重点工作“{{title}}”{{/task}}"
    "{{^task}}{{count}}项重点工作{{/task}}临近报送时限";

constexpr std::string_view kRemindText =
    "{{salutation}}：\n"
    "\n"
    "根据重点工作分工方案，{{#show_agency}}下列单位{{/show_agency}}{{^show_agency}}贵单位"
    "{{/show_agency}}承担的以下工作临近报送时限，现予提醒：\n"
    DUBAN_GROUPS_TEXT
    "\n"
    "请按时报送办理情况。如已报送，请忽略本提醒。\n"
    DUBAN_SIGNATURE_TEXT;

constexpr std::string_view kRemindHtml =
    DUBAN_HTML_HEAD
    "<p>根据重点工作分工方案，{{#show_agency}}下列单位{{/show_agency}}{{^show_agency}}贵单位"
    "{{/show_agency}}承担的以下工作临近报送时限，现予提醒：</p>\n"
    DUBAN_HTML_TABLE
    "<p>请按时报送办理情况。如已报送，请忽略本提醒。</p>\n"
    DUBAN_HTML_FOOT;

// ---- 催办: after a missed due date, firm ----

constexpr std::string_view kUrgeSubject =
    "【催办】{{#task}}第{{ref}}项重点工作“{{title}}”{{/task}}"
    "{{^task}}{{overdue_count}}项重点工作{{/task}}已逾期，请抓紧办理";

constexpr std::string_view kUrgeText =
    "{{salutation}}：\n"
    "\n"
    "根据重点工作分工方案，{{#show_agency}}下列单位{{/show_agency}}{{^show_agency}}贵单位"
    "{{/show_agency}}承担的以下工作已超过规定时限，至今未报送办理情况，现予催办：\n"
    DUBAN_LEVEL_GROUPS_TEXT
    "\n"
    "请高度重视，抓紧办理，尽快报送办理情况；确有困难的，请书面说明原因和下一步工作安排。"
    "如已报送，请忽略本通知。\n"
    DUBAN_SIGNATURE_TEXT;

constexpr std::string_view kUrgeHtml =
    DUBAN_HTML_HEAD
    "<p>根据重点工作分工方案，{{#show_agency}}下列单位{{/show_agency}}{{^show_agency}}贵单位"
    "{{/show_agency}}承担的以下工作已超过规定时限，至今未报送办理情况，现予催办：</p>\n"
    DUBAN_HTML_TABLE
    "<p>请高度重视，抓紧办理，尽快报送办理情况；确有困难的，请书面说明原因和下一步工作安排。"
    "如已报送，请忽略本通知。</p>\n"
    DUBAN_HTML_FOOT;

// ---- 督办: to the agency's leadership, copied to the office ----

constexpr std::string_view kSuperviseSubject =
    "【督办通知】关于{{agency_names}}{{#task}}第{{ref}}项重点工作{{/task}}"
    "{{^task}}{{overdue_count}}项重点工作{{/task}}逾期未办的督办通知";

constexpr std::string_view kSuperviseText =
    "{{salutation}}：\n"
    "\n"
    "{{#to_office}}\n"
    "（抄送件）本督办通知同时送{{agency_names}}负责同志。\n"
    "\n"
    "{{/to_office}}\n"
    "按照重点工作督查督办要求，{{agency_names}}承担的以下工作已逾期，经提醒、催办仍未报送"
    "办理情况，现予督办：\n"
    DUBAN_LEVEL_GROUPS_TEXT
    "\n"
    "请{{#to_leadership}}贵单位负责同志{{/to_leadership}}{{^to_leadership}}有关单位负责同志"
    "{{/to_leadership}}亲自过问，督促抓紧落实，尽快向{{office}}书面报送办理情况、逾期原因"
    "和整改措施。\n"
    DUBAN_UNREACHED_TEXT
    DUBAN_SIGNATURE_TEXT
    "{{#to_leadership}}\n"
    "\n"
    "抄送：{{office}}\n"
    "{{/to_leadership}}\n";

constexpr std::string_view kSuperviseHtml =
    DUBAN_HTML_HEAD
    "{{#to_office}}\n"
    "<p>（抄送件）本督办通知同时送{{agency_names}}负责同志。</p>\n"
    "{{/to_office}}\n"
    "<p>按照重点工作督查督办要求，{{agency_names}}承担的以下工作已逾期，经提醒、催办仍未报送"
    "办理情况，现予督办：</p>\n"
    DUBAN_HTML_TABLE
    "<p>请{{#to_leadership}}贵单位负责同志{{/to_leadership}}{{^to_leadership}}有关单位负责同志"
    "{{/to_leadership}}亲自过问，督促抓紧落实，尽快向{{office}}书面报送办理情况、逾期原因"
    "和整改措施。</p>\n"
    DUBAN_HTML_UNREACHED
    "{{#to_leadership}}\n"
    "<p>抄送：{{office}}</p>\n"
    "{{/to_leadership}}\n"
    DUBAN_HTML_FOOT;

// ---- 通报: to the leading group, naming who is late ----

constexpr std::string_view kCirculateSubject =
    "【情况通报】关于{{#single_agency}}{{agency_names}}{{/single_agency}}"
    "{{^single_agency}}{{agency_count}}个单位{{/single_agency}}重点工作逾期未办情况的通报";

constexpr std::string_view kCirculateText =
    "{{salutation}}：\n"
    "\n"
    "截至{{date}}，经提醒、催办和督办，以下{{agency_count}}个单位承担的{{count}}项重点工作"
    "仍未按时报送办理情况，现予通报：\n"
    "{{#agencies}}\n"
    "\n"
    "{{name}}（{{count}}项）：\n"
    "{{#items}}\n"
    "{{index}}. 第{{ref}}项　{{title}}（{{role}}）\n"
    "   {{what}}，截止日期{{due}}" DUBAN_ITEM_STATE "。\n"
    "{{/items}}\n"
    "{{/agencies}}\n"
    "\n"
    "请上述单位切实提高认识，认真分析原因，限期整改，并将整改情况报{{office}}。\n"
    DUBAN_UNREACHED_TEXT
    DUBAN_SIGNATURE_TEXT;

constexpr std::string_view kCirculateHtml =
    DUBAN_HTML_HEAD
    "<p>截至{{date}}，经提醒、催办和督办，以下{{agency_count}}个单位承担的{{count}}项重点工作"
    "仍未按时报送办理情况，现予通报：</p>\n"
    "{{#agencies}}\n"
    "<h3 style=\"font-size:15px;margin:16px 0 6px\">{{name}}（{{count}}项）</h3>\n"
    "<ol>\n"
    "{{#items}}\n"
    "<li>第{{ref}}项　{{title}}（{{role}}）：{{what}}，截止日期{{due}}"
    "{{#overdue}}，<b style=\"color:#c00\">已逾期{{days_overdue}}天</b>{{/overdue}}</li>\n"
    "{{/items}}\n"
    "</ol>\n"
    "{{/agencies}}\n"
    "<p>请上述单位切实提高认识，认真分析原因，限期整改，并将整改情况报{{office}}。</p>\n"
    DUBAN_HTML_UNREACHED
    DUBAN_HTML_FOOT;

constexpr std::array<DefaultTemplate, 20> kDefaults{{
    {"email.remind.subject", kRemindSubject},
    {"email.remind.text", kRemindText},
    {"email.remind.html", kRemindHtml},
    {"webhook.remind.text", DUBAN_CHAT_TEXT("工作提醒", "请按时报送办理情况，如已报送请忽略。")},
    {"webhook.remind.markdown",
     DUBAN_CHAT_MARKDOWN("工作提醒", "请按时报送办理情况，如已报送请忽略。")},
    {"email.urge.subject", kUrgeSubject},
    {"email.urge.text", kUrgeText},
    {"email.urge.html", kUrgeHtml},
    {"webhook.urge.text", DUBAN_CHAT_TEXT("催办", "请抓紧办理，尽快报送办理情况。")},
    {"webhook.urge.markdown", DUBAN_CHAT_MARKDOWN("催办", "请抓紧办理，尽快报送办理情况。")},
    {"email.supervise.subject", kSuperviseSubject},
    {"email.supervise.text", kSuperviseText},
    {"email.supervise.html", kSuperviseHtml},
    {"webhook.supervise.text",
     DUBAN_CHAT_TEXT("督办", "请有关单位负责同志亲自过问，尽快报送办理情况和整改措施。")},
    {"webhook.supervise.markdown",
     DUBAN_CHAT_MARKDOWN("督办", "请有关单位负责同志亲自过问，尽快报送办理情况和整改措施。")},
    {"email.circulate.subject", kCirculateSubject},
    {"email.circulate.text", kCirculateText},
    {"email.circulate.html", kCirculateHtml},
    {"webhook.circulate.text",
     DUBAN_CHAT_TEXT("情况通报", "请上述单位限期整改，并将整改情况报{{office}}。")},
    {"webhook.circulate.markdown",
     DUBAN_CHAT_MARKDOWN("情况通报", "请上述单位限期整改，并将整改情况报{{office}}。")},
}};

}  // namespace

std::span<const DefaultTemplate> DefaultTemplates() { return kDefaults; }

}  // namespace duban
