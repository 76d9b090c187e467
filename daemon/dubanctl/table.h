// A text table: a header row and rows of cells, laid out in columns by display width so
// that it lines up in a terminal with Chinese text (see display_width.h). Cells wider than
// their column's limit are cut with "…"; newlines and tabs in cells become spaces.
//
// Plain value; not thread-safe while being filled.
#ifndef DUBAN_DAEMON_DUBANCTL_TABLE_H_
#define DUBAN_DAEMON_DUBANCTL_TABLE_H_

#include <cstddef>
#include <string>
#include <vector>

namespace duban::ctl {

enum class Align { kLeft, kRight };

struct Column {
  std::string header;
  int max_width = 0;  // 0: as wide as the widest cell; otherwise cells are cut to fit
                      // (the column is never narrower than its header)
  Align align = Align::kLeft;
  // At most one column may flex: it gets what Render's total width leaves over (never less
  // than kMinFlexWidth, never more than its widest cell), e.g. a text preview.
  bool flex = false;
};

class Table {
 public:
  static constexpr int kMinFlexWidth = 10;
  static constexpr int kColumnGap = 2;  // spaces between columns

  explicit Table(std::vector<Column> columns);

  // Missing trailing cells are empty; extra cells are ignored.
  void AddRow(std::vector<std::string> cells);
  std::size_t row_count() const { return rows_.size(); }

  // The header line and one line per row, each ending in '\n'. Every line has the same
  // display width (cells are padded, the last one too). `total_width` > 0 is the width
  // the flex column must fit into; 0 lets it be as wide as its cells.
  std::string Render(int total_width = 0) const;

 private:
  std::vector<int> ColumnWidths(int total_width) const;
  std::string RenderLine(const std::vector<std::string>& cells,
                         const std::vector<int>& widths) const;

  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;  // already on one line
};

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_TABLE_H_
