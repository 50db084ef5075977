#include "query/operators.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "graph/algorithms/algorithms.hpp"
#include "query/expr/value_ops.hpp"

namespace kgraph::query {

// ---- Operator

bool Operator::pull(ExecContext& ctx, Row& row) {
    if (!ctx.profiling) {
        bool ok = next(ctx, row);
        rows_ += ok;
        return ok;
    }
    auto start = std::chrono::steady_clock::now();
    bool ok = next(ctx, row);
    nanos_ += static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count());
    rows_ += ok;
    return ok;
}

std::vector<const Operator*> Operator::inputs() const { return {}; }

namespace {

void describe(const Operator& op, bool profile, int depth, std::string& out) {
    out += std::string(static_cast<size_t>(depth) * 2, ' ');
    out += op.name();
    if (std::string d = op.details(); !d.empty()) out += fmt::format(" {}", d);
    if (profile) out += fmt::format("  (rows: {}, time: {:.3f} ms)", op.rowsProduced(), op.milliseconds());
    out += '\n';
    for (const Operator* input : op.inputs())
        if (input) describe(*input, profile, depth + 2, out);
    if (op.child()) describe(*op.child(), profile, depth + 1, out);
}

std::string labelText(const std::vector<std::vector<std::string>>& labels) {
    std::string out;
    for (const auto& any : labels) {
        out += ':';
        for (size_t i = 0; i < any.size(); ++i) out += (i ? "|" : "") + any[i];
    }
    return out;
}

// Relationship isomorphism: is relationship `id` already used by one of `slots`?
bool relUsed(const Row& row, const std::vector<int>& slots, uint64_t id) {
    for (int s : slots) {
        const Value& v = row[static_cast<size_t>(s)];
        if (v.isRelationship()) {
            if (v.asRelationship().id == id) return true;
        } else if (v.isList()) {
            for (const Value& r : v.asList())
                if (r.isRelationship() && r.asRelationship().id == id) return true;
        }
    }
    return false;
}

void resolveTypes(ExecContext& ctx, const std::vector<std::string>& names, std::vector<std::optional<TokenId>>& out,
                  bool& any) {
    any = names.empty();
    out.clear();
    for (const auto& t : names) {
        auto token = ctx.findToken(TokenKind::TYPE, t);
        if (std::find(out.begin(), out.end(), token) == out.end()) out.push_back(token);  // [:T|T] is [:T]
    }
}

// Calls visit(edge, other) for every edge of `v` in the filter's direction and types.
template <typename Visit>
void forEachHop(const graph::Graph& g, VertexIndex v, ast::Direction dir, bool anyType,
                const std::vector<std::optional<TokenId>>& types, Visit&& visit) {
    auto run = [&](std::optional<TokenId> type) {
        if (dir != ast::Direction::INCOMING)
            g.forEachOut(v, type, [&](EdgeIndex e, VertexIndex o) {
                visit(e, o);
                return true;
            });
        if (dir != ast::Direction::OUTGOING)
            g.forEachIn(v, type, [&](EdgeIndex e, VertexIndex o) {
                // An undirected pattern meets a self-loop once, not from both ends.
                if (dir == ast::Direction::BOTH && o == v) return true;
                visit(e, o);
                return true;
            });
    };
    if (anyType) {
        run(std::nullopt);
        return;
    }
    for (const auto& t : types)
        if (t) run(*t);
}

ast::Direction flip(ast::Direction d) {
    if (d == ast::Direction::OUTGOING) return ast::Direction::INCOMING;
    if (d == ast::Direction::INCOMING) return ast::Direction::OUTGOING;
    return d;
}

VertexIndex nodeIn(ExecContext& ctx, const Row& row, int slot) {
    const Value& v = row[static_cast<size_t>(slot)];
    if (!v.isNode()) return graph::kNoVertex;
    return ctx.vertexOf(v.asNode());
}

}  // namespace

std::string describePlan(const Operator& root, bool profile) {
    std::string out;
    describe(root, profile, 0, out);
    return out;
}

// ---- NodeScan

NodeScan::NodeScan(OperatorPtr child, int slot, std::vector<std::vector<std::string>> labels, std::string variable)
    : Operator(std::move(child)), slot_(slot), labels_(std::move(labels)), variable_(std::move(variable)) {}

std::string NodeScan::name() const { return labels_.empty() ? "AllNodesScan" : "NodeByLabelScan"; }
std::string NodeScan::details() const { return fmt::format("({}{})", variable_, labelText(labels_)); }

void NodeScan::open(ExecContext& ctx, Row& row) {
    Operator::open(ctx, row);
    haveInput_ = false;
}

bool NodeScan::refill(ExecContext& ctx) {
    candidates_.clear();
    pos_ = 0;
    cursor_ = 0;
    scanAll_ = labels_.empty();
    if (scanAll_) return true;
    for (const auto& label : labels_[0]) {
        auto token = ctx.findToken(TokenKind::LABEL, label);
        if (!token) continue;
        auto list = ctx.graph.verticesWithLabel(*token);
        candidates_.insert(candidates_.end(), list.begin(), list.end());
    }
    if (labels_[0].size() > 1) {
        std::sort(candidates_.begin(), candidates_.end());
        candidates_.erase(std::unique(candidates_.begin(), candidates_.end()), candidates_.end());
    }
    return true;
}

bool NodeScan::next(ExecContext& ctx, Row& row) {
    graph::Graph& g = ctx.graph;
    for (;;) {
        if (!haveInput_) {
            if (!pullChild(ctx, row)) return false;
            haveInput_ = true;
            refill(ctx);
        }
        VertexIndex v = graph::kNoVertex;
        if (scanAll_) {
            while (cursor_ < g.vertexCapacity() && !g.vertexLive(cursor_)) ++cursor_;
            if (cursor_ < g.vertexCapacity()) v = cursor_++;
        } else {
            while (pos_ < candidates_.size() && v == graph::kNoVertex) {
                VertexIndex c = candidates_[pos_++];
                bool ok = g.vertexLive(c);
                for (size_t i = 1; ok && i < labels_.size(); ++i) {
                    bool anyOf = false;
                    for (const auto& l : labels_[i]) {
                        auto t = ctx.findToken(TokenKind::LABEL, l);
                        if (t && g.hasLabel(c, *t)) anyOf = true;
                    }
                    ok = anyOf;
                }
                if (ok) v = c;
            }
        }
        if (v == graph::kNoVertex) {
            haveInput_ = false;
            continue;
        }
        ctx.tick();
        row[static_cast<size_t>(slot_)] = ctx.nodeValue(v);
        return true;
    }
}

// ---- NodeIndexSeek

NodeIndexSeek::NodeIndexSeek(OperatorPtr child, int slot, std::string label, std::string key, BoundExprPtr value,
                             std::string variable)
    : Operator(std::move(child)), slot_(slot), label_(std::move(label)), key_(std::move(key)),
      variable_(std::move(variable)), value_(std::move(value)) {}

std::string NodeIndexSeek::details() const { return fmt::format("({}:{} {{{}: ...}})", variable_, label_, key_); }

void NodeIndexSeek::open(ExecContext& ctx, Row& row) {
    Operator::open(ctx, row);
    haveInput_ = false;
}

bool NodeIndexSeek::next(ExecContext& ctx, Row& row) {
    for (;;) {
        if (!haveInput_) {
            if (!pullChild(ctx, row)) return false;
            haveInput_ = true;
            candidates_.clear();
            pos_ = 0;
            auto label = ctx.findToken(TokenKind::LABEL, label_);
            auto key = ctx.findToken(TokenKind::PROPERTY, key_);
            Value v = evaluate(*value_, row, ctx);
            if (label && key && !v.isNull()) candidates_ = ctx.graph.findByProperty(*label, *key, v);
        }
        while (pos_ < candidates_.size()) {
            VertexIndex v = candidates_[pos_++];
            if (!ctx.graph.vertexLive(v)) continue;
            row[static_cast<size_t>(slot_)] = ctx.nodeValue(v);
            return true;
        }
        haveInput_ = false;
    }
}

