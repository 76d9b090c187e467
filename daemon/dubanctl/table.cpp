#include "daemon/dubanctl/table.h"

#include <algorithm>
#include <cassert>
#include <utility>

#include "daemon/dubanctl/display_width.h"

namespace duban::ctl {

Table::Table(std::vector<Column> columns) : columns_(std::move(columns)) {
  assert(std::count_if(columns_.begin(), columns_.end(),
                       [](const Column& c) { return c.flex; }) <= 1);
}

void Table::AddRow(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  for (auto& cell : cells) cell = ToSingleLine(cell);
  rows_.push_back(std::move(cells));
}

std::vector<int> Table::ColumnWidths(int total_width) const {
  std::vector<int> widths(columns_.size());
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    const int header = DisplayWidth(columns_[i].header);
    int natural = header;
    for (const auto& row : rows_) natural = std::max(natural, DisplayWidth(row[i]));
    // The limit cuts cells, never the header.
    widths[i] = columns_[i].max_width > 0
                    ? std::max(header, std::min(natural, columns_[i].max_width))
                    : natural;
  }
  auto flex = std::find_if(columns_.begin(), columns_.end(), [](const Column& c) { return c.flex; });
  if (total_width > 0 && flex != columns_.end()) {
    const auto index = static_cast<std::size_t>(flex - columns_.begin());
    int others = kColumnGap * static_cast<int>(columns_.size() - 1);
    for (std::size_t i = 0; i < widths.size(); ++i) {
      if (i != index) others += widths[i];
    }
    widths[index] = std::min(widths[index], std::max(kMinFlexWidth, total_width - others));
  }
  return widths;
}

std::string Table::RenderLine(const std::vector<std::string>& cells,
                              const std::vector<int>& widths) const {
  std::string line;
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (i > 0) line.append(kColumnGap, ' ');
    std::string cell = TruncateToWidth(cells[i], widths[i]);
    // A cut before a two-column character can leave the cell one column short.
    std::string padding(static_cast<std::size_t>(widths[i] - DisplayWidth(cell)), ' ');
    if (columns_[i].align == Align::kRight) {
      line += padding + cell;
    } else {
      line += cell + padding;
    }
  }
  line += '\n';
  return line;
}

std::string Table::Render(int total_width) const {
  const std::vector<int> widths = ColumnWidths(total_width);
  std::vector<std::string> header;
  for (const auto& column : columns_) header.push_back(ToSingleLine(column.header));
  std::string out = RenderLine(header, widths);
  for (const auto& row : rows_) out += RenderLine(row, widths);
  return out;
}

}  // namespace duban::ctl
