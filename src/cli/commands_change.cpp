// Task changes from the command line: done, extend, cancel, reopen, verify, note
// (their options read here, the change made by app::change_task); and the history, log.

#include <filesystem>

#include <fmt/format.h>

#include "commands.hpp"
#include "inspectrack/app/change.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/model/event.hpp"
#include "inspectrack/render/views.hpp"
#include "inspectrack/text/message.hpp"
#include "inspectrack/text/visible.hpp"

namespace inspectrack::cli {
namespace {


std::optional<model::Date> option_date(const char* option, const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  const auto parsed = model::parse_date(*text);
  if (parsed.date) return parsed.date;
  throw UsageError(text::Message("{0} '{1}' is not a date; write 2021-07-21 or 21/7/2021", option, *text));
}

// The option the text of a change is given with, for messages about it.
std::string text_option(const Context& ctx, model::TaskChange::Kind kind) {
  using Kind = model::TaskChange::Kind;
  switch (kind) {
    case Kind::done: return "--evidence";
    case Kind::verify: return "--note";
    case Kind::note: return text::translate(ctx.lang, text::Message("the note"));
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
  change.on = option_date("--on", options.on);
  change.to = option_date("--to", options.to);
  change.text = admit_option(ctx.lang, text_option(ctx, options.kind), options.text,
                             text::Shape::multi_line);
  change.approved_by =
      admit_option(ctx.lang, "--approved-by", options.approved_by, text::Shape::one_line);

  // A change needs tasks: a missing database is an error, never a new empty one.
  if (!ctx.db_path.empty() && !std::filesystem::exists(ctx.db_path)) {
    open_store(ctx, storage::OpenMode::read_only);  // throws "does not exist" (66)
  }
  auto store = open_store(ctx, storage::OpenMode::update);
  app::ChangeRequest request{app::task_to_change(*store, options.id), std::move(change), {}};
  request.options = storage::ChangeOptions{ctx.as_of, recorded_actor(ctx), ctx.now};
  const app::ChangeResult result = app::change_task(*store, request);
  const std::string key = text::visible(result.key, text::Lf::escape);
  if (result.outcome == model::ChangeCheck::Outcome::unchanged) {
    ctx.out << text::translate(ctx.lang,
                               text::Message("{0} ({1}): already so; nothing changed\n", key, result.id));
  } else {
    // "… (4): hoàn thành — Trạng thái, Ngày hoàn thành": the change and its fields in words.
    std::vector<std::string> fields;
    for (const auto& f : result.fields)
      fields.push_back(text::translate(ctx.lang, model::event_field_words(f)));
    ctx.out << fmt::format(
        "{} ({}): {}{}{}\n", key, result.id,
        text::translate(ctx.lang, model::event_action_words(model::to_string(request.change.kind))),
        fields.empty() ? "" : " — ", fmt::join(fields, ", "));
  }
  return static_cast<int>(ExitCode::ok);
}

int cmd_log(const Context& ctx, const std::string& id, const ReportOptions& report) {
  auto store = open_store(ctx, storage::OpenMode::read_only);
  std::vector<model::Event> events;
  if (id.empty()) {
    events = store->events(std::nullopt);
  } else {
    const std::optional<model::Task> task = app::lookup_task(*store, id);
    if (!task) {
      app::refuse_ambiguous(*store, id);
      throw InputError(text::Message("no task '{0}'; see: inspectrack list tasks", id), ExitCode::no_input);
    }
    events = store->events(task->id);
  }
  emit(ctx, render::events_dataset(events, ctx.lang, ctx.zone), report);
  return static_cast<int>(ExitCode::ok);
}

}  // namespace inspectrack::cli
