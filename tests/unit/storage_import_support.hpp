#pragma once
// A small plan for the import writers' tests: a district and two communes, one
// inspection with one finding and one task linked to it.

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "inspectrack/import/resolve.hpp"
#include "inspectrack/storage/sqlite_store.hpp"
#include "inspectrack/text/message.hpp"

namespace test_support {

using inspectrack::storage::Change;
using inspectrack::storage::ImportOptions;
using inspectrack::storage::ImportOutcome;

inline inspectrack::model::Date ymd(int y, int m, int d) {
  return *inspectrack::model::Date::from_ymd(y, m, d);
}

// The English of each message, to compare with the wording a test expects.
inline std::vector<std::string> english(const std::vector<inspectrack::text::Message>& messages) {
  std::vector<std::string> out;
  for (const auto& m : messages) out.push_back(m.english());
  return out;
}

inline ImportOptions at(const std::string& now, bool prune = false) {
  ImportOptions o;
  o.actor = "tester";
  o.now = now;
  o.prune = prune;
  return o;
}

// A unit named "UBND KEY".
inline inspectrack::model::Unit make_unit(const std::string& key, inspectrack::model::UnitKind kind,
                                          std::optional<std::string> parent = std::nullopt) {
  inspectrack::model::Unit u;
  u.key = key;
  u.name = "UBND " + key;
  u.kind = kind;
  u.parent = std::move(parent);
  return u;
}

inline inspectrack::model::Task make_task(const std::string& key, const std::string& assignee) {
  inspectrack::model::Task t;
  t.inspection = "k";
  t.key = key;
  t.assignee = assignee;
  t.action = "Khắc phục " + key;
  t.due.form = inspectrack::model::Due::Form::date;
  t.due.date = ymd(2021, 8, 31);
  t.due.text = "31/8/2021";
  t.last_day = ymd(2021, 8, 31);
  return t;
}

inline inspectrack::import::ImportPlan small_plan() {
  using inspectrack::model::UnitKind;
  inspectrack::import::ImportPlan plan;
  plan.units = {make_unit("huyen", UnitKind::district), make_unit("xa-a", UnitKind::commune, "huyen"),
                make_unit("xa-b", UnitKind::commune, "huyen")};
  inspectrack::import::InspectionPlan ip;
  ip.source = "k.yaml";
  ip.inspection.key = "k";
  ip.inspection.title = "Kiểm tra huyện";
  ip.inspection.scope = "huyen";
  ip.inspection.to = ymd(2021, 7, 1);
  ip.inspection.conclusion.date = ymd(2021, 7, 15);
  ip.findings = {inspectrack::model::Finding{"k", "f1", "xa-a", "", std::nullopt,
                                             "Chưa niêm yết thủ tục.", "", std::nullopt}};
  ip.tasks = {make_task("t1", "xa-a")};
  ip.tasks[0].findings = {"f1"};
  plan.inspections = {ip};
  return plan;
}

inline std::unique_ptr<inspectrack::storage::Store> memory_store() {
  return inspectrack::storage::open_memory({});
}

// The change of `entity` `key` in the outcome; fails the test when there is none.
inline Change change_of(const ImportOutcome& o, const std::string& entity, const std::string& key) {
  const auto it = std::find_if(o.changes.begin(), o.changes.end(),
                               [&](const Change& c) { return c.entity == entity && c.key == key; });
  REQUIRE(it != o.changes.end());
  return *it;
}

// "ACTION FIELD: BEFORE -> AFTER" for each event, oldest first.
inline std::vector<std::string> lines(const std::vector<inspectrack::model::Event>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.action + " " + e.field + ": " + e.before + " -> " + e.after);
  return out;
}

// The events of an entity that is not a task.
inline std::vector<std::string> history(inspectrack::storage::Store& store, const std::string& entity,
                                        const std::string& key) {
  return lines(store.events_for(entity, key));
}

}  // namespace test_support
