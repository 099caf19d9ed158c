// Task changes from the command line: done, extend, cancel, reopen, verify, note; and
// the history, log. Each change is one write transaction; the rules are
// model::check_change, the writing is storage's.

#include <filesystem>

#include <fmt/format.h>

#include "commands.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/render/views.hpp"
#include "inspectrack/text/visible.hpp"

namespace inspectrack::cli {
namespace {

using text::tr;

// The task an ID names: its short id, its full key, or a unique prefix of the key.
model::Task find_task(const Context& ctx, storage::Store& store, const std::string& id) {
  const std::optional<model::Task> task = lookup_task(store, id);
  if (task && task->repeat && task->period.empty()) {
    throw InputError(fmt::format(
        fmt::runtime(tr(ctx.lang,
                        "'{}' is a recurring task's rule; change one of its periods, e.g. '{}#…' "
                        "(see: inspectrack list tasks --inspection {})",
                        "'{}' là quy định lặp lại của nhiệm vụ định kỳ; hãy thay đổi một kỳ của nó, "
                        "ví dụ '{}#…' (xem: inspectrack list tasks --inspection {})")),
        task->full_key(), task->full_key(), task->inspection));
  }
  if (task) return *task;
  throw InputError(
      fmt::format(fmt::runtime(tr(ctx.lang,
                                  "no task '{}': give its id or its key INSPECTION/TASK@UNIT (a "
                                  "prefix that names only one task is enough); see: inspectrack "
                                  "list tasks",
                                  "không có nhiệm vụ '{}': hãy cho số hiệu hoặc khóa ĐỢT/NHIỆM-VỤ@"
                                  "ĐƠN-VỊ (một phần đầu chỉ khớp một nhiệm vụ là đủ); xem: "
                                  "inspectrack list tasks")),
                  id),
      ExitCode::no_input);
}

std::optional<model::Date> option_date(const Context& ctx, const char* option,
                                       const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  const auto parsed = model::parse_date(*text);
  if (parsed.date) return parsed.date;
  throw UsageError(fmt::format(
      fmt::runtime(tr(ctx.lang, "{} '{}' is not a date; write 2021-07-21 or 21/7/2021",
                      "{} '{}' không phải là ngày; hãy viết 21/7/2021 hoặc 2021-07-21")),
      option, *text));
}

// The option the text of a change is given with, for messages about it.
const char* text_option(const Context& ctx, model::TaskChange::Kind kind) {
  using Kind = model::TaskChange::Kind;
  switch (kind) {
    case Kind::done: return "--evidence";
    case Kind::verify: return "--note";
    case Kind::note: return tr(ctx.lang, "the note", "ghi chú");
    case Kind::extend:
    case Kind::cancel:
    case Kind::reopen: break;
  }
  return "--reason";
}

}  // namespace

int cmd_change(const Context& ctx, const ChangeOptions& options) {
  model::TaskChange change;
  change.kind = options.kind;
  change.on = option_date(ctx, "--on", options.on);
  change.to = option_date(ctx, "--to", options.to);
  change.text = admit_option(ctx.lang, text_option(ctx, options.kind), options.text,
                             text::Shape::multi_line);
  change.approved_by =
      admit_option(ctx.lang, "--approved-by", options.approved_by, text::Shape::one_line);

  // A change needs tasks: a missing database is an error, never a new empty one.
  if (!ctx.db_path.empty() && !std::filesystem::exists(ctx.db_path)) {
    open_store(ctx, storage::OpenMode::read_only);  // throws "does not exist" (66)
  }
  auto store = open_store(ctx, storage::OpenMode::update);
  const model::Task task = find_task(ctx, *store, options.id);
  const storage::ChangeOutcome outcome =
      store->change_task(task.id, change,
                         storage::ChangeOptions{ctx.as_of, recorded_actor(ctx), ctx.now});
  const std::string key = text::visible(outcome.before.full_key(), text::Lf::escape);
  switch (outcome.outcome) {
    case model::ChangeCheck::Outcome::refused:
      throw InputError(fmt::format("{} ({}): {}", key, task.id, outcome.reason));
    case model::ChangeCheck::Outcome::unchanged:
      ctx.out << fmt::format(fmt::runtime(tr(ctx.lang, "{} ({}): already so; nothing changed\n",
                                             "{} ({}): đã như vậy; không thay đổi gì\n")),
                             key, task.id);
      break;
    case model::ChangeCheck::Outcome::apply: {
      std::string fields;
      for (const auto& f : outcome.fields) fields += (fields.empty() ? "" : ", ") + f;
      ctx.out << fmt::format("{} ({}): {}{}{}\n", key, task.id, model::to_string(change.kind),
                             fields.empty() ? "" : " — ", fields);
      break;
    }
  }
  return static_cast<int>(ExitCode::ok);
}

int cmd_log(const Context& ctx, const std::string& id, const ReportOptions& report) {
  auto store = open_store(ctx, storage::OpenMode::read_only);
  std::vector<model::Event> events;
  if (id.empty()) {
    events = store->events(std::nullopt);
  } else {
    const std::optional<model::Task> task = lookup_task(*store, id);
    if (!task) {
      throw InputError(fmt::format(
                           fmt::runtime(tr(ctx.lang, "no task '{}'; see: inspectrack list tasks",
                                           "không có nhiệm vụ '{}'; xem: inspectrack list tasks")),
                           id),
                       ExitCode::no_input);
    }
    events = store->events(task->id);
  }
  emit(ctx, render::events_dataset(events, ctx.lang), report);
  return static_cast<int>(ExitCode::ok);
}

}  // namespace inspectrack::cli
