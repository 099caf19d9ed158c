#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

#include <doctest/doctest.h>

#include "inspectrack/model/local_time.hpp"
#include "../../src/cli/zone.hpp"

namespace model = inspectrack::model;
using inspectrack::cli::machine_local_time;

namespace {

// Sets TZ for the life of the object, and puts back what it was: only tests change the
// process's zone.
class ZoneForTest {
 public:
  explicit ZoneForTest(const char* tz) {
    if (const char* old = std::getenv("TZ"); old != nullptr) old_ = old;
    ::setenv("TZ", tz, 1);
    ::tzset();
  }
  ~ZoneForTest() {
    if (old_) {
      ::setenv("TZ", old_->c_str(), 1);
    } else {
      ::unsetenv("TZ");
    }
    ::tzset();
  }
  ZoneForTest(const ZoneForTest&) = delete;
  ZoneForTest& operator=(const ZoneForTest&) = delete;

 private:
  std::optional<std::string> old_;
};

std::int64_t at(const char* utc) { return *model::parse_utc_timestamp(utc); }

std::string shown(const model::LocalTime& t) {
  return t.date.iso() + " " + std::to_string(t.hour) + ":" + std::to_string(t.minute) + ":" +
         std::to_string(t.second) + " " + model::utc_offset_text(t.offset_seconds);
}

}  // namespace

TEST_CASE("machine_local_time: Việt Nam is 7 hours ahead, on the next day after 17:00 UTC") {
  ZoneForTest zone("Asia/Ho_Chi_Minh");
  CHECK(shown(machine_local_time(at("2026-12-07T18:29:03Z"))) == "2026-12-08 1:29:3 UTC+07:00");
  CHECK(shown(machine_local_time(at("2021-07-26T01:00:00Z"))) == "2021-07-26 8:0:0 UTC+07:00");
}

TEST_CASE("machine_local_time: UTC is the instant as stored") {
  ZoneForTest zone("UTC");
  CHECK(machine_local_time(at("2026-12-07T18:29:03Z")) == model::in_utc(at("2026-12-07T18:29:03Z")));
}

TEST_CASE("machine_local_time: a zone with summer time changes its offset across the change") {
  // Berlin: clocks go from 02:00 CET to 03:00 CEST on 2026-03-29 (01:00 UTC), and back
  // from 03:00 CEST to 02:00 CET on 2026-10-25 (01:00 UTC).
  ZoneForTest zone("Europe/Berlin");
  CHECK(shown(machine_local_time(at("2026-03-29T00:59:59Z"))) == "2026-03-29 1:59:59 UTC+01:00");
  CHECK(shown(machine_local_time(at("2026-03-29T01:00:00Z"))) == "2026-03-29 3:0:0 UTC+02:00");
  CHECK(shown(machine_local_time(at("2026-10-25T00:30:00Z"))) == "2026-10-25 2:30:0 UTC+02:00");
  CHECK(shown(machine_local_time(at("2026-10-25T01:30:00Z"))) == "2026-10-25 2:30:0 UTC+01:00");
}

TEST_CASE("machine_local_time: a zone west of UTC is on the day before") {
  ZoneForTest zone("America/New_York");
  CHECK(shown(machine_local_time(at("2026-12-07T03:00:00Z"))) == "2026-12-06 22:0:0 UTC-05:00");
}
