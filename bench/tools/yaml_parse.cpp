// The yaml-cpp floor of `bench/run`: parses each file named on the command line with
// yaml-cpp's event parser and a handler that does nothing, the same parser calls
// inspectrack's loader makes, and says how many bytes and events it saw.
//
//   bench_yaml_parse FILE…          event parser (the floor the import is held to)
//   bench_yaml_parse --node FILE…   YAML::Load into yaml-cpp's own node tree
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

namespace {

struct Counter : YAML::EventHandler {
  unsigned long events = 0;
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {
    ++events;
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    ++events;
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    ++events;
  }
  void OnMapEnd() override {}
};

}  // namespace

int main(int argc, char** argv) {
  bool node = false;
  unsigned long bytes = 0;
  Counter counter;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--node") == 0) {
      node = true;
      continue;
    }
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "bench_yaml_parse: cannot read %s\n", argv[i]);
      return 66;
    }
    std::ostringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    bytes += s.size();
    try {
      std::istringstream stream(s);
      if (node) {
        const YAML::Node doc = YAML::Load(stream);
        counter.events += doc.size();
      } else {
        YAML::Parser parser(stream);
        while (parser.HandleNextDocument(counter)) {
        }
      }
    } catch (const YAML::Exception& e) {
      std::fprintf(stderr, "%s: %s\n", argv[i], e.what());
      return 65;
    }
  }
  std::printf("%lu bytes, %lu events\n", bytes, counter.events);
  return 0;
}
