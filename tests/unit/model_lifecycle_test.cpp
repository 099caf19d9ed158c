#include <doctest/doctest.h>

#include <array>
#include <string>
#include <tuple>

#include "inspectrack/model/lifecycle.hpp"

using namespace inspectrack::model;
using inspectrack::text::Lang;
using Kind = TaskChange::Kind;
using Outcome = ChangeCheck::Outcome;

namespace {

Date d(int y, int m, int day) { return *Date::from_ymd(y, m, day); }

// The Chư Prông example: a report owed by 21/7/2021, judged on 26/7/2021.
Task open_task() {
  Task t;
  t.id = 7;
  t.inspection = "gia-lai-cchc-2021-chu-prong";
  t.key = "bao-cao-khac-phuc";
  t.assignee = "bau-can";
  t.action = "Báo cáo kết quả khắc phục";
  t.report_to = "ubnd-huyen";
  t.findings = {"f1", "f2"};
  t.target = "100% hồ sơ";
  t.due.form = Due::Form::date;
  t.due.text = "21/7/2021";
  t.last_day = d(2021, 7, 21);
  t.original_last_day = d(2021, 7, 21);
  t.calendar = "vn";
  t.assignee_name = "UBND xã Bàu Cạn";
  return t;
}

Task with_status(Status s) {
  Task t = open_task();
  t.status = s;
  if (s == Status::done || s == Status::verified) {
    t.done_on = d(2021, 7, 20);
    t.done_deadline = d(2021, 7, 21);
  }
  if (s == Status::verified) t.verified_on = d(2021, 7, 24);
  return t;
}

// The context of these tests, and the language the refusals are read in.
struct Context {
  ChangeContext rules;
  Lang lang = Lang::en;
};

Context context(Lang lang = Lang::en) {
  Context c;
  c.rules.as_of = d(2021, 7, 26);
  c.rules.began = d(2021, 6, 15);
  c.rules.notes = {"Đã nhắc qua điện thoại"};
  c.lang = lang;
  return c;
}

// What the rules say, with the reason as the reader sees it.
struct Judged : ChangeCheck {
  std::string reason;
};

Judged check_change(const Task& task, const TaskChange& change, const Context& ctx) {
  const ChangeCheck check = inspectrack::model::check_change(task, change, ctx.rules);
  Judged judged{check, inspectrack::text::translate(ctx.lang, check.reason)};
  return judged;
}

TaskChange change(Kind kind) {
  TaskChange c;
  c.kind = kind;
  return c;
}

TaskChange done_on(std::optional<Date> on, std::string evidence = "") {
  TaskChange c = change(Kind::done);
  c.on = on;
  c.text = std::move(evidence);
  return c;
}

TaskChange verify_on(std::optional<Date> on, std::string note = "") {
  TaskChange c = change(Kind::verify);
  c.on = on;
  c.text = std::move(note);
  return c;
}

TaskChange extend_to(std::optional<Date> to, std::string reason = "Chờ kết quả kiểm điểm") {
  TaskChange c = change(Kind::extend);
  c.to = to;
  c.text = std::move(reason);
  c.approved_by = "Phó Chủ tịch UBND huyện";
  return c;
}

TaskChange with_text(Kind kind, std::string text) {
  TaskChange c = change(kind);
  c.text = std::move(text);
  return c;
}

auto fields(const Task& t) {
  return std::tie(t.id, t.inspection, t.key, t.assignee, t.action, t.report_to, t.findings, t.target, t.due,
                  t.last_day, t.due_provisional, t.calendar, t.repeat, t.period, t.status, t.done_on,
                  t.original_last_day, t.extensions, t.done_deadline, t.verified_on, t.assignee_name,
                  t.report_to_name, t.inspection_title);
}

bool same(const Task& a, const Task& b) { return fields(a) == fields(b); }

// `after` differs from `before` in the lifecycle fields alone.
bool only_lifecycle_changed(const Task& before, const Task& after) {
  Task expected = before;
  expected.status = after.status;
  expected.done_on = after.done_on;
  expected.done_deadline = after.done_deadline;
  expected.verified_on = after.verified_on;
  expected.last_day = after.last_day;
  expected.extensions = after.extensions;
  return same(expected, after);
}

const char* name(Outcome o) {
  switch (o) {
    case Outcome::apply: return "apply";
    case Outcome::unchanged: return "unchanged";
    case Outcome::refused: return "refused";
  }
  return "?";
}

}  // namespace

