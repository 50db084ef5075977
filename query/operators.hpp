// The physical operators. Each maps every row of its child to zero or more
// rows (so a scan under another scan is a cartesian product, and a plan whose
// leaf is an Argument is a correlated subquery).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "query/expression.hpp"
#include "query/operator.hpp"

namespace kgraph::query {

// ---- reading the graph

// Every node, or the nodes with a label (the first label of `labels`; the rest
// are checked). `labels` is a conjunction of disjunctions, as in the AST.
class NodeScan final : public Operator {
public:
    NodeScan(OperatorPtr child, int slot, std::vector<std::vector<std::string>> labels, std::string variable);
    void open(ExecContext& ctx, Row& row) override;
    std::string name() const override;
    std::string details() const override;

protected:
    bool next(ExecContext& ctx, Row& row) override;

private:
    bool refill(ExecContext& ctx);
    int slot_;
    std::vector<std::vector<std::string>> labels_;
    std::string variable_;
    std::vector<VertexIndex> candidates_;
    size_t pos_ = 0;
    VertexIndex cursor_ = 0;  // all-nodes scan
    bool haveInput_ = false;
    bool scanAll_ = false;
};

// Nodes with `label` whose property `key` equals `value` (the property hash
// index of the graph; the planner keeps an exact filter above it).
class NodeIndexSeek final : public Operator {
public:
    NodeIndexSeek(OperatorPtr child, int slot, std::string label, std::string key, BoundExprPtr value,
                  std::string variable);
    void open(ExecContext& ctx, Row& row) override;
    std::string name() const override { return "NodeIndexSeek"; }
    std::string details() const override;

protected:
    bool next(ExecContext& ctx, Row& row) override;

private:
    int slot_;
    std::string label_, key_, variable_;
    BoundExprPtr value_;
    std::vector<VertexIndex> candidates_;
    size_t pos_ = 0;
    bool haveInput_ = false;
};

class Filter;

// What an expansion may traverse.
struct RelFilter {
    std::vector<std::string> types;  // empty: any
    ast::Direction direction = ast::Direction::BOTH;  // from the bound end
    // Relationship slots this one must differ from (relationship isomorphism
    // within one MATCH): single relationships and var-length lists.
    std::vector<int> distinctFrom;
};

// One hop from the node in `from` to a new node in `to`, or, when `into`,
// to the node already in `to`. The relationship goes to `rel`. The Filters
// right above an Expand fold into it (absorb): the far node's labels and any
// predicate are checked per hop, before a row is made.
class Expand final : public Operator {
public:
    Expand(OperatorPtr child, int from, int rel, int to, RelFilter filter, bool into, std::string text);
    ~Expand() override;
    void open(ExecContext& ctx, Row& row) override;
    std::string name() const override { return into_ ? "Expand(Into)" : "Expand(All)"; }
    std::string details() const override;

    int from() const { return from_; }
    int to() const { return to_; }
    int rel() const { return rel_; }
    bool into() const { return into_; }
    const RelFilter& filter() const { return filter_; }

    // Takes over the check of `filter`, which must be this Expand's parent
    // (the caller then drops it).
    void absorb(Filter& filter);

