// gen_plan: writes a large synthetic plan in the published text form, for benchmarks.
//
//   gen_plan [TASKS [AGENCIES [SEED]]] > plan.txt      (defaults 100000 2000 1)
//
// The output looks like the seed plan: a title, sections "一、…" and numbered tasks
// ending in "(A、B牵头,C、D等部门参加)" or "(A负责)". Deterministic for a given seed.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace {

const char* const kSyllables[] = {"发", "改", "经", "信", "科", "技", "财", "政", "商", "务",
                                  "环", "保", "能", "源", "交", "通", "水", "利", "农", "业",
                                  "林", "草", "卫", "健", "教", "育", "文", "旅", "体", "育",
                                  "审", "计", "统", "计", "金", "融", "粮", "食", "海", "洋",
                                  "民", "宗", "人", "社", "住", "建", "国", "资", "市", "监"};
const char* const kSuffixes[] = {"厅", "局", "委", "办"};
const char* const kPhrases[] = {
    "加快培育发展战略性新兴产业", "完善政策支持体系", "推进重大项目建设",
    "强化科技创新能力", "优化营商环境", "加强人才队伍建设", "提升公共服务水平",
    "健全统计监测和考核制度", "推动产业集聚发展", "深化体制机制改革"};
const char* const kNumerals[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

std::string ChineseNumber(int n) {  // 1..99
  if (n < 10) return kNumerals[n];
  std::string out = n >= 20 ? std::string(kNumerals[n / 10]) + "十" : "十";
  if (n % 10 != 0) out += kNumerals[n % 10];
  return out;
}

// Distinct names: some syllables repeat (审计, 统计), so a pair can spell an earlier name;
// a repeated name would make one agency both lead and participant of a task (a doubt).
std::vector<std::string> MakeAgencies(int count) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  const int syllables = sizeof(kSyllables) / sizeof(kSyllables[0]);
  for (int i = 0; static_cast<int>(names.size()) < count; ++i) {
    int a = i % syllables, b = (i / syllables) % syllables, s = (i / (syllables * syllables)) % 4;
    std::string name = std::string("省") + kSyllables[a] + kSyllables[b] + kSuffixes[s];
    if (i >= syllables * syllables * 4) name += std::to_string(i);
    if (seen.insert(name).second) names.push_back(name);
  }
  return names;
}

}  // namespace

int main(int argc, char** argv) {
  int tasks = argc > 1 ? std::atoi(argv[1]) : 100000;
  int agency_count = argc > 2 ? std::atoi(argv[2]) : 2000;
  unsigned seed = argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : 1;
  if (tasks < 1 || agency_count < 4) {
    std::fprintf(stderr, "usage: gen_plan [TASKS>=1 [AGENCIES>=4 [SEED]]]\n");
    return 2;
  }
  std::mt19937 rng(seed);
  auto agencies = MakeAgencies(agency_count);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };

  const int sections = 50;
  const int per_section = (tasks + sections - 1) / sections;
  std::printf("关于合成测试计划的重点工作分工方案\n\n");
  for (int t = 1; t <= tasks; ++t) {
    if ((t - 1) % per_section == 0) {
      std::printf("%s、第%s部分重点工作\n", ChineseNumber((t - 1) / per_section + 1).c_str(),
                  ChineseNumber((t - 1) / per_section + 1).c_str());
    }
    std::string text = std::string(kPhrases[pick(10)]) + "，" + kPhrases[pick(10)] + "，" +
                       kPhrases[pick(10)] + "。";
    // Distinct agencies per task: consecutive picks from a random start.
    int next = pick(agency_count);
    auto list = [&](int n) {
      std::string out;
      for (int i = 0; i < n; ++i) out += (i ? "、" : "") + agencies[next++ % agency_count];
      return out;
    };
    std::string assignment;
    if (pick(10) < 7) {
      assignment = list(1 + pick(2)) + "牵头,";
      assignment += list(1 + pick(4)) + "等部门参加";
    } else {
      assignment = list(1 + pick(3)) + "负责";
    }
    std::printf("  %d.%s(%s)\n", t, text.c_str(), assignment.c_str());
  }
  return 0;
}
