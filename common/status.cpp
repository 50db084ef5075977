#include <kgraph/status.hpp>

namespace kgraph {

int Status::exitCode() const {
    switch (code_) {
        case StatusCode::OK: return 0;
        case StatusCode::INVALID_INPUT:
        case StatusCode::NOT_FOUND: return 1;
        case StatusCode::USAGE: return 2;
        case StatusCode::BUSY: return 3;
        case StatusCode::LIMIT_EXCEEDED: return 4;
        case StatusCode::IO_ERROR:
        case StatusCode::CORRUPTION: return 5;
    }
    return 1;
}

}  // namespace kgraph
