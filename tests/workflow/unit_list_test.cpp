#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "workflow/agency.h"
#include "workflow/unit_list.h"

using namespace duban;

namespace {

std::vector<std::string> Names(const UnitList& list) {
  std::vector<std::string> names;
  for (const auto& unit : list.units) names.push_back(unit.name);
  return names;
}

using Names_ = std::vector<std::string>;

}  // namespace

TEST_CASE("unit lists split on separators, 和 between units, and drop qualifiers", "[unit_list]") {
  struct Case {
    const char* text;
    Names_ names;
  };
  for (const Case& c : std::vector<Case>{
           {"省发改委、省经信委", {"省发改委", "省经信委"}},
           {"省财政厅、省商务厅等部门和相关设区市政府",
            {"省财政厅", "省商务厅", "相关设区市政府"}},
           {"省财政厅和各设区市政府", {"省财政厅", "各设区市政府"}},
           {"人力资源社会保障部、科技部,各省级人民政府按职责分工",
            {"人力资源社会保障部", "科技部", "各省级人民政府"}},
           {"人力资源社会保障部等有关部门和单位", {"人力资源社会保障部"}},
           {"财政部、民政部等有关部门和单位按职责分工", {"财政部", "民政部"}},
           {"省林业局等。", {"省林业局"}},
           {"省发改委等单位", {"省发改委"}},
           {"由省发改委", {"省发改委"}},
           {"省政府各部门、各直属机构。", {"省政府各部门", "各直属机构"}},
           {"省A;省B/省C", {"省A", "省B", "省C"}},
           {"、、省A、", {"省A"}},
       }) {
    INFO(c.text);
    UnitList list = SplitUnitList(c.text);
    CHECK(Names(list) == c.names);
    CHECK(list.problems.empty());
  }
}

TEST_CASE("names with 和 or brackets are not split", "[unit_list]") {
  for (const char* name : {"工业和信息化部", "省经济和信息化厅", "省发展和改革委员会",
                           "省文化和旅游厅", "各有关部门和单位", "住房和城乡建设部",
                           "各镇乡(街道)", "各县(市、区)政府", "国家卫生和计划生育委员会"}) {
    INFO(name);
    CHECK(Names(SplitUnitList(name)) == Names_{name});
  }
  CHECK(Names(SplitUnitList("▲发改局,各部门,各镇乡(街道)")) ==
        Names_{"发改局", "各部门", "各镇乡(街道)"});
  CHECK(Names(SplitUnitList("工业和信息化部、省文化和旅游厅和各设区市政府")) ==
        Names_{"工业和信息化部", "省文化和旅游厅", "各设区市政府"});
}

TEST_CASE("a shared suffix is given to each bare city", "[unit_list]") {
  CHECK(Names(SplitUnitList("省广电局、省通信管理局和杭州市、宁波市政府")) ==
        Names_{"省广电局", "省通信管理局", "杭州市政府", "宁波市政府"});
  CHECK(Names(SplitUnitList("杭州市、温州市、宁波市人民政府")) ==
        Names_{"杭州市人民政府", "温州市人民政府", "宁波市人民政府"});
  // A city followed by a provincial agency does not borrow its name.
  CHECK(Names(SplitUnitList("杭州市、省财政厅")) == Names_{"杭州市", "省财政厅"});
}

TEST_CASE("▲ marks the lead", "[unit_list]") {
  UnitList list = SplitUnitList("▲税务局,财政局,▲各镇乡(街道)");
  REQUIRE(list.units.size() == 3);
  CHECK(list.units[0].marked);
  CHECK_FALSE(list.units[1].marked);
  CHECK(list.units[2].marked);
  CHECK(list.units[2].name == "各镇乡(街道)");
}

TEST_CASE("an unclosed bracket at the end is reported", "[unit_list]") {
  UnitList list = SplitUnitList("▲招商投资促进中心,各部门,各镇乡(");
  CHECK(list.open_at_end);
  CHECK(Names(list).back() == "各镇乡(");
  CHECK_FALSE(SplitUnitList("各镇乡(街道)").open_at_end);
}

TEST_CASE("unsplittable lists are reported, not guessed", "[unit_list]") {
  UnitList run_together = SplitUnitList("省发改委省财政厅");
  CHECK(run_together.problems.size() == 1);
  UnitList too_long = SplitUnitList("省发改委负责同志要亲自抓好落实并定期向省政府报告进展情况和存在问题");
  CHECK(too_long.problems.size() == 1);
  UnitList sentence = SplitUnitList("省发改委:承担日常工作");
  CHECK(sentence.problems.size() == 1);
  CHECK(SplitUnitList("省促进战略性新兴产业发展工作领导小组办公室").problems.empty());
}

TEST_CASE("qualifier stripping and name shapes", "[unit_list]") {
  CHECK(StripUnitQualifiers("各省级人民政府按职责分工") == "各省级人民政府");
  CHECK(StripUnitQualifiers("省商务厅等部门按职责分工") == "省商务厅");
  CHECK(StripUnitQualifiers("由省环保局") == "省环保局");
  CHECK(StripUnitQualifiers("省发改委") == "省发改委");
  CHECK(EndsLikeAgency("省财政厅"));
  CHECK(EndsLikeAgency("各镇乡(街道)"));
  CHECK_FALSE(EndsLikeAgency("省经济"));
  CHECK(LooksLikeUnitName("省政府经济研究信息中心"));
  CHECK_FALSE(LooksLikeUnitName("涉及的单位要由单位一把手"));
  CHECK_FALSE(LooksLikeUnitName("省"));
}

TEST_CASE("collective units", "[agency]") {
  for (const char* name : {"各设区市政府", "相关设区市政府", "各省级人民政府", "各有关部门",
                           "各镇乡(街道)", "各有关部门和单位", "省政府各部门", "相关部门",
                           "有关单位", "地方各级人民政府", "其他有关部门"}) {
    INFO(name);
    CHECK(IsCollectiveUnit(name));
  }
  for (const char* name : {"省发改委", "工业和信息化部", "人行杭州中心支行", "发改局",
                           "省政府办公厅", "杭州市政府"}) {
    INFO(name);
    CHECK_FALSE(IsCollectiveUnit(name));
  }
}
