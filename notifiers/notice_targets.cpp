#include "notifiers/notice_targets.h"

#include "notifiers/notice_data.h"

namespace duban {

using nlohmann::json;

std::vector<NoticeTarget> NoticeTargets(const std::vector<TargetReading>& readings,
                                        const TimeZone& zone) {
  std::vector<NoticeTarget> out;
  out.reserve(readings.size());
  for (const TargetReading& reading : readings) {
    NoticeTarget target;
    target.name = reading.target.name;
    target.target = FormatTargetValue(reading.target);
    if (reading.last_value) {
      target.last_value = FormatNumber(*reading.last_value);
      target.last_date = ChineseDate(zone.ToLocal(reading.last_at).date);
      target.last_agency = reading.last_agency;
    } else {
      target.last_value = "未报送";
    }
    target.status = std::string(TargetStatusName(reading.status));
    target.status_zh = std::string(TargetStatusNameZh(reading.status));
    target.behind = reading.status == TargetStatus::kBehind;
    out.push_back(std::move(target));
  }
  return out;
}

std::string TargetLine(const NoticeTarget& target) {
  return "目标：" + target.target + "；上次报送：" + target.last_value;
}

std::string TargetsLine(const std::vector<NoticeTarget>& targets) {
  if (targets.size() == 1) return TargetLine(targets.front());
  std::string line;
  for (const NoticeTarget& target : targets) {
    if (!line.empty()) line += "。";
    line += target.name + TargetLine(target);
  }
  return line;
}

json NoticeTargetsJson(const std::vector<NoticeTarget>& targets) {
  json list = json::array();
  for (const NoticeTarget& target : targets) {
    list.push_back({{"name", target.name},
                    {"target", target.target},
                    {"last_value", target.last_value},
                    {"last_date", target.last_date},
                    {"last_agency", target.last_agency},
                    {"status", target.status},
                    {"status_zh", target.status_zh},
                    {"behind", target.behind},
                    {"line", TargetLine(target)}});
  }
  return list;
}

}  // namespace duban
