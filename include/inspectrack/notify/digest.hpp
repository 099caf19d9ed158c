#pragma once
// The words of a reminder: the subject and the plain-text body of one unit's
// digest, in Vietnamese or English. Pure functions; message.hpp turns them into a
// message.

#include <map>
#include <string>
#include <string_view>

#include "inspectrack/calendar/registry.hpp"
#include "inspectrack/model/date.hpp"
#include "inspectrack/model/inspection.hpp"
#include "inspectrack/report/reminders.hpp"
#include "inspectrack/text/lang.hpp"

namespace inspectrack::notify {

struct DigestContext {
  text::Lang lang = text::Lang::en;
  model::Date as_of;
  report::ReminderRules rules;
  // Inspections by key: their titles and conclusion documents. One missing is left out.
  const std::map<std::string, model::Inspection, std::less<>>* inspections = nullptr;
  const calendar::CalendarRegistry* calendars = nullptr;  // for the working days left
  // Whom the unit answers: the sender's name, else its address ("" when unknown).
  std::string office;
};

// "[Nhắc việc] UBND xã Bàu Cạn: 2 nhiệm vụ quá hạn, 1 sắp đến hạn" or
// "[Reminder] UBND xã Bàu Cạn: 2 tasks overdue, 1 due soon"; a count of zero is left
// out. Line breaks in the unit's name become spaces, other control characters escapes
// (text::single_line).
std::string digest_subject(const report::Digest& digest, text::Lang lang);

// The body: a greeting, a sentence with the counts, then each task (overdue ones first)
// with its action, inspection and conclusion document, deadline as computed and as
// written (and the original one when extended), days late or left, whom to report to,
// whether the parent unit was copied for it, and its key; then how to answer (reply
// to the office with the number and date of the report of completion: the units that
// receive it do not run inspectrack); then who is copied and why, and how reminders
// behave. Lines end in "\n" and are
// wrapped at 76 columns (display width), so none comes near the 998-octet limit.
std::string digest_body(const report::Digest& digest, const DigestContext& context);

// `prefix` then `text` wrapped at `width` columns (display width): the words of `text`
// (runs of non-space; line breaks and tabs count as spaces) joined by single spaces,
// each line after the first starting with `indent` spaces; control characters are
// shown as escapes (text::visible). A word wider than a line is cut between
// characters. No line ends in a space; no final newline.
std::string wrap(std::string_view prefix, std::string_view text, std::size_t width,
                 std::size_t indent);

}  // namespace inspectrack::notify
