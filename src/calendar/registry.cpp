#include "inspectrack/calendar/registry.hpp"

#include <utility>

namespace inspectrack::calendar {

void CalendarRegistry::add(CalendarSpec spec) {
  std::string key = spec.key;
  entries_.insert_or_assign(std::move(key), Entry{std::move(spec), {}, nullptr});
}

void CalendarRegistry::add_lazy(std::string key, std::function<CalendarSpec()> load) {
  entries_.insert_or_assign(std::move(key), Entry{std::nullopt, std::move(load), nullptr});
}

bool CalendarRegistry::contains(std::string_view key) const { return entries_.find(key) != entries_.end(); }

const WorkCalendar* CalendarRegistry::find(std::string_view key) const {
  const auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  if (!it->second.built) it->second.built = std::make_shared<const WorkCalendar>(it->second.get());
  return it->second.built.get();
}

const CalendarSpec* CalendarRegistry::spec(std::string_view key) const {
  const auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second.get();
}

std::vector<std::string> CalendarRegistry::keys() const {
  std::vector<std::string> out;
  for (const auto& [key, entry] : entries_) out.push_back(key);
  return out;
}

}  // namespace inspectrack::calendar
