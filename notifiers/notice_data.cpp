#include "notifiers/notice_data.h"

#include <algorithm>
#include <array>
#include <set>
#include <tuple>

namespace duban {
namespace {

using json = nlohmann::json;

constexpr std::string_view kLeadingGroupName = "领导小组";

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string joined;
  for (const std::string& part : parts) {
    if (!joined.empty()) joined += separator;
    joined += part;
  }
  return joined;
}

template <typename T>
void AddOnce(std::vector<T>* values, T value) {
  if (std::find(values->begin(), values->end(), value) == values->end()) {
    values->push_back(std::move(value));
  }
}

std::string_view RoleHeading(Role role) {
  switch (role) {
    case Role::kLead: return "牵头任务";
    case Role::kParticipant: return "参加任务";
    case Role::kResponsible: return "负责任务";
  }
  return "";
}

// "2026年第三季度" for "2026-Q3", and so on; the id itself if it is none of the forms
// DueOccurrence uses.
std::string PeriodName(std::string_view id) {
  if (id.size() < 6 || id[4] != '-') return std::string(id);
  const std::string year = std::string(id.substr(0, 4)) + "年";
  const std::string_view rest = id.substr(5);
  static constexpr std::array<std::string_view, 4> kQuarters = {"一", "二", "三", "四"};
  if (rest == "Y") return year + "度";
  if (rest == "H1") return year + "上半年";
  if (rest == "H2") return year + "下半年";
  if (rest.size() == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4') {
    return year + "第" + std::string(kQuarters[rest[1] - '1']) + "季度";
  }
  if (rest.size() == 3 && rest[0] == 'M') {
    const int month = (rest[1] - '0') * 10 + (rest[2] - '0');
    if (month >= 1 && month <= 12) return year + std::to_string(month) + "月";
  }
  return std::string(id);
}

int DaysBetween(CivilDate from, CivilDate to) { return static_cast<int>((to - from).count()); }

json ItemData(const NoticeItem& item, int index, CivilDate today) {
  const Action& action = item.action;
  const int days_left = DaysBetween(today, action.due);
  return json{
      {"index", std::to_string(index)},
      {"ref", action.task_ref},
      {"title", item.task.title},
      {"section", item.task.section},
      {"agency", action.agency},
      {"role", std::string(RoleNameZh(action.role))},
      {"level", std::string(LevelNameZh(action.level))},
      {"due", ChineseDate(action.due)},
      {"due_iso", FormatCivilDate(action.due)},
      {"occurrence", action.occurrence},
      {"what", DueWhat(action.role, action.occurrence)},
      {"overdue", days_left < 0},
      {"days_overdue", std::to_string(std::max(0, -days_left))},
      {"days_left", std::to_string(std::max(0, days_left))},
      {"due_today", days_left == 0},
      {"times", std::to_string(action.repeat + 1)},
      {"repeated", action.repeat > 0},
      {"targets", NoticeTargetsJson(item.task.targets)},
      {"targets_line", TargetsLine(item.task.targets)},
  };
}

// items → roles[{role, role_heading, count, levels[{level, count, items}]}], relying on
// the items being sorted by role, then level.
json RoleGroups(const std::vector<NoticeItem>& items, const json& item_data) {
  json roles = json::array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Action& action = items[i].action;
    const bool new_role = i == 0 || items[i - 1].action.role != action.role;
    if (new_role) {
      roles.push_back({{"role", std::string(RoleNameZh(action.role))},
                       {"role_heading", std::string(RoleHeading(action.role))},
                       {"count", 0},
                       {"levels", json::array()}});
    }
    json& role = roles.back();
    if (new_role || items[i - 1].action.level != action.level) {
      role["levels"].push_back({{"level", std::string(LevelNameZh(action.level))},
                                {"count", 0},
                                {"items", json::array()}});
    }
    json& level = role["levels"].back();
    level["items"].push_back(item_data[i]);
    level["count"] = level["count"].get<int>() + 1;
    role["count"] = role["count"].get<int>() + 1;
  }
  return roles;
}