TEST_CASE("change kind names round trip") {
  const std::array<std::pair<Kind, const char*>, 6> all = {{{Kind::done, "done"},
                                                            {Kind::extend, "extend"},
                                                            {Kind::cancel, "cancel"},
                                                            {Kind::reopen, "reopen"},
                                                            {Kind::verify, "verify"},
                                                            {Kind::note, "note"}}};
  for (const auto& [kind, text] : all) {
    CAPTURE(text);
    CHECK(to_string(kind) == text);
    REQUIRE(parse_change_kind(text));
    CHECK(*parse_change_kind(text) == kind);
  }
  CHECK_FALSE(parse_change_kind(""));
  CHECK_FALSE(parse_change_kind("Done"));
  CHECK_FALSE(parse_change_kind("extension"));
}

TEST_CASE("every change from every status") {
  // A valid change of each kind; what each status makes of it.
  struct Row {
    Kind kind;
    TaskChange change;
    Outcome open, done, verified, cancelled;
  };
  const std::array<Row, 6> rows = {{
      {Kind::done, done_on(d(2021, 7, 22)), Outcome::apply, Outcome::refused, Outcome::refused,
       Outcome::refused},
      {Kind::extend, extend_to(d(2021, 8, 5)), Outcome::apply, Outcome::refused, Outcome::refused,
       Outcome::refused},
      {Kind::cancel, with_text(Kind::cancel, "Trùng nhiệm vụ khác"), Outcome::apply, Outcome::refused,
       Outcome::refused, Outcome::unchanged},
      {Kind::reopen, with_text(Kind::reopen, "Báo cáo chưa đủ"), Outcome::unchanged, Outcome::apply,
       Outcome::apply, Outcome::apply},
      {Kind::verify, verify_on(d(2021, 7, 25)), Outcome::refused, Outcome::apply, Outcome::refused,
       Outcome::refused},
      {Kind::note, with_text(Kind::note, "Đã gửi công văn đôn đốc"), Outcome::apply, Outcome::apply,
       Outcome::apply, Outcome::apply},
  }};
  const std::array<Status, 4> statuses = {Status::open, Status::done, Status::verified, Status::cancelled};
  for (const Row& row : rows) {
    for (const Status status : statuses) {
      CAPTURE(to_string(row.kind));
      CAPTURE(to_string(status));
      const Outcome expected = status == Status::open       ? row.open
                               : status == Status::done     ? row.done
                               : status == Status::verified ? row.verified
                                                            : row.cancelled;
      const Task before = with_status(status);
      for (const Lang lang : {Lang::en, Lang::vi}) {
        const Judged r = check_change(before, row.change, context(lang));
        CAPTURE(name(r.outcome));
        CHECK(r.outcome == expected);
        CHECK(r.reason.empty() == (expected != Outcome::refused));
        if (expected == Outcome::apply) {
          CHECK(only_lifecycle_changed(before, r.after));
        } else {
          CHECK(same(before, r.after));
        }
        if (!r.reason.empty()) {
          CHECK(r.reason.back() != '.');
          CHECK(r.reason.front() >= 'a');
        }
      }
    }
  }
}

TEST_CASE("the resulting status of each allowed change") {
  const Context ctx = context();
  CHECK(check_change(with_status(Status::open), done_on(std::nullopt), ctx).after.status == Status::done);
  CHECK(check_change(with_status(Status::open), extend_to(d(2021, 8, 5)), ctx).after.status == Status::open);
  CHECK(check_change(with_status(Status::open), with_text(Kind::cancel, "x"), ctx).after.status ==
        Status::cancelled);
  CHECK(check_change(with_status(Status::done), verify_on(std::nullopt), ctx).after.status ==
        Status::verified);
  for (const Status s : {Status::done, Status::verified, Status::cancelled}) {
    CAPTURE(to_string(s));
    CHECK(check_change(with_status(s), with_text(Kind::reopen, "x"), ctx).after.status == Status::open);
    CHECK(check_change(with_status(s), with_text(Kind::note, "x"), ctx).after.status == s);
  }
}

