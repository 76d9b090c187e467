#include "workflow/agency.h"

#include "workflow/text_normalize.h"

namespace duban {

// A collective stands for many agencies (各设区市政府, 相关部门, 省政府各部门): such a unit
// cannot report as one lead, so the importer keeps it responsible rather than promoting it
// under the first-listed rule, and the store marks it for the office to expand.
bool IsCollectiveUnit(std::string_view name) {
  name = TrimBlank(name);
  for (std::string_view prefix :
       {"各", "相关", "有关", "其他有关", "其他相关", "其它有关", "地方各级", "所属各"}) {
    if (StartsWith(name, prefix)) return true;
  }
  for (std::string_view suffix :
       {"各部门", "各单位", "各有关单位", "各有关部门", "有关部门", "有关单位", "相关部门",
        "相关单位", "各直属机构", "各级人民政府", "各级政府", "有关部门和单位",
        "相关部门和单位"}) {
    if (EndsWith(name, suffix)) return true;
  }
  return false;
}

}  // namespace duban
