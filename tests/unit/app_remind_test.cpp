// The remind use case on the examples of Chư Prông, delivering through a transport
// that records what it is given: a reminder goes out once and is recorded, a second
// run the same day sends nothing, and a failed delivery is kept for the next run.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app_examples.hpp"
#include "inspectrack/app/remind.hpp"
#include "inspectrack/import/shipped_calendar.hpp"

using namespace inspectrack;
using Result = report::ReminderResult::Result;

namespace {

model::Date day(int d) { return *model::Date::from_ymd(2021, 7, d); }

// Keeps each message it is given, and answers with `outcome`.
class RecordingTransport final : public notify::Transport {
 public:
  notify::Delivery deliver(const notify::Envelope& envelope) override {
    messages.emplace_back(envelope.rendered);
    notify::Delivery delivery;
    delivery.outcome = outcome;
    if (outcome != notify::Delivery::Outcome::delivered) delivery.detail = "exit status 75";
    return delivery;
  }
  std::string_view kind() const override { return "mbox"; }
  const std::string& target() const override { return target_; }

  notify::Delivery::Outcome outcome = notify::Delivery::Outcome::delivered;
  std::vector<std::string> messages;

 private:
  std::string target_ = "recording";
};

struct Fixture {
  std::unique_ptr<storage::Store> store = test_support::chu_prong();
  calendar::CalendarRegistry calendars;
  RecordingTransport transport;
  std::vector<std::string> notices;

  Fixture() { calendars.add(import::shipped_calendar()); }