// ---- Expand

struct Expand::Checks {
    // The far node's labels: a conjunction of disjunctions, as in the AST.
    std::vector<std::vector<std::string>> labels;
    std::vector<std::vector<TokenId>> labelTokens;  // resolved per open; the alternatives that exist
    // Whether every relationship of the types reaches a node with the labels
    // (LSQB's hasInterest always ends at a Tag): then no hop needs the check.
    // Decided per open: a statement's writes may change labels.
    bool labelsImplied = false;
    bool labelsResolved = false;  // every label has its token
    uint64_t graphVersion = 0;    // ExecContext::graphVersion when labelsImplied was decided
    struct Predicate {
        BoundExprPtr expr;
        // `id(a) <> id(b)` (or `a <> b`) on two slots: compared directly when both hold nodes.
        int differentA = -1, differentB = -1;
    };
    std::vector<Predicate> predicates;
    std::vector<std::string> texts;  // what EXPLAIN shows

    bool checksLabels() const { return !labelTokens.empty() && !labelsImplied; }
};

namespace {

// The slot of `e` when it is a variable, or id() of one.
int nodeSlotOf(const BoundExpr& e) {
    if (e.op == ExprOp::SLOT) return e.slot;
    if (e.op == ExprOp::GRAPH_FUNCTION && e.graphFunction == GraphFunction::ID && e.args.size() == 1 && e.args[0] &&
        e.args[0]->op == ExprOp::SLOT)
        return e.args[0]->slot;
    return -1;
}

// Adds the slots `e` reads to `out`; false when it runs a subplan, which may read any.
bool slotsReadBy(const BoundExpr& e, std::vector<int>& out) {
    if (e.subplan) return false;
    if (e.op == ExprOp::SLOT) out.push_back(e.slot);
    for (const auto& a : e.args)
        if (a && !slotsReadBy(*a, out)) return false;
    return true;
}

bool hasLabels(const graph::Graph& g, VertexIndex v, const std::vector<std::vector<TokenId>>& conjunction) {
    for (const auto& anyOf : conjunction) {
        bool ok = false;
        for (TokenId t : anyOf) ok = ok || g.hasLabel(v, t);
        if (!ok) return false;
    }
    return true;
}

}  // namespace

Expand::Expand(OperatorPtr child, int from, int rel, int to, RelFilter filter, bool into, std::string text)
    : Operator(std::move(child)), from_(from), rel_(rel), to_(to), filter_(std::move(filter)), into_(into),
      text_(std::move(text)) {}

Expand::~Expand() = default;

std::string Expand::details() const {
    if (!checks_ || checks_->texts.empty()) return text_;
    std::string out = text_ + " WHERE ";
    for (size_t i = 0; i < checks_->texts.size(); ++i) out += (i ? " AND " : "") + checks_->texts[i];
    return out;
}

void Expand::absorb(Filter& filter) {
    if (!checks_) checks_ = std::make_unique<Checks>();
    if (filter.labelCheck && filter.labelCheck->slot == to_ && !into_ && checks_->predicates.empty()) {
        // Labels go first, as the Filter sat right above the Expand.
        for (auto& anyOf : filter.labelCheck->labels) checks_->labels.push_back(anyOf);
        filter.takePredicate();
    } else {
        Checks::Predicate p;
        p.expr = filter.takePredicate();
        if (p.expr->op == ExprOp::NE && p.expr->args.size() == 2 && p.expr->args[0] && p.expr->args[1]) {
            p.differentA = nodeSlotOf(*p.expr->args[0]);
            p.differentB = nodeSlotOf(*p.expr->args[1]);
            // id(a) <> b compares an integer with a node: no shortcut.
            if ((p.expr->args[0]->op == ExprOp::SLOT) != (p.expr->args[1]->op == ExprOp::SLOT)) p.differentA = -1;
        }
        checks_->predicates.push_back(std::move(p));
    }
    if (!filter.text().empty()) checks_->texts.push_back(filter.text());
}

void Expand::open(ExecContext& ctx, Row& row) {
    Operator::open(ctx, row);
    haveInput_ = false;
    resolve(ctx);
}

bool Expand::resolved(const ExecContext& ctx) const {
    return resolved_ && (!checks_ || (checks_->labelsResolved && checks_->graphVersion == ctx.graphVersion));
}

// Names to tokens. A name the graph lacks may be created by the statement's
// own writes after the open, so until all exist this runs again per input
// row; a token, once made, never changes.
void Expand::resolve(ExecContext& ctx) {
    if (!resolved_) {
        resolveTypes(ctx, filter_.types, types_, anyType_);
        resolved_ = std::all_of(types_.begin(), types_.end(), [](const auto& t) { return t.has_value(); });
    }
    if (!checks_) return;
    Checks& c = *checks_;
    if (!c.labelsResolved) {
        c.labelTokens.clear();
        c.labelsResolved = true;
        for (const auto& anyOf : c.labels) {
            std::vector<TokenId> tokens;
            for (const auto& l : anyOf)
                if (auto t = ctx.findToken(TokenKind::LABEL, l)) tokens.push_back(*t);
            c.labelsResolved = c.labelsResolved && tokens.size() == anyOf.size();
            c.labelTokens.push_back(std::move(tokens));
        }
    }
    c.labelsImplied = false;
    c.graphVersion = ctx.graphVersion;
    if (c.labels.empty() || anyType_) return;
    // The graph knows which labels each type's ends carry: when every
    // relationship of the types reaches a node with the labels, no hop needs the check.
    auto passes = [&](std::span<const TokenId> labels) {
        for (const auto& anyOf : c.labelTokens)
            if (std::none_of(anyOf.begin(), anyOf.end(),
                             [&](TokenId t) { return std::binary_search(labels.begin(), labels.end(), t); }))
                return false;
        return true;
    };
    const auto d = filter_.direction;
    c.labelsImplied = std::all_of(types_.begin(), types_.end(), [&](const std::optional<TokenId>& t) {
        return !t || ((d == ast::Direction::INCOMING || ctx.graph.allEnds(*t, false, passes)) &&
                      (d == ast::Direction::OUTGOING || ctx.graph.allEnds(*t, true, passes)));
    });
}

// With `to` and `rel` already written for this hop.
bool Expand::accept(ExecContext& ctx, Row& row, EdgeIndex e, VertexIndex other) {
    if (!filter_.distinctFrom.empty() && relUsed(row, filter_.distinctFrom, ctx.graph.relId(e))) return false;
    if (!checks_) return true;
    if (checks_->checksLabels() && !hasLabels(ctx.graph, other, checks_->labelTokens)) return false;
    for (const auto& p : checks_->predicates) {
        if (p.differentA >= 0 && p.differentB >= 0) {
            const Value& a = row[static_cast<size_t>(p.differentA)];
            const Value& b = row[static_cast<size_t>(p.differentB)];
            if (a.isNode() && b.isNode()) {
                if (a.asNode().id == b.asNode().id) return false;
                continue;
            }
        }
        ctx.tick();
        if (!evaluatePredicate(*p.expr, row, ctx)) return false;
    }
    return true;
}

bool Expand::next(ExecContext& ctx, Row& row) {
    for (;;) {
        while (haveInput_ && pos_ < hops_.size()) {
            auto [e, other] = hops_[pos_++];
            if (into_) {
                if (nodeIn(ctx, row, to_) != other) continue;
            } else {
                row[static_cast<size_t>(to_)] = ctx.nodeValue(other);
            }
            row[static_cast<size_t>(rel_)] = ctx.relValue(e);
            if (accept(ctx, row, e, other)) return true;
        }
        if (!pullChild(ctx, row)) return false;
        haveInput_ = true;
        hops_.clear();
        pos_ = 0;
        VertexIndex v = nodeIn(ctx, row, from_);
        if (v == graph::kNoVertex) continue;
        ctx.tick();
        if (!resolved(ctx)) resolve(ctx);
        collect(ctx, row, v);
    }
}

