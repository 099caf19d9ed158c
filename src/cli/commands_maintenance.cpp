// Looking after the database file: check and backup. Both only read
// the database; backup writes a new file beside it.

#include <fmt/format.h>

#include "commands.hpp"
#include "inspectrack/app/maintenance.hpp"
#include "inspectrack/error.hpp"
#include "inspectrack/render/views.hpp"
#include "inspectrack/text/message.hpp"
#include "inspectrack/text/visible.hpp"

namespace inspectrack::cli {

int cmd_check(const Context& ctx, const ReportOptions& report) {
  const auto store = open_store(ctx, storage::OpenMode::read_only);
  const app::CheckReport found = app::check(*store);
  emit(ctx, render::checks_dataset(found.checks, ctx.lang), report);
  if (!found.clean) {
    ctx.err << "inspectrack: "
            << text::translate(ctx.lang,
                               text::Message("the database has problems (listed above); restore a backup, or "
                                             "report them with the output of this command"))
            << "\n";
  }
  return static_cast<int>(found.clean ? ExitCode::ok : ExitCode::found);
}

int cmd_backup(const Context& ctx, const std::string& path) {
  const auto store = open_store(ctx, storage::OpenMode::read_only);
  app::backup(*store, path);
  ctx.out << text::translate(ctx.lang, text::Message("backed up '{0}' to '{1}' (integrity checked)\n",
                                                     text::visible(ctx.db_path, text::Lf::escape),
                                                     text::visible(path, text::Lf::escape)));
  return static_cast<int>(ExitCode::ok);
}

}  // namespace inspectrack::cli
