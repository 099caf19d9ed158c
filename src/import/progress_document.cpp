#include "progress_document.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "inspectrack/model/date.hpp"
#include "inspectrack/model/lifecycle.hpp"
#include "inspectrack/model/task.hpp"
#include "inspectrack/text/slug.hpp"
#include "inspectrack/text/utf8.hpp"

namespace inspectrack::import {
namespace {

const std::vector<std::string> kEntryKeys{"task",   "done",   "extend",   "cancel", "reopen",
                                          "verify", "note",   "evidence", "by"};
const std::vector<std::string> kChanges{"done", "extend", "cancel", "reopen", "verify", "note"};
const std::vector<std::string> kDoneKeys{"on", "evidence"};
const std::vector<std::string> kExtendKeys{"to", "reason", "approved_by"};
const std::vector<std::string> kReasonKeys{"reason"};
const std::vector<std::string> kVerifyKeys{"on", "note"};

const auto kInEntry = text::Message("in a progress entry");
const auto kInDone = text::Message("in 'done'");
const auto kInExtend = text::Message("in 'extend'");
const auto kInCancel = text::Message("in 'cancel'");
const auto kInReopen = text::Message("in 'reopen'");
const auto kInVerify = text::Message("in 'verify'");
const auto kProgressShape = text::Message("a list of changes (- task: …, done: …)");
const auto kEntryShape = text::Message("a mapping (task: …, done: …)");
const auto kTaskShape = text::Message("a task key (INSPECTION/TASK@UNIT)");
const auto kDoneShape = text::Message("a date or {{on: DATE, evidence: …}}");
const auto kExtendShape = text::Message("a mapping ({{to: DATE, reason: …, approved_by: …}})");
const auto kReasonShape = text::Message("a reason or {{reason: …}}");
const auto kVerifyShape = text::Message("a date or {{on: DATE, note: …}}");

constexpr std::string_view kExampleTask = "gia-lai-cchc-2021-chu-prong/bao-cao-khac-phuc@bau-can";

bool is_change(std::string_view key) {
  for (const std::string& c : kChanges) {
    if (c == key) return true;
  }
  return false;
}

class ProgressReader {
 public:
  explicit ProgressReader(FieldReader& r) : r_(r) {}

  std::optional<std::vector<ProgressEntry>> read(const Node& value) {
    if (value.is_null() || (value.is_sequence() && value.items.empty())) {
      r_.error(value, text::Message(
                          "the progress list is empty; add an entry for each change (- task: …, done: …)"));
      return std::nullopt;
    }
    if (!r_.expect_list(value, "progress", kProgressShape)) return std::nullopt;
    std::vector<ProgressEntry> out;
    for (const Node& item : value.items) {
      if (!r_.expect_entry(item, "progress", kEntryShape)) continue;
      if (auto entry = read_entry(item)) out.push_back(std::move(*entry));
    }
    return out;
  }

 private:
  std::optional<ProgressEntry> read_entry(const Node& item) {
    r_.reject_unknown_keys(item, kEntryKeys, kInEntry);
    ProgressEntry entry;
    entry.pos = r_.at(item);
    std::optional<Ref> task;
    if (const Node* t = r_.require(item, "task", kInEntry)) task = read_task(*t);
    bool ok = task.has_value();

    const Node* change_key = find_change(item, task, ok);
    if (change_key == nullptr) return std::nullopt;
    const std::string& name = change_key->scalar;
    const Node& value = *item.find(name);
    entry.change.kind = *model::parse_change_kind(name);
    ok = read_change(value, name, entry.change) && ok;

    // A refusal is reported at what it is about; a part not written falls back to the key.
    entry.change_pos = r_.at(*change_key);
    const Node* date = value.is_mapping()
                           ? value.find(entry.change.kind == model::TaskChange::Kind::extend ? "to" : "on")
                           : &value;
    const Node* text = value.is_mapping() ? value.find("reason") : &value;
    entry.date_pos = date != nullptr ? r_.at(*date) : entry.change_pos;
    entry.text_pos = text != nullptr ? r_.at(*text) : entry.change_pos;

    ok = read_evidence(item, value, name, entry.change) && ok;
    if (const Node* by = item.find("by")) {
      if (auto t = r_.line(*by, "by", false)) {
        entry.by = std::move(*t);
      } else if (!by->is_null() && !by->is_scalar()) {
        ok = false;
      }
    }

    if (!ok) return std::nullopt;
    entry.task = std::move(*task);
    return entry;
  }

