#pragma once
// A store in memory for the tests of the layers above storage: the report queries of
// SqliteStore over rows a test adds, with the same selections and the same orders
// (fake_store_test.cpp runs the same queries on both). It makes nothing itself: no
// import events, no calendars but those a test adds.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "inspectrack/storage/report_queries.hpp"

namespace test_support {

class FakeStore final : public inspectrack::storage::ReportQueries {
 public:
  // Rows as the store keeps them. A unit or inspection gets the next row id (1, 2, …,
  // in the order added, as an import inserts them); a task too, unless it has one.
  // A task's display names come from the units and inspection at read time.
  void add(inspectrack::model::Unit unit);
  void add(inspectrack::model::Inspection inspection);
  void add(inspectrack::model::Finding finding);
  void add(inspectrack::model::Task task);
  void add(inspectrack::model::Event event);
  void add(inspectrack::calendar::CalendarSpec calendar);
  void add(inspectrack::model::Office office);

  std::vector<inspectrack::calendar::CalendarSpec> calendars() override;
  std::vector<inspectrack::model::Unit> units() override;
  std::vector<inspectrack::model::Office> offices() override;
  std::vector<inspectrack::model::Inspection> inspections() override;
  std::vector<inspectrack::model::Finding> findings(
      const inspectrack::storage::FindingFilter& filter) override;
  std::vector<inspectrack::model::Task> tasks(const inspectrack::storage::TaskFilter& filter) override;
  std::vector<inspectrack::model::Task> overdue(
      inspectrack::model::Date as_of, const inspectrack::storage::TaskFilter& filter) override;
  void each_overdue(inspectrack::model::Date as_of, const inspectrack::storage::TaskFilter& filter,
                    const inspectrack::storage::TaskSink& sink) override;
  void each_due_between(inspectrack::model::Date from, inspectrack::model::Date to,
                        const inspectrack::storage::TaskFilter& filter,
                        const inspectrack::storage::TaskSink& sink) override;
  void each_tally(inspectrack::storage::Grouping by, const inspectrack::storage::TaskFilter& filter,
                  const std::function<void(const inspectrack::storage::TaskTally&)>& sink) override;
  std::vector<std::pair<std::int64_t, std::int64_t>> finding_counts(
      inspectrack::storage::Grouping by, const inspectrack::storage::FindingFilter& filter) override;
  std::vector<inspectrack::storage::GroupName> group_names(inspectrack::storage::Grouping by) override;
  bool any_overdue(inspectrack::model::Date as_of,
                   const inspectrack::storage::TaskFilter& filter) override;
  std::vector<inspectrack::model::Task> due_between(
      inspectrack::model::Date from, inspectrack::model::Date to,
      const inspectrack::storage::TaskFilter& filter) override;
  std::optional<inspectrack::model::Task> task(std::int64_t id) override;
  std::optional<inspectrack::model::Task> task_by_key(const std::string& key_or_prefix) override;
  KeyMatches task_keys_with_prefix(const std::string& prefix, std::size_t limit) override;
  std::optional<inspectrack::model::Unit> unit(const std::string& key) override;
  std::optional<inspectrack::model::Inspection> inspection(const std::string& key) override;
  std::optional<inspectrack::model::Finding> finding(const std::string& inspection,
                                                     const std::string& key) override;
  std::vector<inspectrack::model::Event> events(std::optional<std::int64_t> task_id) override;
  std::vector<inspectrack::model::Event> events_for(const std::string& entity,
                                                    const std::string& key) override;

 private:
  enum class Range { all, overdue, due_between };
  struct Selection {
    Range range = Range::all;
    std::optional<inspectrack::model::Date> from, to;  // overdue: `to` is as_of
  };

  // What the store's ORDER BY puts ahead of the sort's terms for a group: none/undated
  // last, a date, a name, a key.
  using GroupKey = std::tuple<bool, std::string, std::string, std::string>;
  GroupKey group_order(const inspectrack::model::Task& task,
                       const inspectrack::storage::TaskFilter& filter) const;
  std::vector<inspectrack::model::Task> select(const inspectrack::storage::TaskFilter& filter,
                                               const Selection& selection) const;
  bool matches(const inspectrack::model::Task& task, const inspectrack::storage::TaskFilter& filter,
               const Selection& selection) const;
  bool area_matches(const inspectrack::model::Task& task, const std::string& area) const;
  // Whether the inspection `key` is in both ranges (one not given: any).
  bool inspection_in_ranges(const std::string& key, const inspectrack::storage::DateRange& concluded,
                            const inspectrack::storage::DateRange& dated) const;
  bool finding_matches(const inspectrack::model::Finding& finding,
                       const inspectrack::storage::FindingFilter& filter) const;
  inspectrack::model::Task shown(const inspectrack::model::Task& task) const;
  std::int64_t unit_id(const std::string& key) const;
  std::int64_t inspection_id(const std::string& key) const;

  std::vector<inspectrack::model::Unit> units_;
  std::vector<inspectrack::model::Office> offices_;
  std::vector<inspectrack::model::Inspection> inspections_;
  std::vector<inspectrack::model::Finding> findings_;
  std::vector<inspectrack::model::Task> tasks_;
  std::vector<inspectrack::model::Event> events_;
  std::vector<inspectrack::calendar::CalendarSpec> calendars_;
};

}  // namespace test_support