TEST_CASE("done") {
  const Task open = with_status(Status::open);

  SUBCASE("records the day and the deadline in force that day") {
    const auto r =
        check_change(open, done_on(d(2021, 7, 22), "Báo cáo số 45/BC-UBND ngày 21/7/2021"), context());
    REQUIRE(r.outcome == Outcome::apply);
    CHECK(r.after.status == Status::done);
    CHECK(r.after.done_on == d(2021, 7, 22));
    CHECK(r.after.done_deadline == d(2021, 7, 21));
    CHECK_FALSE(r.after.verified_on);
    CHECK(r.effective == d(2021, 7, 22));
    CHECK(only_lifecycle_changed(open, r.after));
  }
  SUBCASE("the deadline in force is the extended one") {
    Task t = open;
    t.last_day = d(2021, 8, 5);
    t.extensions = 1;
    auto ctx = context();
    ctx.rules.as_of = d(2021, 7, 30);
    const auto r = check_change(t, done_on(d(2021, 7, 30)), ctx);
    REQUIRE(r.outcome == Outcome::apply);
    CHECK(r.after.done_deadline == d(2021, 8, 5));
    CHECK(r.after.original_last_day == d(2021, 7, 21));
  }
  SUBCASE("a task without a deadline is done with none in force") {
    Task t = open;
    t.due.form = Due::Form::none;
    t.last_day.reset();
    t.original_last_day.reset();
    const auto r = check_change(t, done_on(d(2021, 7, 22)), context());
    REQUIRE(r.outcome == Outcome::apply);
    CHECK_FALSE(r.after.done_deadline);
  }
  SUBCASE("the day defaults to the as-of day") {
    const auto r = check_change(open, done_on(std::nullopt), context());
    REQUIRE(r.outcome == Outcome::apply);
    CHECK(r.after.done_on == d(2021, 7, 26));
    CHECK(r.effective == d(2021, 7, 26));
  }
  SUBCASE("on the as-of day and on the first day of the inspection") {
    CHECK(check_change(open, done_on(d(2021, 7, 26)), context()).outcome == Outcome::apply);
    CHECK(check_change(open, done_on(d(2021, 6, 15)), context()).outcome == Outcome::apply);
  }
  SUBCASE("without a known first day, any past day") {
    auto ctx = context();
    ctx.rules.began.reset();
    CHECK(check_change(open, done_on(d(2001, 1, 1)), ctx).outcome == Outcome::apply);
  }
  SUBCASE("in the future of the as-of day is refused") {
    const auto en = check_change(open, done_on(d(2021, 7, 30)), context());
    CHECK(en.outcome == Outcome::refused);
    CHECK(en.reason ==
          "done on 2021-07-30 is after the as-of day 2021-07-26; a task cannot be done in the future");
    const auto vi = check_change(open, done_on(d(2021, 7, 30)), context(Lang::vi));
    CHECK(vi.reason ==
          "ngày hoàn thành 30/07/2021 sau ngày tính đến 26/07/2021; không thể hoàn thành trong tương lai");
  }
  SUBCASE("before the inspection began is refused") {
    const auto en = check_change(open, done_on(d(2021, 6, 1)), context());
    CHECK(en.outcome == Outcome::refused);
    CHECK(en.reason == "done on 2021-06-01 is before the inspection began (2021-06-15)");
    const auto vi = check_change(open, done_on(d(2021, 6, 1)), context(Lang::vi));
    CHECK(vi.reason == "ngày hoàn thành 01/06/2021 trước ngày bắt đầu đợt kiểm tra (15/06/2021)");
  }
  SUBCASE("on a cancelled task is refused") {
    const auto en = check_change(with_status(Status::cancelled), done_on(d(2021, 7, 22)), context());
    CHECK(en.outcome == Outcome::refused);
    CHECK(en.reason == "the task is cancelled; reopen it before marking it done");
    const auto vi = check_change(with_status(Status::cancelled), done_on(d(2021, 7, 22)), context(Lang::vi));
    CHECK(vi.reason == "nhiệm vụ đã bị hủy; hãy mở lại trước khi đánh dấu hoàn thành");
  }
  SUBCASE("again on the same day is unchanged, done or verified") {
    for (const Status s : {Status::done, Status::verified}) {
      CAPTURE(to_string(s));
      const Task t = with_status(s);
      const auto r = check_change(t, done_on(d(2021, 7, 20), "Báo cáo số 45"), context());
      CHECK(r.outcome == Outcome::unchanged);
      CHECK(r.reason.empty());
      CHECK(r.effective == d(2021, 7, 20));
      CHECK(same(t, r.after));
    }
  }
  SUBCASE("again on another day is refused") {
    for (const Status s : {Status::done, Status::verified}) {
      CAPTURE(to_string(s));
      const auto en = check_change(with_status(s), done_on(d(2021, 7, 22)), context());
      CHECK(en.outcome == Outcome::refused);
      CHECK(en.reason == "the task was already done on 2021-07-20; reopen it before recording another day");
      const auto vi = check_change(with_status(s), done_on(d(2021, 7, 22)), context(Lang::vi));
      CHECK(vi.reason ==
            "nhiệm vụ đã hoàn thành ngày 20/07/2021; hãy mở lại trước khi ghi ngày hoàn thành khác");
    }
  }
  SUBCASE("the default day is compared with the recorded one") {
    auto ctx = context();
    ctx.rules.as_of = d(2021, 7, 20);
    CHECK(check_change(with_status(Status::done), done_on(std::nullopt), ctx).outcome == Outcome::unchanged);
    ctx.rules.as_of = d(2021, 7, 21);
    CHECK(check_change(with_status(Status::done), done_on(std::nullopt), ctx).outcome == Outcome::refused);
  }
}

