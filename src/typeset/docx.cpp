#include "writers.hpp"

namespace inspectrack::typeset {

void write_docx(const Documents&, const std::string&) { throw WriteFailure(".docx is not written yet"); }

}  // namespace inspectrack::typeset
