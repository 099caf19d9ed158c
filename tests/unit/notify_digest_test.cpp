#include <doctest/doctest.h>

#include <sstream>

#include "inspectrack/notify/digest.hpp"
#include "inspectrack/text/utf8.hpp"

using namespace inspectrack;
using model::Date;
using text::Lang;

namespace {
Date d(const char* s) { return *model::parse_date(s).date; }

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

// The text with every run of whitespace (line breaks of the wrapping too) as one space.
std::string flat(const std::string& s) {
  std::string out;
  bool space = false;
  for (const char c : s) {
    if (c == ' ' || c == '\n') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

const calendar::CalendarRegistry& weekends() {
  static const calendar::CalendarRegistry registry = [] {
    calendar::CalendarRegistry r;
    calendar::CalendarSpec vn;
    vn.key = "vn";
    r.add(vn);
    return r;
  }();
  return registry;
}

report::TaskRow row(std::int64_t id, const char* key, Date last_day, int working_late, int days_late) {
  report::TaskRow r;
  r.task.id = id;
  r.task.inspection = "gia-lai-cchc-2021-chu-prong";
  r.task.key = key;
  r.task.assignee = "bau-can";
  r.task.assignee_name = "UBND xã Bàu Cạn";
  r.task.action = "Báo cáo kết quả khắc phục các tồn tại, hạn chế về công tác cải cách hành chính "
                  "qua kiểm tra năm 2021 gửi Phòng Nội vụ huyện để tổng hợp";
  r.task.last_day = last_day;
  r.task.due.text = "before: 22/7/2021";
  r.task.due.form = model::Due::Form::before;
  r.task.due.date = d("2021-07-22");
  r.task.report_to = "chu-prong.noi-vu";
  r.task.report_to_name = "Phòng Nội vụ huyện Chư Prông";
  r.working_days_late = working_late;
  r.days_late = days_late;
  return r;
}

report::Digest digest() {
  report::Digest dg;
  dg.unit.key = "bau-can";
  dg.unit.name = "UBND xã Bàu Cạn";
  dg.unit.emails = {"baucan@example.vn"};
  dg.overdue = {row(17, "bao-cao-khac-phuc", d("2021-07-21"), 2, 2), row(18, "niem-yet", d("2021-07-22"), 1, 1)};
  dg.due_soon = {row(19, "quy-che", d("2021-07-26"), 0, 0)};
  return dg;
}

std::map<std::string, model::Inspection, std::less<>> inspections() {
  model::Inspection i;
  i.key = "gia-lai-cchc-2021-chu-prong";
  i.title = "Kiểm tra công tác cải cách hành chính năm 2021 tại huyện Chư Prông";
  i.conclusion.number = "72/TB-UBND";
  i.conclusion.date = d("2021-07-15");
  return {{i.key, i}};
}
}  // namespace

TEST_CASE("wrap: words on lines of at most the width, by display width") {
  CHECK(notify::wrap("", "", 10, 0).empty());
  CHECK(notify::wrap("1. ", "a b c", 76, 3) == "1. a b c");
  CHECK(notify::wrap("", "aaa bbb ccc", 7, 0) == "aaa bbb\nccc");
  CHECK(notify::wrap("- ", "aaa bbb ccc", 7, 2) == "- aaa\n  bbb\n  ccc");
  CHECK(notify::wrap("", "  spaced\n\nout\twords  ", 76, 0) == "spaced out words");
  SUBCASE("Vietnamese letters with combining marks count one column each") {
    // "Bàu Cạn" decomposed (NFD): 7 columns, more bytes.
    const std::string nfd = "Ba\xcc\x80u Ca\xcc\xa3n";
    CHECK(notify::wrap("", nfd + " " + nfd, 15, 0) == nfd + " " + nfd);
    CHECK(notify::wrap("", nfd + " " + nfd, 14, 0) == nfd + " Ba\xcc\x80u\nCa\xcc\xa3n");  // 11 + 4 > 14
  }
  SUBCASE("a word that does not fit after the prefix starts the next line whole") {
    CHECK(notify::wrap("Label: ", "abcdefgh", 10, 2) == "Label:\n  abcdefgh");
    CHECK(notify::wrap("Label: ", "abc", 10, 2) == "Label: abc");
  }
  SUBCASE("a word wider than a line is cut between characters") {
    const std::string out = notify::wrap("", std::string(25, 'x'), 10, 2);
    CHECK(out == "xxxxxxxxxx\n  xxxxxxxx\n  xxxxxxx");
    const std::string vi = notify::wrap("", "ờờờờờờờờờờờờ", 5, 0);
    for (const auto& line : lines_of(vi)) {
      CHECK(text::display_width(line) <= 5);
      CHECK_FALSE(text::find_invalid_utf8(line).has_value());
    }
  }
}

TEST_CASE("digest_subject: the counts, in the user's language") {
  report::Digest dg = digest();
  CHECK(notify::digest_subject(dg, Lang::vi) == "[Nhắc việc] UBND xã Bàu Cạn: 2 nhiệm vụ quá hạn, 1 sắp đến hạn");
  CHECK(notify::digest_subject(dg, Lang::en) == "[Reminder] UBND xã Bàu Cạn: 2 tasks overdue, 1 due soon");
  dg.due_soon.clear();
  CHECK(notify::digest_subject(dg, Lang::vi) == "[Nhắc việc] UBND xã Bàu Cạn: 2 nhiệm vụ quá hạn");
  dg.overdue.resize(1);
  CHECK(notify::digest_subject(dg, Lang::en) == "[Reminder] UBND xã Bàu Cạn: 1 task overdue");
  dg = digest();
  dg.overdue.clear();
  CHECK(notify::digest_subject(dg, Lang::vi) == "[Nhắc việc] UBND xã Bàu Cạn: 1 nhiệm vụ sắp đến hạn");
  CHECK(notify::digest_subject(dg, Lang::en) == "[Reminder] UBND xã Bàu Cạn: 1 task due soon");
  SUBCASE("a newline in a name cannot reach the header") {
    dg.unit.name = "UBND xã\r\nBcc: all@example.vn";
    CHECK(notify::digest_subject(dg, Lang::en) == "[Reminder] UBND xã Bcc: all@example.vn: 1 task due soon");
  }
  SUBCASE("an escape sequence in a name is shown, not sent") {
    dg.unit.name = "UBND\x1b[2J xã";
    CHECK(notify::digest_subject(dg, Lang::en) == "[Reminder] UBND\\e[2J xã: 1 task due soon");
  }
}

TEST_CASE("digest_body: control characters in stored texts are shown as escapes") {
  const auto insp = inspections();
  notify::DigestContext ctx;
  ctx.as_of = d("2021-07-23");
  ctx.inspections = &insp;
  ctx.calendars = &weekends();
  report::Digest dg = digest();
  dg.unit.name = "UBND\x07 xã";
  dg.overdue.resize(1);
  dg.overdue[0].task.action = "Copy \x1b]52;c;eA==\x07 now\u0085\tthen";
  dg.overdue[0].task.key = "k\x1b[2J";
  const std::string body = notify::digest_body(dg, ctx);
  CHECK(body.find('\x1b') == std::string::npos);
  CHECK(body.find('\x07') == std::string::npos);
  CHECK(body.find("\xc2\x85") == std::string::npos);
  CHECK(body.find("1. Copy \\e]52;c;eA==\\x07 now\\u{85} then\n") != std::string::npos);
  CHECK(body.find("UBND\\x07 xã") != std::string::npos);
  CHECK(body.find("/k\\e[2J@bau-can (id 17)") != std::string::npos);
}

TEST_CASE("digest_body: each task with what the unit needs to act on it") {
  const auto insp = inspections();
  notify::DigestContext ctx;
  ctx.as_of = d("2021-07-23");
  ctx.inspections = &insp;
  ctx.calendars = &weekends();

  SUBCASE("Vietnamese") {
    ctx.lang = Lang::vi;
    const std::string body = notify::digest_body(digest(), ctx);
    CHECK(body.find("Kính gửi: UBND xã Bàu Cạn\n") == 0);
    CHECK(flat(body).find("Tính đến ngày 23/07/2021, đơn vị có 2 nhiệm vụ khắc phục quá hạn và 1 "
                          "nhiệm vụ đến hạn trong 3 ngày làm việc tới.") != std::string::npos);
    CHECK(body.find("NHIỆM VỤ QUÁ HẠN") < body.find("NHIỆM VỤ SẮP ĐẾN HẠN"));
    CHECK(body.find("   Đợt kiểm tra: Kiểm tra công tác cải cách hành chính năm 2021 tại huyện") != std::string::npos);
    CHECK(body.find("   Văn bản kết luận: Số 72/TB-UBND ngày 15/07/2021") != std::string::npos);
    CHECK(body.find("   Thời hạn: 21/07/2021 (thứ Tư) — theo văn bản: trước ngày 22/07/2021") != std::string::npos);
    CHECK(body.find("   Quá hạn: 2 ngày làm việc") != std::string::npos);
    CHECK(body.find("   Còn lại: 1 ngày làm việc") != std::string::npos);
    CHECK(body.find("   Báo cáo về: Phòng Nội vụ huyện Chư Prông") != std::string::npos);
    // Keys and commands are never cut: they are copied as they are.
    CHECK(body.find("\n   Mã nhiệm vụ: gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau-can (id 17)\n") !=
          std::string::npos);
    // The unit answers the office; it does not run inspectrack.
    CHECK(body.find("inspectrack done") == std::string::npos);
    CHECK(body.find("\n\nCÁCH TRẢ LỜI\n\n") < body.find("\n-- \n"));
    CHECK(flat(body).find(
              "Khi hoàn thành nhiệm vụ, đề nghị đơn vị trả lời thư này, gửi cơ quan đã gửi thư nhắc "
              "này, ghi rõ mã nhiệm vụ, số và ngày của văn bản báo cáo kết quả thực hiện (Báo cáo số "
              "… ngày …). Văn bản báo cáo gửi về đơn vị ghi tại mục “Báo cáo về”.") != std::string::npos);
    CHECK(body.find("Đã gia hạn") == std::string::npos);
  }
  SUBCASE("English, an extended task, calendar days, escalation and copies") {
    ctx.lang = Lang::en;
    ctx.rules.working_days = false;
    ctx.rules.escalate_after = 1;
    report::Digest dg = digest();
    dg.overdue[0].task.extensions = 1;
    dg.overdue[0].task.original_last_day = d("2021-07-15");
    dg.escalated = {17};
    report::CopiedUnit parent;
    parent.unit.name = "UBND huyện Chư Prông";
    parent.escalation = true;
    dg.copies = {parent};
    const std::string body = notify::digest_body(dg, ctx);
    CHECK(body.find("To: UBND xã Bàu Cạn\n") == 0);
    CHECK(flat(body).find("As of 2021-07-23, your unit has 2 remediation tasks overdue and 1 due within "
                          "the next 3 working days.") != std::string::npos);
    CHECK(body.find("   Deadline: 2021-07-21 (Wednesday) — as written: before 2021-07-22") != std::string::npos);
    CHECK(body.find("   Extended: 1 time; the original deadline was 2021-07-15") != std::string::npos);
    CHECK(body.find("   Late by: 2 days") != std::string::npos);
    CHECK(body.find("   Escalated: more than 1 day late, so the parent unit receives a copy") != std::string::npos);
    CHECK(body.find("Copies: UBND huyện Chư Prông (parent unit, for tasks long overdue)") != std::string::npos);
    // Only the first task was escalated.
    CHECK(body.find("Escalated") == body.rfind("Escalated"));
  }
  SUBCASE("each way of writing a deadline, in words") {
    ctx.lang = Lang::vi;
    report::Digest dg = digest();
    dg.overdue.resize(1);
    dg.due_soon.clear();
    model::Due& due = dg.overdue[0].task.due;
    const auto written = [&] { return flat(notify::digest_body(dg, ctx)); };
    due.form = model::Due::Form::by;
    CHECK(written().find("theo văn bản: đến hết ngày 22/07/2021") != std::string::npos);
    due.form = model::Due::Form::within;
    due.period = 15;
    due.counting = model::Due::Counting::working_days;
    due.anchor = model::Due::Anchor::conclusion_date;
    CHECK(written().find("theo văn bản: trong 15 ngày làm việc kể từ ngày ban hành kết luận") != std::string::npos);
    due.counting = model::Due::Counting::calendar_days;
    due.anchor = model::Due::Anchor::date;
    due.anchor_date = d("2021-07-02");
    ctx.lang = Lang::en;
    CHECK(written().find("as written: within 15 days from 2021-07-02") != std::string::npos);
    due.form = model::Due::Form::day;
    due.day = 15;
    CHECK(written().find("as written: day 15 of each period's last month") != std::string::npos);
  }
  SUBCASE("due today") {
    ctx.lang = Lang::en;
    report::Digest dg = digest();
    dg.overdue.clear();
    dg.due_soon[0].task.last_day = d("2021-07-23");
    const std::string body = notify::digest_body(dg, ctx);
    CHECK(body.find("   Time left: the deadline is today") != std::string::npos);
    dg.due_soon[0].task.last_day = d("2021-07-25");  // a Sunday, from Friday
    CHECK(notify::digest_body(dg, ctx).find("   Time left: 2 days (the deadline is a day off)") != std::string::npos);
    CHECK(flat(body).find("your unit has 1 remediation task due within the next 3 working days.") !=
          std::string::npos);
  }
  SUBCASE("how to answer names the office that sent it, and the report-to unit only when a task has one") {
    ctx.lang = Lang::en;
    ctx.office = "Văn phòng UBND huyện Chư Prông";
    report::Digest dg = digest();
    std::string body = notify::digest_body(dg, ctx);
    CHECK(flat(body).find(
              "HOW TO ANSWER When a task is done, reply to this message, to Văn phòng UBND huyện Chư "
              "Prông, with the task's code and the number and date of the report of its completion "
              "(report no. … of …). Send the report itself to the unit under \"Report to\". -- ") !=
          std::string::npos);
    for (auto* rows : {&dg.overdue, &dg.due_soon}) {
      for (auto& r : *rows) r.task.report_to.reset();
    }
    body = notify::digest_body(dg, ctx);
    CHECK(body.find("HOW TO ANSWER") != std::string::npos);
    CHECK(body.find("Send the report itself") == std::string::npos);
  }
  SUBCASE("every line but the key fits 76 columns and is valid UTF-8, even with a huge action") {
    ctx.lang = Lang::vi;
    report::Digest dg = digest();
    dg.overdue[0].task.action = std::string(3000, 'x') + " " + std::string(2000, 'y');
    for (const auto& line : lines_of(notify::digest_body(dg, ctx))) {
      const bool whole = line.find("Mã nhiệm vụ") != std::string::npos;
      if (!whole) CHECK(text::display_width(line) <= 76);
      CHECK(line.size() < 998);
      CHECK_FALSE(text::find_invalid_utf8(line).has_value());
    }
  }
}

namespace {
// Two overdue tasks, both extended and escalated, the second due "within 10 working
// days from the end of the inspection"; one due soon with a deadline in no known form;
// a copy to the unit reported to and one to the parent, which is both.
report::Digest late_and_copied() {
  report::Digest dg = digest();
  dg.overdue[0].task.extensions = 2;
  dg.overdue[0].task.original_last_day = d("2021-07-15");
  model::Task& second = dg.overdue[1].task;
  second.extensions = 1;
  second.original_last_day = d("2021-07-16");
  second.due.form = model::Due::Form::within;
  second.due.period = 10;
  second.due.counting = model::Due::Counting::working_days;
  second.due.anchor = model::Due::Anchor::inspection_to;
  dg.due_soon[0].task.due.form = model::Due::Form::none;
  dg.due_soon[0].task.due.text = "khi có văn bản";
  dg.escalated = {17, 18};
  report::CopiedUnit noi_vu;
  noi_vu.unit.name = "Phòng Nội vụ huyện Chư Prông";
  noi_vu.report_to = true;
  report::CopiedUnit parent;
  parent.unit.name = "UBND huyện Chư Prông";
  parent.report_to = true;
  parent.escalation = true;
  dg.copies = {noi_vu, parent};
  return dg;
}

// Nothing overdue; two tasks due soon: one on a Sunday ("on" a day), one today
// ("within 1 day from the end of the period"), which reports to no one.
report::Digest only_due_soon() {
  report::Digest dg = digest();
  dg.overdue.clear();
  dg.due_soon.push_back(dg.due_soon[0]);
  dg.due_soon[0].task.last_day = d("2021-07-25");
  dg.due_soon[0].task.due.form = model::Due::Form::date;
  model::Task& today = dg.due_soon[1].task;
  today.last_day = d("2021-07-23");
  today.due.form = model::Due::Form::within;
  today.due.period = 1;
  today.due.counting = model::Due::Counting::calendar_days;
  today.due.anchor = model::Due::Anchor::period_end;
  today.report_to.reset();
  return dg;
}
}  // namespace

TEST_CASE("digest_body: every kind of sentence, word for word in both languages") {
  auto insp = inspections();
  notify::DigestContext ctx;
  ctx.as_of = d("2021-07-23");
  ctx.inspections = &insp;
  ctx.calendars = &weekends();
  const auto has = [](const std::string& body, const char* text) { return flat(body).find(text) != std::string::npos; };

  SUBCASE("late, extended, escalated and copied, counted in calendar days") {
    ctx.rules.working_days = false;
    ctx.rules.escalate_after = 1;
    ctx.lang = Lang::vi;
    std::string body = notify::digest_body(late_and_copied(), ctx);
    CHECK(has(body, "Tính đến ngày 23/07/2021, đơn vị có 2 nhiệm vụ khắc phục quá hạn và 1 nhiệm vụ đến hạn "
                    "trong 3 ngày làm việc tới. Đề nghị đơn vị khẩn trương thực hiện và báo cáo kết quả theo "
                    "đúng thời hạn."));
    CHECK(body.find("\n   Đã gia hạn: 2 lần; thời hạn ban đầu 15/07/2021\n   Quá hạn: 2 ngày\n") != std::string::npos);
    CHECK(has(body, "Thời hạn: 22/07/2021 (thứ Năm) — theo văn bản: trong 10 ngày làm việc kể từ ngày kết thúc "
                    "kiểm tra Đã gia hạn: 1 lần; thời hạn ban đầu 16/07/2021 Quá hạn: 1 ngày"));
    CHECK(has(body, "Báo cáo cấp trên: quá hạn trên 1 ngày, thư được gửi đồng thời đến đơn vị cấp trên"));
    CHECK(has(body, "Thời hạn: 26/07/2021 (thứ Hai) — theo văn bản: không có thời hạn"));
    CHECK(has(body, "Đồng gửi: Phòng Nội vụ huyện Chư Prông (đơn vị nhận báo cáo), UBND huyện Chư Prông (đơn vị "
                    "nhận báo cáo; đơn vị cấp trên, do nhiệm vụ quá hạn lâu)"));
    CHECK(has(body, "-- Đồng gửi:"));
    CHECK(has(body, "Thư nhắc việc tự động của inspectrack, lập ngày 23/07/2021. Mỗi ngày đơn vị nhận nhiều nhất "
                    "một thư nhắc; nhiệm vụ đã hoàn thành, đã hủy hoặc được gia hạn ra ngoài 3 ngày làm việc tới "
                    "sẽ không có trong thư sau."));
    ctx.lang = Lang::en;
    body = notify::digest_body(late_and_copied(), ctx);
    CHECK(body.find("\n   Extended: 2 times; the original deadline was 2021-07-15\n   Late by: 2 days\n") !=
          std::string::npos);
    CHECK(has(body, "as written: within 10 working days from the end of the inspection Extended: 1 time; the "
                    "original deadline was 2021-07-16 Late by: 1 day"));
    CHECK(has(body, "Deadline: 2021-07-26 (Monday) — as written: no deadline"));
    CHECK(has(body, "Copies: Phòng Nội vụ huyện Chư Prông (tasks report to it), UBND huyện Chư Prông (tasks "
                    "report to it; parent unit, for tasks long overdue)"));
    CHECK(has(body, "An automatic reminder from inspectrack for 2021-07-23. A unit receives at most one reminder "
                    "a day; tasks done, cancelled or extended beyond the next 3 working days are left out of the "
                    "next one."));
  }
  SUBCASE("only due soon, on a day off and today, within one working day") {
    ctx.rules.within = 1;
    insp.begin()->second.conclusion.number.clear();
    ctx.lang = Lang::vi;
    std::string body = notify::digest_body(only_due_soon(), ctx);
    CHECK(has(body, "Tính đến ngày 23/07/2021, đơn vị có 2 nhiệm vụ khắc phục đến hạn trong 1 ngày làm việc tới."));
    CHECK(body.find("\n   Văn bản kết luận: Ngày 15/07/2021\n") != std::string::npos);
    CHECK(body.find("\n   Thời hạn: 25/07/2021 (Chủ nhật) — theo văn bản: ngày 22/07/2021\n"
                    "   Còn lại: 2 ngày (hạn cuối là ngày nghỉ)\n") != std::string::npos);
    CHECK(has(body, "theo văn bản: trong 1 ngày kể từ ngày kết thúc kỳ Còn lại: hôm nay là hạn cuối Mã nhiệm vụ:"));
    CHECK(body.find("Đồng gửi") == std::string::npos);
    ctx.lang = Lang::en;
    body = notify::digest_body(only_due_soon(), ctx);
    CHECK(has(body, "As of 2021-07-23, your unit has 2 remediation tasks due within the next 1 working day. Please "
                    "complete each task and report the results by its deadline."));
    CHECK(body.find("\n   Conclusion: Dated 2021-07-15\n") != std::string::npos);
    CHECK(body.find("\n   Deadline: 2021-07-25 (Sunday) — as written: on 2021-07-22\n") != std::string::npos);
    CHECK(has(body, "as written: within 1 day from the end of the period Time left: the deadline is today Task:"));
  }
  SUBCASE("a deadline counted from a day not given says only the period") {
    ctx.lang = Lang::en;
    report::Digest dg = only_due_soon();
    dg.due_soon.resize(1);
    model::Due& due = dg.due_soon[0].task.due;
    due.form = model::Due::Form::within;
    due.period = 1;
    due.anchor = model::Due::Anchor::date;
    due.anchor_date.reset();
    CHECK(has(notify::digest_body(dg, ctx), "— as written: within 1 day Time left:"));
  }
}

TEST_CASE("digest_subject: English counts more than one task due soon in the plural") {
  report::Digest dg = only_due_soon();
  CHECK(notify::digest_subject(dg, Lang::en) == "[Reminder] UBND xã Bàu Cạn: 2 tasks due soon");
  CHECK(notify::digest_subject(dg, Lang::vi) == "[Nhắc việc] UBND xã Bàu Cạn: 2 nhiệm vụ sắp đến hạn");
}

namespace {
// The words of a digest for 23 July 2021, over `insp`, counted with weekends only.
notify::DigestContext words_for(const decltype(inspections())& insp) {
  notify::DigestContext ctx;
  ctx.as_of = d("2021-07-23");
  ctx.inspections = &insp;
  ctx.calendars = &weekends();
  return ctx;
}
}  // namespace

TEST_CASE(
    "digest_body and digest_subject: tasks open with no deadline for too long, a section of their own") {
  const auto insp = inspections();
  notify::DigestContext ctx = words_for(insp);
  report::Digest dg = digest();
  report::TaskRow open = row(21, "quy-che-lam-viec", d("2021-07-21"), 0, 0);
  open.task.last_day.reset();
  open.task.due = model::Due{};
  open.task.due.form = model::Due::Form::none;
  open.task.due.text = "none";
  open.task.action = "Ban hành Quy chế làm việc";
  dg.undated = {report::UndatedRow{open.task, d("2021-07-01"), 16}};
  const auto has = [](const std::string& body, const char* text) {
    return flat(body).find(text) != std::string::npos;
  };

  ctx.lang = Lang::vi;
  std::string body = notify::digest_body(dg, ctx);
  CHECK(has(body,
            "đơn vị có 2 nhiệm vụ khắc phục quá hạn và 1 nhiệm vụ đến hạn trong 3 ngày làm việc tới; và 1 "
            "nhiệm vụ chưa có thời hạn, đã giao quá 10 ngày làm việc."));
  CHECK(
      body.find("\n\nNHIỆM VỤ CHƯA CÓ THỜI HẠN, ĐÃ QUÁ 10 ngày làm việc\n\n1. Ban hành Quy chế làm việc\n") !=
      std::string::npos);
  CHECK(has(body,
            "Thời hạn: không có thời hạn Ngày giao: 01/07/2021 Đã giao được: 16 ngày làm việc Báo cáo về: "
            "Phòng Nội vụ huyện Chư Prông Mã nhiệm vụ: gia-lai-cchc-2021-chu-prong/quy-che-lam-viec@bau-can "
            "(id 21)"));
  CHECK(body.find("NHIỆM VỤ CHƯA CÓ THỜI HẠN") < body.find("CÁCH TRẢ LỜI"));
  CHECK(notify::digest_subject(dg, Lang::vi).find("2 nhiệm vụ quá hạn, 1 sắp đến hạn, 1 chưa có thời hạn") !=
        std::string::npos);

  ctx.lang = Lang::en;
  dg.overdue.clear();
  dg.due_soon.clear();
  body = notify::digest_body(dg, ctx);
  CHECK(has(body,
            "As of 2021-07-23, your unit has 1 remediation task with no deadline, open for more than 10 "
            "working days. Please"));
  CHECK(has(body, "OPEN WITH NO DEADLINE FOR MORE THAN 10 working days 1. Ban hành Quy chế làm việc"));
  CHECK(has(body, "Deadline: none was set Set on: 2021-07-01 Open for: 16 working days Report to:"));
  CHECK(notify::digest_subject(dg, Lang::en) == "[Reminder] UBND xã Bàu Cạn: 1 task with no deadline");
}
