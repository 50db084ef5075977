// kg eval: scores extraction output against gold annotations (precision,
// recall and F1 for entities, relations and their properties).
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>
#include <kgraph/kgraph.hpp>

#include "commands.hpp"
#include "ingest/eval/annotations_json.hpp"
#include "ingest/eval/evaluate.hpp"
#include "ingest/eval/report.hpp"
#include "terminal.hpp"

namespace kgraph::tools {

namespace {

namespace fs = std::filesystem;
using ingest::DocumentAnnotations;

struct EvalArgs {
    std::string gold;
    std::string format = "table";
    std::vector<std::string> paths;
    double minF1 = 0;
    bool predictedOnly = false;
    std::string rules;  // for articles: a rules file, empty for the shipped rules
    CLI::Option* minF1Option = nullptr;
};

// ---------------------------------------------------------------- the extraction seam

// The annotations `kg extract` prints for one article (.txt, .md), so that
// `kg eval` scores articles directly, with the rules of the run.
Result<DocumentAnnotations> extractArticle(const Extractor& extractor, const fs::path& article) {
    auto doc = extractor.extractFile(article.string());
    if (!doc) return Status(doc.status()).withContext(article.string() + ": ");
    DocumentAnnotations out;
    out.doc = doc->doc;
    out.lang = doc->lang;
    for (auto& e : doc->entities) out.entities.push_back({e.label, e.name, e.aliases});
    for (auto& r : doc->relations) out.relations.push_back({r.type, r.subject, r.object, r.properties});
    return out;
}

// ---------------------------------------------------------------- inputs

// Prediction files are kg extract output; articles are extracted first.
bool isPrediction(const fs::path& p) { return p.extension() == ".json" || p.extension() == ".jsonl"; }
bool isArticle(const fs::path& p) { return p.extension() == ".txt" || p.extension() == ".md"; }

// The files below `dir` for which `wanted` holds, in name order.
Result<std::vector<fs::path>> filesBelow(const fs::path& dir, bool (*wanted)(const fs::path&)) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec) && wanted(it->path())) files.push_back(it->path());
    }
    if (ec) return Status::ioError(fmt::format("{}: cannot be listed: {}", dir.string(), ec.message()));
    std::sort(files.begin(), files.end());
    return files;
}

// Where each document came from, for errors that name both files.
using Sources = std::map<std::string, std::string>;

Status addDocument(DocumentAnnotations doc, const std::string& source, std::vector<DocumentAnnotations>& docs,
                   Sources& sources, std::string_view what) {
    auto [it, added] = sources.emplace(doc.doc, source);
    if (!added)
        return Status::invalidInput(
            fmt::format("{}: document '{}' is {} twice, also in {}", source, doc.doc, what, it->second));
    docs.push_back(std::move(doc));
    return Status::ok();
}

// Gold files are DIR/**/<doc>.json, one document each.
Result<std::vector<DocumentAnnotations>> readGold(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return fs::exists(dir, ec) ? Status::invalidInput(fmt::format("--gold {}: not a directory", dir.string()))
                                   : Status::notFound(fmt::format("--gold {}: no such directory", dir.string()));
    auto files = filesBelow(dir, [](const fs::path& p) { return p.extension() == ".json"; });
    if (!files) return files.status();
    if (files->empty()) return Status::invalidInput(fmt::format("--gold {}: no gold files (*.json)", dir.string()));
    std::vector<DocumentAnnotations> gold;
    Sources sources;
    for (const fs::path& file : *files) {
        auto docs = ingest::eval::readAnnotationsFile(file);
        if (!docs) return docs.status();
        if (docs->size() != 1)
            return Status::invalidInput(
                fmt::format("{}: holds {} documents; a gold file holds one", file.string(), docs->size()));
        DocumentAnnotations& doc = docs->front();
        if (doc.doc != file.stem().string())
            return Status::invalidInput(fmt::format("{}: doc is '{}', but a gold file is named after its doc ({}.json)",
                                                    file.string(), doc.doc, doc.doc));
        KG_RETURN_IF_ERROR(addDocument(std::move(doc), file.string(), gold, sources, "in the gold set"));
    }
    return gold;
}

// A PATH's files: predictions, and articles to extract.
struct Inputs {
    std::vector<fs::path> predictions;  // "-" is stdin
    std::vector<fs::path> articles;
};

Status gather(const std::string& path, Inputs& inputs) {
    if (path == "-") {
        inputs.predictions.emplace_back(path);
        return Status::ok();
    }
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        auto files = filesBelow(path, [](const fs::path& p) { return isPrediction(p) || isArticle(p); });
        if (!files) return files.status();
        if (files->empty())
            return Status::invalidInput(
                fmt::format("{}: no predictions (.json, .jsonl) or articles (.txt, .md) in this folder", path));
        for (fs::path& f : *files) (isArticle(f) ? inputs.articles : inputs.predictions).push_back(std::move(f));
        return Status::ok();
    }
    if (!fs::exists(path, ec)) return Status::notFound(fmt::format("{}: no such file or directory", path));
    // A named file is a prediction unless it is an article: kg extract output may come without a
    // .json name (a pipe, <(kg extract ...)).
    (isArticle(path) ? inputs.articles : inputs.predictions).emplace_back(path);
    return Status::ok();
}