TEST_CASE("verify") {
  const Task done = with_status(Status::done);

  SUBCASE("records the day and keeps the done fields") {
    const auto r = check_change(done, verify_on(d(2021, 7, 25), "Đã kiểm tra hồ sơ"), context());
    REQUIRE(r.outcome == Outcome::apply);
    CHECK(r.after.status == Status::verified);
    CHECK(r.after.verified_on == d(2021, 7, 25));
    CHECK(r.after.done_on == d(2021, 7, 20));
    CHECK(r.after.done_deadline == d(2021, 7, 21));
    CHECK(r.effective == d(2021, 7, 25));
    CHECK(only_lifecycle_changed(done, r.after));
  }
  SUBCASE("the day defaults to the as-of day; the note is optional") {
    const auto r = check_change(done, verify_on(std::nullopt), context());
    REQUIRE(r.outcome == Outcome::apply);
    CHECK(r.after.verified_on == d(2021, 7, 26));
    CHECK(r.effective == d(2021, 7, 26));
  }
  SUBCASE("on the day it was done and on the as-of day") {
    CHECK(check_change(done, verify_on(d(2021, 7, 20)), context()).outcome == Outcome::apply);
    CHECK(check_change(done, verify_on(d(2021, 7, 26)), context()).outcome == Outcome::apply);
  }
  SUBCASE("an open or cancelled task is refused") {
    const auto open = check_change(with_status(Status::open), verify_on(d(2021, 7, 25)), context());
    CHECK(open.outcome == Outcome::refused);
    CHECK(open.reason == "only a done task can be verified; this one is open");
    const auto cancelled = check_change(with_status(Status::cancelled), verify_on(d(2021, 7, 25)), context());
    CHECK(cancelled.reason == "only a done task can be verified; this one is cancelled");
    const auto vi = check_change(with_status(Status::open), verify_on(d(2021, 7, 25)), context(Lang::vi));
    CHECK(vi.reason == "chỉ nhiệm vụ đã hoàn thành mới được xác minh; nhiệm vụ này đang thực hiện");
  }
  SUBCASE("before the task was done is refused") {
    const auto en = check_change(done, verify_on(d(2021, 7, 19)), context());
    CHECK(en.outcome == Outcome::refused);
    CHECK(en.reason == "verified on 2021-07-19 is before the task was done (2021-07-20)");
    const auto vi = check_change(done, verify_on(d(2021, 7, 19)), context(Lang::vi));
    CHECK(vi.reason == "ngày xác minh 19/07/2021 trước ngày hoàn thành (20/07/2021)");
  }
  SUBCASE("after the as-of day is refused") {
    const auto en = check_change(done, verify_on(d(2021, 7, 27)), context());
    CHECK(en.outcome == Outcome::refused);
    CHECK(en.reason ==
          "verified on 2021-07-27 is after the as-of day 2021-07-26; a fix cannot be verified in the future");
    const auto vi = check_change(done, verify_on(d(2021, 7, 27)), context(Lang::vi));
    CHECK(vi.reason ==
          "ngày xác minh 27/07/2021 sau ngày tính đến 26/07/2021; không thể xác minh trong tương lai");
  }
  SUBCASE("again on the same day is unchanged") {
    const Task verified = with_status(Status::verified);
    const auto r = check_change(verified, verify_on(d(2021, 7, 24), "ghi chú khác"), context());
    CHECK(r.outcome == Outcome::unchanged);
    CHECK(r.effective == d(2021, 7, 24));
    CHECK(same(verified, r.after));
  }
  SUBCASE("again on another day is refused") {
    const auto en = check_change(with_status(Status::verified), verify_on(d(2021, 7, 25)), context());
    CHECK(en.outcome == Outcome::refused);
    CHECK(en.reason ==
          "the task was already verified on 2021-07-24; to verify it on another day, reopen it and mark it "
          "done again");
    const auto vi = check_change(with_status(Status::verified), verify_on(d(2021, 7, 25)), context(Lang::vi));
    CHECK(vi.reason ==
          "nhiệm vụ đã được xác minh ngày 24/07/2021; muốn xác minh ngày khác, hãy mở lại và đánh dấu hoàn "
          "thành lại");
  }
}

