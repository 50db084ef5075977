// Benchmark: segmentation throughput of the knowledge builder's text stage.
//
//   text_segment [MB] [RUNS] FILE...
//
// Repeats the bodies of the given articles (paragraph-separated) to MB
// megabytes (default 20), then times, each RUNS times (default 5): reading
// the text as a document (checks, hash, header, language), splitting it into
// sentences, splitting every sentence into words (and the whole text at once,
// which shows the cost of a call), and sentences plus words together. Prints the median MB/s of each on one core, measured in CPU time:
// the machine is shared, and waiting for a core is no cost of the code.
#include <algorithm>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "ingest/text/document.hpp"
#include "ingest/text/segment.hpp"

using namespace kgraph::ingest;

namespace {

double cpuSeconds() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

template <typename Fn>
double medianSeconds(int runs, Fn&& fn) {
    std::vector<double> seconds;
    for (int r = 0; r < runs; ++r) {
        double start = cpuSeconds();
        fn();
        seconds.push_back(cpuSeconds() - start);
    }
    std::sort(seconds.begin(), seconds.end());
    return seconds[seconds.size() / 2];
}

size_t countWords(std::string_view text, const std::vector<Span>& spans) {
    size_t n = 0;
    for (Span span : spans) n += words(span.of(text), span.begin).size();
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        fmt::print(stderr, "usage: text_segment MB RUNS FILE...\n");
        return 2;
    }
    const size_t targetBytes = static_cast<size_t>(std::atof(argv[1]) * 1e6);
    const int runs = std::max(1, std::atoi(argv[2]));
    std::string bodies;
    for (int i = 3; i < argc; ++i) {
        auto doc = readDocument(argv[i]);
        if (!doc) {
            fmt::print(stderr, "error: {}: {}\n", argv[i], doc.status().message());
            return 1;
        }
        bodies += doc->body();
        bodies += "\n\n";
    }
    std::string text;
    while (text.size() < targetBytes) text += bodies;
    const double mb = static_cast<double>(text.size()) / 1e6;

    size_t sentenceCount = 0, wordCount = 0;
    double read = medianSeconds(runs, [&] {
        auto doc = parseDocument("bench", text, text.size());
        if (!doc) std::abort();
    });
    std::vector<Span> spans;
    double split = medianSeconds(runs, [&] { spans = sentences(text, Lang::DE); });
    sentenceCount = spans.size();
    double tokenize = medianSeconds(runs, [&] { wordCount = countWords(text, spans); });
    double tokenizeWhole = medianSeconds(runs, [&] { words(text); });
    double both = medianSeconds(runs, [&] { countWords(text, sentences(text, Lang::DE)); });

    fmt::print("text: {:.1f} MB, {} sentences, {} tokens, median of {} runs\n", mb, sentenceCount, wordCount, runs);
    fmt::print("{:<28} {:>8}\n", "stage", "MB/s");
    fmt::print("{:<28} {:>8.1f}\n", "parseDocument", mb / read);
    fmt::print("{:<28} {:>8.1f}\n", "sentences", mb / split);
    fmt::print("{:<28} {:>8.1f}\n", "words (per sentence)", mb / tokenize);
    fmt::print("{:<28} {:>8.1f}\n", "words (whole text at once)", mb / tokenizeWhole);
    fmt::print("{:<28} {:>8.1f}\n", "sentences + words", mb / both);
    return 0;
}
