#include <doctest/doctest.h>

#include "inspectrack/model/event.hpp"

using inspectrack::text::Lang;
using inspectrack::text::translate;
namespace model = inspectrack::model;

TEST_CASE("event words: each action and field of the history in words, an unknown one as stored") {
  CHECK(translate(Lang::vi, model::event_action_words("extend")) == "gia hạn");
  CHECK(translate(Lang::en, model::event_action_words("import")) == "imported");
  CHECK(translate(Lang::vi, model::event_action_words("done")) == "hoàn thành");
  CHECK(translate(Lang::vi, model::event_action_words("later")) == "later");
  CHECK(translate(Lang::vi, model::event_field_words("last_day")) == "Hạn cuối");
  CHECK(translate(Lang::en, model::event_field_words("done_on")) == "Done on");
  CHECK(translate(Lang::vi, model::event_field_words("approved_by")) == "Người phê duyệt");
  CHECK(translate(Lang::vi, model::event_field_words("colour")) == "colour");
  for (const char* action :
       {"import", "update", "prune", "repeat", "done", "extend", "cancel", "reopen", "verify", "note"}) {
    CHECK(!model::event_action_words(action).is_verbatim());
  }
}