TEST_CASE("extend") {
  const Task open = with_status(Status::open);

  SUBCASE("moves the deadline in force and counts the extension") {
    const auto r = check_change(open, extend_to(d(2021, 8, 5)), context());
    REQUIRE(r.outcome == Outcome::apply);
    CHECK(r.after.last_day == d(2021, 8, 5));
    CHECK(r.after.extensions == 1);
    CHECK(r.after.original_last_day == d(2021, 7, 21));
    CHECK(r.after.status == Status::open);
    CHECK(r.effective == d(2021, 8, 5));
    CHECK(only_lifecycle_changed(open, r.after));

    const auto again = check_change(r.after, extend_to(d(2021, 8, 20)), context());
    REQUIRE(again.outcome == Outcome::apply);
    CHECK(again.after.last_day == d(2021, 8, 20));
    CHECK(again.after.extensions == 2);
    CHECK(again.after.original_last_day == d(2021, 7, 21));
  }
  SUBCASE("the same extension again is unchanged") {
    const Task extended = check_change(open, extend_to(d(2021, 8, 5)), context()).after;
    const auto r = check_change(extended, extend_to(d(2021, 8, 5), "lý do khác"), context());
    CHECK(r.outcome == Outcome::unchanged);
    CHECK(r.effective == d(2021, 8, 5));
    CHECK(same(extended, r.after));
  }
  SUBCASE("to the deadline as written, never extended, is refused") {
    const auto en = check_change(open, extend_to(d(2021, 7, 21)), context());
    CHECK(en.outcome == Outcome::refused);
    CHECK(en.reason == "the extension to 2021-07-21 is not later than the deadline in force, 2021-07-21");
  }
  SUBCASE("to an earlier day is refused") {
    const auto en = check_change(open, extend_to(d(2021, 7, 20)), context());
    CHECK(en.outcome == Outcome::refused);
    CHECK(en.reason == "the extension to 2021-07-20 is not later than the deadline in force, 2021-07-21");
    const auto vi = check_change(open, extend_to(d(2021, 7, 20)), context(Lang::vi));
    CHECK(vi.reason == "ngày gia hạn 20/07/2021 không sau thời hạn đang áp dụng, 21/07/2021");
    Task extended = open;
    extended.last_day = d(2021, 8, 5);
    extended.extensions = 1;
    const auto back = check_change(extended, extend_to(d(2021, 7, 30)), context());
    CHECK(back.outcome == Outcome::refused);
    CHECK(back.reason == "the extension to 2021-07-30 is not later than the deadline in force, 2021-08-05");
  }
  SUBCASE("a task without a deadline takes any day") {
    Task t = open;
    t.due.form = Due::Form::none;
    t.last_day.reset();
    t.original_last_day.reset();
    const auto r = check_change(t, extend_to(d(2021, 7, 1)), context());
    REQUIRE(r.outcome == Outcome::apply);
    CHECK(r.after.last_day == d(2021, 7, 1));
    CHECK(r.after.extensions == 1);
    CHECK_FALSE(r.after.original_last_day);
  }
  SUBCASE("needs a reason") {
    const auto en = check_change(open, extend_to(d(2021, 8, 5), ""), context());
    CHECK(en.outcome == Outcome::refused);
    CHECK(en.reason == "an extension needs a reason (--reason)");
    const auto vi = check_change(open, extend_to(d(2021, 8, 5), ""), context(Lang::vi));
    CHECK(vi.reason == "gia hạn phải có lý do (--reason)");
    CHECK(check_change(open, extend_to(d(2021, 8, 5), "  "), context()).outcome == Outcome::refused);
  }
  SUBCASE("needs the new day") {
    const auto en = check_change(open, extend_to(std::nullopt), context());
    CHECK(en.outcome == Outcome::refused);
    CHECK(en.reason == "an extension needs the new last day (--to)");
  }
  SUBCASE("a task that is not open is refused") {
    const auto done = check_change(with_status(Status::done), extend_to(d(2021, 8, 5)), context());
    CHECK(done.outcome == Outcome::refused);
    CHECK(done.reason == "the task is done; only an open task can be extended, reopen it first");
    const auto cancelled = check_change(with_status(Status::cancelled), extend_to(d(2021, 8, 5)), context());
    CHECK(cancelled.reason == "the task is cancelled; only an open task can be extended, reopen it first");
    const auto vi = check_change(with_status(Status::verified), extend_to(d(2021, 8, 5)), context(Lang::vi));
    CHECK(vi.reason ==
          "nhiệm vụ đã được xác minh; chỉ nhiệm vụ đang thực hiện mới được gia hạn, hãy mở lại trước");
  }
}