// agencies[{name, count, items}] in order of first appearance; items numbered afresh.
json AgencyGroups(const std::vector<NoticeItem>& items, const std::vector<std::string>& names,
                  CivilDate today) {
  json agencies = json::array();
  for (const std::string& name : names) {
    json listed = json::array();
    for (const NoticeItem& item : items) {
      if (item.action.agency != name) continue;
      listed.push_back(ItemData(item, static_cast<int>(listed.size()) + 1, today));
    }
    agencies.push_back({{"name", name}, {"count", listed.size()}, {"items", std::move(listed)}});
  }
  return agencies;
}

Level HighestLevel(const std::vector<NoticeItem>& items) {
  Level highest = Level::kRemind;
  for (const NoticeItem& item : items) highest = std::max(highest, item.action.level);
  return highest;
}

}  // namespace

std::string AddresseeName(const Addressee& addressee, std::string_view office_name) {
  switch (addressee.kind) {
    case Recipient::kContact: return addressee.agency;
    case Recipient::kLeadership: return addressee.agency + "（领导）";
    case Recipient::kOffice: return std::string(office_name);
    case Recipient::kLeadingGroup: return std::string(kLeadingGroupName);
  }
  return addressee.agency;
}

std::string Salutation(const Addressee& addressee, std::string_view office_name) {
  switch (addressee.kind) {
    case Recipient::kContact: return addressee.agency;
    case Recipient::kLeadership: return addressee.agency + "负责同志";
    case Recipient::kOffice: return std::string(office_name);
    case Recipient::kLeadingGroup: return std::string(kLeadingGroupName) + "各成员单位";
  }
  return addressee.agency;
}

bool NaturalLess(std::string_view a, std::string_view b) {
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      std::size_t i_end = i;
      std::size_t j_end = j;
      while (i_end < a.size() && is_digit(a[i_end])) ++i_end;
      while (j_end < b.size() && is_digit(b[j_end])) ++j_end;
      std::string_view x = a.substr(i, i_end - i);
      std::string_view y = b.substr(j, j_end - j);
      while (x.size() > 1 && x.front() == '0') x.remove_prefix(1);
      while (y.size() > 1 && y.front() == '0') y.remove_prefix(1);
      if (x.size() != y.size()) return x.size() < y.size();
      if (x != y) return x < y;
      i = i_end;
      j = j_end;
      continue;
    }
    if (a[i] != b[j]) {
      return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
    }
    ++i;
    ++j;
  }
  if (a.size() - i != b.size() - j) return a.size() - i < b.size() - j;
  return a < b;  // equal by value ("01" vs "1"): bytewise, so the order is total
}

bool NoticeItemLess(const NoticeItem& a, const NoticeItem& b) {
  const Action& x = a.action;
  const Action& y = b.action;
  if (x.role != y.role) return x.role < y.role;
  if (x.level != y.level) return x.level > y.level;
  if (x.task_ref != y.task_ref) return NaturalLess(x.task_ref, y.task_ref);
  return std::tie(x.agency, x.occurrence, a.outbox_id) <
         std::tie(y.agency, y.occurrence, b.outbox_id);
}

std::string ChineseDate(CivilDate date) {
  const std::chrono::year_month_day ymd{date};
  return std::to_string(static_cast<int>(ymd.year())) + "年" +
         std::to_string(static_cast<unsigned>(ymd.month())) + "月" +
         std::to_string(static_cast<unsigned>(ymd.day())) + "日";
}

std::string DueWhat(Role role, std::string_view occurrence) {
  const std::string to = role == Role::kParticipant ? "向牵头单位报送" : "报送";
  if (occurrence == "final") {
    return to + (role == Role::kParticipant ? "承担工作完成情况" : "任务办结情况");
  }
  return to + PeriodName(occurrence) + "进展情况";
}