Result<std::vector<DocumentAnnotations>> readPredictions(const Inputs& inputs, const std::string& rules) {
    std::vector<DocumentAnnotations> predicted;
    Sources sources;
    for (const fs::path& file : inputs.predictions) {
        bool isStdin = file == "-";
        auto docs = isStdin ? ingest::eval::parseAnnotations(
                                  std::string(std::istreambuf_iterator<char>(std::cin), {}), "stdin")
                            : ingest::eval::readAnnotationsFile(file);
        if (!docs) return docs.status();
        for (DocumentAnnotations& doc : *docs)
            KG_RETURN_IF_ERROR(
                addDocument(std::move(doc), isStdin ? "stdin" : file.string(), predicted, sources, "predicted"));
    }
    if (!inputs.articles.empty()) {
        ExtractOptions options;
        options.rulesPath = rules;
        auto extractor = Extractor::open(options);
        if (!extractor) return extractor.status();
        for (const fs::path& article : inputs.articles) {
            auto extracted = extractArticle(**extractor, article);
            if (!extracted) return extracted.status();
            KG_RETURN_IF_ERROR(addDocument(std::move(*extracted), article.string(), predicted, sources, "predicted"));
        }
    }
    return predicted;
}

// ---------------------------------------------------------------- running

// "entity F1 0.712 is under --min-f1 0.800", or "" when both pass. Undefined
// scores (no gold and no predicted items of that kind) pass.
std::string underMinimum(const ingest::eval::Evaluation& e, double minimum) {
    // Three decimals, as the table shows them, unless that would print 0.800 under 0.8.
    auto shown = [minimum](double f1) {
        std::string s = fmt::format("{:.3f}", f1);
        return std::stod(s) < minimum ? s : fmt::format("{}", f1);
    };
    std::vector<std::string> under;
    auto check = [&](const char* kind, const ingest::eval::Scores& s) {
        std::optional<double> f1 = s.total.f1();
        if (f1 && *f1 < minimum) under.push_back(fmt::format("{} F1 {}", kind, shown(*f1)));
    };
    check("entity", e.entities);
    check("relation", e.relations);
    if (under.empty()) return "";
    return fmt::format("{} {} under --min-f1 {}", fmt::join(under, " and "), under.size() == 1 ? "is" : "are",
                       minimum);
}

int runEval(const EvalArgs& args) {
    Inputs inputs;
    for (const std::string& path : args.paths) {
        Status s = gather(path, inputs);
        if (!s) return fail(s);
    }
    auto gold = readGold(args.gold);
    if (!gold) return fail(gold.status());
    auto predicted = readPredictions(inputs, args.rules);
    if (!predicted) return fail(predicted.status());

    ingest::eval::EvalOptions options;
    options.predictedOnly = args.predictedOnly;
    auto evaluation = ingest::eval::evaluate(*gold, *predicted, options);
    if (!evaluation) return fail(evaluation.status());
    if (args.format == "json")
        fmt::print("{}\n", ingest::eval::formatJson(*evaluation));
    else
        fmt::print("{}", ingest::eval::formatTable(*evaluation));

    if (args.minF1Option->count() > 0) {
        std::string under = underMinimum(*evaluation, args.minF1);
        if (!under.empty()) {
            std::fflush(stdout);
            printError(under);
            return 1;
        }
    }
    return 0;
}

// CLI11's Range prints its bounds as 0.000000 and 1.000000; this says it shorter.
CLI::Validator fraction() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            char* end = nullptr;
            errno = 0;
            double d = std::strtod(text.c_str(), &end);
            if (text.empty() || *end != '\0' || errno != 0 || !(d >= 0 && d <= 1))
                return fmt::format("takes a number from 0 to 1, not '{}'", text.substr(0, 200));
            return "";
        },
        "");
}

}  // namespace

Run addEvalCommand(CLI::App& app) {
    auto args = std::make_shared<EvalArgs>();
    CLI::App* cmd = app.add_subcommand("eval", "Score extraction output against gold annotations (P, R, F1)");
    cmd->add_option("--gold", args->gold, "Folder of gold files, DIR/**/<doc>.json, one document each")
        ->required()
        ->type_name("DIR");
    cmd->add_option("--format", args->format, "table or json")
        ->check(CLI::IsMember({"table", "json"}))
        ->capture_default_str();
    args->minF1Option =
        cmd->add_option("--min-f1", args->minF1, "Exit 1 when the entity or relation micro F1 is under X, 0 to 1 (for CI)")
            ->check(fraction())
            ->type_name("X");
    cmd->add_option("--rules", args->rules, "Rules file for articles given as PATH (docs/rules.md); default: the shipped rules")
        ->check(CLI::ExistingFile);
    cmd->add_flag("--predicted-only", args->predictedOnly,
                  "Score only the gold documents that have a prediction (default: the others count as "
                  "extracting nothing)");
    cmd->add_option("PATH", args->paths,
                    "kg extract output: a .json file (one document or JSON lines), '-' for stdin, or a folder of "
                    ".json/.jsonl files")
        ->required();
    cmd->footer(
        "Documents pair by their \"doc\". Entities match by label and name, relations by type, subject and\n"
        "object (names compared case- and Unicode-insensitively); properties of matched relations by value\n"
        "(numbers within 1e-6 relative). Exit status 0 when the scores were computed, 1 on bad input or\n"
        "when --min-f1 is not met, 2 on usage errors. Articles (.txt, .md) among the PATHs are extracted\n"
        "first, as kg extract would (with --rules FILE).\n\n"
        "Examples:\n"
        "  kg eval --gold examples/gold predicted.jsonl\n"
        "  kg extract --format json articles/*.txt | kg eval --gold examples/gold --min-f1 0.8 -\n"
        "  kg eval --gold examples/gold --format json predicted/");
    return [args] { return runEval(*args); };
}

}  // namespace kgraph::tools
