#include "common/assert.hpp"

#include <cstdio>
#include <cstdlib>

namespace kgraph::detail {

void assertFailed(const char* expr, const char* file, int line) {
    std::fprintf(stderr, "kgraph: internal error: assertion '%s' failed at %s:%d\n", expr, file, line);
    std::abort();
}

}  // namespace kgraph::detail
