// An agency as the office configures it: its canonical name, the other names it goes by,
// and where to reach it. Plain value shared by config/ (which loads it) and the store.
#ifndef DUBAN_WORKFLOW_AGENCY_H_
#define DUBAN_WORKFLOW_AGENCY_H_

#include <string>
#include <string_view>
#include <vector>

namespace duban {

struct AgencyInfo {
  std::string name;                  // canonical: "省发改委"
  std::vector<std::string> aliases;  // "省发展改革委", "省发展和改革委员会"
  std::string email;                 // working contact, "" if none
  std::string leadership_email;      // leadership contact for 督办, "" if none
  std::string webhook;               // name of a [[webhook]] target for its chat group, "" if none
};

// True for group units that stand for many agencies: 各设区市政府, 相关设区市政府,
// 各省级人民政府, 各有关部门, 各镇乡(街道) ... (names starting with 各/相关/有关 or ending
// in 各部门/各有关单位).
bool IsCollectiveUnit(std::string_view name);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_AGENCY_H_