json NoticeTemplateData(const NoticeDraft& draft, std::string_view office_name,
                        CivilDate today) {
  std::vector<std::string> recipients;
  std::vector<std::string> salutations;
  bool to[4] = {false, false, false, false};
  for (const Addressee& addressee : draft.addressees) {
    AddOnce(&recipients, AddresseeName(addressee, office_name));
    AddOnce(&salutations, Salutation(addressee, office_name));
    to[static_cast<int>(addressee.kind)] = true;
  }
  std::vector<std::string> agencies;
  std::set<std::string> refs;
  int overdue = 0;
  json items = json::array();
  for (const NoticeItem& item : draft.items) {
    AddOnce(&agencies, item.action.agency);
    refs.insert(item.action.task_ref);
    if (item.action.due < today) ++overdue;
    items.push_back(ItemData(item, static_cast<int>(items.size()) + 1, today));
  }
  json task = false;
  if (refs.size() == 1) {
    const NoticeItem& first = draft.items.front();
    task = {{"ref", first.action.task_ref},
            {"title", first.task.title},
            {"section", first.task.section},
            {"targets", NoticeTargetsJson(first.task.targets)},
            {"targets_line", TargetsLine(first.task.targets)}};
  }
  json unreached = json::array();
  for (const UnreachedNote& note : draft.unreached) {
    unreached.push_back({{"recipient", note.recipient},
                         {"agency", note.agency},
                         {"ref", note.ref},
                         {"missing", note.missing}});
  }
  const bool about_others = to[static_cast<int>(Recipient::kOffice)] ||
                            to[static_cast<int>(Recipient::kLeadingGroup)];
  json data = {
      {"recipient", Join(recipients, "、")},
      {"salutation", Join(salutations, "、")},
      {"office", std::string(office_name)},
      {"level", std::string(LevelNameZh(HighestLevel(draft.items)))},
      {"date", ChineseDate(today)},
      {"count", std::to_string(draft.items.size())},
      {"task_count", std::to_string(refs.size())},
      {"overdue_count", std::to_string(overdue)},
      {"agency_names", Join(agencies, "、")},
      {"agency_count", std::to_string(agencies.size())},
      {"single_agency", agencies.size() == 1},
      {"show_agency", about_others || agencies.size() > 1},
      {"to_contact", to[static_cast<int>(Recipient::kContact)]},
      {"to_leadership", to[static_cast<int>(Recipient::kLeadership)]},
      {"to_office", to[static_cast<int>(Recipient::kOffice)]},
      {"to_leading_group", to[static_cast<int>(Recipient::kLeadingGroup)]},
      {"task", std::move(task)},
      {"roles", RoleGroups(draft.items, items)},
      {"agencies", AgencyGroups(draft.items, agencies, today)},
      {"unreached", std::move(unreached)},
      {"has_unreached", !draft.unreached.empty()},
  };
  data["items"] = std::move(items);
  return data;
}

json NoticeItemsJson(const NoticeDraft& draft, CivilDate today) {
  json out = json::array();
  for (const NoticeItem& item : draft.items) {
    const Action& action = item.action;
    json entry = {
        {"outbox_id", item.outbox_id},
        {"key", action.key},
        {"ref", action.task_ref},
        {"title", item.task.title},
        {"section", item.task.section},
        {"agency", action.agency},
        {"role", std::string(RoleName(action.role))},
        {"level", std::string(LevelName(action.level))},
        {"step", action.step},
        {"repeat", action.repeat},
        {"due", FormatCivilDate(action.due)},
        {"occurrence", action.occurrence},
        {"days_overdue", std::max(0, DaysBetween(action.due, today))},
        {"reason", action.reason},
        // The same list the templates have, so a receiver can read values without parsing
        // the text; always present ([] for a task without confirmed targets).
        {"targets", NoticeTargetsJson(item.task.targets)},
    };
    json unreached = json::array();
    for (const UnreachedNote& note : draft.unreached) {
      if (note.outbox_id != item.outbox_id) continue;
      unreached.push_back({{"recipient", note.recipient}, {"reason", note.reason}});
    }
    if (!unreached.empty()) entry["unreached"] = std::move(unreached);
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace duban