  // A run on Monday 26 July 2021, when the examples have tasks overdue.
  app::RemindResult run(model::Date as_of = day(26)) {
    app::RemindRequest request;
    request.as_of = as_of;
    request.now = as_of.iso() + "T01:00:00Z";
    request.actor = "tester";
    request.office_calendar = import::shipped_calendar().key;
    request.sender = {"Văn phòng UBND huyện", "vanphong@example.vn"};
    request.transport = &transport;
    app::RemindObserver observer;
    observer.notice = [this](const app::RemindNotice& n) { notices.push_back(n.message.english()); };
    return app::remind(app::RemindStores(*store), calendars, request, observer);
  }
};

int count(const app::RemindResult& r, Result which) {
  int n = 0;
  for (const auto& row : r.reminders) n += row.result == which ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("remind: a due reminder is sent once and recorded") {
  Fixture f;
  const auto first = f.run();
  REQUIRE(count(first, Result::sent) > 0);
  CHECK(count(first, Result::sent) == static_cast<int>(first.reminders.size()) - count(first, Result::no_address));
  CHECK(f.transport.messages.size() == static_cast<std::size_t>(count(first, Result::sent)));
  CHECK(first.exit_code() == ExitCode::ok);
  const auto recorded = f.store->reminders(day(26));
  REQUIRE(recorded.size() == f.transport.messages.size());
  for (const auto& reminder : recorded) {
    CHECK(reminder.actor == "tester");
    CHECK_FALSE(reminder.message);  // confirmed: the kept copy is gone
  }
  CHECK(f.store->sending_reminders(std::nullopt).empty());
  CHECK(f.transport.messages.front().find("Message-ID: <" + first.reminders.front().message_id + ">") !=
        std::string::npos);
}

TEST_CASE("remind: a second run the same day sends nothing") {
  Fixture f;
  const auto first = f.run();
  const std::size_t sent = f.transport.messages.size();
  REQUIRE(sent > 0);
  const auto second = f.run();
  CHECK(f.transport.messages.size() == sent);
  CHECK(count(second, Result::sent) == 0);
  CHECK(count(second, Result::already_sent) == count(first, Result::sent));
  CHECK(f.store->reminders(day(26)).size() == sent);
}

TEST_CASE("remind: a failed delivery is kept, and the next run delivers the same message") {
  Fixture f;
  f.transport.outcome = notify::Delivery::Outcome::temporary;
  const auto failed = f.run();
  CHECK(failed.temporary);
  CHECK(failed.exit_code() == ExitCode::temp_fail);
  REQUIRE(f.transport.messages.size() == 1);  // a temporary failure stops the run
  CHECK(failed.not_tried == count(failed, Result::failed) - 1);
  REQUIRE_FALSE(f.notices.empty());
  CHECK(f.notices.front().find("was not delivered by mbox 'recording': exit status 75; it is sent by the next run") !=
        std::string::npos);
  const auto kept = f.store->sending_reminders(std::nullopt);
  REQUIRE(kept.size() == 1);
  CHECK(kept.front().message == f.transport.messages.front());
  CHECK_FALSE(kept.front().claimant);

  f.transport.outcome = notify::Delivery::Outcome::delivered;
  const auto next = f.run();
  CHECK(next.exit_code() == ExitCode::ok);
  REQUIRE(next.reminders.size() > 1);
  CHECK(next.reminders.front().result == Result::resent);
  CHECK(next.reminders.front().message_id == kept.front().message_id);
  CHECK(f.transport.messages.at(1) == f.transport.messages.at(0));  // byte for byte
  CHECK(f.store->sending_reminders(std::nullopt).empty());
  CHECK(count(next, Result::sent) == failed.not_tried);
}

TEST_CASE("remind: a dry run shows the messages and records nothing") {
  Fixture f;
  std::vector<std::string> shown;
  app::RemindRequest request;
  request.as_of = day(26);
  request.now = "2021-07-26T01:00:00Z";
  request.office_calendar = import::shipped_calendar().key;
  request.sender = {"", "vanphong@example.vn"};
  request.dry_run = true;
  app::RemindObserver observer;
  observer.preview = [&](const std::string& entry) { shown.push_back(entry); };
  const auto result = app::remind(app::RemindStores(*f.store), f.calendars, request, observer);
  CHECK(static_cast<int>(shown.size()) == count(result, Result::dry_run));
  REQUIRE_FALSE(shown.empty());
  CHECK(shown.front().rfind("From vanphong@example.vn ", 0) == 0);
  CHECK(f.store->reminders(request.as_of).empty());
}

TEST_CASE("remind: a day off sends nothing, and a mistyped unit is refused") {
  Fixture f;
  const auto sunday = f.run(day(25));
  CHECK(sunday.day_off);
  CHECK(sunday.reminders.empty());
  CHECK(f.transport.messages.empty());
  REQUIRE(f.notices.size() == 1);
  CHECK(f.notices.front().find("2021-07-25 is not a working day") == 0);

  app::RemindRequest request;
  request.as_of = day(26);
  request.unit = "bau-cn";
  request.transport = &f.transport;
  CHECK_THROWS_AS(app::remind(app::RemindStores(*f.store), f.calendars, request), UsageError);
}

TEST_CASE("remind: a task with no deadline open too long is reminded of, at most once a week") {
  // Imported on Monday 26 July 2021; the conclusion has no date, so its tasks with no
  // deadline count as open from that day. 11 August is their 12th working day.
  Fixture f;
  const auto aug = [](int d) { return *model::Date::from_ymd(2021, 8, d); };
  const auto undated_of = [&](model::Date as_of) {
    std::vector<std::string> keys;
    for (const auto& r : f.store->reminders(as_of)) {
      if (r.day != as_of) continue;
      for (const auto& t : r.tasks) {
        if (t.state == model::RemindedTask::State::undated) keys.push_back(t.task_key);
      }
    }
    return keys;
  };
  f.run(aug(5));  // the 8th working day
  CHECK(undated_of(aug(5)).empty());
  f.run(aug(11));
  const auto listed = undated_of(aug(11));
  CHECK(std::find(listed.begin(), listed.end(),
                  "gia-lai-cchc-2021-chu-prong/huong-dan-qlvbdh-ky-so@chu-prong.vh-tt") != listed.end());
  f.run(aug(12));
  f.run(aug(17));
  CHECK(undated_of(aug(12)).empty());
  CHECK(undated_of(aug(17)).empty());
  f.run(aug(18));
  CHECK(undated_of(aug(18)) == listed);
}
