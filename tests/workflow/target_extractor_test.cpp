// The target extractor over real plans (tests/data/plans, the seed plan) and over sentences
// written to probe one rule each. Every expected list was checked by reading the text.
#include "workflow/target_extractor.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "workflow/plan_text_importer.h"

namespace duban {
namespace {

namespace fs = std::filesystem;

Plan Import(const std::string& relative) {
  std::ifstream in(fs::path(DUBAN_SOURCE_DIR) / relative, std::ios::binary);
  REQUIRE(in);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return ImportPlanText(buffer.str()).plan;
}

std::vector<Target> FromText(const std::string& text) {
  Task task;
  task.ref = "9";
  task.text = text;
  return ProposeTargets(task);
}

// One line per target, easy to compare and to read in a failure:
// "task|name|≥7%|period by_date|matched text".
std::string Line(const Target& target) {
  std::string line = target.task_ref + "|" + target.name + "|" + FormatTargetValue(target) + "|" +
                     std::string(TargetPeriodName(target.period));
  if (!target.by_date.empty()) line += " " + target.by_date;
  return line + "|" + target.matched_text;
}

std::vector<std::string> Lines(const std::vector<Target>& targets) {
  std::vector<std::string> lines;
  for (const Target& target : targets) lines.push_back(Line(target));
  return lines;
}

TEST_CASE("the Anhui 2022 work plan: the six main targets and nothing else", "[target]") {
  const Plan plan = Import("tests/data/plans/07-anhui-2022-zdgz-zrfj.txt");
  const std::vector<Target> targets = ProposeTargets(plan);
  CHECK(Lines(targets) ==
        std::vector<std::string>{
            "1|全省生产总值增长|≥7%|yearly|全省生产总值增长7%以上",
            "2|固定资产投资增长|≥10%|yearly|固定资产投资力争增长10%以上",
            "3|社会消费品零售总额增长|≈9%（±0.5）|yearly|社会消费品零售总额增长9%左右",
            "4|进出口总额增长|≈9%（±0.5）|yearly|进出口总额增长9%左右",
            "5|一般公共预算收入增长|≈7%（±0.5）|yearly|一般公共预算收入增长7%左右",
            "6|城镇常住居民人均可支配收入增长|≈8%（±0.5）|yearly|城镇常住居民人均可支配收入增长8%左右",
        });
  for (const Target& target : targets) {
    CHECK(target.state == TargetState::kProposed);
    CHECK(target.id == 0);
    CHECK(CheckTarget(target) == "");
  }
  REQUIRE(targets.size() == 6);
  CHECK(targets[0].comparison == TargetComparison::kAtLeast);
  CHECK(targets[0].value == 7);
  CHECK(targets[0].unit == "%");
  CHECK(targets[2].comparison == TargetComparison::kAbout);
  CHECK(targets[2].tolerance == 0.5);
}

// Read by hand, task by task: only task 2 states figures. Task 4's "一、两个左右" is written
// in Chinese numerals, task 5's "23个指标" and task 27's "500强" have no comparison, task 7
// compares with a rate that has no figure.
TEST_CASE("the seed plan: exactly the two targets of task 2", "[target]") {
  const Plan plan = Import("examples/plan-zhejiang-2013.txt");
  REQUIRE(plan.tasks.size() == 47);
  CHECK(Lines(ProposeTargets(plan)) ==
        std::vector<std::string>{
            "2|省级产业集聚区、省级以上高新园区战略性新兴产业增加值占生产总值的比重提高|"
            "≥3个百分点|yearly|确保省级产业集聚区、省级以上高新园区战略性新兴产业增加值占生产总值的"
            "比重每年提高3个百分点以上",
            "2|省级以上经济开发区、产业集群示范区战略性新兴产业增加值占生产总值的比重提高|"
            "≥2个百分点|yearly|省级以上经济开发区(工业园区)、产业集群示范区战略性新兴产业增加值占"
            "生产总值的比重每年提高2个百分点以上",
        });
}

TEST_CASE("the Zhuji table: one target per figure row, none from the project counts", "[target]") {
  const Plan plan = Import("tests/data/plans/10-zhuji-2023-zrqd-table.txt");
  // Task 10's "引进10亿元以上项目8个" describes projects ("10亿元以上" qualifies 项目) and
  // its count 8个 has no comparison word: not proposed, the office enters it by hand.
  CHECK(Lines(ProposeTargets(plan)) ==
        std::vector<std::string>{
            "1|生产总值增长|≈7.5%（±0.5）|yearly|生产总值增长7.5%左右",
            "2|一般公共预算收入增长|≥7.5%|yearly|一般公共预算收入增长7.5%",
            "3|研发投入强度|≥2.85%|yearly|研发投入强度2.85%以上",
            "4|固定资产投资增长|≥10%|yearly|固定资产投资增长10%以上",
            "5|社会消费品零售总额增长|≥9%|yearly|社会消费品零售总额增长9%以上",
            "6|自营出口额增长|≥8%|yearly|自营出口额增长8%以上",
            "10|实际利用外资|≥2.25亿美元|yearly|实际利用外资2.25亿美元以上",
        });
}

// 01 states its figures in the preamble, not in tasks; 02's figures are subsidy rules
// (返还…50%, 不超过15万元的贷款, 3年以上); 11 has dates and counts of plans only.
TEST_CASE("plans whose tasks state no target get no proposal", "[target]") {
  for (const char* file : {"tests/data/plans/01-guofa-2018-42-nongji.txt",
                           "tests/data/plans/02-guofa-2018-39-jiuye.txt",
                           "tests/data/plans/11-hunan-fanzhusanjiao-sentence-form.txt"}) {
    INFO(file);
    const Plan plan = Import(file);
    CHECK_FALSE(plan.tasks.empty());
    CHECK(Lines(ProposeTargets(plan)).empty());
  }
}

TEST_CASE("a year opening the text makes its figures due by the end of that year", "[target]") {
  // From the seed policy opinion (Taiyuan): the 10亿元 qualifies the enterprises (以上的).
  const auto targets = FromText(
      "通过实施一批重大项目、突破一批重大核心技术，到2015年，形成一批具有太原品牌特色、产值达10亿元"
      "以上的战略性新兴产业企业，全市战略性新兴产业增加值占GDP比重达到20%以上，成为先导性支柱产业。");
  CHECK(Lines(targets) == std::vector<std::string>{
                              "9|全市战略性新兴产业增加值占GDP比重|≥20%|by_date 2015-12-31|"
                              "全市战略性新兴产业增加值占GDP比重达到20%以上"});

  // The guofa 2018-42 preamble: wrapped as a PDF wraps it, ranges and a pair skipped.
  CHECK(Lines(FromText("到2025年，全国农机总动力稳定在11亿千瓦左右，其中灌排机械\n动力达到1.3亿千瓦。"
                       "其中马铃薯种植、收获机械化率均达到45%，棉花收获机械化率达到\n60%，花生种植、"
                       "收获机械化率分别达到65%和55%。")) ==
        std::vector<std::string>{
            "9|全国农机总动力|≈11亿千瓦（±0.55）|by_date 2025-12-31|全国农机总动力稳定在11亿千瓦左右",
            "9|灌排机械动力|≥1.3亿千瓦|by_date 2025-12-31|其中灌排机械动力达到1.3亿千瓦",
            "9|马铃薯种植、收获机械化率|≥45%|by_date 2025-12-31|其中马铃薯种植、收获机械化率均达到45%",
            "9|棉花收获机械化率|≥60%|by_date 2025-12-31|棉花收获机械化率达到60%",
        });
  // A verb ending in 到 compares with a year; it sets no deadline.
  CHECK(Lines(FromText("生产恢复到2019年的水平，粮食产量达到1.2亿吨以上。")) ==
        std::vector<std::string>{"9|粮食产量|≥1.2亿吨|yearly|粮食产量达到1.2亿吨以上"});
  CHECK(Lines(FromText("截至2020年6月，新建充电桩超过500个。")) ==
        std::vector<std::string>{"9|新建充电桩|≥500个|by_date 2020-06-30|新建充电桩超过500个"});
}

TEST_CASE("units, comparison words and periods", "[target]") {
  struct Case {
    const char* text;
    std::string line;
  };
  const Case cases[] = {
      {"新增城镇就业100万人以上", "9|新增城镇就业|≥100万人|yearly|新增城镇就业100万人以上"},
      {"城镇调查失业率控制在5.5%以内。", "9|城镇调查失业率|≤5.5%|yearly|城镇调查失业率控制在5.5%以内"},
      {"新增规上工业企业不少于300家；", "9|新增规上工业企业|≥300家|yearly|新增规上工业企业不少于300家"},
      {"建成高速公路超过500公里", "9|建成高速公路|≥500公里|yearly|建成高速公路超过500公里"},
      {"培育科技型企业约200个", "9|培育科技型企业|≈200个（±10）|yearly|培育科技型企业约200个"},
      {"单位生产总值能耗下降3%以上", "9|单位生产总值能耗下降|≥3%|yearly|单位生产总值能耗下降3%以上"},
      {"PM2.5平均浓度下降5%", "9|PM2.5平均浓度下降|≥5%|yearly|PM2.5平均浓度下降5%"},
      {"新增高标准农田80万亩以上", "9|新增高标准农田|≥80万亩|yearly|新增高标准农田80万亩以上"},
      {"全年接待游客增长到1.2亿人次左右",
       "9|接待游客|≈1.2亿人次（±0.06）|yearly|全年接待游客增长到1.2亿人次左右"},
      {"出口规模达到2倍以上", "9|出口规模|≥2倍|yearly|出口规模达到2倍以上"},
      {"财政赤字率不超过3％", "9|财政赤字率|≤3%|yearly|财政赤字率不超过3％"},
      {"力争累计建成5G基站1万个以上", "9|建成5G基站|≥1万个|cumulative|力争累计建成5G基站1万个以上"},
      {"使农作物耕种收综合机械化率达到70%", "9|农作物耕种收综合机械化率|≥70%|yearly|"
                                             "使农作物耕种收综合机械化率达到70%"},
      {"全年完成投资不低于1200亿元", "9|完成投资|≥1200亿元|yearly|全年完成投资不低于1200亿元"},
      {"贫困人口减少到5000人以下", "9|贫困人口|≤5000人|yearly|贫困人口减少到5000人以下"},
      {"地区生产总值年均增长7%左右", "9|地区生产总值增长|≈7%（±0.5）|yearly|地区生产总值年均增长7%左右"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(Lines(FromText(c.text)) == std::vector<std::string>{c.line});
  }
}

TEST_CASE("targets in one sentence get their own names, unique within the task", "[target]") {
  CHECK(Lines(FromText("新增城镇就业10万人以上、城镇调查失业率控制在5.5%以内")) ==
        std::vector<std::string>{
            "9|新增城镇就业|≥10万人|yearly|新增城镇就业10万人以上",
            "9|城镇调查失业率|≤5.5%|yearly|城镇调查失业率控制在5.5%以内",
        });
  const auto same = FromText("上半年生产总值增长7%以上；全年生产总值增长8%左右；生产总值增长9%。");
  REQUIRE(same.size() == 3);
  CHECK(same[0].name == "上半年生产总值增长");
  CHECK(same[1].name == "生产总值增长");
  CHECK(same[2].name == "生产总值增长（2）");
  for (const Target& target : same) CHECK(CheckTarget(target) == "");

  // A clause repeated word for word is one target (its matched text identifies the
  // proposal); the same name with another figure is numbered.
  const auto repeated = FromText("投资增长7%以上，投资增长8%以上，投资增长7%以上，投资增长9%以上。");
  CHECK(Lines(repeated) == std::vector<std::string>{
                               "9|投资增长|≥7%|yearly|投资增长7%以上",
                               "9|投资增长（2）|≥8%|yearly|投资增长8%以上",
                               "9|投资增长（3）|≥9%|yearly|投资增长9%以上",
                           });
}

TEST_CASE("years, ordinals, document numbers, dates, ranges and qualifiers are never targets",
          "[target]") {
  const char* texts[] = {
      "国发〔2018〕42号",
      "到2015年，基本建立产业体系。",
      "2019年1月1日至12月31日，困难企业可组织开展职工在岗培训。",
      "（二）10个专项规划（10月20日前完成）。",
      "组织失业青年参加3—12个月的就业见习",
      "将就业见习补贴范围扩展至16—24岁失业青年",
      "可申请最高不超过15万元的创业担保贷款",
      "力争引进10亿元以上项目8个,其中50亿元以上项目2个",
      "索引号: 001008006002001/2023-141193",
      "1. 加强规划指导",
      "出台五方面23个指标的评价体系",
      "引进世界500强等跨国公司",
      "持续3个月以上",
      "参保1年以上",
      "增长5%—8%",
      "花生种植、收获机械化率分别达到65%和55%",
      "第3个以上",
      "（超过100人的企业达到15%）",
      "率先启动一、两个左右的主导产业",
      "其中增长5%以上",
      "可返还其上年度实际缴纳失业保险费的50%。",
      "增长\xff\xfe" "7%以上",  // not UTF-8: nothing read
  };
  for (const char* text : texts) {
    INFO(text);
    CHECK(Lines(FromText(text)).empty());
  }
}

}  // namespace
}  // namespace duban
