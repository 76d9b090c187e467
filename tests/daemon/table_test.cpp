#include "daemon/dubanctl/table.h"

#include <sstream>

#include <catch2/catch.hpp>

#include "daemon/dubanctl/display_width.h"

namespace duban::ctl {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The display column where `needle` starts in `line`.
int ColumnOf(const std::string& line, const std::string& needle) {
  auto pos = line.find(needle);
  REQUIRE(pos != std::string::npos);
  return DisplayWidth(line.substr(0, pos));
}

TEST_CASE("Table: columns line up by display width with Chinese text", "[table]") {
  Table table({{"REF"}, {"LEAD"}, {"STATE"}});
  table.AddRow({"3", "省发改委、省经信委、省科技厅", "active"});
  table.AddRow({"22", "省经信委", "removed"});
  table.AddRow({"47", "ministry", "active"});
  std::vector<std::string> lines = Lines(table.Render());
  REQUIRE(lines.size() == 4);
  const int width = DisplayWidth(lines[0]);
  for (const auto& line : lines) CHECK(DisplayWidth(line) == width);
  CHECK(ColumnOf(lines[0], "STATE") == ColumnOf(lines[1], "active"));
  CHECK(ColumnOf(lines[1], "active") == ColumnOf(lines[2], "removed"));
  CHECK(ColumnOf(lines[2], "removed") == ColumnOf(lines[3], "active"));
  CHECK(ColumnOf(lines[0], "LEAD") == ColumnOf(lines[2], "省经信委"));
}

TEST_CASE("Table: max width cuts cells with an ellipsis", "[table]") {
  Table table({{"NAME", 7}, {"N", 0, Align::kRight}});
  table.AddRow({"省发展和改革委员会", "12"});
  table.AddRow({"abc", "3"});
  std::vector<std::string> lines = Lines(table.Render());
  REQUIRE(lines.size() == 3);
  CHECK(lines[1].rfind("省发展…", 0) == 0);  // 6 columns + the ellipsis
  CHECK(lines[2] == "abc       3");
  for (const auto& line : lines) CHECK(DisplayWidth(line) == DisplayWidth(lines[0]));
}

TEST_CASE("Table: a limit below the header's width cuts cells but not the header",
          "[table]") {
  Table table({{"RESPONSIBLE", 4}});
  table.AddRow({"省发改委、省经信委、省科技厅"});
  std::vector<std::string> lines = Lines(table.Render());
  CHECK(lines[0] == "RESPONSIBLE");
  CHECK(lines[1] == "省发改委、…");
}

TEST_CASE("Table: a cut before a wide character is padded to the column", "[table]") {
  Table table({{"A", 6}, {"B"}});
  table.AddRow({"省发改委", "x"});  // fits 5 columns: 省发 + … ; one column of padding
  table.AddRow({"abcdefgh", "y"});
  std::vector<std::string> lines = Lines(table.Render());
  CHECK(lines[1] == "省发…   x");
  CHECK(lines[2] == "abcde…  y");
}

TEST_CASE("Table: the flex column takes what is left of the total width", "[table]") {
  const std::string text = "按照九个战略性新兴产业发展规划明确的发展思路、发展目标";
  Table table({{"REF"}, {"TEXT", 0, Align::kLeft, /*flex=*/true}});
  table.AddRow({"1", text});
  table.AddRow({"2", "short"});
  std::vector<std::string> lines = Lines(table.Render(30));
  for (const auto& line : lines) CHECK(DisplayWidth(line) == 30);
  // Without a total width the column is as wide as its text.
  CHECK(DisplayWidth(Lines(table.Render())[1]) == 3 + 2 + DisplayWidth(text));
  // Never narrower than kMinFlexWidth.
  CHECK(DisplayWidth(Lines(table.Render(5))[1]) == 3 + 2 + Table::kMinFlexWidth);
}

TEST_CASE("Table: newlines in cells do not break rows", "[table]") {
  Table table({{"A"}, {"B"}});
  table.AddRow({"line one\nline two", "x"});
  CHECK(Lines(table.Render()).size() == 2);
}

TEST_CASE("Table: missing cells are empty, and a table without rows is its header", "[table]") {
  Table table({{"A"}, {"B"}});
  table.AddRow({"only"});
  CHECK(Lines(table.Render()) == std::vector<std::string>{"A     B", "only   "});
  Table empty({{"REF"}, {"LEAD"}});
  CHECK(empty.Render() == "REF  LEAD\n");
}

}  // namespace
}  // namespace duban::ctl