    // Calls visit(edge, other) for every hop from `from` that passes every
    // check, with `to` and `rel` written into `row` first; stops when visit
    // returns false. `open` must have run. What CountExpand walks.
    template <typename Visit>
    void forEachMatch(ExecContext& ctx, Row& row, VertexIndex from, Visit&& visit);
    // The number of hops from `from` that pass (the slots written only as checks need them).
    int64_t countMatches(ExecContext& ctx, Row& row, VertexIndex from);
    // The slots this hop reads: its start (unless `startGiven`), a bound
    // end, the relationships it must differ from, its predicates'. False
    // when a predicate runs a subquery, which may read any.
    bool slotsRead(std::vector<int>& out, bool startGiven) const;
    // Whether forEachMatch writes `to` and `rel` (CountExpand turns off what nothing reads).
    void setWrites(bool to, bool rel) {
        writeTo_ = to;
        writeRel_ = rel;
    }

protected:
    bool next(ExecContext& ctx, Row& row) override;

private:
    struct Checks;
    bool resolved(const ExecContext& ctx) const;
    void resolve(ExecContext& ctx);
    bool accept(ExecContext& ctx, Row& row, EdgeIndex e, VertexIndex other);
    size_t degreeFrom(ExecContext& ctx, VertexIndex v, ast::Direction d) const;
    void collect(ExecContext& ctx, Row& row, VertexIndex v);
    int from_, rel_, to_;
    RelFilter filter_;
    bool into_;
    std::string text_;
    std::unique_ptr<Checks> checks_;  // labels and predicates absorbed from Filters
    std::vector<std::optional<TokenId>> types_;
    bool anyType_ = true;
    std::vector<std::pair<EdgeIndex, VertexIndex>> hops_;
    size_t pos_ = 0;
    bool haveInput_ = false;
    bool writeTo_ = true, writeRel_ = true;
    bool resolved_ = false;  // every type name has its token
};

// Paths of min..max hops; the list of relationships goes to `rel` (in the
// order the pattern is written when `reversed` says the walk runs backwards).
class VarExpand final : public Operator {
public:
    VarExpand(OperatorPtr child, int from, int rel, int to, RelFilter filter, bool into, int64_t minHops,
              int64_t maxHops, bool reversed, BoundExprPtr relProperties, std::string text);
    void open(ExecContext& ctx, Row& row) override;
    std::string name() const override { return into_ ? "VarLengthExpand(Into)" : "VarLengthExpand(All)"; }
    std::string details() const override { return text_; }

protected:
    bool next(ExecContext& ctx, Row& row) override;

private:
    void walk(ExecContext& ctx, Row& row, VertexIndex start);
    int from_, rel_, to_;
    RelFilter filter_;
    bool into_;
    int64_t min_, max_;
    bool reversed_;
    BoundExprPtr relProperties_;  // a map every relationship's properties must match
    std::string text_;
    std::vector<std::optional<TokenId>> types_;
    bool anyType_ = true;
    std::vector<std::pair<VertexIndex, std::vector<EdgeIndex>>> results_;
    size_t pos_ = 0;
    bool haveInput_ = false;
    bool resolved_ = false;
};

// shortestPath / allShortestPaths between two bound nodes.
class ShortestPathOp final : public Operator {
public:
    ShortestPathOp(OperatorPtr child, int from, int to, int path, int rel, RelFilter filter, int64_t minHops,
                   int64_t maxHops, bool all, std::string text);
    void open(ExecContext& ctx, Row& row) override;
    std::string name() const override { return all_ ? "AllShortestPaths" : "ShortestPath"; }
    std::string details() const override { return text_; }

protected:
    bool next(ExecContext& ctx, Row& row) override;

private:
    int from_, to_, path_, rel_;
    RelFilter filter_;
    int64_t min_, max_;
    bool all_;
    std::string text_;
    std::vector<Value::Path> results_;
    size_t pos_ = 0;
    bool haveInput_ = false;
};

// Builds a path value from the node and relationship slots of a pattern part.
class BuildPath final : public Operator {
public:
    struct Step {
        int rel;           // a relationship or a var-length list
        bool varLength;
        int node;          // the node after it
    };
    BuildPath(OperatorPtr child, int slot, int start, std::vector<Step> steps);
    std::string name() const override { return "BuildPath"; }

protected:
    bool next(ExecContext& ctx, Row& row) override;

private:
    int slot_, start_;
    std::vector<Step> steps_;
};

// ---- relational

class Filter final : public Operator {
public:
    Filter(OperatorPtr child, BoundExprPtr predicate, std::string text);
    std::string name() const override { return "Filter"; }
    std::string details() const override { return text_; }

