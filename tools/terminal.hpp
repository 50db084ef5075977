// What the `kg` command shows on a terminal and nowhere else: colours and
// progress lines. NO_COLOR (https://no-color.org) turns colours off.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "result_format.hpp"  // withThousands

namespace kgraph::tools {

bool isTerminal(FILE* stream);
bool useColor(FILE* stream);
// TERM=dumb: no colours, no redrawn lines.
bool isDumbTerminal();

// "error: ..." in bold red on a terminal; the message is one line.
void printError(std::string_view message);

// 12345678 -> "11.8 MiB"
std::string humanBytes(uint64_t bytes);

// A one-line progress report on stderr, redrawn in place at most every 100 ms.
// Silent when stderr is not a terminal, or a dumb one.
class ProgressLine {
public:
    ProgressLine();
    ~ProgressLine();  // clears the line
    // `done`/`total` in bytes; `rows` and the elapsed seconds give the rate.
    void update(uint64_t done, uint64_t total, uint64_t rows, double seconds, std::string_view unit);
    void clear();

private:
    bool enabled_;
    bool drawn_ = false;
    double lastDraw_ = -1;
};

}  // namespace kgraph::tools
