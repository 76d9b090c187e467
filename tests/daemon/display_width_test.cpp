#include "daemon/dubanctl/display_width.h"

#include <catch2/catch.hpp>

#include "daemon/dubanctl/utf8.h"

namespace duban::ctl {
namespace {

TEST_CASE("DisplayWidth: ASCII is one column per character", "[display_width]") {
  CHECK(DisplayWidth("") == 0);
  CHECK(DisplayWidth("abc") == 3);
  CHECK(DisplayWidth("task 22: ok") == 11);
}

TEST_CASE("DisplayWidth: CJK ideographs take two columns", "[display_width]") {
  CHECK(DisplayWidth("省发改委") == 8);
  CHECK(DisplayWidth("省科技厅牵头") == 12);
  CHECK(DisplayWidth("한국") == 4);    // Hangul syllables
  CHECK(DisplayWidth("𠀀") == 2);      // CJK extension B, plane 2
}

TEST_CASE("DisplayWidth: full-width punctuation takes two columns", "[display_width]") {
  CHECK(DisplayWidth("，") == 2);   // U+FF0C
  CHECK(DisplayWidth("（）") == 4);  // U+FF08, U+FF09
  CHECK(DisplayWidth("、。") == 4);  // U+3001, U+3002
  CHECK(DisplayWidth("　") == 2);   // ideographic space U+3000
  CHECK(DisplayWidth("Ａ１") == 4);  // full-width Latin and digit
}

TEST_CASE("DisplayWidth: ambiguous and narrow punctuation takes one column",
          "[display_width]") {
  CHECK(DisplayWidth("“三网融合”") == 2 + 8);  // curly quotes are ambiguous: one each
  CHECK(DisplayWidth("…") == 1);
  CHECK(DisplayWidth("·") == 1);
  CHECK(DisplayWidth("1﹒") == 3);  // U+FE52 small full stop is wide
}

TEST_CASE("DisplayWidth: mixed text adds up", "[display_width]") {
  CHECK(DisplayWidth("22 积极开展(省经信委牵头)") == 3 + 8 + 1 + 12 + 1);
  CHECK(DisplayWidth("省发改委、省经信委") == 18);
}

TEST_CASE("DisplayWidth: combining marks and controls take no column", "[display_width]") {
  CHECK(DisplayWidth("e\xcc\x81") == 1);     // e + COMBINING ACUTE ACCENT
  CHECK(DisplayWidth("a\xe2\x80\x8b" "b") == 2);  // ZERO WIDTH SPACE
  CHECK(DisplayWidth("\xef\xbb\xbf" "x") == 1);   // BOM
  CHECK(DisplayWidth("a\tb") == 2);
}

TEST_CASE("DisplayWidth: invalid UTF-8 counts one column per bad byte", "[display_width]") {
  CHECK(DisplayWidth("\xff\xfe") == 2);
  CHECK(DisplayWidth("a\xe7\x9c") == 3);  // truncated 省
}

TEST_CASE("TruncateToWidth: text that fits is unchanged", "[display_width]") {
  CHECK(TruncateToWidth("省发改委", 8) == "省发改委");
  CHECK(TruncateToWidth("abc", 10) == "abc");
  CHECK(TruncateToWidth("", 3) == "");
  CHECK(TruncateToWidth("abc", 0) == "");
}

TEST_CASE("TruncateToWidth: cuts with an ellipsis and never splits a character",
          "[display_width]") {
  CHECK(TruncateToWidth("abcdef", 4) == "abc…");
  CHECK(TruncateToWidth("省发改委", 7) == "省发改…");
  // 6 columns: two ideographs and a half would be 5 + ellipsis; the third does not fit.
  CHECK(TruncateToWidth("省发改委", 6) == "省发…");
  CHECK(DisplayWidth(TruncateToWidth("省发改委", 6)) == 5);
  CHECK(TruncateToWidth("省发改委", 1) == "…");
  CHECK(TruncateToWidth("a省发改委", 4) == "a省…");

  const std::string text = "积极开展“三网融合”试点工作。(省经信委牵头,省广电局参加)";
  for (int width = 0; width <= DisplayWidth(text) + 1; ++width) {
    std::string cut = TruncateToWidth(text, width);
    INFO("width " << width << ": " << cut);
    CHECK(DisplayWidth(cut) <= width);
    CHECK_FALSE(FindInvalidUtf8(cut).has_value());
    if (width > 2) CHECK(DisplayWidth(cut) >= width - 1);
  }
}

TEST_CASE("WrapToWidth: breaks between CJK characters and at spaces", "[display_width]") {
  CHECK(WrapToWidth("省发改委省经信委", 8) == std::vector<std::string>{"省发改委", "省经信委"});
  CHECK(WrapToWidth("省发改委省经信委", 9) == std::vector<std::string>{"省发改委", "省经信委"});
  CHECK(WrapToWidth("one two three", 8) == std::vector<std::string>{"one two", "three"});
  CHECK(WrapToWidth("a\nb", 10) == std::vector<std::string>{"a", "b"});
  CHECK(WrapToWidth("", 10) == std::vector<std::string>{""});
  CHECK(WrapToWidth("abcdefghij", 4) == std::vector<std::string>{"abcd", "efgh", "ij"});

  const std::string text =
      "22 积极开展“三网融合”试点工作。(省经信委牵头,省广电局、省通信管理局和杭州市、宁波市政府参加)";
  for (const auto& line : WrapToWidth(text, 20)) {
    CHECK(DisplayWidth(line) <= 20);
    CHECK_FALSE(FindInvalidUtf8(line).has_value());
  }
}

TEST_CASE("ToSingleLine: control characters become one space", "[display_width]") {
  CHECK(ToSingleLine("a\r\nb\tc") == "a b c");
  CHECK(ToSingleLine("省发改委") == "省发改委");
}

TEST_CASE("FindInvalidUtf8: finds the first bad byte", "[utf8]") {
  CHECK_FALSE(FindInvalidUtf8("省发改委 abc").has_value());
  CHECK(FindInvalidUtf8("ab\xc0\xaf") == std::optional<std::size_t>(2));  // overlong '/'
  CHECK(FindInvalidUtf8("\xed\xa0\x80") == std::optional<std::size_t>(0));  // surrogate
  CHECK(FindInvalidUtf8("\xca\xa1") == std::nullopt);                      // valid U+02A1
  CHECK(FindInvalidUtf8("ok\xd6\xd0\xb9\xfa") == std::optional<std::size_t>(2));  // GBK 中国
}

}  // namespace
}  // namespace duban::ctl
