#pragma once
// Stored values in words for people: the deadline as the order wrote it, a task's
// status, a finding's severity, the kinds, a recurrence, the changes the history
// records. Tables, markdown, CSV, `show` and the reminder mail say these; JSON keeps
// the raw values ("open", "before"), the machine interface.

#include <string>
#include <string_view>

#include "inspectrack/model/due.hpp"
#include "inspectrack/model/event.hpp"
#include "inspectrack/model/finding.hpp"
#include "inspectrack/model/inspection.hpp"
#include "inspectrack/model/repeat.hpp"
#include "inspectrack/model/task.hpp"
#include "inspectrack/model/unit.hpp"
#include "inspectrack/text/message.hpp"

namespace inspectrack::render {

// A date as people of `lang` read it: 22/07/2021 in Vietnamese, 2021-07-22 in English.
text::Day day_of(model::Date date);

// "1 working day", "15 working days", "3 days": English has plurals; the catalog gives
// both one Vietnamese form.
text::Message days_count(int n, bool working);

// The deadline as the order wrote it: "trước ngày 22/07/2021" / "before 2021-07-22",
// "trong 15 ngày làm việc kể từ ngày ban hành kết luận" / "within 15 working days from
// the date of the conclusion", "không có thời hạn" / "no deadline". A form it cannot
// say (a date missing) gives the text as written.
text::Message due_words(const model::Due& due);
// The form alone: "trước ngày" / "before a date", "không có thời hạn" / "no deadline".
text::Message due_form_words(model::Due::Form form);

text::Message status_words(model::Status status);
text::Message severity_words(model::Severity severity);
text::Message inspection_kind_words(model::InspectionKind kind);
text::Message unit_kind_words(model::UnitKind kind);
// "hằng quý từ ngày 01/07/2021" / "quarterly from 2021-07-01".
text::Message repeat_words(const model::Repeat& repeat);

using model::event_action_words;
using model::event_field_words;
// A value the history recorded for `field` in words: a status, a date in `lang`'s
// form, a count; any other text (data) as stored.
std::string event_value_words(std::string_view field, const std::string& value, text::Lang lang);

}  // namespace inspectrack::render
