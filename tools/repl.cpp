// The REPL: a Session holds the database, the settings and the statement being
// typed; runInteractive feeds it from the line editor, runScript from a pipe.
#include "repl.hpp"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <kgraph/kgraph.hpp>

#include "command_support.hpp"
#include "commands.hpp"
#include "line_editor.hpp"
#include "repl_complete.hpp"
#include "result_export.hpp"
#include "result_format.hpp"
#include "statements.hpp"
#include "terminal.hpp"

namespace kgraph::tools {

namespace {

// Set by SIGINT while a statement runs; the engine checks it and stops the statement.
std::atomic<bool> gInterrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

extern "C" void onInterrupt(int) { gInterrupted.store(true); }

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

// The next word of a command's arguments; 'single' or "double" quotes keep spaces.
std::string nextWord(std::string_view& rest) {
    rest = trim(rest);
    if (rest.empty()) return "";
    std::string word;
    if (rest.front() == '\'' || rest.front() == '"') {
        size_t close = rest.find(rest.front(), 1);
        word = std::string(rest.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
        rest.remove_prefix(close == std::string_view::npos ? rest.size() : close + 1);
        return word;
    }
    size_t space = rest.find_first_of(" \t");
    word = std::string(rest.substr(0, space));
    rest.remove_prefix(space == std::string_view::npos ? rest.size() : space);
    return word;
}

// A statement as the history keeps it: one line, unless a `//` comment needs its line breaks.
std::string historyEntry(std::string_view statement) {
    if (statement.find("//") != std::string_view::npos) return std::string(statement);
    std::string out;
    for (char c : statement) out += c == '\n' ? ' ' : c;
    return out;
}

const char* const kHelp =
    "Statements end with ';' and may span lines. Commands:\n"
    "  :help                          this list\n"
    "  :schema                        labels, relationship types and property keys, with counts\n"
    "  :stats                         what kg stats prints\n"
    "  :explain QUERY                 the plan of QUERY, without running it\n"
    "  :evidence                      the sentences behind the last result's relationships\n"
    "  :export FORMAT FILE [QUERY]    the last result (or QUERY's) as dot, graphml, json or csv\n"
    "  :render FILE.svg [QUERY]       the last result (or QUERY's) drawn by GraphViz (.svg, .png, .pdf)\n"
    "  :format [table|json|csv|tsv]   how results print\n"
    "  :timing [on|off]               the time of each statement under its table\n"
    "  :param [NAME [VALUE]]          set $NAME (JSON, else a string); NAME alone unsets; none lists\n"
    "  :read FILE                     run the statements of FILE\n"
    "  :quit                          leave (so does Ctrl-D)\n"
    "Tab completes keywords, labels, types, property keys, functions and commands; Up and Down walk\n"
    "the history (~/.kg_history); Ctrl-C discards the line, or cancels the statement that runs.\n";

class Session {
public:
    enum class Flow { GO_ON, STOP };

    Session(OpenDatabase db, bool interactive, const ReplOptions& options, OutputFormat format)
        : db_(std::move(db)), interactive_(interactive), keepGoing_(options.keepGoing), format_(format),
          timing_(interactive) {
        refreshVocabulary();
    }

    Status addParam(const std::string& nameEqualsValue) { return tools::addParam(params_, nameEqualsValue); }

    // One line of input: a :command at the start of a statement, else part of one.
    Flow feedLine(std::string_view line);
    // The end of input: a last statement without its ';' runs too.
    Flow finishInput();
    // Ctrl-C at the prompt: forget the statement being typed.
    void discardPending() { closePending(false); }
    bool midStatement() const { return hasCode(std::string_view(script_).substr(runUpTo_)); }

    int exitCode() const { return firstFailure_; }
    const Vocabulary& vocabulary() const { return vocabulary_; }
    std::string banner() const;
    std::function<void(const std::string&)> remember = [](const std::string&) {};

private:
    Flow runStatementsUpTo(size_t end);
    Flow runAndPrint(const ScriptStatement& statement, std::string_view script, int lineShift);
    Result<QueryResult> query(std::string_view text, QueryError* error = nullptr);
    Flow print(const QueryResult& result);
    Flow show(std::string_view text);
    Flow failure(const Status& status);
    Flow failure(int exitCode);
    void closePending(bool keepInHistory);
    void refreshVocabulary();

    Flow runCommand(std::string_view line);
    Flow schema();
    Flow stats();
    Flow explain(std::string_view query);
    Flow evidence();
    Flow exportTo(std::string_view args);
    Flow render(std::string_view args);
    Flow setFormat(std::string_view args);
    Flow setTiming(std::string_view args);
    Flow param(std::string_view args);
    Flow read(std::string_view args);
    Result<QueryResult> resultFor(std::string_view query);

    OpenDatabase db_;
    const bool interactive_;
    const bool keepGoing_;
    OutputFormat format_;
    bool timing_;
    Value::Map params_;
    std::optional<QueryResult> last_;
    Vocabulary vocabulary_;
    int firstFailure_ = 0;
    int failures_ = 0;
    bool printedBefore_ = false;
    int readDepth_ = 0;
    // The statement being typed, from the start of its first line; what is
    // before runUpTo_ has run. pendingLine_ is the input line it starts on
    // (interactive: 1, so errors count lines in the statement).
    std::string script_;
    size_t runUpTo_ = 0;
    int lineNo_ = 0;
    int pendingLine_ = 1;
};

Session::Flow Session::feedLine(std::string_view line) {
    ++lineNo_;
    if (!midStatement() && trim(line).starts_with(':')) {
        closePending(true);
        std::string command(trim(line));
        remember(command);
        Flow flow = runCommand(command);
        if (!interactive_) pendingLine_ = lineNo_ + 1;
        return flow;
    }
    if (script_.empty()) pendingLine_ = interactive_ ? 1 : lineNo_;
    script_.append(line);
    script_ += '\n';
    Flow flow = Flow::GO_ON;
    size_t end = endOfLastStatement(script_);
    if (end > runUpTo_) flow = runStatementsUpTo(end);
    if (!midStatement()) closePending(true);
    return flow;
}

Session::Flow Session::finishInput() {
    Flow flow = midStatement() ? runStatementsUpTo(script_.size()) : Flow::GO_ON;
    closePending(true);
    return flow;
}

void Session::closePending(bool keepInHistory) {
    std::string_view text = trim(script_);
    if (keepInHistory && hasCode(text)) remember(historyEntry(text));
    script_.clear();
    runUpTo_ = 0;
    pendingLine_ = interactive_ ? 1 : lineNo_ + 1;
}

Session::Flow Session::runStatementsUpTo(size_t end) {
    const size_t from = runUpTo_;
    runUpTo_ = end;
    for (const ScriptStatement& statement : splitStatements(std::string_view(script_).substr(0, end))) {
        if (statement.offset < from) continue;
        if (runAndPrint(statement, script_, pendingLine_ - 1) == Flow::STOP) return Flow::STOP;
    }
    return Flow::GO_ON;
}

Session::Flow Session::runAndPrint(const ScriptStatement& statement, std::string_view script, int lineShift) {
    QueryError error;
    auto result = query(statement.text, &error);
    if (result) {
        Flow flow = print(*result);
        last_ = std::move(*result);
        return flow;
    }
    if (error.kind == "Cancelled") {
        printError("cancelled");
        return failure(result.status());
    }
    // Errors count lines in the whole input: the statement moves down by the lines before it.
    std::string shifted = std::string(static_cast<size_t>(lineShift), '\n') + std::string(script);
    ScriptStatement moved = statement;
    moved.line += lineShift;
    moved.offset += static_cast<size_t>(lineShift);
    return failure(reportQueryError(result.status(), error, moved, shifted));
}

Result<QueryResult> Session::query(std::string_view text, QueryError* error) {
    QueryOptions options;
    options.parameters = params_;
    if (interactive_) {
        gInterrupted.store(false);
        options.cancel = &gInterrupted;
    }
    auto result = runStatement(db_, text, options, error);
    if (result && result->stats.containsUpdates()) refreshVocabulary();
    return result;
}

Session::Flow Session::print(const QueryResult& result) {
    const bool table = format_ == OutputFormat::TABLE;
    std::string note = timing_ && table ? fmt::format("{:.1f} ms", result.executionMs) : "";
    std::string text = formatResult(result, format_, terminalWidth(), note);
    if (!text.empty() && printedBefore_ && !interactive_) text.insert(0, statementSeparator(format_));
    printedBefore_ = printedBefore_ || !text.empty();
    auto written = writeOut(text);
    if (!written) return failure(written.status());
    if (!*written) return Flow::STOP;  // the reader went away: its choice, not our failure
    if (timing_ && !table) fmt::print(stderr, "time: {:.1f} ms\n", result.executionMs);
    return Flow::GO_ON;
}

Session::Flow Session::show(std::string_view text) {
    auto written = writeOut(text);
    if (!written) return failure(written.status());
    return *written ? Flow::GO_ON : Flow::STOP;
}

Session::Flow Session::failure(const Status& status) {
    return failure(status.exitCode());
}

Session::Flow Session::failure(int exitCode) {
    ++failures_;
    if (firstFailure_ == 0) firstFailure_ = exitCode;
    return interactive_ || keepGoing_ ? Flow::GO_ON : Flow::STOP;
}

void Session::refreshVocabulary() {
    DatabaseStats s = db_.db->stats();
    Vocabulary v;
    for (const auto& [name, n] : s.labels) v.labels.push_back(name);
    for (const auto& [name, n] : s.types) v.types.push_back(name);
    std::set<std::string> keys;
    for (const auto& p : s.properties) keys.insert(p.key);
    v.propertyKeys.assign(keys.begin(), keys.end());
    for (const auto& [name, value] : params_) v.parameters.push_back(name);
    vocabulary_ = std::move(v);
}

std::string Session::banner() const {
    std::string state;
    if (db_.access == Access::ABSENT) state = "does not exist yet; the first statement that writes creates it";
    else if (db_.access == Access::LOCKED) state = "is locked by another process: reading its last committed state";
    else {
        DatabaseStats s = db_.db->stats();
        state = fmt::format("holds {} nodes and {} relationships", withThousands(s.nodes), withThousands(s.relationships));
    }
    return fmt::format("kg {}: {} {}.\nStatements end with ';'. :help lists the commands, Ctrl-D leaves.\n",
                       kgraph::version(), db_.path, state);
}

// ---------------------------------------------------------------- commands

Session::Flow Session::runCommand(std::string_view line) {
    std::string_view rest = line.substr(1);
    std::string name = nextWord(rest);
    rest = trim(rest);
    if (name == "quit" || name == "q" || name == "exit") return Flow::STOP;
    if (name == "help" || name == "h" || name == "?") return show(kHelp);
    if (name == "schema") return schema();
    if (name == "stats") return stats();
    if (name == "explain") return explain(rest);
    if (name == "evidence") return evidence();
    if (name == "export") return exportTo(rest);
    if (name == "render") return render(rest);
    if (name == "format") return setFormat(rest);
    if (name == "timing") return setTiming(rest);
    if (name == "param" || name == "params") return param(rest);
    if (name == "read") return read(rest);
    printError(fmt::format("no command ':{}'; :help lists them", shortened(name)));
    return failure(Status::usage(""));
}

Session::Flow Session::schema() {
    std::string text = schemaText(db_.db->stats());
    if (text.empty()) text = "\nthe database is empty\n";
    return show(text.substr(1));  // without the blank line before the first table
}

Session::Flow Session::stats() { return show(statsText(db_.db->stats(), db_.path)); }

Session::Flow Session::explain(std::string_view query) {
    query = trim(query);
    while (query.ends_with(';')) query = trim(query.substr(0, query.size() - 1));
    if (query.empty()) {
        printError(":explain takes a query: :explain MATCH (n) RETURN n");
        return failure(Status::usage(""));
    }
    std::string text = "EXPLAIN " + std::string(query);
    ScriptStatement statement{text, 0, 1, 1};
    return runAndPrint(statement, text, 0);
}

Session::Flow Session::evidence() {
    if (!last_) {
        printError(":evidence shows the evidence of the last result's relationships; run a query first");
        return failure(Status::invalidInput(""));
    }
    Value::List ids;
    for (const auto& [id, r] : last_->relationships) ids.emplace_back(static_cast<int64_t>(id));
    const bool ofRelationships = !ids.empty();
    if (!ofRelationships)
        for (const auto& [id, n] : last_->nodes) ids.emplace_back(static_cast<int64_t>(id));
    if (ids.empty()) {
        printError("the last result holds no relationships or nodes, so no evidence");
        return failure(Status::invalidInput(""));
    }
    const char* text =
        ofRelationships
            ? "MATCH (a)-[r]->(b) WHERE id(r) IN $ids UNWIND evidence(r) AS e "
              "RETURN coalesce(a.name, '#' + toString(id(a))) + ' ' + type(r) + ' ' + coalesce(b.name, '#' + "
              "toString(id(b))) AS fact, e.sentence AS sentence, coalesce(e.title, e.doc) AS document, "
              "e.published AS date ORDER BY fact, date, document"
            : "MATCH (n) WHERE id(n) IN $ids UNWIND evidence(n) AS e "
              "RETURN coalesce(n.name, '#' + toString(id(n))) AS entity, e.sentence AS sentence, "
              "coalesce(e.title, e.doc) AS document, e.published AS date ORDER BY entity, date, document";
    QueryOptions options;
    options.parameters["ids"] = Value(std::move(ids));
    QueryError error;
    auto result = db_.db->query(text, options, &error);
    if (!result) {
        printError(result.status().message());
        return failure(result.status());
    }
    return print(*result);
}

Result<QueryResult> Session::resultFor(std::string_view text) {
    text = trim(text);
    while (text.ends_with(';')) text = trim(text.substr(0, text.size() - 1));
    if (text.empty()) {
        if (last_) return *last_;
        return Status::invalidInput("no result yet: run a query first, or give one after the file name");
    }
    // A query given to :export or :render is a one-off: the last result stays what it was.
    QueryError error;
    return query(text, &error);
}

Session::Flow Session::exportTo(std::string_view args) {
    std::string format = nextWord(args), file = nextWord(args);
    if (format.empty() || file.empty()) {
        printError(":export takes FORMAT FILE [QUERY]: :export graphml out.graphml");
        return failure(Status::usage(""));
    }
    auto result = resultFor(args);
    if (!result) {
        printError(result.status().message());
        return failure(result.status());
    }
    auto written = exportResult(*db_.db, *result, format, file);
    if (!written) {
        printError(written.status().message());
        return failure(written.status());
    }
    std::string what = format == "csv" ? fmt::format("{} rows", withThousands(written->rows))
                                       : fmt::format("{} nodes and {} relationships", withThousands(written->nodes),
                                                     withThousands(written->relationships));
    return show(fmt::format("exported {} to {}\n", what, file));
}

Session::Flow Session::render(std::string_view args) {
    std::string file = nextWord(args);
    size_t dot = file.rfind('.');
    std::string format = dot == std::string::npos ? "" : file.substr(dot + 1);
    if (format != "svg" && format != "png" && format != "pdf") {
        printError(":render takes FILE.svg, FILE.png or FILE.pdf, then an optional query");
        return failure(Status::usage(""));
    }
    auto result = resultFor(args);
    const std::string tempDot = fmt::format("{}.tmp-{}.dot", file, ::getpid());
    auto written = result ? exportResult(*db_.db, *result, "dot", tempDot) : Result<ResultExport>(result.status());
    Status rendered = written ? renderDot(tempDot, format, file) : written.status();
    std::remove(tempDot.c_str());
    if (!rendered.isOk()) {
        printError(rendered.message());
        return failure(rendered);
    }
    return show(fmt::format("rendered {} nodes and {} relationships to {}\n", withThousands(written->nodes),
                            withThousands(written->relationships), file));
}

Session::Flow Session::setFormat(std::string_view args) {
    std::string name = nextWord(args);
    static const char* const kNames[] = {"table", "json", "csv", "tsv"};
    if (name.empty()) return show(fmt::format("format: {}\n", kNames[static_cast<int>(format_)]));
    auto format = parseOutputFormat(name);
    if (!format) {
        printError(fmt::format(":format takes table, json, csv or tsv, not '{}'", shortened(name)));
        return failure(Status::usage(""));
    }
    format_ = *format;
    return Flow::GO_ON;
}

Session::Flow Session::setTiming(std::string_view args) {
    std::string value = nextWord(args);
    if (value.empty()) return show(fmt::format("timing: {}\n", timing_ ? "on" : "off"));
    if (value != "on" && value != "off") {
        printError(fmt::format(":timing takes on or off, not '{}'", shortened(value)));
        return failure(Status::usage(""));
    }
    timing_ = value == "on";
    return Flow::GO_ON;
}

Session::Flow Session::param(std::string_view args) {
    std::string name = nextWord(args);
    if (name.starts_with('$')) name.erase(0, 1);
    std::string_view value = trim(args);
    if (name.empty()) {
        std::string text;
        for (const auto& [n, v] : params_) text += fmt::format("${} = {}\n", n, cypherLiteral(v, QueryResult{}));
        return show(text.empty() ? "no parameters\n" : text);
    }
    if (value.empty()) params_.erase(name);
    else if (Status s = addParam(name + "=" + std::string(value)); !s.isOk()) {
        printError(s.message());
        return failure(s);
    }
    refreshVocabulary();
    return Flow::GO_ON;
}

Session::Flow Session::read(std::string_view args) {
    std::string file = nextWord(args);
    if (file.empty()) {
        printError(":read takes a FILE of statements");
        return failure(Status::usage(""));
    }
    constexpr int kMaxDepth = 16;  // a file that reads itself
    if (readDepth_ >= kMaxDepth) {
        printError(fmt::format(":read {}: files read each other more than {} deep", file, kMaxDepth));
        return failure(Status::invalidInput(""));
    }
    auto text = readFile(file);
    if (!text) {
        printError(text.status().message());
        return failure(text.status());
    }
    ++readDepth_;
    Flow flow = Flow::GO_ON;
    for (const ScriptStatement& statement : splitStatements(*text)) {
        int before = failures_;
        flow = runAndPrint(statement, *text, 0);
        // A failed statement stops the file, as it stops `kg query -f FILE`.
        if (flow == Flow::STOP || failures_ != before) break;
    }
    --readDepth_;
    return flow;
}

// ---------------------------------------------------------------- the two ways in

std::string historyFile() {
    const char* home = std::getenv("HOME");
    return home && *home ? std::string(home) + "/.kg_history" : "";
}

int runInteractive(Session& session) {
    struct sigaction action {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    LineEditor editor(historyFile(), [&](std::string_view line) { return complete(line, session.vocabulary()); });
    session.remember = [&](const std::string& entry) { editor.remember(entry); };
    std::fputs(session.banner().c_str(), stdout);
    while (true) {
        auto input = editor.read(session.midStatement() ? "..> " : "kg> ");
        if (input.kind == LineEditor::Input::Kind::END) {
            std::fputs("\n", stdout);
            break;
        }
        if (input.kind == LineEditor::Input::Kind::INTERRUPTED) session.discardPending();
        else if (session.feedLine(input.line) == Session::Flow::STOP) break;
    }
    return 0;
}

int runScript(Session& session) {
    std::string line;
    while (std::getline(std::cin, line))
        if (session.feedLine(line) == Session::Flow::STOP) return session.exitCode();
    session.finishInput();
    return session.exitCode();
}

}  // namespace

int runRepl(const ReplOptions& options) {
    auto format = parseOutputFormat(options.format);
    if (!format) return fail(Status::usage(fmt::format("--format: no format '{}'", shortened(options.format))));
    auto opened = openDatabase(options.db);
    if (!opened) return fail(opened.status());
    const bool interactive = isTerminal(stdin);
    Session session(std::move(*opened), interactive, options, *format);
    for (const std::string& p : options.params)
        if (Status s = session.addParam(p); !s.isOk()) return fail(s);
    // A reader that goes away early (`| head`) makes writes fail instead of killing us with SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    return interactive ? runInteractive(session) : runScript(session);
}

}  // namespace kgraph::tools
