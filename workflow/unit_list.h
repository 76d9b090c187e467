// Unit lists: splits the agencies named in one role ("省财政厅、省商务厅等部门和相关设区市
// 政府") into unit names.
//
// Rules, in order:
//  - split on 、 , ; / outside brackets, so 各镇乡(街道) and 各县(市、区)政府 stay whole;
//  - split on 和 only where the left part ends like an agency (…厅, …局, …部门, …市) and the
//    right part is a name of its own: 省财政厅和各设区市政府 splits, 工业和信息化部,
//    省经济和信息化厅, 省发展和改革委员会, 省文化和旅游厅 and 各有关部门和单位 do not;
//  - strip qualifiers that are not part of a name: 等 / 等部门 / 等单位 / 等有关部门和单位 /
//    按职责分工 / 分别 / 共同 at the end, 由 at the start;
//  - expand a shared suffix: 杭州市、宁波市政府 → 杭州市政府, 宁波市政府;
//  - a leading ▲ (or ★) marks the unit as lead in table layouts.
// Input is text folded by FoldForMatch, so brackets and commas are ASCII.
//
// Pure functions; thread-safe.
#ifndef DUBAN_WORKFLOW_UNIT_LIST_H_
#define DUBAN_WORKFLOW_UNIT_LIST_H_

#include <string>
#include <string_view>
#include <vector>

namespace duban {

struct ListedUnit {
  std::string name;
  bool marked = false;  // preceded by ▲ / ★
};

struct UnitList {
  std::vector<ListedUnit> units;  // document order, empty names dropped
  // Names that do not look like one unit (too long, sentence punctuation, two agencies run
  // together as in 市委市政府): "could not split '…'". Such names are still in `units`.
  std::vector<std::string> problems;
  bool open_at_end = false;  // the text ends inside a bracket: the last unit is cut off
};

UnitList SplitUnitList(std::string_view folded);

// `unit` without the qualifiers listed in the file comment (repeatedly, so 等部门按职责分工
// goes too).
std::string_view StripUnitQualifiers(std::string_view unit);

// True if the last character is one agencies end with (部 厅 委 局 办 府 院 会 行 司 署 室
// 心 关 队 所 站 门 位 构 市 县 区 镇 乡 …) or a closing bracket (各镇乡(街道)).
bool EndsLikeAgency(std::string_view name);

// 2 to 30 characters, no sentence punctuation or verbs-of-sentences (的 要 应 将): a name,
// not a clause. Used where the reading must be sure a string lists units.
bool LooksLikeUnitName(std::string_view name);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_UNIT_LIST_H_
