// schema_check: validates a YAML file against the JSON Schema in schemas/ chosen by its
// top-level key (inspection, units, progress, calendar, office), so that the schemas editors use
// and the files the tool accepts are kept in agreement.
//
//   schema_check [--expect-invalid [--at PATH]…] SCHEMA_DIR FILE
//       exit 0 when FILE is valid (with --expect-invalid: when it is invalid and, for
//       each --at, an error is reported at PATH, e.g. /tasks/1/due), 1 otherwise, 2 when
//       FILE or a schema cannot be read or parsed.
//   schema_check --definitions-agree SCHEMA_DIR
//       exit 0 when every definition shared by the schemas is identical in each.
//
// Debian's valijson 1.0 yaml-cpp adapter has two known faults, fixed upstream after 1.0:
// - it reports every node as a string (a mapping too) and no node as a number or boolean
//   (valijson PR #185, issue #178). So numbers need weak typing, under which an empty
//   string also counts as null, and the schemas check each scalar with `allOf: [scalar]`,
//   which valijson runs first, and apply a pattern or enum only `if` the value is a
//   scalar: applied to a mapping or a list, they throw. Validation runs twice: once
//   without collecting errors, which stops at the first failed constraint, and, for an
//   invalid file, once more to list the errors (a throw then only cuts the list short).
// - its array iterator is forward-only, but the uniqueItems check writes
//   `--array.end()` (valijson PR #175); see the operator below.

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/adapters/yaml_cpp_adapter.hpp>

namespace valijson::adapters {

// The uniqueItems check walks outer items up to `--end()` and compares each with the
// items after it. Leaving end() unchanged adds one outer step, with nothing after it
// to compare, so the result is the same; a forward iterator cannot step back.
inline YamlCppArrayValueIterator operator--(YamlCppArrayValueIterator it) { return it; }

}  // namespace valijson::adapters

#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>
#include <yaml-cpp/yaml.h>

namespace {

constexpr int kValid = 0;
constexpr int kInvalid = 1;
constexpr int kError = 2;

const std::vector<std::string> kSchemaNames = {"inspection", "units", "progress", "calendar", "office"};

std::optional<nlohmann::json> read_json(const std::string& path, std::ostream& err) {
  std::ifstream in(path);
  if (!in) {
    err << path << ": error: cannot open the schema\n";
    return std::nullopt;
  }
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    err << path << ": error: not valid JSON: " << e.what() << '\n';
    return std::nullopt;
  }
}

std::string schema_path(const std::string& dir, const std::string& name) {
  return dir + "/" + name + ".schema.json";
}

// The schema a document is checked against: the first of inspection, units, progress,
// calendar, office present at the top level; nullopt (with the reason) when there is none.
std::optional<std::string> choose_schema(const YAML::Node& root, std::string& why) {
  if (!root.IsMap()) {
    why = "the file must be a mapping that starts with inspection:, units:, progress:, calendar: or office:";
    return std::nullopt;
  }
  for (const auto& name : kSchemaNames) {
    for (const auto& entry : root) {
      if (entry.first.IsScalar() && entry.first.Scalar() == name) {
        return name;
      }
    }
  }
  why = "no top-level key inspection, units, progress, calendar or office";
  return std::nullopt;
}

// valijson's context {"<root>", "[tasks]", "[1]", "[due]"} as the path /tasks/1/due.
std::string error_path(const std::vector<std::string>& context) {
  std::string path;
  for (const auto& part : context) {
    if (part.size() >= 2 && part.front() == '[' && part.back() == ']') {
      path += '/';
      path += part.substr(1, part.size() - 2);
    }
  }
  return path.empty() ? "/" : path;
}

struct Outcome {
  int status = kError;
  std::vector<std::string> error_paths;  // where errors were reported, for an invalid file
};

