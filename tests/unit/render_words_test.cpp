#include <doctest/doctest.h>

#include <string>

#include "inspectrack/render/words.hpp"

using inspectrack::model::Date;
using inspectrack::model::Due;
using inspectrack::text::Lang;
using inspectrack::text::translate;
namespace render = inspectrack::render;
namespace model = inspectrack::model;

namespace {

Date day(int y, int m, int d) { return *model::parse_date(fmt::format("{:04}-{:02}-{:02}", y, m, d)).date; }

Due dated(Due::Form form, std::string text) {
  Due due;
  due.form = form;
  due.date = day(2021, 7, 22);
  due.text = std::move(text);
  return due;
}

Due within(int n, Due::Counting counting, Due::Anchor anchor) {
  Due due;
  due.form = Due::Form::within;
  due.period = n;
  due.counting = counting;
  due.anchor = anchor;
  due.text = "within: …";
  return due;
}

std::string vi(const Due& due) { return translate(Lang::vi, render::due_words(due)); }
std::string en(const Due& due) { return translate(Lang::en, render::due_words(due)); }

}  // namespace

TEST_CASE("words: a dated deadline as the order writes it, in both languages") {
  const Due before = dated(Due::Form::before, "before: 22/7/2021");
  CHECK(vi(before) == "trước ngày 22/07/2021");
  CHECK(en(before) == "before 2021-07-22");
  const Due by = dated(Due::Form::by, "by: 22/7/2021");
  CHECK(vi(by) == "đến hết ngày 22/07/2021");
  CHECK(en(by) == "by 2021-07-22");
  const Due on = dated(Due::Form::date, "22/7/2021");
  CHECK(vi(on) == "ngày 22/07/2021");
  CHECK(en(on) == "on 2021-07-22");
}

TEST_CASE("words: a period, counted in working or calendar days from its anchor") {
  const Due conclusion = within(15, Due::Counting::working_days, Due::Anchor::conclusion_date);
  CHECK(vi(conclusion) == "trong 15 ngày làm việc kể từ ngày ban hành kết luận");
  CHECK(en(conclusion) == "within 15 working days from the date of the conclusion");
  const Due one = within(1, Due::Counting::working_days, Due::Anchor::inspection_to);
  CHECK(vi(one) == "trong 1 ngày làm việc kể từ ngày kết thúc kiểm tra");
  CHECK(en(one) == "within 1 working day from the end of the inspection");
  Due from_day = within(30, Due::Counting::calendar_days, Due::Anchor::date);
  from_day.anchor_date = day(2021, 7, 2);
  CHECK(vi(from_day) == "trong 30 ngày kể từ ngày 02/07/2021");
  CHECK(en(from_day) == "within 30 days from 2021-07-02");
  const Due period = within(10, Due::Counting::working_days, Due::Anchor::period_end);
  CHECK(vi(period) == "trong 10 ngày làm việc kể từ ngày kết thúc kỳ");
  CHECK(en(period) == "within 10 working days from the end of the period");
}

TEST_CASE("words: no deadline, a recurring day, and a form it cannot say") {
  Due none;
  none.form = Due::Form::none;
  none.text = "none";
  CHECK(vi(none) == "không có thời hạn");
  CHECK(en(none) == "no deadline");
  Due monthly;
  monthly.form = Due::Form::day;
  monthly.day = 15;
  monthly.text = "day: 15";
  CHECK(vi(monthly) == "ngày 15 tháng cuối mỗi kỳ");
  CHECK(en(monthly) == "day 15 of each period's last month");
  Due undated = dated(Due::Form::before, "before: ?");
  undated.date.reset();
  CHECK(vi(undated) == "before: ?");
}

TEST_CASE("words: the forms, statuses, severities and kinds in words") {
  CHECK(translate(Lang::vi, render::due_form_words(Due::Form::before)) == "trước ngày");
  CHECK(translate(Lang::en, render::due_form_words(Due::Form::none)) == "no deadline");
  CHECK(translate(Lang::vi, render::status_words(model::Status::open)) == "đang thực hiện");
  CHECK(translate(Lang::vi, render::status_words(model::Status::cancelled)) == "đã hủy");
  CHECK(translate(Lang::en, render::status_words(model::Status::done)) == "done");
  CHECK(translate(Lang::vi, render::severity_words(model::Severity::high)) == "cao");
  CHECK(translate(Lang::en, render::severity_words(model::Severity::medium)) == "medium");
  CHECK(translate(Lang::vi, render::inspection_kind_words(model::InspectionKind::visit)) ==
        "kiểm tra trực tiếp");
  CHECK(translate(Lang::vi, render::unit_kind_words(model::UnitKind::commune)) == "xã");
  model::Repeat quarterly{model::Repeat::Every::quarterly, day(2021, 7, 1), std::nullopt};
  CHECK(translate(Lang::vi, render::repeat_words(quarterly)) == "hằng quý từ ngày 01/07/2021");
  CHECK(translate(Lang::en, render::repeat_words(quarterly)) == "quarterly from 2021-07-01");
}

TEST_CASE("words: the history's values in words, data as stored") {
  CHECK(render::event_value_words("status", "done", Lang::vi) == "hoàn thành");
  CHECK(render::event_value_words("last_day", "2021-08-05", Lang::vi) == "05/08/2021");
  CHECK(render::event_value_words("last_day", "2021-08-05", Lang::en) == "2021-08-05");
  CHECK(render::event_value_words("repeat", "quarterly from 2021-07-01 until 2022-06-30", Lang::vi) ==
        "hằng quý từ ngày 01/07/2021 đến ngày 30/06/2022");
  CHECK(render::event_value_words("reason", "done", Lang::vi) == "done");
  CHECK(render::event_value_words("provisional", "no", Lang::vi) == "không");
}
