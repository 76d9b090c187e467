// TemplateSet: bundled defaults, overrides, refusals with name, origin and line:column,
// and escaping per part.
#include "notifiers/templates.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "notifiers/default_templates.h"
#include "notifiers/notice_data.h"
#include "notifiers/template_fields.h"

namespace duban {
namespace {

using json = nlohmann::json;

CivilDate Date(const char* iso) { return *ParseCivilDate(iso); }

NoticeItem Item(int64_t id, std::string ref, std::string agency, Role role, Level level,
                const char* due, std::string title, int repeat = 0) {
  NoticeItem item;
  item.outbox_id = id;
  item.action.task_ref = std::move(ref);
  item.action.agency = std::move(agency);
  item.action.role = role;
  item.action.level = level;
  item.action.due = Date(due);
  item.action.occurrence = "2026-Q1";
  item.action.repeat = repeat;
  item.task.title = std::move(title);
  item.task.section = "三";
  return item;
}

// One overdue urge to 省经信委 about task 22, written on 2026-03-05.
json UrgeData(std::string agency = "省经信委") {
  NoticeDraft draft;
  draft.addressees = {{Recipient::kContact, agency}};
  draft.items = {Item(5, "22", agency, Role::kLead, Level::kUrge, "2026-03-02",
                      "积极开展“三网融合”试点工作", 1)};
  return NoticeTemplateData(draft, "领导小组办公室", Date("2026-03-05"));
}

TemplatesConfig Overrides(std::vector<std::pair<std::string, std::string>> texts,
                          std::string origin = "duban.toml:40") {
  TemplatesConfig config;
  for (auto& [name, text] : texts) {
    config.overrides.push_back({name, TemplateOverride{text, origin}});
  }
  return config;
}

std::string Refusal(const std::string& name, const std::string& text) {
  Result<TemplateSet> built = TemplateSet::Build(Overrides({{name, text}}));
  REQUIRE_FALSE(built.ok());
  CHECK(built.status().code() == Status::Code::kInvalidArgument);
  return built.status().message();
}

TEST_CASE("Every template name has a bundled default that passes the checks") {
  const auto names = TemplateSet::Names();
  REQUIRE(names.size() == 20);
  CHECK(DefaultTemplates().size() == names.size());
  const TemplateSet defaults = TemplateSet::Defaults();
  for (const std::string& name : names) {
    INFO(name);
    CHECK_FALSE(defaults.Source(name).empty());
    CHECK(defaults.Origin(name) == "bundled");
    // Given back as an override, each default goes through every check Build makes.
    Result<TemplateSet> again =
        TemplateSet::Build(Overrides({{name, std::string(defaults.Source(name))}}));
    CHECK(again.ok());
  }
  for (const DefaultTemplate& bundled : DefaultTemplates()) CHECK(TemplateSet::IsName(bundled.name));
  CHECK(TemplateSet::IsName("webhook.circulate.markdown"));
  CHECK_FALSE(TemplateSet::IsName("webhook.circulate.html"));
  CHECK(TemplateSet::NameFor(Channel::kWebhook, Level::kSupervise, "text") ==
        "webhook.supervise.text");
}

TEST_CASE("Default templates render formal Chinese notices with the fields filled in") {
  Result<TemplateSet> built = TemplateSet::Build({});
  REQUIRE(built.ok());
  const TemplateSet& set = *built;
  const json data = UrgeData();
  CHECK(set.Render("email.urge.subject", data) ==
        "【催办】第22项重点工作“积极开展“三网融合”试点工作”已逾期，请抓紧办理");
  const std::string text = set.Render("email.urge.text", data);
  CHECK(text ==
        "省经信委：\n"
        "\n"
        "根据重点工作分工方案，贵单位承担的以下工作已超过规定时限，至今未报送办理情况，现予催办：\n"
        "\n"
        "【牵头任务】\n"
        "催办事项1项：\n"
        "1. 第22项　积极开展“三网融合”试点工作\n"
        "   报送2026年第一季度进展情况，截止日期2026年3月2日，已逾期3天（第2次催办）。\n"
        "\n"
        "请高度重视，抓紧办理，尽快报送办理情况；确有困难的，请书面说明原因和下一步工作安排。"
        "如已报送，请忽略本通知。\n"
        "\n"
        "领导小组办公室\n"
        "2026年3月5日\n");
  const std::string markdown = set.Render("webhook.urge.markdown", data);
  CHECK(markdown.starts_with("### 【催办】省经信委\n"));
  CHECK(markdown.find("1. 第22项 积极开展“三网融合”试点工作：报送2026年第一季度进展情况，"
                      "截止2026年3月2日，**已逾期3天**（第2次催办）") != std::string::npos);
  const std::string chat = set.Render("webhook.urge.text", data);
  CHECK(chat.starts_with("【催办】省经信委\n1. 第22项"));
  CHECK(chat.ends_with("——领导小组办公室 2026年3月5日\n"));
  const std::string html = set.Render("email.urge.html", data);
  CHECK(html.find("<p>省经信委：</p>") != std::string::npos);
  CHECK(html.find("已逾期3天") != std::string::npos);
}

TEST_CASE("Remind, supervise and circulate defaults word the notice for their level") {
  const TemplateSet set = TemplateSet::Defaults();
  NoticeDraft draft;
  draft.addressees = {{Recipient::kLeadingGroup, ""}};
  draft.items = {Item(1, "7", "省科技厅", Role::kLead, Level::kCirculate, "2026-02-20", "加大科技投入"),
                 Item(2, "9", "省科技厅", Role::kLead, Level::kCirculate, "2026-02-20", "制订路线图"),
                 Item(3, "22", "省经信委", Role::kLead, Level::kCirculate, "2026-02-25", "三网融合")};
  const json circulate = NoticeTemplateData(draft, "领导小组办公室", Date("2026-03-05"));
  CHECK(set.Render("email.circulate.subject", circulate) ==
        "【情况通报】关于2个单位重点工作逾期未办情况的通报");
  const std::string text = set.Render("email.circulate.text", circulate);
  CHECK(text.starts_with("领导小组各成员单位：\n\n截至2026年3月5日，经提醒、催办和督办，"
                         "以下2个单位承担的3项重点工作仍未按时报送办理情况，现予通报：\n"));
  CHECK(text.find("省科技厅（2项）：\n1. 第7项　加大科技投入（牵头）\n") != std::string::npos);
  CHECK(text.find("省经信委（1项）：\n1. 第22项　三网融合（牵头）\n") != std::string::npos);

  draft.addressees = {{Recipient::kContact, "省科技厅"}};
  draft.items = {Item(4, "7", "省科技厅", Role::kParticipant, Level::kRemind, "2026-03-10", "加大科技投入")};
  const json remind = NoticeTemplateData(draft, "领导小组办公室", Date("2026-03-05"));
  CHECK(set.Render("email.remind.subject", remind) ==
        "【工作提醒】第7项重点工作“加大科技投入”临近报送时限");
  CHECK(set.Render("email.remind.text", remind).find(
            "向牵头单位报送2026年第一季度进展情况，截止日期2026年3月10日，距截止还有5天。") !=
        std::string::npos);

  draft.addressees = {{Recipient::kLeadership, "省科技厅"}};
  draft.items = {Item(5, "7", "省科技厅", Role::kLead, Level::kSupervise, "2026-02-20", "加大科技投入")};
  const json supervise = NoticeTemplateData(draft, "领导小组办公室", Date("2026-03-05"));
  CHECK(set.Render("email.supervise.subject", supervise) ==
        "【督办通知】关于省科技厅第7项重点工作逾期未办的督办通知");
  const std::string supervise_text = set.Render("email.supervise.text", supervise);
  CHECK(supervise_text.starts_with("省科技厅负责同志：\n\n按照重点工作督查督办要求"));
  CHECK(supervise_text.ends_with("领导小组办公室\n2026年3月5日\n\n抄送：领导小组办公室\n"));
}

TEST_CASE("An override replaces one template and keeps its origin") {
  Result<TemplateSet> built = TemplateSet::Build(
      Overrides({{"email.urge.subject", "催办：{{recipient}}，{{count}}项{{#task}}（第{{task.ref}}项）{{/task}}"}},
                "/etc/duban/templates/email.urge.subject.mustache"));
  REQUIRE(built.ok());
  CHECK(built->Render("email.urge.subject", UrgeData()) == "催办：省经信委，1项（第22项）");
  CHECK(built->Origin("email.urge.subject") == "/etc/duban/templates/email.urge.subject.mustache");
  CHECK(built->Origin("email.urge.text") == "bundled");
  CHECK(built->Source("email.urge.text") == TemplateSet::Defaults().Source("email.urge.text"));
}

TEST_CASE("Refusals name the template, its origin and the line and column") {
  struct Case {
    std::string name;
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"email.remind.body", "x",
       "duban.toml:40: \"email.remind.body\" is not a template name (template names are "
       "email.<level>.subject|text|html and webhook.<level>.text|markdown, <level> one of "
       "remind, urge, supervise, circulate)"},
      {"webhook.urge.html", "x", "duban.toml:40: \"webhook.urge.html\" is not a template name"},
      {"email.urge.text", "第{{ref}}项\n{{#items}}未闭合",
       "duban.toml:40: email.urge.text: line 2, column 1: does not parse: Unclosed section \"items\""},
      {"email.urge.text", "你好\n  {{recipient", "duban.toml:40: email.urge.text: line 2, column 3: "
                                                "does not parse: Unclosed tag"},
      {"email.urge.text", "{{/items}}", "line 1, column 1: does not parse: Unopened section \"items\""},
      {"email.urge.text", "第一行\n你好{{agnecy_names}}",
       "duban.toml:40: email.urge.text: line 2, column 3: unknown field \"agnecy_names\" "
       "(did you mean \"agency_names\"?)"},
      {"email.urge.text", "{{#items}}\n- {{agnecy}}\n{{/items}}",
       "line 2, column 3: unknown field \"agnecy\" (did you mean \"agency\"?)"},
      {"email.urge.text", "{{#roles}}{{ref}}{{/roles}}", "line 1, column 11: unknown field \"ref\""},
      {"email.urge.text", "{{ref}}", "line 1, column 1: unknown field \"ref\""},
      {"email.urge.text", "{{task.nope}}", "unknown field \"nope\" in \"task\""},
      {"email.urge.text", "{{items.ref}}", "\"items\" has no fields to name with a dot"},
      {"email.urge.text", "{{items}}", "\"items\" is a list: use {{#items}}…{{/items}}"},
      {"email.urge.text", "{{#items}}{{overdue}}{{/items}}", "\"overdue\" is a yes/no flag"},
      {"email.urge.text", "{{task}}", "\"task\" is a group of fields"},
      {"email.urge.text", "{{{nope}}}", "line 1, column 1: unknown field \"nope\""},
      {"email.urge.text", "ok {{& nope }}", "line 1, column 4: unknown field \"nope\""},
      {"email.urge.text", "{{^nope}}x{{/nope}}", "unknown field \"nope\""},
      {"email.urge.text", "{{.}}", "{{.}} is only valid inside a text field's section"},
      {"email.urge.text", "{{#items}}{{.}}{{/items}}", "{{.}} is only valid"},
      {"email.urge.text", "{{> footer}}", "partials ({{>footer}}) are not supported"},
      {"email.urge.text", "{{=<% %>=}}<% recipient %>", "set-delimiter tags are not supported"},
      {"email.urge.text", "{{}}", "line 1, column 1: empty tag"},
      {"email.urge.text", "x\n{{ recipient\n}}", "line 2, column 1: a tag may not span lines"},
      {"email.urge.text", "{{#has_unreached}}{{#unreached}}{{missing}}{{/unreached}}{{title}}{{/has_unreached}}",
       "unknown field \"title\""},
  };
  for (const Case& c : cases) {
    INFO(c.name << ": " << c.text);
    const std::string message = Refusal(c.name, c.text);
    CHECK_THAT(message, Catch::Contains(c.message));
    CHECK_THAT(message, Catch::StartsWith("duban.toml:40: "));
  }
}

TEST_CASE("Accepted tags: nesting, outer names, dotted names, comments, triples") {
  const std::vector<std::string> accepted = {
      "{{recipient}}{{{recipient}}}{{&recipient}}{{ recipient }}",
      "{{! a comment naming {{nothing}} at all }}{{office}}",
      "{{! a comment\n   over two lines }}{{office}}",
      "{{#roles}}{{role_heading}}{{#levels}}{{level}}{{#items}}{{ref}}{{recipient}}{{role}}"
      "{{/items}}{{/levels}}{{/roles}}",
      "{{#agencies}}{{name}}{{count}}{{#items}}{{index}}{{what}}{{/items}}{{/agencies}}",
      "{{task.ref}}{{#task}}{{ref}}{{title}}{{section}}{{/task}}{{^task}}{{count}}{{/task}}",
      "{{#recipient}}[{{.}}]{{/recipient}}",
      "{{#items}}{{#overdue}}{{days_overdue}}{{/overdue}}{{^overdue}}{{days_left}}{{/overdue}}{{/items}}",
      // The examples in docs/DELIVERY.md and examples/duban.toml.
      "【催办】{{#task}}第{{ref}}项{{/task}}{{^task}}{{count}}项工作{{/task}}已逾期",
      "### 【催办】{{recipient}}\n{{#items}}\n{{index}}. 第{{ref}}项 {{title}}：{{what}}，截止{{due}}"
      "{{#overdue}}，已逾期{{days_overdue}}天{{/overdue}}\n{{/items}}\n",
  };
  for (const std::string& text : accepted) {
    INFO(text);
    CHECK(TemplateSet::Build(Overrides({{"webhook.remind.text", text}})).ok());
  }
}

TEST_CASE("Every refused override is listed, one per line") {
  Result<TemplateSet> built = TemplateSet::Build(Overrides({{"email.remind.subject", "{{nope}}"},
                                                            {"email.remind.text", "{{recipient}}"},
                                                            {"email.remind.text", "{{office}}"},
                                                            {"webhook.urge.text", "{{#x}}"}}));
  REQUIRE_FALSE(built.ok());
  std::istringstream lines(built.status().message());
  std::vector<std::string> got;
  for (std::string line; std::getline(lines, line);) got.push_back(line);
  REQUIRE(got.size() == 3);
  CHECK(got[0] == "duban.toml:40: email.remind.subject: line 1, column 1: unknown field \"nope\"");
  CHECK(got[1] == "duban.toml:40: email.remind.text: given twice (also in duban.toml:40)");
  CHECK_THAT(got[2], Catch::StartsWith("duban.toml:40: webhook.urge.text: line 1, column 1: does "
                                       "not parse: Unclosed section \"x\""));
}

TEST_CASE("Only html parts escape values") {
  const TemplateSet set = TemplateSet::Defaults();
  const json data = UrgeData("省<&>\"局'");
  CHECK(set.Render("email.urge.subject", data).find("积极开展“三网融合”") != std::string::npos);
  CHECK(set.Render("email.urge.text", data).starts_with("省<&>\"局'：\n"));
  CHECK(set.Render("webhook.urge.text", data).starts_with("【催办】省<&>\"局'\n"));
  CHECK(set.Render("webhook.urge.markdown", data).starts_with("### 【催办】省<&>\"局'\n"));
  const std::string html = set.Render("email.urge.html", data);
  CHECK(html.find("<p>省&lt;&amp;&gt;&quot;局&apos;：</p>") != std::string::npos);
  CHECK(html.find("省<&>") == std::string::npos);

  Result<TemplateSet> built = TemplateSet::Build(
      Overrides({{"email.remind.html", "<b>{{recipient}}</b>{{{recipient}}}"},
                 {"email.remind.text", "{{recipient}}|{{{recipient}}}"}}));
  REQUIRE(built.ok());
  const json plain = {{"recipient", "a<b>&c"}};
  CHECK(built->Render("email.remind.html", plain) == "<b>a&lt;b&gt;&amp;c</b>a<b>&c");
  CHECK(built->Render("email.remind.text", plain) == "a<b>&c|a<b>&c");
}

TEST_CASE("Render: numbers as decimal text, missing fields as nothing, empty text as false") {
  Result<TemplateSet> built =
      TemplateSet::Build(Overrides({{"webhook.remind.text", "[{{count}}][{{office}}][{{#task}}x{{/task}}]"}}));
  REQUIRE(built.ok());
  CHECK(built->Render("webhook.remind.text", json{{"count", 12}, {"task", nullptr}}) == "[12][][]");
  Result<TemplateSet> sections = TemplateSet::Build(
      Overrides({{"webhook.remind.text", "{{#recipient}}<{{.}}>{{/recipient}}{{^recipient}}none{{/recipient}}"}}));
  REQUIRE(sections.ok());
  CHECK(sections->Render("webhook.remind.text", json{{"recipient", "省发改委"}}) == "<省发改委>");
  CHECK(sections->Render("webhook.remind.text", json{{"recipient", ""}}) == "none");
  CHECK(built->Render("webhook.remind.html", json::object()).empty());
}

TEST_CASE("Lines holding only a section tag render as nothing, whether it renders or not") {
  Result<TemplateSet> built = TemplateSet::Build(Overrides({
      {"webhook.remind.text",
       "A\n{{#items}}\n- {{ref}}\n{{/items}}\n\nB\n  {{#has_unreached}}  \nX\n{{/has_unreached}}\n"
       "C\n{{^has_unreached}}\nY\n{{/has_unreached}}\nD {{office}}"},
      {"webhook.remind.markdown", "A\r\n{{#items}}\r\n- {{ref}}\r\n{{/items}}\r\nB"},
  }));
  REQUIRE(built.ok());
  const json two = {{"items", json::array({{{"ref", "1"}}, {{"ref", "2"}}})},
                    {"has_unreached", false},
                    {"office", "x\ny\x1f"}};
  CHECK(built->Render("webhook.remind.text", two) == "A\n- 1\n- 2\n\nB\nC\nY\nD x\ny ");
  const json none = {{"items", json::array()}, {"has_unreached", true}, {"office", "o"}};
  CHECK(built->Render("webhook.remind.text", none) == "A\n\nB\nX\nC\nD o");
  CHECK(built->Render("webhook.remind.markdown", two) == "A\r\n- 1\r\n- 2\r\nB");
}

TEST_CASE("Positions count lines and UTF-8 characters") {
  CHECK(PositionAt("ab", 0).line == 1);
  CHECK(PositionAt("ab", 0).column == 1);
  const std::string text = "第一行\n你好{{x}}";
  const TextPosition position = PositionAt(text, text.find("{{"));
  CHECK(position.line == 2);
  CHECK(position.column == 3);
  CHECK(PositionAt("a\nb", 99).line == 2);
}

// The documentation lists every field a template may name.
void CollectFieldNames(std::span<const TemplateField> fields, std::vector<std::string>* names) {
  for (const TemplateField& field : fields) {
    names->push_back(std::string(field.name));
    CollectFieldNames(field.children, names);
  }
}

TEST_CASE("docs/DELIVERY.md documents every template field") {
  std::ifstream in(std::string(DUBAN_SOURCE_DIR) + "/docs/DELIVERY.md");
  REQUIRE(in);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string doc = buffer.str();
  const std::size_t section = doc.find("\n## Templates\n");
  REQUIRE(section != std::string::npos);
  const std::size_t end = doc.find("\n## ", section + 1);
  const std::string templates = doc.substr(section, end == std::string::npos ? end : end - section);
  std::vector<std::string> names;
  CollectFieldNames(NoticeFields(), &names);
  REQUIRE(names.size() > 40);
  for (const std::string& name : names) {
    INFO(name);
    CHECK(templates.find("`" + name + "`") != std::string::npos);
  }
}

}  // namespace
}  // namespace duban