// The candidate hops from `v` into hops_ (for Into, only those reaching the bound end).
void Expand::collect(ExecContext& ctx, Row& row, VertexIndex v) {
    if (into_) {
        // Both ends are bound: walk the side with fewer candidate edges
        // (a comment's one creator, not the creator's thousand comments).
        VertexIndex w = nodeIn(ctx, row, to_);
        if (w == graph::kNoVertex) return;
        if (degreeFrom(ctx, w, flip(filter_.direction)) < degreeFrom(ctx, v, filter_.direction)) {
            forEachHop(ctx.graph, w, flip(filter_.direction), anyType_, types_, [&](EdgeIndex e, VertexIndex o) {
                if (o == v) hops_.emplace_back(e, w);
            });
            return;
        }
        forEachHop(ctx.graph, v, filter_.direction, anyType_, types_, [&](EdgeIndex e, VertexIndex o) {
            if (o == w) hops_.emplace_back(e, o);
        });
        return;
    }
    forEachHop(ctx.graph, v, filter_.direction, anyType_, types_,
               [&](EdgeIndex e, VertexIndex o) { hops_.emplace_back(e, o); });
}

template <typename Visit>
void Expand::forEachMatch(ExecContext& ctx, Row& row, VertexIndex from, Visit&& visit) {
    ctx.tick();
    if (!resolved(ctx)) resolve(ctx);
    if (into_) {
        // Few hops reach a bound end: collect them (the walk may recurse, so into a local list).
        hops_.clear();
        collect(ctx, row, from);
        std::vector<std::pair<EdgeIndex, VertexIndex>> hops;
        hops.swap(hops_);
        for (auto [e, other] : hops) {
            if (writeRel_) row[static_cast<size_t>(rel_)] = ctx.relValue(e);
            if (accept(ctx, row, e, other) && !visit(e, other)) return;
        }
        return;
    }
    bool go = true;
    forEachHop(ctx.graph, from, filter_.direction, anyType_, types_, [&](EdgeIndex e, VertexIndex o) {
        if (!go) return;
        if (writeTo_) row[static_cast<size_t>(to_)] = ctx.nodeValue(o);
        if (writeRel_) row[static_cast<size_t>(rel_)] = ctx.relValue(e);
        if (accept(ctx, row, e, o)) go = visit(e, o);
    });
}

bool Expand::slotsRead(std::vector<int>& out, bool startGiven) const {
    if (!startGiven) out.push_back(from_);
    if (into_) out.push_back(to_);
    out.insert(out.end(), filter_.distinctFrom.begin(), filter_.distinctFrom.end());
    if (checks_)
        for (const auto& p : checks_->predicates)
            if (!slotsReadBy(*p.expr, out)) return false;
    return true;
}

int64_t Expand::countMatches(ExecContext& ctx, Row& row, VertexIndex from) {
    if (!resolved(ctx)) resolve(ctx);
    const graph::Graph& g = ctx.graph;
    bool perHop = into_ || !filter_.distinctFrom.empty() || filter_.direction == ast::Direction::BOTH ||
                  (checks_ && (checks_->checksLabels() || !checks_->predicates.empty()));
    if (perHop) {
        int64_t n = 0;
        forEachMatch(ctx, row, from, [&](EdgeIndex, VertexIndex) {
            ++n;
            return true;
        });
        return n;
    }
    // Degrees: no hop needs looking at.
    auto degree = [&](std::optional<TokenId> t) {
        return static_cast<int64_t>(filter_.direction == ast::Direction::OUTGOING ? g.outDegree(from, t)
                                                                                  : g.inDegree(from, t));
    };
    if (anyType_) return degree(std::nullopt);
    int64_t n = 0;
    for (const auto& t : types_)
        if (t) n += degree(*t);
    return n;
}

size_t Expand::degreeFrom(ExecContext& ctx, VertexIndex v, ast::Direction d) const {
    size_t n = 0;
    if (d != ast::Direction::INCOMING) n += ctx.graph.outDegreeBound(v);
    if (d != ast::Direction::OUTGOING) n += ctx.graph.inDegreeBound(v);
    return n;
}

// ---- VarExpand

VarExpand::VarExpand(OperatorPtr child, int from, int rel, int to, RelFilter filter, bool into, int64_t minHops,
                     int64_t maxHops, bool reversed, BoundExprPtr relProperties, std::string text)
    : Operator(std::move(child)), from_(from), rel_(rel), to_(to), filter_(std::move(filter)), into_(into),
      min_(minHops), max_(maxHops), reversed_(reversed), relProperties_(std::move(relProperties)),
      text_(std::move(text)) {}

void VarExpand::open(ExecContext& ctx, Row& row) {
    Operator::open(ctx, row);
    haveInput_ = false;
    resolved_ = false;
}

void VarExpand::walk(ExecContext& ctx, Row& row, VertexIndex start) {
    results_.clear();
    pos_ = 0;
    // Per input row until every type exists: the statement may create one.
    if (!resolved_) {
        resolveTypes(ctx, filter_.types, types_, anyType_);
        resolved_ = std::all_of(types_.begin(), types_.end(), [](const auto& t) { return t.has_value(); });
    }
    graph::Graph& g = ctx.graph;
    VertexIndex target = into_ ? nodeIn(ctx, row, to_) : graph::kNoVertex;
    if (into_ && target == graph::kNoVertex) return;

    // Property constraints on every relationship: resolved once per start.
    std::vector<std::pair<std::optional<TokenId>, Value>> props;
    if (relProperties_) {
        Value m = evaluate(*relProperties_, row, ctx);
        if (m.isMap())
            for (const auto& [k, v] : m.asMap()) props.emplace_back(ctx.findToken(TokenKind::PROPERTY, k), v);
    }
    auto edgeOk = [&](EdgeIndex e) {
        if (!filter_.distinctFrom.empty() && relUsed(row, filter_.distinctFrom, g.relId(e))) return false;
        for (const auto& [k, v] : props) {
            const Value* p = k ? g.edgeProperty(e, *k) : nullptr;
            if (!p || equals(*p, v) != Tri::TRUE) return false;
        }
        return true;
    };

    std::vector<EdgeIndex> path;
    size_t bytes = 0;
    auto record = [&](VertexIndex v) {
        if (into_ && v != target) return;
        results_.emplace_back(v, path);
        size_t b = 32 + path.size() * sizeof(EdgeIndex);
        bytes += b;
        ctx.reserve(b);
    };
    // Depth-first over relationship-unique walks, with an explicit stack so a
    // long chain cannot exhaust the thread's stack. Each frame holds the hops
    // out of one vertex on the current path and how far we got through them.
    struct Frame {
        std::vector<std::pair<EdgeIndex, VertexIndex>> hops;
        size_t next = 0;
    };
    std::vector<Frame> stack;
    auto enter = [&](VertexIndex v) {
        ctx.tick();
        if (static_cast<int64_t>(path.size()) >= min_) record(v);
        Frame f;
        if (max_ < 0 || static_cast<int64_t>(path.size()) < max_)
            forEachHop(g, v, filter_.direction, anyType_, types_,
                       [&](EdgeIndex e, VertexIndex o) { f.hops.emplace_back(e, o); });
        size_t b = f.hops.size() * sizeof(f.hops[0]);
        bytes += b;
        ctx.reserve(b);
        stack.push_back(std::move(f));
    };
    enter(start);
    while (!stack.empty()) {
        Frame& top = stack.back();
        if (top.next == top.hops.size()) {
            stack.pop_back();
            if (!path.empty()) path.pop_back();
            continue;
        }
        auto [e, o] = top.hops[top.next++];
        if (std::find(path.begin(), path.end(), e) != path.end() || !edgeOk(e)) continue;
        path.push_back(e);
        enter(o);
    }
    ctx.release(bytes);
}

