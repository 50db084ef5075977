// kg export: the graph, or a part of it, as DOT, GraphML, JSON, CSV or
// N-Triples (docs/export.md); --render draws it with GraphViz.
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <kgraph/kgraph.hpp>

#include "command_support.hpp"
#include "commands.hpp"
#include "terminal.hpp"

namespace kgraph::tools {

namespace {

struct ExportArgs {
    std::string db;
    std::string format = "dot";
    std::string output;
    std::vector<std::string> labels, types;
    std::string around;
    int depth = 1;
    bool clusterByLabel = false;
    std::string iriBase;
    std::string render;
    CLI::Option* formatOption = nullptr;
};

ExportRequest toRequest(const ExportArgs& args) {
    ExportRequest r;
    r.format = args.format;
    r.path = args.output;
    r.labels = args.labels;
    r.types = args.types;
    r.around = args.around;
    r.depth = args.depth;
    r.clusterByLabel = args.clusterByLabel;
    r.iriBase = args.iriBase;
    return r;
}

// Exports DOT beside the output and has dot draw it into place.
int runRender(Database& db, const ExportArgs& args) {
    if (findOnPath("dot").empty())
        return fail(
            Status::invalidInput("--render needs GraphViz's dot, which is not installed (apt-get install graphviz)"));
    const std::string tempDot = fmt::format("{}.tmp-{}.dot", args.output, ::getpid());
    ExportRequest request = toRequest(args);
    request.format = "dot";
    request.path = tempDot;
    auto summary = db.exportGraph(request, nullptr);
    if (!summary) return fail(summary.status());
    Status rendered = renderDot(tempDot, args.render, args.output);
    std::remove(tempDot.c_str());
    if (!rendered.isOk()) return fail(rendered);
    fmt::print("rendered {} nodes and {} relationships to {}\n", withThousands(summary->nodes),
               withThousands(summary->relationships), args.output);
    return 0;
}

int runExport(const ExportArgs& args) {
    if (!args.render.empty()) {
        if (args.output.empty()) return fail(Status::usage("export: --render writes a file: name it with -o FILE"));
        if (args.formatOption->count() > 0 && args.format != "dot")
            return fail(Status::usage("export: --render draws DOT; leave out --format or use --format dot"));
    }
    if (args.format == "csv" && args.output.empty())
        return fail(Status::usage("export: --format csv writes a directory of files: name it with -o DIR"));

    OpenOptions options;
    options.readOnly = true;
    auto db = Database::open(args.db, options);
    if (!db) return fail(db.status());
    if (!args.render.empty()) return runRender(**db, args);

    if (args.output.empty()) {
        // A reader that goes away early makes writes fail instead of killing us with SIGPIPE.
        std::signal(SIGPIPE, SIG_IGN);
        errno = 0;
        auto summary = (*db)->exportGraph(toRequest(args), &std::cout);
        std::cout.flush();
        // The reader closing early (`| head`) is its choice, not our failure.
        if (!summary && errno == EPIPE) return 0;
        if (!summary) return fail(summary.status());
        return 0;
    }
    auto summary = (*db)->exportGraph(toRequest(args), nullptr);
    if (!summary) return fail(summary.status());
    fmt::print("exported {} nodes and {} relationships to {}\n", withThousands(summary->nodes),
               withThousands(summary->relationships), args.output);
    return 0;
}

}  // namespace

Run addExportCommand(CLI::App& app) {
    auto args = std::make_shared<ExportArgs>();
    CLI::App* cmd = app.add_subcommand("export", "Write the graph as DOT, GraphML, JSON, CSV or N-Triples");
    addDbOption(*cmd, args->db);
    args->formatOption = cmd->add_option("--format", args->format, "dot, graphml, json (Cytoscape.js), csv "
                                                                   "(neo4j-admin import files) or nt (N-Triples)")
                             ->check(CLI::IsMember({"dot", "graphml", "json", "csv", "nt"}))
                             ->capture_default_str();
    cmd->add_option("-o,--output", args->output, "File to write (a new directory for csv); default: stdout")
        ->type_name("PATH");
    cmd->add_option("--label", args->labels, "Only nodes with this label (repeatable)")->type_name("LABEL");
    cmd->add_option("--type", args->types, "Only relationships of this type (repeatable)")->type_name("TYPE");
    cmd->add_option("--around", args->around, "Only the neighbourhood of the nodes with this name or alias")
        ->type_name("NAME");
    cmd->add_option("--depth", args->depth, "Hops from --around, in either direction")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    cmd->add_flag("--cluster-by-label", args->clusterByLabel, "DOT: group the nodes of each label in a box");
    cmd->add_option("--iri-base", args->iriBase, "N-Triples: the base of every IRI (default https://kgraph.local/)")
        ->type_name("IRI");
    cmd->add_option("--render", args->render, "Draw the DOT with GraphViz into -o FILE as svg, png or pdf")
        ->check(CLI::IsMember({"svg", "png", "pdf"}))
        ->type_name("FORMAT");
    cmd->footer(
        "Files are replaced atomically: an export that fails leaves no file behind.\n\n"
        "Examples:\n"
        "  kg export --db kg.db --format graphml -o graph.graphml\n"
        "  kg export --db kg.db --around Alibaba --depth 1 --render svg -o alibaba.svg\n"
        "  kg export --db kg.db --format csv -o dump && kg import --db copy.db $(cat dump/import.args)");
    return [args] { return runExport(*args); };
}

}  // namespace kgraph::tools
