#include <catch2/catch.hpp>

#include <string>

#include "workflow/text_normalize.h"

using namespace duban;

TEST_CASE("FindInvalidUtf8 finds the first bad byte", "[text_normalize]") {
  CHECK(FindInvalidUtf8("省发改委 abc") == std::string_view::npos);
  CHECK(FindInvalidUtf8("ab\xFF") == 2);
  CHECK(FindInvalidUtf8("a\xE7\x9C") == 1);          // truncated sequence
  CHECK(FindInvalidUtf8("\xC0\xAF") == 0);           // overlong '/'
  CHECK(FindInvalidUtf8("x\xED\xA0\x80") == 1);      // surrogate
  CHECK(FindInvalidUtf8("\xF0\x9F\x98\x80ok") == std::string_view::npos);
}

TEST_CASE("StripBom removes only a leading BOM", "[text_normalize]") {
  CHECK(StripBom("\xEF\xBB\xBF一、") == "一、");
  CHECK(StripBom("一、") == "一、");
  CHECK(StripBom("a\xEF\xBB\xBF") == "a\xEF\xBB\xBF");
}

TEST_CASE("TrimBlank trims ASCII and full-width blanks", "[text_normalize]") {
  CHECK(TrimBlank("\u3000\u3000 1.任务 \t\r") == "1.任务");
  CHECK(TrimBlank("\u00A0") == "");
  CHECK(TrimBlank("中 文") == "中 文");
}

TEST_CASE("FoldForMatch folds widths and traditional marker words only", "[text_normalize]") {
  CHECK(FoldForMatch("（省发改委牵头，省财政厅参加）") == "(省发改委牵头,省财政厅参加)");
  CHECK(FoldForMatch("１﹒全省") == "1.全省");
  CHECK(FoldForMatch("责任单位：省商务厅；") == "责任单位:省商务厅;");
  CHECK(FoldForMatch("省發改委牽頭，省財政廳參加") == "省發改委牵头,省財政廳参加");
  CHECK(FoldForMatch("負責單位") == "负责单位");
  // 會 outside 會同 is part of a name and stays traditional.
  CHECK(FoldForMatch("省發展和改革委員會") == "省發展和改革委員會");
  CHECK(FoldForMatch("省體育局會同省財政廳負責") == "省體育局会同省財政廳负责");
  CHECK(FoldForMatch("a\u200Bb") == "ab");
}

TEST_CASE("code point helpers", "[text_normalize]") {
  size_t length = 0;
  CHECK(DecodeUtf8("省", 0, &length) == U'省');
  CHECK(length == 3);
  CHECK(LastCodePoint("ab委", &length) == U'委');
  CHECK(CountCodePoints("省发改委a") == 5);
  std::string out;
  AppendUtf8(out, U'﹒');
  CHECK(out == "﹒");
  CHECK(FoldWidth(U'（') == '(');
  CHECK(FoldWidth(U'　') == ' ');
  CHECK(FoldWidth(U'省') == U'省');
}