bool VarExpand::next(ExecContext& ctx, Row& row) {
    for (;;) {
        if (haveInput_ && pos_ < results_.size()) {
            auto& [v, edges] = results_[pos_++];
            Value::List rels;
            rels.reserve(edges.size());
            for (EdgeIndex e : edges) rels.push_back(ctx.relValue(e));
            if (reversed_) std::reverse(rels.begin(), rels.end());
            if (!into_) row[static_cast<size_t>(to_)] = ctx.nodeValue(v);
            row[static_cast<size_t>(rel_)] = Value(std::move(rels));
            return true;
        }
        if (!pullChild(ctx, row)) return false;
        haveInput_ = true;
        results_.clear();
        pos_ = 0;
        VertexIndex v = nodeIn(ctx, row, from_);
        if (v != graph::kNoVertex) walk(ctx, row, v);
    }
}

// ---- ShortestPathOp

ShortestPathOp::ShortestPathOp(OperatorPtr child, int from, int to, int path, int rel, RelFilter filter,
                               int64_t minHops, int64_t maxHops, bool all, std::string text)
    : Operator(std::move(child)), from_(from), to_(to), path_(path), rel_(rel), filter_(std::move(filter)),
      min_(minHops), max_(maxHops), all_(all), text_(std::move(text)) {}

void ShortestPathOp::open(ExecContext& ctx, Row& row) {
    Operator::open(ctx, row);
    haveInput_ = false;
}

bool ShortestPathOp::next(ExecContext& ctx, Row& row) {
    for (;;) {
        if (haveInput_ && pos_ < results_.size()) {
            Value::Path& p = results_[pos_++];
            if (rel_ >= 0) {
                Value::List rels;
                for (uint64_t r : p.relationships) rels.emplace_back(Value::Relationship{r});
                row[static_cast<size_t>(rel_)] = Value(std::move(rels));
            }
            if (path_ >= 0) row[static_cast<size_t>(path_)] = Value(p);
            return true;
        }
        if (!pullChild(ctx, row)) return false;
        haveInput_ = true;
        results_.clear();
        pos_ = 0;
        VertexIndex a = nodeIn(ctx, row, from_), b = nodeIn(ctx, row, to_);
        if (a == graph::kNoVertex || b == graph::kNoVertex) continue;
        if (a == b) {
            if (min_ == 0) results_.push_back({{ctx.graph.nodeId(a)}, {}});
            continue;
        }
        graph::AlgoScope scope;
        for (const auto& t : filter_.types)
            if (auto token = ctx.findToken(TokenKind::TYPE, t)) scope.types.push_back(*token);
        if (!filter_.types.empty() && scope.types.empty()) continue;
        scope.direction = filter_.direction == ast::Direction::OUTGOING   ? graph::Direction::OUT
                          : filter_.direction == ast::Direction::INCOMING ? graph::Direction::IN
                                                                          : graph::Direction::BOTH;
        std::vector<graph::Path> paths;
        if (all_) {
            auto r = graph::allShortestPaths(ctx.graph, a, b, scope);
            if (!r.isOk()) throwError(ErrorKind::LIMIT, r.status().message());
            paths = std::move(*r);
        } else if (auto p = graph::shortestPath(ctx.graph, a, b, scope)) {
            paths.push_back(std::move(*p));
        }
        for (auto& p : paths) {
            auto hops = static_cast<int64_t>(p.edges.size());
            if (hops < min_ || (max_ >= 0 && hops > max_)) continue;
            Value::Path out;
            for (VertexIndex v : p.vertices) out.nodes.push_back(ctx.graph.nodeId(v));
            for (EdgeIndex e : p.edges) out.relationships.push_back(ctx.graph.relId(e));
            results_.push_back(std::move(out));
        }
    }
}

// ---- BuildPath

BuildPath::BuildPath(OperatorPtr child, int slot, int start, std::vector<Step> steps)
    : Operator(std::move(child)), slot_(slot), start_(start), steps_(std::move(steps)) {}

namespace {

// A path value from a pattern's slots; null when an optional part is missing.
Value buildPath(ExecContext& ctx, const Row& row, int start, const std::vector<BuildPath::Step>& steps) {
    const Value& first = row[static_cast<size_t>(start)];
    if (!first.isNode()) return Value();
    Value::Path p;
    p.nodes.push_back(first.asNode().id);
    for (const auto& step : steps) {
        const Value& r = row[static_cast<size_t>(step.rel)];
        if (step.varLength) {
            if (!r.isList()) return Value();
            for (const Value& rel : r.asList()) {
                EdgeIndex e = ctx.edgeOf(rel.asRelationship());
                if (e == graph::kNoEdge) return Value();
                uint64_t s = ctx.graph.nodeId(ctx.graph.source(e)), t = ctx.graph.nodeId(ctx.graph.target(e));
                p.relationships.push_back(rel.asRelationship().id);
                p.nodes.push_back(s == p.nodes.back() ? t : s);
            }
        } else {
            if (!r.isRelationship()) return Value();
            p.relationships.push_back(r.asRelationship().id);
            const Value& n = row[static_cast<size_t>(step.node)];
            if (!n.isNode()) return Value();
            p.nodes.push_back(n.asNode().id);
        }
    }
    return Value(std::move(p));
}

}  // namespace

bool BuildPath::next(ExecContext& ctx, Row& row) {
    if (!pullChild(ctx, row)) return false;
    row[static_cast<size_t>(slot_)] = buildPath(ctx, row, start_, steps_);
    return true;
}

// ---- Filter

Filter::Filter(OperatorPtr child, BoundExprPtr predicate, std::string text)
    : Operator(std::move(child)), predicate_(std::move(predicate)), text_(std::move(text)) {}

bool Filter::next(ExecContext& ctx, Row& row) {
    while (pullChild(ctx, row)) {
        ctx.tick();
        if (evaluatePredicate(*predicate_, row, ctx)) return true;
    }
    return false;
}

// ---- Optional

Optional::Optional(OperatorPtr child, OperatorPtr inner, std::vector<int> nullSlots)
    : Operator(std::move(child)), inner_(std::move(inner)), nullSlots_(std::move(nullSlots)) {}

void Optional::open(ExecContext& ctx, Row& row) {
    Operator::open(ctx, row);
    inInner_ = false;
}

bool Optional::next(ExecContext& ctx, Row& row) {
    for (;;) {
        if (inInner_) {
            if (inner_->pull(ctx, row)) {
                innerProduced_ = true;
                return true;
            }
            inInner_ = false;
            if (!innerProduced_) {
                for (int s : nullSlots_) row[static_cast<size_t>(s)] = Value();
                return true;
            }
        }
        if (!pullChild(ctx, row)) return false;
        inner_->open(ctx, row);
        inInner_ = true;
        innerProduced_ = false;
    }
}

// ---- Project

Project::Project(OperatorPtr child, std::vector<SlotExpr> items) : Operator(std::move(child)), items_(std::move(items)) {}

std::string Project::details() const {
    std::string out;
    for (const auto& item : items_) out += (out.empty() ? "" : ", ") + item.text;
    return out;
}

bool Project::next(ExecContext& ctx, Row& row) {
    if (!pullChild(ctx, row)) return false;
    for (const auto& item : items_) row[static_cast<size_t>(item.slot)] = evaluate(*item.expr, row, ctx);
    return true;
}

// ---- Aggregate

