#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "inspectrack/io/files.hpp"
#include "temp_dir.hpp"

using namespace inspectrack;
using io::Refusal;
using test_support::TempDir;

namespace {

unsigned mode_of(const std::string& path) {
  struct stat info {};
  REQUIRE(::lstat(path.c_str(), &info) == 0);
  return info.st_mode & 07777u;
}

bool exists(const std::string& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0;
}

void write_file(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs `f` with the process umask set to `mask`.
template <typename F>
void with_umask(mode_t mask, F&& f) {
  const mode_t old = ::umask(mask);
  f();
  ::umask(old);
}

}  // namespace

TEST_CASE("folder_mode: searchable where readable") {
  CHECK(io::folder_mode(0600) == 0700);
  CHECK(io::folder_mode(0640) == 0750);
  CHECK(io::folder_mode(0644) == 0755);
  CHECK(io::folder_mode(0000) == 0000);
}

TEST_CASE("create_new: exactly the mode asked, never over anything, never through a link") {
  const TempDir dir;
  const std::string path = dir.file("new.db");

  SUBCASE("the mode is exact whatever the umask") {
    with_umask(0, [&] { CHECK(io::create_new(path, 0600)); });
    CHECK(mode_of(path) == 0600);
    const std::string other = dir.file("other.db");
    with_umask(077, [&] { CHECK(io::create_new(other, 0640)); });
    CHECK(mode_of(other) == 0640);
  }
  SUBCASE("an existing file is refused and left alone") {
    write_file(path, "kept");
    const io::Opened made = io::create_new(path, 0600);
    REQUIRE_FALSE(made);
    CHECK(made.failure->refusal == Refusal::exists);
    CHECK(read_file(path) == "kept");
  }
  SUBCASE("a dangling link is refused and its target not created") {
    const std::string target = dir.file("target");
    REQUIRE(::symlink(target.c_str(), path.c_str()) == 0);
    const io::Opened made = io::create_new(path, 0600);
    REQUIRE_FALSE(made);
    CHECK(made.failure->refusal == Refusal::link);
    CHECK_FALSE(exists(target));
  }
  SUBCASE("relative to an open folder") {
    const io::Opened folder = io::open_folder(-1, dir.path().string(), 0700);
    REQUIRE(folder);
    CHECK(io::create_new("inside", 0600, folder.fd.get()));
    CHECK(exists(dir.file("inside")));
  }
}

TEST_CASE("open_append: an existing regular file, or a new one, nothing else") {
  const TempDir dir;
  const std::string path = dir.file("out.mbox");

  SUBCASE("a new file is created with the mode") {
    with_umask(0, [&] {
      io::Opened opened = io::open_append(path, 0600);
      REQUIRE(opened);
      CHECK(opened.created);
      CHECK(::write(opened.fd.get(), "a", 1) == 1);
    });
    CHECK(mode_of(path) == 0600);
  }
  SUBCASE("an existing file is appended to and keeps its mode") {
    write_file(path, "old\n");
    REQUIRE(::chmod(path.c_str(), 0640) == 0);
    io::Opened opened = io::open_append(path, 0600);
    REQUIRE(opened);
    CHECK_FALSE(opened.created);
    CHECK(::write(opened.fd.get(), "new\n", 4) == 4);
    CHECK(read_file(path) == "old\nnew\n");
    CHECK(mode_of(path) == 0640);
  }
  SUBCASE("links, folders, FIFOs and devices are refused") {
    const std::string target = dir.file("target");
    REQUIRE(::symlink(target.c_str(), path.c_str()) == 0);
    CHECK(io::open_append(path, 0600).failure->refusal == Refusal::link);
    CHECK_FALSE(exists(target));
    write_file(target, "kept");
    CHECK(io::open_append(path, 0600).failure->refusal == Refusal::link);
    CHECK(read_file(target) == "kept");

    CHECK(io::open_append(dir.path().string(), 0600).failure->refusal == Refusal::directory);
    const std::string fifo = dir.file("fifo");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(io::open_append(fifo, 0600).failure->refusal == Refusal::special);
    CHECK(io::open_append("/dev/null", 0600).failure->refusal == Refusal::special);
  }
  SUBCASE("a missing folder is a system error") {
    const io::Opened opened = io::open_append(dir.file("missing/out.mbox"), 0600);
    REQUIRE_FALSE(opened);
    CHECK(opened.failure->refusal == Refusal::system);
    CHECK(opened.failure->error == ENOENT);
  }
}

TEST_CASE("make_folders: missing folders made with exactly the mode, links to folders used") {
  const TempDir dir;

  SUBCASE("0700 under umask 000, and each folder made has it") {
    const std::string deep = dir.file("a/b/c");
    with_umask(0, [&] { CHECK_FALSE(io::make_folders(deep, 0700)); });
    CHECK(mode_of(dir.file("a")) == 0700);
    CHECK(mode_of(dir.file("a/b")) == 0700);
    CHECK(mode_of(deep) == 0700);
  }
  SUBCASE("an existing folder keeps its mode") {
    REQUIRE(::mkdir(dir.file("x").c_str(), 0755) == 0);
    REQUIRE(::chmod(dir.file("x").c_str(), 0755) == 0);
    CHECK_FALSE(io::make_folders(dir.file("x/y"), 0700));
    CHECK(mode_of(dir.file("x")) == 0755);
  }
  SUBCASE("a link to a folder is the user's path") {
    REQUIRE(::mkdir(dir.file("real").c_str(), 0700) == 0);
    REQUIRE(::symlink(dir.file("real").c_str(), dir.file("link").c_str()) == 0);
    CHECK_FALSE(io::make_folders(dir.file("link/sub"), 0700));
    CHECK(exists(dir.file("real/sub")));
  }
  SUBCASE("a dangling link or a file on the way is refused") {
    REQUIRE(::symlink(dir.file("nowhere").c_str(), dir.file("dangling").c_str()) == 0);
    const auto link = io::make_folders(dir.file("dangling/sub"), 0700);
    REQUIRE(link);
    CHECK(link->refusal == Refusal::link);
    CHECK(link->path == dir.file("dangling"));
    CHECK_FALSE(exists(dir.file("nowhere")));
    write_file(dir.file("file"), "");
    const auto file = io::make_folders(dir.file("file/sub"), 0700);
    REQUIRE(file);
    CHECK(file->refusal == Refusal::not_folder);
  }
  SUBCASE("relative paths") {
    const std::string cwd = std::filesystem::current_path().string();
    REQUIRE(::chdir(dir.path().c_str()) == 0);
    CHECK_FALSE(io::make_folders("rel/sub", 0700));
    CHECK_FALSE(io::make_folders("rel//sub/", 0700));
    REQUIRE(::chdir(cwd.c_str()) == 0);
    CHECK(exists(dir.file("rel/sub")));
  }
}

TEST_CASE("open_folder: never through a link") {
  const TempDir dir;
  const io::Opened root = io::open_folder(-1, dir.path().string(), 0700);
  REQUIRE(root);

  SUBCASE("made when missing, with the mode") {
    with_umask(077, [&] {
      const io::Opened made = io::open_folder(root.fd.get(), "tmp", 0750);
      REQUIRE(made);
      CHECK(made.created);
    });
    CHECK(mode_of(dir.file("tmp")) == 0750);
  }
  SUBCASE("a link, even to a folder, is refused") {
    REQUIRE(::mkdir(dir.file("elsewhere").c_str(), 0700) == 0);
    REQUIRE(::symlink(dir.file("elsewhere").c_str(), dir.file("tmp").c_str()) == 0);
    CHECK(io::open_folder(root.fd.get(), "tmp", 0700).failure->refusal == Refusal::link);
    REQUIRE(::symlink(dir.file("nowhere").c_str(), dir.file("new").c_str()) == 0);
    CHECK(io::open_folder(root.fd.get(), "new", 0700).failure->refusal == Refusal::link);
    CHECK_FALSE(exists(dir.file("nowhere")));
  }
  SUBCASE("a file is not a folder") {
    write_file(dir.file("cur"), "");
    CHECK(io::open_folder(root.fd.get(), "cur", 0700).failure->refusal == Refusal::not_folder);
  }
}

TEST_CASE("check_regular_or_absent") {
  const TempDir dir;
  CHECK_FALSE(io::check_regular_or_absent(dir.file("absent-wal")));
  write_file(dir.file("db-wal"), "");
  CHECK_FALSE(io::check_regular_or_absent(dir.file("db-wal")));
  REQUIRE(::symlink(dir.file("nowhere").c_str(), dir.file("db-shm").c_str()) == 0);
  CHECK(io::check_regular_or_absent(dir.file("db-shm"))->refusal == Refusal::link);
  REQUIRE(::mkfifo(dir.file("db-journal").c_str(), 0600) == 0);
  CHECK(io::check_regular_or_absent(dir.file("db-journal"))->refusal == Refusal::special);
  REQUIRE(::mkdir(dir.file("x-wal").c_str(), 0700) == 0);
  CHECK(io::check_regular_or_absent(dir.file("x-wal"))->refusal == Refusal::directory);
}

TEST_CASE("describe: the path quoted, or 'it' when the sentence named it") {
  const io::Failure link{Refusal::link, 0, "a.mbox"};
  CHECK(text::translate(text::Lang::en, io::describe(link)) ==
        "'a.mbox' is a symbolic link; inspectrack does not write through links: give the real path");
  CHECK(text::translate(text::Lang::vi, io::describe(link, "a.mbox")) ==
        "đây là liên kết tượng trưng; inspectrack không ghi qua liên kết: hãy cho đường dẫn thật");
  const io::Failure missing{Refusal::system, ENOENT, "x/y"};
  CHECK(text::translate(text::Lang::en, io::describe(missing)) == "'x/y': No such file or directory");
  CHECK(text::translate(text::Lang::en, io::describe(missing, "x/y")) == "No such file or directory");
}

namespace {

// The names in `dir`: what create_whole leaves behind besides the file it makes.
std::size_t entries(const TempDir& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++n;
  return n;
}

}  // namespace

TEST_CASE("create_whole: a new file with exactly the mode, nothing else left, never over anything") {
  const TempDir dir;
  const std::string path = dir.file("report.xlsx");

  SUBCASE("written whole, the mode exact whatever the umask, no temporary left") {
    with_umask(0, [&] { CHECK_FALSE(io::create_whole(path, 0640, std::string_view("PK\x03\x04"))); });
    CHECK(read_file(path) == "PK\x03\x04");
    CHECK(mode_of(path) == 0640);
    CHECK(entries(dir) == 1);
  }
  SUBCASE("a file written by name, as a library writes one") {
    const auto made =
        io::create_whole(path, 0600, [](const std::string& temporary) -> std::optional<io::Failure> {
          CHECK(temporary.find("/.report.xlsx.") != std::string::npos);
          write_file(temporary, "book");
          return std::nullopt;
        });
    CHECK_FALSE(made);
    CHECK(read_file(path) == "book");
    CHECK(mode_of(path) == 0600);
    CHECK(entries(dir) == 1);
  }
  SUBCASE("an existing file is refused before anything is written, and kept") {
    write_file(path, "mine");
    bool wrote = false;
    const auto made = io::create_whole(path, 0600, [&](const std::string&) -> std::optional<io::Failure> {
      wrote = true;
      return std::nullopt;
    });
    REQUIRE(made);
    CHECK(made->refusal == Refusal::exists);
    CHECK_FALSE(wrote);
    CHECK(read_file(path) == "mine");
  }
  SUBCASE("a file put there while it was written is not replaced") {
    const auto made =
        io::create_whole(path, 0600, [&](const std::string& temporary) -> std::optional<io::Failure> {
          write_file(temporary, "ours");
          write_file(path, "theirs");
          return std::nullopt;
        });
    REQUIRE(made);
    CHECK(made->refusal == Refusal::exists);
    CHECK(read_file(path) == "theirs");
    CHECK(entries(dir) == 1);
  }
  SUBCASE("a link, even dangling, and a folder are refused") {
    REQUIRE(::symlink(dir.file("elsewhere").c_str(), path.c_str()) == 0);
    const auto link = io::create_whole(path, 0600, std::string_view("x"));
    REQUIRE(link);
    CHECK(link->refusal == Refusal::link);
    CHECK_FALSE(exists(dir.file("elsewhere")));
    const auto folder = io::create_whole(dir.path().string(), 0600, std::string_view("x"));
    REQUIRE(folder);
    CHECK(folder->refusal == Refusal::directory);
  }
  SUBCASE("a failed or throwing writer leaves nothing behind") {
    const auto failed =
        io::create_whole(path, 0600, [&](const std::string& temporary) -> std::optional<io::Failure> {
          write_file(temporary, "half");
          return io::Failure{Refusal::system, ENOSPC, path};
        });
    REQUIRE(failed);
    CHECK(failed->error == ENOSPC);
    CHECK_THROWS(
        io::create_whole(path, 0600, [&](const std::string& temporary) -> std::optional<io::Failure> {
          write_file(temporary, "half");
          throw std::runtime_error("stopped");
        }));
    CHECK(entries(dir) == 0);
  }
  SUBCASE("a folder that does not exist") {
    const auto made = io::create_whole(dir.file("missing/report.xlsx"), 0600, std::string_view("x"));
    REQUIRE(made);
    CHECK(made->refusal == Refusal::system);
    CHECK(made->error == ENOENT);
  }
}
