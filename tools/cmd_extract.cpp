// kg extract: entities and relations of articles, without a database.
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <kgraph/kgraph.hpp>

#include "commands.hpp"
#include "result_format.hpp"
#include "terminal.hpp"

namespace kgraph::tools {

namespace {

struct ExtractArgs {
    std::string rules;
    std::string format = "json";
    std::vector<std::string> files;
};

// Appends `s` as a JSON string. Bytes up to the first one that needs care
// (a quote, a backslash, a control or non-ASCII byte) are copied as they are;
// from there on jsonString() escapes, which also replaces ill-formed UTF-8.
// Cutting before an ASCII byte leaves its output as jsonString(s) would give.
void appendJsonString(std::string& out, std::string_view s) {
    size_t plain = 0;
    while (plain < s.size()) {
        const auto c = static_cast<unsigned char>(s[plain]);
        if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') break;
        ++plain;
    }
    out += '"';
    out.append(s.data(), plain);
    if (plain < s.size()) {
        const std::string rest = jsonString(s.substr(plain));
        out.append(rest, 1, rest.size() - 2);  // without its quotes
    }
    out += '"';
}

// One line: {"doc","lang","entities":[...],"relations":[...]} (docs/cli.md),
// written into `out` (cleared first; reused from document to document).
void documentJson(const ExtractedDocument& d, std::string& out) {
    const QueryResult none;  // values here are plain: no nodes to describe
    out.clear();
    out += "{\"doc\":";
    appendJsonString(out, d.doc);
    out += ",\"lang\":";
    appendJsonString(out, d.lang);
    out += ",\"entities\":[";
    for (size_t i = 0; i < d.entities.size(); ++i) {
        const auto& e = d.entities[i];
        out += i ? ",{\"label\":" : "{\"label\":";
        appendJsonString(out, e.label);
        out += ",\"name\":";
        appendJsonString(out, e.name);
        out += ",\"aliases\":[";
        for (size_t k = 0; k < e.aliases.size(); ++k) {
            if (k) out += ',';
            appendJsonString(out, e.aliases[k]);
        }
        out += "]}";
    }
    out += "],\"relations\":[";
    for (size_t i = 0; i < d.relations.size(); ++i) {
        const auto& r = d.relations[i];
        out += i ? ",{\"type\":" : "{\"type\":";
        appendJsonString(out, r.type);
        out += ",\"subject\":";
        appendJsonString(out, r.subject);
        out += ",\"object\":";
        appendJsonString(out, r.object);
        out += ",\"properties\":";
        if (r.properties.empty()) out += "{}";
        else out += jsonValue(Value(r.properties), none);
        out += '}';
    }
    out += "]}\n";
}

int runExtract(const ExtractArgs& args) {
    ExtractOptions options;
    options.rulesPath = args.rules;
    auto extractor = Extractor::open(options);
    if (!extractor) return fail(extractor.status());
    int status = 0;
    std::string line;
    for (const auto& file : args.files) {
        // A file that cannot be read is reported; the others go on.
        auto doc = (*extractor)->extractFile(file);
        if (!doc) {
            printError(fmt::format("{}: {}", file, doc.status().message()));
            status = doc.status().exitCode();
            continue;
        }
        documentJson(*doc, line);
        std::fwrite(line.data(), 1, line.size(), stdout);
        std::fflush(stdout);
    }
    return status;
}

}  // namespace

Run addExtractCommand(CLI::App& app) {
    auto args = std::make_shared<ExtractArgs>();
    CLI::App* cmd = app.add_subcommand("extract", "Extract entities and relations from articles, without a database");
    cmd->add_option("--rules", args->rules, "Rules file (docs/rules.md); default: the rules kgraph ships")
        ->check(CLI::ExistingFile);
    cmd->add_option("--format", args->format, "json: one object per document per line")
        ->check(CLI::IsMember({"json"}))
        ->capture_default_str();
    cmd->add_option("FILE", args->files, "Articles (.txt, .md)")->required();
    cmd->footer("Example:\n  kg extract --format json examples/articles/dev/*.md");
    return [args] { return runExtract(*args); };
}

}  // namespace kgraph::tools
