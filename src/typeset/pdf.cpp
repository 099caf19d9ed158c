#include "writers.hpp"

namespace inspectrack::typeset {

void write_pdf(const Documents&, const std::string&) { throw WriteFailure("PDF is not written yet"); }

}  // namespace inspectrack::typeset
