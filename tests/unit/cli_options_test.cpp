#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "../../src/cli/context.hpp"
#include "inspectrack/error.hpp"

using inspectrack::UsageError;
using inspectrack::text::Lang;
using namespace inspectrack::cli;

namespace {

// The context of `options` in `env`, with streams that are not kept.
Context context(const GlobalOptions& options, const Environment& env) {
  static std::ostringstream out, err;
  return make_context(options, env, out, err);
}

}  // namespace

TEST_CASE("options: parse_umask reads up to four octal digits") {
  CHECK(parse_umask("027") == 027u);
  CHECK(parse_umask("0077") == 077u);
  CHECK(parse_umask("7777") == 0777u);
  CHECK_FALSE(parse_umask(""));
  CHECK_FALSE(parse_umask("8"));
  CHECK_FALSE(parse_umask("00777"));
  CHECK_FALSE(parse_umask("-1"));
}

TEST_CASE("options: is_utc_timestamp takes a real UTC time, Z and all") {
  CHECK(is_utc_timestamp("2021-07-26T01:00:00Z"));
  CHECK(is_utc_timestamp("2024-02-29T23:59:59Z"));
  CHECK_FALSE(is_utc_timestamp("2021-02-29T01:00:00Z"));
  CHECK_FALSE(is_utc_timestamp("2021-07-26T24:00:00Z"));
  CHECK_FALSE(is_utc_timestamp("2021-07-26T01:00:00"));
  CHECK_FALSE(is_utc_timestamp("2021-07-26 01:00:00Z"));
}

TEST_CASE("options: the database path is --db, else INSPECTRACK_DB, else under XDG_DATA_HOME or HOME") {
  Environment env;
  env.home = "/home/an";
  CHECK(resolve_db_path(std::nullopt, env) == "/home/an/.local/share/inspectrack/inspectrack.db");
  env.xdg_data_home = "/data";
  CHECK(resolve_db_path(std::nullopt, env) == "/data/inspectrack/inspectrack.db");
  env.inspectrack_db = "env.db";
  CHECK(resolve_db_path(std::nullopt, env) == "env.db");
  CHECK(resolve_db_path(std::string("opt.db"), env) == "opt.db");
  CHECK_THROWS_AS(resolve_db_path(std::string(":memory:"), env), UsageError);
  env.inspectrack_db = "";
  CHECK_THROWS_WITH(resolve_db_path(std::nullopt, env),
                    "INSPECTRACK_DB is empty; give the path of the database file");
  CHECK_THROWS_WITH(resolve_db_path(std::nullopt, Environment{}),
                    "no database: give --db PATH or set INSPECTRACK_DB (HOME is not set)");
}

TEST_CASE("options: make_context works out each setting from options and environment") {
  GlobalOptions options;
  Environment env;
  env.home = "/home/an";
  env.now = "2021-07-26T01:00:00Z";
  env.user = "an";
  options.as_of = "26/7/2021";

  SUBCASE("language: --lang, else the locale") {
    env.lc_messages = "vi_VN.UTF-8";
    CHECK(context(options, env).lang == Lang::vi);
    CHECK(context(options, env).style.lang == Lang::vi);
    options.lang = "en";
    CHECK(context(options, env).lang == Lang::en);
    options.lang = "fr";
    CHECK_THROWS_WITH(context(options, env), "unknown language 'fr'; expected vi or en");
  }
  SUBCASE("the day and the clock") {
    const auto ctx = context(options, env);
    CHECK(ctx.as_of.iso() == "2021-07-26");
    CHECK(ctx.now == "2021-07-26T01:00:00Z");
    options.as_of = "";
    CHECK_THROWS_AS(context(options, env), UsageError);
  }
  SUBCASE("who: --by, else USER; a USER that cannot be recorded is an error only when recorded") {
    CHECK(recorded_actor(context(options, env)) == "an");
    options.by = "Phòng Nội vụ";
    CHECK(recorded_actor(context(options, env)) == "Phòng Nội vụ");
    options.by = "";
    CHECK_THROWS_WITH(context(options, env), "--by is empty; give a name");
    options.by.reset();
    env.user = "a\nb";
    const auto ctx = context(options, env);
    CHECK_THROWS_AS(recorded_actor(ctx), UsageError);
  }
  SUBCASE("colour: always, never, or when the terminal takes it") {
    CHECK_FALSE(context(options, env).style.color);
    env.stdout_is_terminal = true;
    CHECK(context(options, env).style.color);
    env.term = "dumb";
    CHECK_FALSE(context(options, env).style.color);
    options.color = ColorMode::always;
    CHECK(context(options, env).style.color);
    options.color = ColorMode::never;
    env.term.reset();
    CHECK_FALSE(context(options, env).style.color);
  }
  SUBCASE("width: the terminal's, else COLUMNS; none when output is not a terminal") {
    env.columns = "100";
    CHECK_FALSE(context(options, env).style.width);
    env.stdout_is_terminal = true;
    CHECK(context(options, env).style.width == 100u);
    env.terminal_width = 72;
    CHECK(context(options, env).style.width == 72u);
  }
  SUBCASE("file mode: 0600, or 0666 under --umask") {
    CHECK(context(options, env).file_mode == 0600u);
    options.umask = "027";
    CHECK(context(options, env).file_mode == 0640u);
    options.umask = "9";
    CHECK_THROWS_WITH(context(options, env), "--umask '9' is not an octal mask; write e.g. 027 (files 0640)");
  }
  SUBCASE("a database path that cannot be worked out is said when a command opens it") {
    env.home.reset();
    const auto ctx = context(options, env);
    CHECK(ctx.db_path.empty());
    CHECK_FALSE(ctx.db_path_refused);
    CHECK_THROWS_AS(database_path(ctx), UsageError);
    options.db = "";
    CHECK(context(options, env).db_path_refused);
  }
  SUBCASE("the sender remind falls back on") {
    CHECK_FALSE(context(options, env).sender);
    env.inspectrack_from = "vanphong@example.vn";
    CHECK(context(options, env).sender == "vanphong@example.vn");
  }
}