    // Set when the filter only checks the labels of the node in `slot`
    // (what a pattern's labels become), so rewrites can fold it.
    struct LabelCheck {
        int slot = -1;
        std::vector<std::vector<std::string>> labels;
    };
    std::optional<LabelCheck> labelCheck;

    // For Expand::absorb.
    BoundExprPtr takePredicate() { return std::move(predicate_); }
    const std::string& text() const { return text_; }

protected:
    bool next(ExecContext& ctx, Row& row) override;

private:
    BoundExprPtr predicate_;
    std::string text_;
};

// OPTIONAL MATCH: the rows of `inner` (a plan over an Argument) for each row,
// or the row once with `nullSlots` set to null when inner has none.
class Optional final : public Operator {
public:
    Optional(OperatorPtr child, OperatorPtr inner, std::vector<int> nullSlots);
    void open(ExecContext& ctx, Row& row) override;
    std::string name() const override { return "Optional"; }
    std::vector<const Operator*> inputs() const override { return {inner_.get()}; }

protected:
    bool next(ExecContext& ctx, Row& row) override;

private:
    OperatorPtr inner_;
    std::vector<int> nullSlots_;
    bool inInner_ = false;
    bool innerProduced_ = false;
};

struct SlotExpr {
    int slot;
    BoundExprPtr expr;
    std::string text;
};

class Project final : public Operator {
public:
    Project(OperatorPtr child, std::vector<SlotExpr> items);
    std::string name() const override { return "Projection"; }
    std::string details() const override;

protected:
    bool next(ExecContext& ctx, Row& row) override;

private:
    std::vector<SlotExpr> items_;
};

enum class AggregateKind : uint8_t {
    COUNT, COUNT_STAR, SUM, AVG, MIN, MAX, COLLECT, STDEV, STDEVP, PERCENTILE_CONT, PERCENTILE_DISC,
};

struct AggregateSpec {
    int slot;
    AggregateKind kind;
    int weightSlot = -1;  // COUNT_STAR: each row counts as the integer in this slot (CountExpand)
    bool distinct = false;
    BoundExprPtr arg;         // null for count(*)
    BoundExprPtr percentile;  // percentileCont/Disc
    std::string text;
};

class Aggregate final : public Operator {
public:
    Aggregate(OperatorPtr child, std::vector<SlotExpr> keys, std::vector<AggregateSpec> aggregates);
    ~Aggregate() override;
    void open(ExecContext& ctx, Row& row) override;
    std::string name() const override { return keys_.empty() ? "Aggregate" : "GroupAggregate"; }
    std::string details() const override;

protected:
    bool next(ExecContext& ctx, Row& row) override;

private:
    struct State;
    void consume(ExecContext& ctx, Row& row);
    std::vector<SlotExpr> keys_;
    std::vector<AggregateSpec> aggregates_;
    std::unique_ptr<State> state_;
};

class Distinct final : public Operator {
public:
    Distinct(OperatorPtr child, std::vector<int> slots);
    ~Distinct() override;
    void open(ExecContext& ctx, Row& row) override;
    std::string name() const override { return "Distinct"; }

protected:
    bool next(ExecContext& ctx, Row& row) override;

private:
    struct State;
    std::vector<int> slots_;
    std::unique_ptr<State> state_;
};

struct SortKey {
    BoundExprPtr expr;
    bool descending = false;
    std::string text;
};

class Sort final : public Operator {
public:
    Sort(OperatorPtr child, std::vector<SortKey> keys);
    void open(ExecContext& ctx, Row& row) override;
    std::string name() const override { return "Sort"; }
    std::string details() const override;

protected:
    bool next(ExecContext& ctx, Row& row) override;

private:
    std::vector<SortKey> keys_;
    std::vector<std::pair<std::vector<Value>, Row>> rows_;
    size_t pos_ = 0;
    bool sorted_ = false;
    size_t bytes_ = 0;
};

// SKIP and LIMIT (either may be absent).
class Slice final : public Operator {
public:
    Slice(OperatorPtr child, BoundExprPtr skip, BoundExprPtr limit);
    void open(ExecContext& ctx, Row& row) override;
    std::string name() const override { return limit_ ? (skip_ ? "Skip+Limit" : "Limit") : "Skip"; }
    bool drainInput = false;  // read the whole input even past the limit (it writes)

protected:
    bool next(ExecContext& ctx, Row& row) override;

private:
    int64_t bound(ExecContext& ctx, Row& row, const BoundExpr& e, const char* what);
    BoundExprPtr skip_, limit_;
    int64_t toSkip_ = 0, remaining_ = -1;
    bool started_ = false;
};

class Unwind final : public Operator {
public:
    Unwind(OperatorPtr child, BoundExprPtr list, int slot, std::string text);
    void open(ExecContext& ctx, Row& row) override;
    std::string name() const override { return "Unwind"; }
    std::string details() const override { return text_; }

protected:
    bool next(ExecContext& ctx, Row& row) override;

private:
    BoundExprPtr list_;
    int slot_;
    std::string text_;
    Value current_;
    size_t pos_ = 0;
    bool haveInput_ = false;
};

// UNION [ALL]: the rows of `left`, then of `right`, each branch's columns
// copied to the union's own slots.
class Union final : public Operator {
public:
    Union(OperatorPtr left, OperatorPtr right, std::vector<int> leftSlots, std::vector<int> rightSlots,
          std::vector<int> outSlots, bool all);
    ~Union() override;
    void open(ExecContext& ctx, Row& row) override;
    std::string name() const override { return all_ ? "UnionAll" : "Union"; }
    std::vector<const Operator*> inputs() const override { return {right_.get()}; }

protected:
    bool next(ExecContext& ctx, Row& row) override;

private:
    OperatorPtr right_;
    std::vector<int> leftSlots_, rightSlots_, outSlots_;
    bool all_;
    bool onRight_ = false;
    std::unique_ptr<Distinct> dedupe_;
    struct Seen;
    std::unique_ptr<Seen> seen_;
};

// ---- writing (eager: all input rows are read before the first write)

struct NodeToCreate {
    int slot;
    bool bound = false;  // reuses a node already in the row
    std::vector<std::string> labels;
    BoundExprPtr properties;  // a map, or null
};

struct RelToCreate {
    int slot;
    int start, end;  // node slots, in the relationship's direction
    std::string type;
    BoundExprPtr properties;
};

struct CreateSpec {
    std::vector<NodeToCreate> nodes;
    std::vector<RelToCreate> rels;
    std::vector<std::pair<int, std::vector<BuildPath::Step>>> paths;  // path slot, start slot in steps[0]
    std::vector<int> pathStarts;
};

// Creates the pattern for one row (shared by CREATE and MERGE).
void createPattern(const CreateSpec& spec, ExecContext& ctx, Row& row);

class Create final : public Operator {
public:
    Create(OperatorPtr child, CreateSpec spec, std::string text);
    void open(ExecContext& ctx, Row& row) override;
    std::string name() const override { return "Create"; }
    std::string details() const override { return text_; }

protected:
    bool next(ExecContext& ctx, Row& row) override;

private:
    CreateSpec spec_;
    std::string text_;
    std::vector<Row> rows_;
    size_t pos_ = 0;
    bool done_ = false;
};

struct SetSpec {
    ast::SetItem::Kind kind;
    bool remove = false;  // REMOVE n.key / REMOVE n:Label
    BoundExprPtr target;  // the entity (PROPERTY: the expression left of .key)
    std::string key;
    std::vector<std::string> labels;
    BoundExprPtr value;
};

void applySet(const SetSpec& spec, ExecContext& ctx, Row& row);

class SetOp final : public Operator {
public:
    SetOp(OperatorPtr child, std::vector<SetSpec> items, std::string label);
    void open(ExecContext& ctx, Row& row) override;
    std::string name() const override { return label_; }

protected:
    bool next(ExecContext& ctx, Row& row) override;

private:
    std::vector<SetSpec> items_;
    std::string label_;
    std::vector<Row> rows_;
    size_t pos_ = 0;
    bool done_ = false;
};

class DeleteOp final : public Operator {
public:
    DeleteOp(OperatorPtr child, std::vector<BoundExprPtr> targets, bool detach);
    void open(ExecContext& ctx, Row& row) override;
    std::string name() const override { return detach_ ? "DetachDelete" : "Delete"; }

protected:
    bool next(ExecContext& ctx, Row& row) override;

private:
    std::vector<BoundExprPtr> targets_;
    bool detach_;
    std::vector<Row> rows_;
    size_t pos_ = 0;
    bool done_ = false;
};

// MERGE: per row, the matches of `match` (a plan over an Argument), or the
// pattern created when there are none.
class MergeOp final : public Operator {
public:
    MergeOp(OperatorPtr child, OperatorPtr match, CreateSpec create, std::vector<SetSpec> onCreate,
            std::vector<SetSpec> onMatch, std::string text);
    void open(ExecContext& ctx, Row& row) override;
    std::string name() const override { return "Merge"; }
    std::string details() const override { return text_; }
    std::vector<const Operator*> inputs() const override { return {match_.get()}; }

protected:
    bool next(ExecContext& ctx, Row& row) override;

private:
    OperatorPtr match_;
    CreateSpec create_;
    std::vector<SetSpec> onCreate_, onMatch_;
    std::string text_;
    std::vector<Row> rows_;
    size_t pos_ = 0;
    bool done_ = false;
};

// ---- procedures

struct ProcedureOutput {
    std::string field;
    int slot;
};

class ProcedureCall final : public Operator {
public:
    ProcedureCall(OperatorPtr child, std::string procedure, std::vector<BoundExprPtr> args,
                  std::vector<ProcedureOutput> outputs);
    void open(ExecContext& ctx, Row& row) override;
    std::string name() const override { return "ProcedureCall"; }
    std::string details() const override { return procedure_; }

protected:
    bool next(ExecContext& ctx, Row& row) override;

private:
    std::string procedure_;
    std::vector<BoundExprPtr> args_;
    std::vector<ProcedureOutput> outputs_;
    std::vector<Value::Map> results_;
    size_t pos_ = 0;
    bool haveInput_ = false;
};

// The fields a procedure yields, in order; empty when unknown.
std::vector<std::string> procedureFields(const std::string& procedure);
// Runs a procedure: one map per result row (field -> value).
std::vector<Value::Map> runProcedure(const std::string& procedure, const std::vector<Value>& args, ExecContext& ctx);

// ---- counting without rows

// count(*) over a pattern whose last hop reaches a node nothing else reads:
// per input row, the number of such hops goes to `weight` (rows with none are
// dropped), and the aggregate adds weights instead of producing a row per hop.
// count(*) over expansions that nothing else reads: for each input row, the
// number of ways the fused Expands (`levels`, bottom first) continue from it,
// walked depth-first without making rows, goes to `weight` (Aggregate sums
// it). The last level is a degree lookup when nothing needs checking per hop.
class CountExpand final : public Operator {
public:
    CountExpand(OperatorPtr child, std::vector<std::unique_ptr<Expand>> levels, int weight);
    ~CountExpand() override;
    void open(ExecContext& ctx, Row& row) override;
    std::string name() const override { return "CountExpand"; }
    std::string details() const override;

protected:
    bool next(ExecContext& ctx, Row& row) override;

private:
    int64_t count(ExecContext& ctx, Row& row, size_t level, VertexIndex from);
    std::vector<std::unique_ptr<Expand>> levels_;
    std::vector<bool> startsAtPrevious_;  // level i starts where level i - 1 ends
    int weight_;
};

}  // namespace kgraph::query
