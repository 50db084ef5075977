// CALL algo.*: the graph algorithms as procedures (DESIGN.md, "Query language").
// Each takes an optional settings map: {labels: [...], types: [...],
// direction: 'out'|'in'|'both'} plus its own settings.
#include <cmath>

#include <fmt/format.h>

#include "graph/algorithms/algorithms.hpp"
#include "query/operators.hpp"

namespace kgraph::query {

namespace {

struct ProcedureInfo {
    const char* name;
    std::vector<std::string> fields;
    graph::Direction defaultDirection;
};

const std::vector<ProcedureInfo>& procedures() {
    static const std::vector<ProcedureInfo> all = {
        {"algo.pagerank", {"node", "score"}, graph::Direction::OUT},
        {"algo.wcc", {"node", "component"}, graph::Direction::BOTH},
        {"algo.scc", {"node", "component"}, graph::Direction::OUT},
        {"algo.betweenness", {"node", "score"}, graph::Direction::OUT},
        {"algo.degree", {"node", "degree"}, graph::Direction::BOTH},
        {"algo.shortestPath", {"path", "cost"}, graph::Direction::OUT},
    };
    return all;
}

const ProcedureInfo* findProcedure(const std::string& name) {
    for (const auto& p : procedures())
        if (p.name == name) return &p;
    return nullptr;
}

[[noreturn]] void argumentError(const std::string& procedure, const std::string& message) {
    throwError(ErrorKind::ARGUMENT, fmt::format("{}: {}", procedure, message));
}

// Reads the settings map; `allowed` lists the keys besides the scope's.
const Value::Map& settingsOf(const std::string& procedure, const std::vector<Value>& args, size_t index,
                             std::initializer_list<const char*> allowed) {
    static const Value::Map empty;
    if (args.size() <= index || args[index].isNull()) return empty;
    if (!args[index].isMap()) argumentError(procedure, "the settings must be a map");
    for (const auto& [key, v] : args[index].asMap()) {
        bool known = key == "labels" || key == "types" || key == "direction";
        for (const char* a : allowed) known = known || key == a;
        if (!known) argumentError(procedure, fmt::format("unknown setting '{}'", key));
    }
    return args[index].asMap();
}

graph::AlgoScope scopeOf(const std::string& procedure, const Value::Map& settings, graph::Direction direction,
                         ExecContext& ctx, bool& empty) {
    graph::AlgoScope scope;
    scope.direction = direction;
    empty = false;
    auto names = [&](const char* key, TokenKind kind, std::vector<TokenId>& out) {
        auto it = settings.find(key);
        if (it == settings.end() || it->second.isNull()) return;
        if (!it->second.isList()) argumentError(procedure, fmt::format("'{}' must be a list of names", key));
        for (const Value& v : it->second.asList()) {
            if (!v.isString()) argumentError(procedure, fmt::format("'{}' must be a list of names", key));
            if (auto t = ctx.findToken(kind, v.asString())) out.push_back(*t);
        }
        // Names the graph does not know select nothing.
        if (!it->second.asList().empty() && out.empty()) empty = true;
    };
    names("labels", TokenKind::LABEL, scope.labels);
    names("types", TokenKind::TYPE, scope.types);
    if (auto it = settings.find("direction"); it != settings.end() && !it->second.isNull()) {
        std::string d = it->second.isString() ? it->second.asString() : "";
        if (d == "out" || d == "OUT") scope.direction = graph::Direction::OUT;
        else if (d == "in" || d == "IN") scope.direction = graph::Direction::IN;
        else if (d == "both" || d == "BOTH") scope.direction = graph::Direction::BOTH;
        else argumentError(procedure, "'direction' must be 'out', 'in' or 'both'");
    }
    return scope;
}

double numberSetting(const std::string& procedure, const Value::Map& settings, const char* key, double fallback) {
    auto it = settings.find(key);
    if (it == settings.end() || it->second.isNull()) return fallback;
    if (it->second.isInt()) return static_cast<double>(it->second.asInt());
    if (it->second.isFloat()) return it->second.asFloat();
    argumentError(procedure, fmt::format("'{}' must be a number", key));
}

VertexIndex vertexArg(const std::string& procedure, const Value& v, ExecContext& ctx, const char* what) {
    if (!v.isNode()) argumentError(procedure, fmt::format("the {} must be a node", what));
    VertexIndex x = ctx.vertexOf(v.asNode());
    if (x == graph::kNoVertex) throwError(ErrorKind::ENTITY_NOT_FOUND, fmt::format("{}: the {} was deleted", procedure, what));
    return x;
}

}  // namespace

std::vector<std::string> procedureFields(const std::string& procedure) {
    const ProcedureInfo* p = findProcedure(procedure);
    return p ? p->fields : std::vector<std::string>{};
}

std::vector<Value::Map> runProcedure(const std::string& name, const std::vector<Value>& args, ExecContext& ctx) {
    const ProcedureInfo* info = findProcedure(name);
    if (!info) throwError(ErrorKind::SEMANTIC, fmt::format("unknown procedure {}", name));
    const graph::Graph& g = ctx.graph;
    std::vector<Value::Map> rows;
    bool empty = false;

    auto perVertex = [&](const char* field, auto&& valueOf) {
        for (VertexIndex v = 0; v < g.vertexCapacity(); ++v) {
            if (!g.vertexLive(v)) continue;
            Value x = valueOf(v);
            if (x.isNull()) continue;  // out of scope
            rows.push_back({{"node", ctx.nodeValue(v)}, {field, std::move(x)}});
        }
    };

    if (name == "algo.shortestPath") {
        if (args.size() < 2 || args.size() > 3) argumentError(name, "expects (source, target[, settings])");
        const Value::Map& settings = settingsOf(name, args, 2, {"weight"});
        graph::AlgoScope scope = scopeOf(name, settings, info->defaultDirection, ctx, empty);
        if (args[0].isNull() || args[1].isNull() || empty) return rows;
        VertexIndex a = vertexArg(name, args[0], ctx, "source"), b = vertexArg(name, args[1], ctx, "target");
        auto toValue = [&](const graph::Path& p) {
            Value::Path out;
            for (VertexIndex v : p.vertices) out.nodes.push_back(g.nodeId(v));
            for (EdgeIndex e : p.edges) out.relationships.push_back(g.relId(e));
            return Value(std::move(out));
        };
        if (auto w = settings.find("weight"); w != settings.end() && !w->second.isNull()) {
            if (!w->second.isString()) argumentError(name, "'weight' must be a property name");
            auto key = ctx.findToken(TokenKind::PROPERTY, w->second.asString());
            if (!key) argumentError(name, fmt::format("no relationship has the property '{}'", w->second.asString()));
            auto r = graph::weightedShortestPath(g, a, b, scope, *key);
            if (!r.isOk()) argumentError(name, r.status().message());
            if (*r) rows.push_back({{"path", toValue((*r)->path)}, {"cost", Value((*r)->cost)}});
            return rows;
        }
        if (auto p = graph::shortestPath(g, a, b, scope))
            rows.push_back({{"path", toValue(*p)}, {"cost", Value(static_cast<double>(p->edges.size()))}});
        return rows;
    }

    if (args.size() > 1) argumentError(name, "expects at most one argument, a settings map");
    if (name == "algo.pagerank") {
        const Value::Map& settings = settingsOf(name, args, 0, {"damping", "iterations", "tolerance"});
        graph::AlgoScope scope = scopeOf(name, settings, info->defaultDirection, ctx, empty);
        if (empty) return rows;
        graph::PageRankOptions options;
        options.damping = numberSetting(name, settings, "damping", 0.85);
        options.iterations = static_cast<int>(numberSetting(name, settings, "iterations", 100));
        options.tolerance = numberSetting(name, settings, "tolerance", 1e-6);
        if (!(options.damping >= 0 && options.damping <= 1)) argumentError(name, "'damping' must be between 0 and 1");
        if (options.iterations < 1) argumentError(name, "'iterations' must be at least 1");
        auto result = graph::pageRank(g, scope, options);
        perVertex("score", [&](VertexIndex v) {
            double s = result.scores[v];
            return std::isnan(s) ? Value() : Value(s);
        });
    } else if (name == "algo.wcc" || name == "algo.scc") {
        const Value::Map& settings = settingsOf(name, args, 0, {});
        graph::AlgoScope scope = scopeOf(name, settings, info->defaultDirection, ctx, empty);
        if (empty) return rows;
        auto comp = name == "algo.wcc" ? graph::weaklyConnectedComponents(g, scope)
                                       : graph::stronglyConnectedComponents(g, scope);
        perVertex("component", [&](VertexIndex v) {
            return comp[v] == UINT32_MAX ? Value() : Value(static_cast<int64_t>(comp[v]));
        });
    } else if (name == "algo.betweenness") {
        const Value::Map& settings = settingsOf(name, args, 0, {"normalized"});
        graph::AlgoScope scope = scopeOf(name, settings, info->defaultDirection, ctx, empty);
        if (empty) return rows;
        bool normalized = true;
        if (auto it = settings.find("normalized"); it != settings.end() && !it->second.isNull()) {
            if (!it->second.isBool()) argumentError(name, "'normalized' must be a boolean");
            normalized = it->second.asBool();
        }
        auto scores = graph::betweenness(g, scope, normalized);
        perVertex("score", [&](VertexIndex v) { return std::isnan(scores[v]) ? Value() : Value(scores[v]); });
    } else if (name == "algo.degree") {
        const Value::Map& settings = settingsOf(name, args, 0, {});
        graph::AlgoScope scope = scopeOf(name, settings, info->defaultDirection, ctx, empty);
        if (empty) return rows;
        auto deg = graph::degrees(g, scope);
        perVertex("degree", [&](VertexIndex v) { return deg[v] < 0 ? Value() : Value(deg[v]); });
    }
    ctx.reserve(rows.size() * 160);
    return rows;
}

}  // namespace kgraph::query
