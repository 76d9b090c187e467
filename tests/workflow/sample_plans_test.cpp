// Every sample plan in tests/data/plans/ (NN-name.txt with NN-name.expected.json; the seed's
// text is examples/plan-zhejiang-2013.txt) is imported and compared with its hand-checked
// expectation: task count, numbers, sections, roles in order, text starts, truncation.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "workflow/plan_text_importer.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct Roles {
  std::vector<std::string> lead, participants, responsible;
};

// The plans README: when exactly one unit is named, lead=[X] and responsible=[X] are the
// same reading; both sides are brought to responsible=[X] before comparing.
Roles Normalise(Roles roles) {
  size_t total = roles.lead.size() + roles.participants.size() + roles.responsible.size();
  if (total == 1 && roles.participants.empty()) {
    roles.responsible = roles.lead.empty() ? roles.responsible : roles.lead;
    roles.lead.clear();
  }
  return roles;
}

std::vector<std::string> Strings(const json& value) {
  std::vector<std::string> out;
  if (value.is_array()) {
    for (const auto& item : value) out.push_back(item.get<std::string>());
  }
  return out;
}

bool AllDigits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<fs::path> Expectations() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(DUBAN_SOURCE_DIR) / "tests/data/plans")) {
    std::string name = entry.path().filename().string();
    if (name.size() > 14 && name.substr(name.size() - 14) == ".expected.json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

fs::path TextFor(const fs::path& expectation, const json& expected) {
  std::string name = expectation.filename().string();
  fs::path sibling = expectation.parent_path() / (name.substr(0, name.size() - 14) + ".txt");
  if (fs::exists(sibling)) return sibling;
  return fs::path(DUBAN_SOURCE_DIR) / expected.at("source").get<std::string>();
}

}  // namespace

TEST_CASE("there are sample plans to check", "[samples]") {
  auto files = Expectations();
  REQUIRE(files.size() >= 6);
  CHECK(files.front().filename().string() == "00-seed-003.expected.json");
}

TEST_CASE("each sample plan imports as its expectation says", "[samples]") {
  for (const fs::path& file : Expectations()) {
    DYNAMIC_SECTION(file.filename().string()) {
      json expected = json::parse(ReadFile(file));
      fs::path text_path = TextFor(file, expected);
      REQUIRE(fs::exists(text_path));
      duban::PlanImportOptions options;
      options.source_name = text_path.filename().string();
      duban::ImportResult result = duban::ImportPlanText(ReadFile(text_path), options);
      const duban::Plan& plan = result.plan;
      CHECK_FALSE(result.has_errors());
      if (expected.contains("title")) CHECK(plan.title == expected["title"].get<std::string>());
      if (expected.contains("sections")) {
        REQUIRE(plan.sections.size() == expected["sections"].size());
        for (size_t i = 0; i < plan.sections.size(); ++i) {
          CHECK(plan.sections[i].number == expected["sections"][i]["number"].get<std::string>());
          CHECK(plan.sections[i].title == expected["sections"][i]["title"].get<std::string>());
        }
      }
      REQUIRE(plan.tasks.size() == expected.at("task_count").get<size_t>());
      REQUIRE(plan.tasks.size() == expected.at("tasks").size());
      for (size_t i = 0; i < plan.tasks.size(); ++i) {
        const duban::Task& task = plan.tasks[i];
        const json& want = expected["tasks"][i];
        INFO("task " << i << " label " << task.label << " line " << task.line);
        const json& number = want.at("number");
        if (number.is_number_integer()) {
          CHECK(task.number == number.get<int>());
        } else if (AllDigits(number.get<std::string>())) {
          CHECK(task.number == std::stoi(number.get<std::string>()));
        } else {
          CHECK(task.label == number.get<std::string>());
        }
        if (want.contains("section")) {
          std::string section = want["section"].get<std::string>();
          bool matches = task.section == section;
          for (const auto& s : plan.sections) {
            matches = matches || (s.number == task.section && s.label == section);
          }
          CHECK(matches);
          CHECK_FALSE(task.section.empty());
        }
        Roles got = Normalise({task.lead, task.participants, task.responsible});
        Roles want_roles = Normalise({Strings(want.value("lead", json::array())),
                                      Strings(want.value("participants", json::array())),
                                      Strings(want.value("responsible", json::array()))});
        CHECK(got.lead == want_roles.lead);
        CHECK(got.participants == want_roles.participants);
        CHECK(got.responsible == want_roles.responsible);
        if (want.contains("text_start")) {
          std::string start = want["text_start"].get<std::string>();
          CHECK(task.text.substr(0, start.size()) == start);
        }
        CHECK(task.truncated == want.value("truncated", false));
        if (want.contains("official")) {
          CHECK(task.officials == std::vector<std::string>{want["official"].get<std::string>()});
        }
        // A person is never an agency.
        for (const std::string& official : task.officials) {
          auto all = task.AllAgencies();
          CHECK(std::find(all.begin(), all.end(), official) == all.end());
        }
        // Doubts and confidence agree.
        CHECK(task.doubts.empty() == (task.confidence != duban::Confidence::kDoubtful));
      }
    }
  }
}

TEST_CASE("the seed plan keeps its quirks", "[samples]") {
  std::string text = ReadFile(fs::path(DUBAN_SOURCE_DIR) / "examples/plan-zhejiang-2013.txt");
  duban::ImportResult result = duban::ImportPlanText(text);
  const duban::Plan& plan = result.plan;
  REQUIRE(plan.tasks.size() == 47);
  CHECK_FALSE(result.has_doubts());
  // Numbers are unique, so the ref is the bare number.
  CHECK(plan.tasks[21].ref == "22");
  CHECK(plan.tasks[21].label == "22");
  CHECK(plan.tasks[0].label == "1.");
  CHECK(plan.tasks[0].line == 6);
  // The task text keeps its inner parentheses and its assignment.
  CHECK(plan.tasks[1].text.find("经济开发区(工业园区)") != std::string::npos);
  CHECK(plan.tasks[1].assignment == "各设区市政府负责");
  CHECK(plan.FindTask("47") != nullptr);
  CHECK(plan.tasks[2].confidence == duban::Confidence::kCertain);
  CHECK(plan.tasks[28].confidence == duban::Confidence::kProbable);  // (省国资委负责)
}
