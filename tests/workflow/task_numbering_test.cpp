#include <catch2/catch.hpp>

#include <string>

#include "workflow/task_numbering.h"

using namespace duban;

TEST_CASE("Chinese numerals up to the hundreds", "[task_numbering]") {
  struct Case {
    const char* text;
    int value;
  };
  for (Case c : {Case{"一", 1}, Case{"九", 9}, Case{"十", 10}, Case{"十一", 11}, Case{"二十", 20},
                 Case{"二十三", 23}, Case{"九十九", 99}, Case{"一百", 100}, Case{"一百零五", 105},
                 Case{"一百二十", 120}, Case{"两", 2}}) {
    INFO(c.text);
    auto value = ParseChineseNumeral(c.text);
    REQUIRE(value.has_value());
    CHECK(*value == c.value);
  }
  for (const char* bad : {"", "一二", "十十", "百", "零", "三a", "二十一十"}) {
    INFO(bad);
    CHECK_FALSE(ParseChineseNumeral(bad).has_value());
  }
}

TEST_CASE("labels are recognised with their style, value and rest", "[task_numbering]") {
  struct Case {
    const char* line;
    NumberStyle style;
    int value;
    const char* label;
    const char* numeral;
    const char* rest;
  };
  for (Case c : {
           Case{"1.按照规划", NumberStyle::kArabic, 1, "1.", "1", "按照规划"},
           Case{"22.积极", NumberStyle::kArabic, 22, "22.", "22", "积极"},
           Case{"1、基础设施", NumberStyle::kArabic, 1, "1、", "1", "基础设施"},
           Case{"1﹒全省", NumberStyle::kArabic, 1, "1﹒", "1", "全省"},
           Case{"１．全省", NumberStyle::kArabic, 1, "１．", "1", "全省"},
           Case{"3 着力抓好", NumberStyle::kArabicSpace, 3, "3", "3", "着力抓好"},
           Case{"12", NumberStyle::kArabicBare, 12, "12", "12", ""},
           Case{"（三）完善", NumberStyle::kChineseParen, 3, "（三）", "三", "完善"},
           Case{"(二)10个专项规划", NumberStyle::kChineseParen, 2, "(二)", "二", "10个专项规划"},
           Case{"（二十）促进", NumberStyle::kChineseParen, 20, "（二十）", "二十", "促进"},
           Case{"一、加强规划指导", NumberStyle::kChineseEnum, 1, "一、", "一", "加强规划指导"},
           Case{"九十九、末", NumberStyle::kChineseEnum, 99, "九十九、", "九十九", "末"},
           Case{"（1）细项", NumberStyle::kArabicParen, 1, "（1）", "1", "细项"},
           Case{"2)细项", NumberStyle::kArabicParen, 2, "2)", "2", "细项"},
           Case{"③第三", NumberStyle::kCircled, 3, "③", "3", "第三"},
       }) {
    INFO(c.line);
    auto label = ParseNumberLabel(c.line);
    REQUIRE(label.has_value());
    CHECK(label->style == c.style);
    CHECK(label->value == c.value);
    CHECK(label->label == c.label);
    CHECK(label->numeral == c.numeral);
    CHECK(label->rest == c.rest);
  }
}

TEST_CASE("numbers that are not labels", "[task_numbering]") {
  for (const char* line : {"1.2亿千瓦", "2018年12月21日", "2023- 02- 09 16: 47", "2013 年",
                           "10 个专项", "10个专项规划", "一般公共预算", "十分重要", "(此件公开发布)",
                           "国发〔2018〕42号", "1234567", "a1.", "七大任务"}) {
    INFO(line);
    CHECK_FALSE(ParseNumberLabel(line).has_value());
  }
}

TEST_CASE("levels follow 一、 → （一） → 1. → （1） → ①", "[task_numbering]") {
  CHECK(NumberingLevel(NumberStyle::kChineseEnum) < NumberingLevel(NumberStyle::kChineseParen));
  CHECK(NumberingLevel(NumberStyle::kChineseParen) < NumberingLevel(NumberStyle::kArabic));
  CHECK(NumberingLevel(NumberStyle::kArabic) == NumberingLevel(NumberStyle::kArabicSpace));
  CHECK(NumberingLevel(NumberStyle::kArabic) == NumberingLevel(NumberStyle::kArabicBare));
  CHECK(NumberingLevel(NumberStyle::kArabic) < NumberingLevel(NumberStyle::kArabicParen));
  CHECK(NumberingLevel(NumberStyle::kArabicParen) < NumberingLevel(NumberStyle::kCircled));
  CHECK(NumberingLevel(NumberStyle::kCircled) < kNumberingLevels);
}