namespace {

struct ValuesHash {
    size_t operator()(const std::vector<Value>& values) const {
        size_t h = 0x9e3779b97f4a7c15ULL;
        for (const Value& v : values) h = (h ^ hashValue(v)) * 0x100000001b3ULL;
        return h;
    }
};
struct ValuesEqual {
    bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const {
        if (a.size() != b.size()) return false;
        for (size_t i = 0; i < a.size(); ++i)
            if (!equivalent(a[i], b[i])) return false;
        return true;
    }
};
struct ValueHash {
    size_t operator()(const Value& v) const { return hashValue(v); }
};
struct ValueEqual {
    bool operator()(const Value& a, const Value& b) const { return equivalent(a, b); }
};

struct Accumulator {
    int64_t count = 0;
    bool sumIsFloat = false;
    int64_t intSum = 0;
    double floatSum = 0;
    Value best;  // min or max
    Value::List items;
    double mean = 0, m2 = 0;  // Welford, for stDev
    std::unordered_set<Value, ValueHash, ValueEqual> seen;
};

void accumulate(const AggregateSpec& spec, Accumulator& acc, Row& row, ExecContext& ctx) {
    if (spec.kind == AggregateKind::COUNT_STAR) {
        acc.count += spec.weightSlot < 0 ? 1 : row[static_cast<size_t>(spec.weightSlot)].asInt();
        return;
    }
    Value v = evaluate(*spec.arg, row, ctx);
    if (v.isNull()) return;
    if (spec.distinct) {
        if (!acc.seen.insert(v).second) return;
        ctx.reserve(ExecContext::approxSize(v));
    }
    ++acc.count;
    switch (spec.kind) {
        case AggregateKind::COUNT:
        case AggregateKind::COUNT_STAR: break;
        case AggregateKind::SUM:
        case AggregateKind::AVG:
            if (v.isInt()) {
                if (!acc.sumIsFloat && __builtin_add_overflow(acc.intSum, v.asInt(), &acc.intSum))
                    throwError(ErrorKind::ARITHMETIC, fmt::format("integer overflow in {}", spec.text));
                acc.floatSum += static_cast<double>(v.asInt());
            } else if (v.isFloat()) {
                acc.sumIsFloat = true;
                acc.floatSum += v.asFloat();
            } else {
                throwError(ErrorKind::TYPE, fmt::format("{} expects numbers, got {}", spec.text, typeName(v.type())));
            }
            break;
        case AggregateKind::MIN:
            if (acc.best.isNull() || orderCompare(v, acc.best) < 0) acc.best = std::move(v);
            break;
        case AggregateKind::MAX:
            if (acc.best.isNull() || orderCompare(v, acc.best) > 0) acc.best = std::move(v);
            break;
        case AggregateKind::COLLECT:
            ctx.reserve(ExecContext::approxSize(v));
            acc.items.push_back(std::move(v));
            break;
        case AggregateKind::STDEV:
        case AggregateKind::STDEVP: {
            if (!v.isInt() && !v.isFloat())
                throwError(ErrorKind::TYPE, fmt::format("{} expects numbers, got {}", spec.text, typeName(v.type())));
            double x = v.isInt() ? static_cast<double>(v.asInt()) : v.asFloat();
            double delta = x - acc.mean;
            acc.mean += delta / static_cast<double>(acc.count);
            acc.m2 += delta * (x - acc.mean);
            break;
        }
        case AggregateKind::PERCENTILE_CONT:
        case AggregateKind::PERCENTILE_DISC:
            if (!v.isInt() && !v.isFloat())
                throwError(ErrorKind::TYPE, fmt::format("{} expects numbers, got {}", spec.text, typeName(v.type())));
            acc.items.push_back(std::move(v));
            break;
    }
}

Value finish(const AggregateSpec& spec, Accumulator& acc, Row& row, ExecContext& ctx) {
    switch (spec.kind) {
        case AggregateKind::COUNT:
        case AggregateKind::COUNT_STAR: return Value(acc.count);
        case AggregateKind::SUM:
            if (acc.sumIsFloat) return Value(acc.floatSum);
            return Value(acc.intSum);
        case AggregateKind::AVG:
            if (acc.count == 0) return Value();
            return Value(acc.floatSum / static_cast<double>(acc.count));
        case AggregateKind::MIN:
        case AggregateKind::MAX: return acc.best;
        case AggregateKind::COLLECT: return Value(std::move(acc.items));
        case AggregateKind::STDEV:
            if (acc.count < 2) return Value(0.0);
            return Value(std::sqrt(acc.m2 / static_cast<double>(acc.count - 1)));
        case AggregateKind::STDEVP:
            if (acc.count == 0) return Value(0.0);
            return Value(std::sqrt(acc.m2 / static_cast<double>(acc.count)));
        case AggregateKind::PERCENTILE_CONT:
        case AggregateKind::PERCENTILE_DISC: {
            Value pv = evaluate(*spec.percentile, row, ctx);
            if (!pv.isInt() && !pv.isFloat())
                throwError(ErrorKind::ARGUMENT, fmt::format("{}: the percentile must be a number", spec.text));
            double p = pv.isInt() ? static_cast<double>(pv.asInt()) : pv.asFloat();
            if (!(p >= 0 && p <= 1))
                throwError(ErrorKind::ARGUMENT, fmt::format("{}: the percentile must be between 0.0 and 1.0", spec.text));
            if (acc.items.empty()) return Value();
            std::vector<double> xs;
            for (const Value& x : acc.items) xs.push_back(x.isInt() ? static_cast<double>(x.asInt()) : x.asFloat());
            std::vector<size_t> order(xs.size());
            for (size_t i = 0; i < order.size(); ++i) order[i] = i;
            std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return xs[a] < xs[b]; });
            size_t n = xs.size();
            if (spec.kind == AggregateKind::PERCENTILE_DISC) {
                size_t idx = p == 0 ? 0 : static_cast<size_t>(std::ceil(p * static_cast<double>(n))) - 1;
                return acc.items[order[std::min(idx, n - 1)]];
            }
            double pos = p * static_cast<double>(n - 1);
            auto lo = static_cast<size_t>(std::floor(pos)), hi = static_cast<size_t>(std::ceil(pos));
            double frac = pos - static_cast<double>(lo);
            return Value(xs[order[lo]] + (xs[order[hi]] - xs[order[lo]]) * frac);
        }
    }
    return Value();
}

}  // namespace

struct Aggregate::State {
    std::unordered_map<std::vector<Value>, size_t, ValuesHash, ValuesEqual> index;
    std::vector<std::pair<std::vector<Value>, std::vector<Accumulator>>> groups;
    size_t pos = 0;
    bool consumed = false;
    size_t bytes = 0;
};

Aggregate::Aggregate(OperatorPtr child, std::vector<SlotExpr> keys, std::vector<AggregateSpec> aggregates)
    : Operator(std::move(child)), keys_(std::move(keys)), aggregates_(std::move(aggregates)) {}
Aggregate::~Aggregate() = default;

std::string Aggregate::details() const {
    std::string out;
    for (const auto& k : keys_) out += (out.empty() ? "" : ", ") + k.text;
    for (const auto& a : aggregates_) out += (out.empty() ? "" : ", ") + a.text;
    return out;
}

void Aggregate::open(ExecContext& ctx, Row& row) {
    Operator::open(ctx, row);
    if (state_) ctx.release(state_->bytes);
    state_ = std::make_unique<State>();
}

void Aggregate::consume(ExecContext& ctx, Row& row) {
    State& s = *state_;
    std::vector<Value> key;
    while (pullChild(ctx, row)) {
        ctx.tick();
        key.clear();
        for (const auto& k : keys_) key.push_back(evaluate(*k.expr, row, ctx));
        auto [it, inserted] = s.index.try_emplace(key, s.groups.size());
        if (inserted) {
            s.groups.emplace_back(key, std::vector<Accumulator>(aggregates_.size()));
            size_t b = ExecContext::approxSize(key) * 2 + 64 * aggregates_.size();
            s.bytes += b;
            ctx.reserve(b);
        }
        auto& accs = s.groups[it->second].second;
        for (size_t i = 0; i < aggregates_.size(); ++i) accumulate(aggregates_[i], accs[i], row, ctx);
    }
    // No rows and no grouping keys: one row of empty aggregates (count 0).
    if (keys_.empty() && s.groups.empty()) s.groups.emplace_back(std::vector<Value>{}, std::vector<Accumulator>(aggregates_.size()));
    s.consumed = true;
}

bool Aggregate::next(ExecContext& ctx, Row& row) {
    if (!state_->consumed) consume(ctx, row);
    State& s = *state_;
    if (s.pos >= s.groups.size()) return false;
    auto& [key, accs] = s.groups[s.pos++];
    for (size_t i = 0; i < keys_.size(); ++i) row[static_cast<size_t>(keys_[i].slot)] = key[i];
    for (size_t i = 0; i < aggregates_.size(); ++i)
        row[static_cast<size_t>(aggregates_[i].slot)] = finish(aggregates_[i], accs[i], row, ctx);
    return true;
}

// ---- Distinct