  // The key of the entry's change. The first change decides; a second one is an error
  // at its key (`ok` turns false), so that each entry reads as one event in the task's
  // history. None is an error at the entry: nullptr.
  const Node* find_change(const Node& item, const std::optional<Ref>& task, bool& ok) {
    const Node* change_key = nullptr;
    for (const auto& [key, v] : item.entries) {
      if (!is_change(key.scalar)) continue;
      if (change_key != nullptr) {
        r_.error(key, text::Message("an entry has both '{0}' and '{1}'; write one change per entry (repeat "
                                    "the task in another entry)",
                                    change_key->scalar, key.scalar));
        ok = false;
        continue;
      }
      change_key = &key;
    }
    if (change_key != nullptr) return change_key;
    if (task) {
      r_.error(item,
               text::Message(
                   "nothing to record for task '{0}'; add one of done, extend, cancel, reopen, verify or note",
                   task->key));
    } else {
      r_.error(item,
               text::Message("an entry has no change; add one of done, extend, cancel, reopen, verify or note"));
    }
    return nullptr;
  }

  // The change `name` (its kind already set in `change`) from its value.
  bool read_change(const Node& value, const std::string& name, model::TaskChange& change) {
    switch (change.kind) {
      case model::TaskChange::Kind::done:
        return read_done(value, change);
      case model::TaskChange::Kind::extend:
        return read_extend(value, change);
      case model::TaskChange::Kind::cancel:
        return read_reason(value, name, kInCancel, change);
      case model::TaskChange::Kind::reopen:
        return read_reason(value, name, kInReopen, change);
      case model::TaskChange::Kind::verify:
        return read_verify(value, change);
      case model::TaskChange::Kind::note:
        if (auto t = r_.text(value, "note", true)) {
          change.text = std::move(*t);
          return true;
        }
        return false;
    }
    return false;
  }

  // `evidence:` beside a done change (`value`, the change named `name`): the text of it.
  bool read_evidence(const Node& item, const Node& value, const std::string& name, model::TaskChange& change) {
    const Node* evidence_key = item.find_key("evidence");
    if (evidence_key == nullptr) return true;
    const Node& evidence = *item.find("evidence");
    if (change.kind != model::TaskChange::Kind::done) {
      r_.error(*evidence_key, text::Message("'evidence' goes with 'done', not with '{0}'", name));
      return false;
    }
    if (value.is_mapping() && value.find("evidence") != nullptr) {
      r_.error(*evidence_key, text::Message("'evidence' is given twice, in 'done' and beside it; keep one"));
      return false;
    }
    if (auto t = r_.text(evidence, "evidence", false)) {
      change.text = std::move(*t);
      return true;
    }
    return evidence.is_null() || evidence.is_scalar();
  }

  // INSPECTION/TASK@UNIT[#PERIOD], each key a slug; otherwise reported with the key to
  // write instead when there is one.
  std::optional<Ref> read_task(const Node& value) {
    if (value.is_null()) {
      r_.error(value,
               text::Message("'task' is empty; write task: INSPECTION/TASK@UNIT, e.g. {0}", kExampleTask));
      return std::nullopt;
    }
    if (!r_.expect_scalar(value, "task", kTaskShape)) return std::nullopt;
    const std::string written = text::nfc(trim(value.scalar));
    const auto key = model::parse_task_key(written);
    if (!key) {
      r_.error(value, text::Message("'{0}' is not a task key; write INSPECTION/TASK@UNIT (and #PERIOD for a "
                                    "recurring task), e.g. {1}",
                                    written, kExampleTask));
      return std::nullopt;
    }
    if (!text::is_slug(key->inspection) || !text::is_slug(key->task) ||
        !text::is_slug(key->assignee)) {
      const std::string inspection = text::slugify(key->inspection);
      const std::string task = text::slugify(key->task);
      const std::string assignee = text::slugify(key->assignee);
      std::string suggestion;
      if (!inspection.empty() && !task.empty() && !assignee.empty()) {
        suggestion = inspection + "/" + task + "@" + assignee;
        if (!key->period.empty()) suggestion += "#" + key->period;
      }
      r_.error(value, not_a_key_message(written, suggestion));
      return std::nullopt;
    }
    return Ref{written, r_.at(value)};
  }

