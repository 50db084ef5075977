#include "terminal.hpp"

#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>

namespace kgraph::tools {

bool isTerminal(FILE* stream) { return ::isatty(::fileno(stream)) == 1; }

bool isDumbTerminal() {
    const char* term = std::getenv("TERM");
    return term != nullptr && std::string_view(term) == "dumb";
}

bool useColor(FILE* stream) {
    const char* noColor = std::getenv("NO_COLOR");
    return isTerminal(stream) && (noColor == nullptr || *noColor == '\0') && !isDumbTerminal();
}

namespace {

// An error is one line: control characters from the offending input (a quoted
// newline, a tab) are shown escaped instead of breaking the line.
std::string oneLine(std::string_view message) {
    std::string out;
    out.reserve(message.size());
    for (char c : message) {
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        else out += c;
    }
    return out;
}

}  // namespace

void printError(std::string_view message) {
    if (useColor(stderr)) fmt::print(stderr, "\033[1;31merror:\033[0m {}\n", oneLine(message));
    else fmt::print(stderr, "error: {}\n", oneLine(message));
}

std::string humanBytes(uint64_t bytes) {
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    return u == 0 ? fmt::format("{} B", bytes) : fmt::format("{:.1f} {}", v, units[u]);
}

// A dumb terminal cannot redraw a line in place; NO_COLOR asks for no colours only.
ProgressLine::ProgressLine() : enabled_(isTerminal(stderr) && !isDumbTerminal()) {}
ProgressLine::~ProgressLine() { clear(); }

void ProgressLine::update(uint64_t done, uint64_t total, uint64_t rows, double seconds, std::string_view unit) {
    if (!enabled_ || (lastDraw_ >= 0 && seconds - lastDraw_ < 0.1)) return;
    lastDraw_ = seconds;
    double fraction = total ? static_cast<double>(done) / static_cast<double>(total) : 0;
    constexpr int kWidth = 24;
    int filled = static_cast<int>(fraction * kWidth);
    std::string bar = std::string(filled, '#') + std::string(kWidth - filled, '-');
    double rate = seconds > 0 ? static_cast<double>(rows) / seconds : 0;
    std::string eta = fraction > 0.01 && fraction < 1 ? fmt::format("  ETA {:.0f} s", seconds / fraction - seconds) : "";
    fmt::print(stderr, "\r[{}] {:3.0f}%  {} {}  {}/s{}\033[K", bar, fraction * 100, withThousands(rows), unit,
               withThousands(static_cast<uint64_t>(rate)), eta);
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressLine::clear() {
    if (drawn_) fmt::print(stderr, "\r\033[K");
    drawn_ = false;
}

}  // namespace kgraph::tools