struct Distinct::State {
    std::unordered_set<std::vector<Value>, ValuesHash, ValuesEqual> seen;
    size_t bytes = 0;
};

Distinct::Distinct(OperatorPtr child, std::vector<int> slots) : Operator(std::move(child)), slots_(std::move(slots)) {}
Distinct::~Distinct() = default;

void Distinct::open(ExecContext& ctx, Row& row) {
    Operator::open(ctx, row);
    if (state_) ctx.release(state_->bytes);
    state_ = std::make_unique<State>();
}

bool Distinct::next(ExecContext& ctx, Row& row) {
    std::vector<Value> key;
    while (pullChild(ctx, row)) {
        ctx.tick();
        key.clear();
        for (int s : slots_) key.push_back(row[static_cast<size_t>(s)]);
        size_t b = ExecContext::approxSize(key) * 2;
        if (state_->seen.insert(std::move(key)).second) {
            state_->bytes += b;
            ctx.reserve(b);
            return true;
        }
    }
    return false;
}

// ---- Sort

Sort::Sort(OperatorPtr child, std::vector<SortKey> keys) : Operator(std::move(child)), keys_(std::move(keys)) {}

std::string Sort::details() const {
    std::string out;
    for (const auto& k : keys_) out += (out.empty() ? "" : ", ") + k.text + (k.descending ? " DESC" : "");
    return out;
}

void Sort::open(ExecContext& ctx, Row& row) {
    Operator::open(ctx, row);
    rows_.clear();
    ctx.release(bytes_);
    bytes_ = 0;
    pos_ = 0;
    sorted_ = false;
}

bool Sort::next(ExecContext& ctx, Row& row) {
    if (!sorted_) {
        while (pullChild(ctx, row)) {
            ctx.tick();
            std::vector<Value> key;
            for (const auto& k : keys_) key.push_back(evaluate(*k.expr, row, ctx));
            size_t b = ExecContext::approxSize(row) + ExecContext::approxSize(key);
            bytes_ += b;
            ctx.reserve(b);
            rows_.emplace_back(std::move(key), row);
        }
        std::stable_sort(rows_.begin(), rows_.end(), [&](const auto& a, const auto& b) {
            for (size_t i = 0; i < keys_.size(); ++i) {
                int c = orderCompare(a.first[i], b.first[i]);
                if (c != 0) return keys_[i].descending ? c > 0 : c < 0;
            }
            return false;
        });
        sorted_ = true;
    }
    if (pos_ >= rows_.size()) return false;
    row = std::move(rows_[pos_++].second);
    return true;
}

// ---- Slice

Slice::Slice(OperatorPtr child, BoundExprPtr skip, BoundExprPtr limit)
    : Operator(std::move(child)), skip_(std::move(skip)), limit_(std::move(limit)) {}

void Slice::open(ExecContext& ctx, Row& row) {
    Operator::open(ctx, row);
    started_ = false;
}

int64_t Slice::bound(ExecContext& ctx, Row& row, const BoundExpr& e, const char* what) {
    Value v = evaluate(e, row, ctx);
    if (v.isFloat() && v.asFloat() == std::floor(v.asFloat()) && std::isfinite(v.asFloat()))
        v = Value(static_cast<int64_t>(v.asFloat()));
    // The TCK files these under SyntaxError even when a parameter brings them at runtime.
    if (!v.isInt()) throwError(ErrorKind::SYNTAX, fmt::format("{} expects a non-negative integer, got {}", what, v.toString()), e.pos);
    if (v.asInt() < 0) throwError(ErrorKind::SYNTAX, fmt::format("{} expects a non-negative integer, got {}", what, v.asInt()), e.pos);
    return v.asInt();
}

bool Slice::next(ExecContext& ctx, Row& row) {
    if (!started_) {
        started_ = true;
        toSkip_ = skip_ ? bound(ctx, row, *skip_, "SKIP") : 0;
        remaining_ = limit_ ? bound(ctx, row, *limit_, "LIMIT") : -1;
    }
    if (remaining_ == 0) {
        if (drainInput)
            while (pullChild(ctx, row)) {
            }
        return false;
    }
    while (pullChild(ctx, row)) {
        if (toSkip_ > 0) {
            --toSkip_;
            continue;
        }
        if (remaining_ > 0) --remaining_;
        return true;
    }
    return false;
}

// ---- Unwind

Unwind::Unwind(OperatorPtr child, BoundExprPtr list, int slot, std::string text)
    : Operator(std::move(child)), list_(std::move(list)), slot_(slot), text_(std::move(text)) {}

void Unwind::open(ExecContext& ctx, Row& row) {
    Operator::open(ctx, row);
    haveInput_ = false;
}

bool Unwind::next(ExecContext& ctx, Row& row) {
    for (;;) {
        if (haveInput_) {
            if (current_.isList()) {
                if (pos_ < current_.asList().size()) {
                    ctx.tick();
                    row[static_cast<size_t>(slot_)] = current_.asList()[pos_++];
                    return true;
                }
            } else if (pos_ == 0 && !current_.isNull()) {
                ++pos_;
                row[static_cast<size_t>(slot_)] = current_;
                return true;
            }
        }
        if (!pullChild(ctx, row)) return false;
        haveInput_ = true;
        current_ = evaluate(*list_, row, ctx);
        pos_ = 0;
    }
}

// ---- Union

struct Union::Seen {
    std::unordered_set<std::vector<Value>, ValuesHash, ValuesEqual> rows;
};

Union::Union(OperatorPtr left, OperatorPtr right, std::vector<int> leftSlots, std::vector<int> rightSlots,
             std::vector<int> outSlots, bool all)
    : Operator(std::move(left)), right_(std::move(right)), leftSlots_(std::move(leftSlots)),
      rightSlots_(std::move(rightSlots)), outSlots_(std::move(outSlots)), all_(all) {}
Union::~Union() = default;

void Union::open(ExecContext& ctx, Row& row) {
    Operator::open(ctx, row);
    onRight_ = false;
    seen_ = std::make_unique<Seen>();
}

bool Union::next(ExecContext& ctx, Row& row) {
    for (;;) {
        if (!onRight_) {
            if (!pullChild(ctx, row)) {
                onRight_ = true;
                right_->open(ctx, row);
                continue;
            }
            for (size_t i = 0; i < outSlots_.size(); ++i)
                row[static_cast<size_t>(outSlots_[i])] = row[static_cast<size_t>(leftSlots_[i])];
        } else {
            if (!right_->pull(ctx, row)) return false;
            for (size_t i = 0; i < outSlots_.size(); ++i)
                row[static_cast<size_t>(outSlots_[i])] = row[static_cast<size_t>(rightSlots_[i])];
        }
        if (all_) return true;
        std::vector<Value> key;
        for (int s : outSlots_) key.push_back(row[static_cast<size_t>(s)]);
        size_t b = ExecContext::approxSize(key);
        if (seen_->rows.insert(std::move(key)).second) {
            ctx.reserve(b);
            return true;
        }
    }
}

// ---- writes

namespace {

void checkStorable(const Value& v, const std::string& key) {
    switch (v.type()) {
        case Value::Type::NODE:
        case Value::Type::RELATIONSHIP:
        case Value::Type::PATH:
            throwError(ErrorKind::TYPE, fmt::format("property '{}' cannot hold a {}", key, typeName(v.type())));
        case Value::Type::LIST:
            for (const Value& item : v.asList()) checkStorable(item, key);
            break;
        case Value::Type::MAP:
            for (const auto& [k, item] : v.asMap()) checkStorable(item, key);
            break;
        default: break;
    }
}

Value::Map propertyMap(const BoundExprPtr& e, ExecContext& ctx, Row& row) {
    if (!e) return {};
    Value v = evaluate(*e, row, ctx);
    if (v.isNull()) return {};
    if (!v.isMap()) throwError(ErrorKind::TYPE, fmt::format("properties must be a map, got {}", typeName(v.type())));
    Value::Map m = std::move(v.asMap());
    for (const auto& [k, item] : m) checkStorable(item, k);
    return m;
}

void check(Status s, ErrorKind kind = ErrorKind::ENTITY_NOT_FOUND) {
    if (s.isOk()) return;
    if (s.code() == StatusCode::INVALID_INPUT) throwError(ErrorKind::CONSTRAINT, s.message());
    if (s.code() == StatusCode::NOT_FOUND) throwError(kind, s.message());
    throwError(ErrorKind::BUSY, s.message());
}

// Eager write operators read all their input before writing.
std::vector<Row> drain(Operator& child, ExecContext& ctx, Row& row) {
    std::vector<Row> rows;
    while (child.pull(ctx, row)) {
        ctx.reserve(ExecContext::approxSize(row));
        rows.push_back(row);
    }
    return rows;
}

}  // namespace