TEST_CASE("cancel") {
  const Task open = with_status(Status::open);

  SUBCASE("takes effect on the as-of day") {
    const auto r = check_change(open, with_text(Kind::cancel, "Trùng nhiệm vụ khác"), context());
    REQUIRE(r.outcome == Outcome::apply);
    CHECK(r.after.status == Status::cancelled);
    CHECK(r.effective == d(2021, 7, 26));
    CHECK(r.after.last_day == d(2021, 7, 21));
    CHECK(only_lifecycle_changed(open, r.after));
  }
  SUBCASE("a cancelled task is unchanged") {
    const Task cancelled = with_status(Status::cancelled);
    const auto r = check_change(cancelled, with_text(Kind::cancel, "Trùng nhiệm vụ khác"), context());
    CHECK(r.outcome == Outcome::unchanged);
    CHECK(same(cancelled, r.after));
  }
  SUBCASE("a done or verified task is refused") {
    const auto en = check_change(with_status(Status::done), with_text(Kind::cancel, "x"), context());
    CHECK(en.outcome == Outcome::refused);
    CHECK(en.reason == "the task is done; reopen it before cancelling it");
    const auto vi =
        check_change(with_status(Status::verified), with_text(Kind::cancel, "x"), context(Lang::vi));
    CHECK(vi.reason == "nhiệm vụ đã được xác minh; hãy mở lại trước khi hủy");
  }
  SUBCASE("needs a reason") {
    const auto en = check_change(open, with_text(Kind::cancel, ""), context());
    CHECK(en.outcome == Outcome::refused);
    CHECK(en.reason == "cancelling a task needs a reason (--reason)");
    const auto vi = check_change(open, with_text(Kind::cancel, ""), context(Lang::vi));
    CHECK(vi.reason == "hủy nhiệm vụ phải có lý do (--reason)");
  }
}

