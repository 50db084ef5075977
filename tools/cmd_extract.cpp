// kg extract: entities and relations of articles, without a database.
#include <memory>

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

// One line: {"doc","lang","entities":[...],"relations":[...]} (docs/cli.md).
std::string documentJson(const ExtractedDocument& d) {
    const QueryResult none;  // values here are plain: no nodes to describe
    std::string out = fmt::format("{{\"doc\":{},\"lang\":{},\"entities\":[", jsonString(d.doc), jsonString(d.lang));
    for (size_t i = 0; i < d.entities.size(); ++i) {
        const auto& e = d.entities[i];
        out += fmt::format("{}{{\"label\":{},\"name\":{},\"aliases\":[", i ? "," : "", jsonString(e.label), jsonString(e.name));
        for (size_t k = 0; k < e.aliases.size(); ++k) out += (k ? "," : "") + jsonString(e.aliases[k]);
        out += "]}";
    }
    out += "],\"relations\":[";
    for (size_t i = 0; i < d.relations.size(); ++i) {
        const auto& r = d.relations[i];
        out += fmt::format("{}{{\"type\":{},\"subject\":{},\"object\":{},\"properties\":{}}}", i ? "," : "",
                           jsonString(r.type), jsonString(r.subject), jsonString(r.object),
                           jsonValue(Value(r.properties), none));
    }
    return out + "]}";
}

int runExtract(const ExtractArgs& args) {
    ExtractOptions options;
    options.rulesPath = args.rules;
    auto extractor = Extractor::open(options);
    if (!extractor) return fail(extractor.status());
    int status = 0;
    for (const auto& file : args.files) {
        // A file that cannot be read is reported; the others go on.
        auto doc = (*extractor)->extractFile(file);
        if (!doc) {
            printError(fmt::format("{}: {}", file, doc.status().message()));
            status = doc.status().exitCode();
            continue;
        }
        fmt::print("{}\n", documentJson(*doc));
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