Outcome check_file(const std::string& schema_dir, const std::string& file, std::ostream& out,
                   std::ostream& err) {
  YAML::Node document;
  try {
    document = YAML::LoadFile(file);
  } catch (const YAML::Exception& e) {
    err << file << ": error: cannot load YAML: " << e.what() << '\n';
    return {};
  }

  std::string why;
  const auto name = choose_schema(document, why);
  if (!name) {
    out << file << ": invalid: " << why << '\n';
    return {kInvalid, {"/"}};
  }

  const auto schema_json = read_json(schema_path(schema_dir, *name), err);
  if (!schema_json) {
    return {};
  }
  valijson::Schema schema;
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(*schema_json), schema);
  } catch (const std::exception& e) {
    err << schema_path(schema_dir, *name) << ": error: valijson cannot use the schema: "
        << e.what() << '\n';
    return {};
  }

  valijson::Validator validator(valijson::Validator::kWeakTypes);
  const valijson::adapters::YamlCppAdapter target(document);
  bool valid = false;
  try {
    valid = validator.validate(schema, target, nullptr);
  } catch (const std::exception& e) {
    // A guard is missing in the schema: a string check reached a mapping or a list.
    err << file << ": error: validation against " << *name
        << ".schema.json stopped: " << e.what() << '\n';
    return {};
  }
  if (valid) {
    out << file << ": valid (" << *name << ")\n";
    return {kValid, {}};
  }

  valijson::ValidationResults results;
  std::string stopped;
  try {
    validator.validate(schema, target, &results);
  } catch (const std::exception& e) {
    stopped = e.what();
  }
  Outcome outcome{kInvalid, {}};
  out << file << ": invalid (" << *name << ")\n";
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    outcome.error_paths.push_back(error_path(error.context));
    out << "  " << outcome.error_paths.back() << ": " << error.description << '\n';
  }
  if (!stopped.empty()) {
    out << "  (further errors not listed: " << stopped << ")\n";
  }
  return outcome;
}

// Every definition that appears in more than one schema must be the same in each,
// so that a unit or a date means one thing whichever file it is written in.
int check_definitions_agree(const std::string& schema_dir, std::ostream& out,
                            std::ostream& err) {
  std::map<std::string, std::pair<std::string, nlohmann::json>> first_seen;
  int status = kValid;
  for (const auto& name : kSchemaNames) {
    const auto schema = read_json(schema_path(schema_dir, name), err);
    if (!schema) {
      return kError;
    }
    if (!schema->contains("definitions")) {
      continue;
    }
    for (const auto& [key, definition] : schema->at("definitions").items()) {
      const auto [it, inserted] = first_seen.try_emplace(key, name, definition);
      if (!inserted && it->second.second != definition) {
        out << "definition '" << key << "' differs between " << it->second.first
            << ".schema.json and " << name << ".schema.json\n";
        status = kInvalid;
      }
    }
  }
  if (status == kValid) {
    out << "shared definitions agree\n";
  }
  return status;
}

int usage(std::ostream& err) {
  err << "usage: schema_check [--expect-invalid [--at PATH]...] SCHEMA_DIR FILE\n"
         "       schema_check --definitions-agree SCHEMA_DIR\n";
  return kError;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.size() == 2 && args[0] == "--definitions-agree") {
    return check_definitions_agree(std::string(args[1]), std::cout, std::cerr);
  }
  bool expect_invalid = false;
  std::vector<std::string> expected_paths;
  if (!args.empty() && args[0] == "--expect-invalid") {
    expect_invalid = true;
    args.erase(args.begin());
    while (args.size() > 2 && args[0] == "--at") {
      expected_paths.emplace_back(args[1]);
      args.erase(args.begin(), args.begin() + 2);
    }
  }
  if (args.size() != 2) {
    return usage(std::cerr);
  }
  const auto outcome = check_file(std::string(args[0]), std::string(args[1]), std::cout, std::cerr);
  if (!expect_invalid || outcome.status == kError) {
    return outcome.status;
  }
  if (outcome.status == kValid) {
    std::cout << "expected the file to be rejected\n";
    return kInvalid;
  }
  int status = kValid;
  for (const auto& path : expected_paths) {
    if (std::find(outcome.error_paths.begin(), outcome.error_paths.end(), path) ==
        outcome.error_paths.end()) {
      std::cout << "expected an error at " << path << '\n';
      status = kInvalid;
    }
  }
  return status;
}