TEST_CASE("reopen") {
  SUBCASE("clears the done fields and keeps the deadline") {
    Task t = with_status(Status::verified);
    t.last_day = d(2021, 8, 5);
    t.extensions = 1;
    t.done_deadline = d(2021, 8, 5);
    const auto r = check_change(t, with_text(Kind::reopen, "Báo cáo chưa đủ"), context());
    REQUIRE(r.outcome == Outcome::apply);
    CHECK(r.after.status == Status::open);
    CHECK_FALSE(r.after.done_on);
    CHECK_FALSE(r.after.done_deadline);
    CHECK_FALSE(r.after.verified_on);
    CHECK(r.after.last_day == d(2021, 8, 5));
    CHECK(r.after.extensions == 1);
    CHECK(r.after.original_last_day == d(2021, 7, 21));
    CHECK(r.effective == d(2021, 7, 26));
    CHECK(only_lifecycle_changed(t, r.after));
  }
  SUBCASE("a cancelled task opens again") {
    const auto r = check_change(with_status(Status::cancelled), with_text(Kind::reopen, "Nhầm"), context());
    REQUIRE(r.outcome == Outcome::apply);
    CHECK(r.after.status == Status::open);
  }
  SUBCASE("an open task is unchanged") {
    const Task open = with_status(Status::open);
    const auto r = check_change(open, with_text(Kind::reopen, "Nhầm"), context());
    CHECK(r.outcome == Outcome::unchanged);
    CHECK(same(open, r.after));
  }
  SUBCASE("needs a reason") {
    const auto en = check_change(with_status(Status::done), with_text(Kind::reopen, ""), context());
    CHECK(en.outcome == Outcome::refused);
    CHECK(en.reason == "reopening a task needs a reason (--reason)");
    const auto vi = check_change(with_status(Status::done), with_text(Kind::reopen, ""), context(Lang::vi));
    CHECK(vi.reason == "mở lại nhiệm vụ phải có lý do (--reason)");
  }
  SUBCASE("then done again records the new day") {
    const Task reopened =
        check_change(with_status(Status::done), with_text(Kind::reopen, "x"), context()).after;
    const auto r = check_change(reopened, done_on(d(2021, 7, 23)), context());
    REQUIRE(r.outcome == Outcome::apply);
    CHECK(r.after.done_on == d(2021, 7, 23));
  }
}

TEST_CASE("note") {
  SUBCASE("a new note changes no field") {
    for (const Status s : {Status::open, Status::done, Status::verified, Status::cancelled}) {
      CAPTURE(to_string(s));
      const Task t = with_status(s);
      const auto r = check_change(t, with_text(Kind::note, "Đã gửi công văn đôn đốc"), context());
      REQUIRE(r.outcome == Outcome::apply);
      CHECK(same(t, r.after));
      CHECK(r.effective == d(2021, 7, 26));
    }
  }
  SUBCASE("a note the task already has is unchanged") {
    const auto r =
        check_change(with_status(Status::open), with_text(Kind::note, "Đã nhắc qua điện thoại"), context());
    CHECK(r.outcome == Outcome::unchanged);
  }
  SUBCASE("an empty note is refused") {
    const auto en = check_change(with_status(Status::open), with_text(Kind::note, ""), context());
    CHECK(en.outcome == Outcome::refused);
    CHECK(en.reason == "a note cannot be empty; write its text");
    const auto vi = check_change(with_status(Status::open), with_text(Kind::note, ""), context(Lang::vi));
    CHECK(vi.reason == "ghi chú không được để trống; hãy ghi nội dung");
  }
}

TEST_CASE("a refusal says what it is about: the day, the text or the change itself") {
  using Part = ChangeCheck::Part;
  const Context ctx = context();
  SUBCASE("the day") {
    CHECK(check_change(open_task(), done_on(ctx.rules.as_of.plus_days(1)), ctx).part == Part::date);
    CHECK(check_change(open_task(), done_on(ctx.rules.began->plus_days(-1)), ctx).part == Part::date);
    CHECK(check_change(with_status(Status::done), verify_on(ctx.rules.as_of.plus_days(1)), ctx).part ==
          Part::date);
    CHECK(check_change(open_task(), extend_to(std::nullopt), ctx).part == Part::date);
    CHECK(check_change(open_task(), extend_to(*open_task().last_day), ctx).part == Part::date);
  }
  SUBCASE("the text") {
    CHECK(check_change(open_task(), extend_to(ctx.rules.as_of.plus_days(30), ""), ctx).part == Part::text);
    CHECK(check_change(open_task(), with_text(Kind::cancel, ""), ctx).part == Part::text);
    CHECK(check_change(with_status(Status::done), with_text(Kind::reopen, " "), ctx).part == Part::text);
    CHECK(check_change(open_task(), with_text(Kind::note, ""), ctx).part == Part::text);
  }
  SUBCASE("the change itself: the task's status does not allow it") {
    const ChangeCheck verify_open = check_change(open_task(), verify_on(std::nullopt), ctx);
    CHECK(verify_open.outcome == Outcome::refused);
    CHECK(verify_open.part == Part::change);
    CHECK(check_change(with_status(Status::cancelled), done_on(std::nullopt), ctx).part == Part::change);
  }
}