void createPattern(const CreateSpec& spec, ExecContext& ctx, Row& row) {
    storage::WriteBatch& batch = ctx.writer();
    for (const auto& n : spec.nodes) {
        if (n.bound) {
            const Value& v = row[static_cast<size_t>(n.slot)];
            if (!v.isNode()) throwError(ErrorKind::SEMANTIC, "cannot create a relationship to a node that is null");
            continue;
        }
        Value::Map props = propertyMap(n.properties, ctx, row);
        storage::NodeId id = batch.createNode(n.labels, props);
        ++ctx.stats.nodesCreated;
        std::vector<std::string> labels = n.labels;
        std::sort(labels.begin(), labels.end());
        ctx.stats.labelsAdded += static_cast<uint64_t>(std::unique(labels.begin(), labels.end()) - labels.begin());
        for (const auto& [k, v] : props) ctx.stats.propertiesSet += !v.isNull();
        row[static_cast<size_t>(n.slot)] = Value(Value::Node{id});
    }
    for (const auto& r : spec.rels) {
        const Value& s = row[static_cast<size_t>(r.start)];
        const Value& e = row[static_cast<size_t>(r.end)];
        if (!s.isNode() || !e.isNode()) throwError(ErrorKind::SEMANTIC, "cannot create a relationship to a node that is null");
        Value::Map props = propertyMap(r.properties, ctx, row);
        auto id = batch.createRel(r.type, s.asNode().id, e.asNode().id, props);
        check(id.status());
        ++ctx.stats.relationshipsCreated;
        for (const auto& [k, v] : props) ctx.stats.propertiesSet += !v.isNull();
        row[static_cast<size_t>(r.slot)] = Value(Value::Relationship{*id});
    }
    if (!spec.paths.empty()) {
        ctx.flushWrites();  // the path builder reads relationship ends from the graph
        for (size_t i = 0; i < spec.paths.size(); ++i)
            row[static_cast<size_t>(spec.paths[i].first)] = buildPath(ctx, row, spec.pathStarts[i], spec.paths[i].second);
    }
}

Create::Create(OperatorPtr child, CreateSpec spec, std::string text)
    : Operator(std::move(child)), spec_(std::move(spec)), text_(std::move(text)) {}

void Create::open(ExecContext& ctx, Row& row) {
    Operator::open(ctx, row);
    done_ = false;
    rows_.clear();
    pos_ = 0;
}

bool Create::next(ExecContext& ctx, Row& row) {
    if (!done_) {
        rows_ = drain(*child_, ctx, row);
        for (Row& r : rows_) {
            ctx.tick();
            createPattern(spec_, ctx, r);
        }
        ctx.flushWrites();
        done_ = true;
    }
    if (pos_ >= rows_.size()) return false;
    row = std::move(rows_[pos_++]);
    return true;
}

void applySet(const SetSpec& spec, ExecContext& ctx, Row& row) {
    Value target = evaluate(*spec.target, row, ctx);
    if (target.isNull()) return;
    if (!target.isNode() && !target.isRelationship())
        throwError(ErrorKind::TYPE, fmt::format("SET and REMOVE need a node or relationship, got {}", typeName(target.type())));
    storage::WriteBatch& batch = ctx.writer();
    bool isNode = target.isNode();
    uint64_t id = isNode ? target.asNode().id : target.asRelationship().id;
    auto current = [&]() -> Value::Map {
        Value::Map out;
        if (isNode) {
            auto rec = batch.node(id);
            check(rec.status());
            for (const auto& [k, v] : rec->properties) out.emplace(batch.tokenName(TokenKind::PROPERTY, k), v);
        } else {
            auto rec = batch.rel(id);
            check(rec.status());
            for (const auto& [k, v] : rec->properties) out.emplace(batch.tokenName(TokenKind::PROPERTY, k), v);
        }
        return out;
    };
    auto set = [&](const std::string& key, const Value& v) {
        checkStorable(v, key);
        check(isNode ? batch.setNodeProperty(id, key, v) : batch.setRelProperty(id, key, v));
    };
    using Kind = ast::SetItem::Kind;
    switch (spec.kind) {
        case Kind::PROPERTY: {
            if (spec.remove) {
                Value::Map now = current();
                if (now.count(spec.key)) {
                    set(spec.key, Value());
                    ++ctx.stats.propertiesSet;
                }
                return;
            }
            Value v = evaluate(*spec.value, row, ctx);
            Value::Map now = current();
            if (v.isNull() && !now.count(spec.key)) return;
            set(spec.key, v);
            ++ctx.stats.propertiesSet;
            return;
        }
        case Kind::REPLACE:
        case Kind::MERGE: {
            Value v = evaluate(*spec.value, row, ctx);
            Value::Map incoming;
            if (v.isMap()) incoming = v.asMap();
            else if (v.isNode() || v.isRelationship()) incoming = propertiesOf(v, ctx);
            else if (!v.isNull())
                throwError(ErrorKind::TYPE, fmt::format("SET needs a map, got {}", typeName(v.type())));
            Value::Map now = current();
            if (spec.kind == Kind::REPLACE) {
                for (const auto& [k, old] : now)
                    if (!incoming.count(k)) {
                        set(k, Value());
                        ++ctx.stats.propertiesSet;
                    }
            }
            for (const auto& [k, x] : incoming) {
                if (x.isNull() && !now.count(k)) continue;
                set(k, x);
                ++ctx.stats.propertiesSet;
            }
            return;
        }
        case Kind::LABELS: {
            if (!isNode) throwError(ErrorKind::TYPE, "only nodes have labels");
            for (const auto& label : spec.labels) {
                auto rec = batch.node(id);
                check(rec.status());
                auto token = batch.findToken(TokenKind::LABEL, label);
                bool has = token && std::find(rec->labels.begin(), rec->labels.end(), *token) != rec->labels.end();
                if (spec.remove) {
                    if (!has) continue;
                    check(batch.removeLabel(id, label));
                    ++ctx.stats.labelsRemoved;
                } else {
                    if (has) continue;
                    check(batch.addLabel(id, label));
                    ++ctx.stats.labelsAdded;
                }
            }
            return;
        }
    }
}

SetOp::SetOp(OperatorPtr child, std::vector<SetSpec> items, std::string label)
    : Operator(std::move(child)), items_(std::move(items)), label_(std::move(label)) {}

void SetOp::open(ExecContext& ctx, Row& row) {
    Operator::open(ctx, row);
    done_ = false;
    rows_.clear();
    pos_ = 0;
}

bool SetOp::next(ExecContext& ctx, Row& row) {
    if (!done_) {
        rows_ = drain(*child_, ctx, row);
        for (Row& r : rows_) {
            ctx.tick();
            for (const auto& item : items_) applySet(item, ctx, r);
        }
        ctx.flushWrites();
        done_ = true;
    }
    if (pos_ >= rows_.size()) return false;
    row = std::move(rows_[pos_++]);
    return true;
}

DeleteOp::DeleteOp(OperatorPtr child, std::vector<BoundExprPtr> targets, bool detach)
    : Operator(std::move(child)), targets_(std::move(targets)), detach_(detach) {}

void DeleteOp::open(ExecContext& ctx, Row& row) {
    Operator::open(ctx, row);
    done_ = false;
    rows_.clear();
    pos_ = 0;
}

