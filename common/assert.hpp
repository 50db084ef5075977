// KG_ASSERT / KG_UNREACHABLE: programmer errors, never user-facing messages.
// Active in every build type: a broken invariant in a database must stop the
// process before it writes, not corrupt the store quietly.
#pragma once

namespace kgraph::detail {
[[noreturn]] void assertFailed(const char* expr, const char* file, int line);
}

#define KG_ASSERT(cond) \
    ((cond) ? static_cast<void>(0) : ::kgraph::detail::assertFailed(#cond, __FILE__, __LINE__))
#define KG_UNREACHABLE() ::kgraph::detail::assertFailed("unreachable", __FILE__, __LINE__)