  // A date the change happened on: `done: DATE` or `verify: DATE`. Required, so that
  // importing the same file again finds the same day.
  std::optional<model::Date> read_day(const Node& value, std::string_view field) {
    if (value.is_null()) {
      r_.error(value, text::Message("'{0}' is empty; write the day, e.g. {0}: 21/7/2021", field));
      return std::nullopt;
    }
    return r_.date(value, field);
  }

  bool read_done(const Node& value, model::TaskChange& change) {
    if (!value.is_mapping()) {
      if (!value.is_null() && !r_.expect_scalar(value, "done", kDoneShape)) return false;
      change.on = read_day(value, "done");
      return change.on.has_value();
    }
    r_.reject_unknown_keys(value, kDoneKeys, kInDone);
    bool ok = true;
    if (const Node* on = r_.require(value, "on", kInDone)) {
      change.on = read_day(*on, "on");
      ok = change.on.has_value();
    } else {
      ok = false;
    }
    if (const Node* evidence = value.find("evidence")) {
      if (auto t = r_.text(*evidence, "evidence", false)) {
        change.text = std::move(*t);
      } else if (!evidence->is_null() && !evidence->is_scalar()) {
        ok = false;
      }
    }
    return ok;
  }

  bool read_extend(const Node& value, model::TaskChange& change) {
    if (!r_.expect_mapping(value, "extend", kExtendShape)) return false;
    r_.reject_unknown_keys(value, kExtendKeys, kInExtend);
    bool ok = true;
    if (const Node* to = r_.require(value, "to", kInExtend)) {
      change.to = r_.date(*to, "to");
      ok = change.to.has_value();
    } else {
      ok = false;
    }
    if (const Node* reason = r_.require(value, "reason", kInExtend)) {
      if (auto t = r_.text(*reason, "reason", true)) {
        change.text = std::move(*t);
      } else {
        ok = false;
      }
    } else {
      ok = false;
    }
    if (const Node* approved = value.find("approved_by")) {
      if (auto t = r_.line(*approved, "approved_by", false)) {
        change.approved_by = std::move(*t);
      } else if (!approved->is_null() && !approved->is_scalar()) {
        ok = false;
      }
    }
    return ok;
  }

  // cancel: REASON, or cancel: {reason: REASON}; reopen the same way.
  bool read_reason(const Node& value, std::string_view field, Phrase where,
                   model::TaskChange& change) {
    const Node* reason = &value;
    std::string_view name = field;
    if (value.is_mapping()) {
      r_.reject_unknown_keys(value, kReasonKeys, where);
      reason = r_.require(value, "reason", where);
      if (reason == nullptr) return false;
      name = "reason";
    } else if (value.is_sequence()) {
      r_.expect_scalar(value, field, kReasonShape);  // reports the list
      return false;
    }
    auto t = r_.text(*reason, name, true);
    if (!t) return false;
    change.text = std::move(*t);
    return true;
  }

  bool read_verify(const Node& value, model::TaskChange& change) {
    if (!value.is_mapping()) {
      if (!value.is_null() && !r_.expect_scalar(value, "verify", kVerifyShape)) return false;
      change.on = read_day(value, "verify");
      return change.on.has_value();
    }
    r_.reject_unknown_keys(value, kVerifyKeys, kInVerify);
    bool ok = true;
    if (const Node* on = r_.require(value, "on", kInVerify)) {
      change.on = read_day(*on, "on");
      ok = change.on.has_value();
    } else {
      ok = false;
    }
    if (const Node* note = value.find("note")) {
      if (auto t = r_.text(*note, "note", false)) {
        change.text = std::move(*t);
      } else if (!note->is_null() && !note->is_scalar()) {
        ok = false;
      }
    }
    return ok;
  }

  FieldReader& r_;
};

}  // namespace

std::optional<std::vector<ProgressEntry>> parse_progress(FieldReader& r, const Node& value) {
  return ProgressReader(r).read(value);
}

}  // namespace inspectrack::import