bool DeleteOp::next(ExecContext& ctx, Row& row) {
    if (!done_) {
        rows_ = drain(*child_, ctx, row);
        std::vector<uint64_t> nodes, rels;
        std::function<void(const Value&)> collect = [&](const Value& v) {
            switch (v.type()) {
                case Value::Type::NUL: break;
                case Value::Type::NODE: nodes.push_back(v.asNode().id); break;
                case Value::Type::RELATIONSHIP: rels.push_back(v.asRelationship().id); break;
                case Value::Type::PATH:
                    nodes.insert(nodes.end(), v.asPath().nodes.begin(), v.asPath().nodes.end());
                    rels.insert(rels.end(), v.asPath().relationships.begin(), v.asPath().relationships.end());
                    break;
                case Value::Type::LIST:
                    for (const Value& x : v.asList()) collect(x);
                    break;
                default:
                    throwError(ErrorKind::TYPE, fmt::format("DELETE needs a node, relationship or path, got {}",
                                                            typeName(v.type())));
            }
        };
        for (Row& r : rows_)
            for (const auto& t : targets_) collect(evaluate(*t, r, ctx));
        storage::WriteBatch& batch = ctx.writer();
        std::unordered_set<uint64_t> goneRels, goneNodes;
        auto deleteRel = [&](uint64_t id) {
            if (!goneRels.insert(id).second) return;
            if (ctx.graph.edgeOf(id) == graph::kNoEdge) return;  // deleted by an earlier clause
            check(batch.deleteRel(id));
            ++ctx.stats.relationshipsDeleted;
        };
        // Relationships first, so DELETE n, r of a node and its relationships works in any order.
        for (uint64_t id : rels) deleteRel(id);
        for (uint64_t id : nodes) {
            if (!goneNodes.insert(id).second) continue;
            VertexIndex v = ctx.graph.vertexOf(id);
            if (v == graph::kNoVertex) continue;
            if (detach_) {
                std::vector<uint64_t> attached;
                ctx.graph.forEachOut(v, std::nullopt, [&](EdgeIndex e, VertexIndex) {
                    attached.push_back(ctx.graph.relId(e));
                    return true;
                });
                ctx.graph.forEachIn(v, std::nullopt, [&](EdgeIndex e, VertexIndex) {
                    attached.push_back(ctx.graph.relId(e));
                    return true;
                });
                for (uint64_t r : attached) deleteRel(r);
            }
            Status s = batch.deleteNode(id, detach_);
            if (!s.isOk() && s.code() == StatusCode::INVALID_INPUT)
                throwError(ErrorKind::CONSTRAINT,
                           fmt::format("cannot delete node {}: it still has relationships; use DETACH DELETE", id));
            check(s);
            ++ctx.stats.nodesDeleted;
        }
        ctx.flushWrites();
        done_ = true;
    }
    if (pos_ >= rows_.size()) return false;
    row = std::move(rows_[pos_++]);
    return true;
}

MergeOp::MergeOp(OperatorPtr child, OperatorPtr match, CreateSpec create, std::vector<SetSpec> onCreate,
                 std::vector<SetSpec> onMatch, std::string text)
    : Operator(std::move(child)), match_(std::move(match)), create_(std::move(create)), onCreate_(std::move(onCreate)),
      onMatch_(std::move(onMatch)), text_(std::move(text)) {}

void MergeOp::open(ExecContext& ctx, Row& row) {
    Operator::open(ctx, row);
    done_ = false;
    rows_.clear();
    pos_ = 0;
}

bool MergeOp::next(ExecContext& ctx, Row& row) {
    if (!done_) {
        std::vector<Row> input = drain(*child_, ctx, row);
        for (Row& in : input) {
            ctx.tick();
            Row r = in;
            match_->open(ctx, r);
            std::vector<Row> matches;
            while (match_->pull(ctx, r)) matches.push_back(r);
            if (matches.empty()) {
                r = in;
                createPattern(create_, ctx, r);
                ctx.flushWrites();
                for (const auto& s : onCreate_) applySet(s, ctx, r);
                ctx.flushWrites();
                rows_.push_back(std::move(r));
            } else {
                for (Row& m : matches) {
                    for (const auto& s : onMatch_) applySet(s, ctx, m);
                    rows_.push_back(std::move(m));
                }
                ctx.flushWrites();
            }
            ctx.reserve(ExecContext::approxSize(rows_.back()));
        }
        done_ = true;
    }
    if (pos_ >= rows_.size()) return false;
    row = std::move(rows_[pos_++]);
    return true;
}

// ---- ProcedureCall

ProcedureCall::ProcedureCall(OperatorPtr child, std::string procedure, std::vector<BoundExprPtr> args,
                             std::vector<ProcedureOutput> outputs)
    : Operator(std::move(child)), procedure_(std::move(procedure)), args_(std::move(args)),
      outputs_(std::move(outputs)) {}

void ProcedureCall::open(ExecContext& ctx, Row& row) {
    Operator::open(ctx, row);
    haveInput_ = false;
}

bool ProcedureCall::next(ExecContext& ctx, Row& row) {
    for (;;) {
        if (haveInput_ && pos_ < results_.size()) {
            Value::Map& m = results_[pos_++];
            for (const auto& out : outputs_) row[static_cast<size_t>(out.slot)] = m[out.field];
            return true;
        }
        if (!pullChild(ctx, row)) return false;
        haveInput_ = true;
        std::vector<Value> args;
        for (const auto& a : args_) args.push_back(evaluate(*a, row, ctx));
        results_ = runProcedure(procedure_, args, ctx);
        pos_ = 0;
    }
}

// ---- CountExpand

CountExpand::CountExpand(OperatorPtr child, std::vector<std::unique_ptr<Expand>> levels, int weight)
    : Operator(std::move(child)), levels_(std::move(levels)), weight_(weight) {
    // Nothing above reads what the levels bind (the count is all that leaves),
    // so a level writes a slot only when a level's checks read it.
    for (size_t i = 0; i < levels_.size(); ++i) {
        const Expand& level = *levels_[i];
        startsAtPrevious_.push_back(i > 0 && !level.into() && !levels_[i - 1]->into() &&
                                    level.from() == levels_[i - 1]->to());
    }
    std::vector<int> read;
    bool known = true;
    for (size_t i = 0; i < levels_.size(); ++i) known = levels_[i]->slotsRead(read, startsAtPrevious_[i]) && known;
    auto isRead = [&](int slot) { return !known || std::find(read.begin(), read.end(), slot) != read.end(); };
    for (auto& level : levels_) level->setWrites(isRead(level->to()), isRead(level->rel()));
}

CountExpand::~CountExpand() = default;

std::string CountExpand::details() const {
    std::string out;
    for (size_t i = 0; i < levels_.size(); ++i) out += (i ? ", " : "") + levels_[i]->details();
    return out;
}

void CountExpand::open(ExecContext& ctx, Row& row) {
    Operator::open(ctx, row);
    for (auto& level : levels_) level->open(ctx, row);
}

// The ways levels `level`.. continue from `from`.
int64_t CountExpand::count(ExecContext& ctx, Row& row, size_t level, VertexIndex from) {
    Expand& hop = *levels_[level];
    if (level + 1 == levels_.size()) return hop.countMatches(ctx, row, from);
    const bool direct = startsAtPrevious_[level + 1];
    int64_t n = 0;
    hop.forEachMatch(ctx, row, from, [&](EdgeIndex, VertexIndex other) {
        VertexIndex next = direct ? other : nodeIn(ctx, row, levels_[level + 1]->from());
        if (next != graph::kNoVertex) n += count(ctx, row, level + 1, next);
        return true;
    });
    return n;
}

bool CountExpand::next(ExecContext& ctx, Row& row) {
    while (pullChild(ctx, row)) {
        VertexIndex from = nodeIn(ctx, row, levels_.front()->from());
        int64_t n = from == graph::kNoVertex ? 0 : count(ctx, row, 0, from);
        if (n == 0) continue;
        row[static_cast<size_t>(weight_)] = Value(n);
        return true;
    }
    return false;
}

}  // namespace kgraph::query
