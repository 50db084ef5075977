// Operator: a physical plan node. Plans are pull-based: an operator maps each
// row of its child to zero or more rows, writing its variables into the slots
// the planner gave it. All operators of a plan share one Row, so passing a
// row along costs nothing; operators that must hold rows (sort, aggregation,
// writes, which run eagerly so a statement never reads what it is writing)
// copy them and account their memory.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "query/context.hpp"

namespace kgraph::query {

class Operator {
public:
    explicit Operator(std::unique_ptr<Operator> child = nullptr) : child_(std::move(child)) {}
    virtual ~Operator() = default;
    Operator(const Operator&) = delete;
    Operator& operator=(const Operator&) = delete;

    // Starts a pass for the current row (the argument of the plan's leaf).
    virtual void open(ExecContext& ctx, Row& row) {
        if (child_) child_->open(ctx, row);
    }
    // The next row, written into `row`; false when there are no more.
    bool pull(ExecContext& ctx, Row& row);

    // EXPLAIN: "Expand(All)" and "(a)-[:KNOWS]->(b)".
    virtual std::string name() const = 0;
    virtual std::string details() const { return {}; }
    // Sub-plans shown under this operator besides the child (OPTIONAL, UNION, subqueries).
    virtual std::vector<const Operator*> inputs() const;

    Operator* child() const { return child_.get(); }
    // For plan rewrites: takes the child out of this operator.
    std::unique_ptr<Operator> releaseChild() { return std::move(child_); }
    void setChild(std::unique_ptr<Operator> child) { child_ = std::move(child); }
    uint64_t rowsProduced() const { return rows_; }
    double milliseconds() const { return nanos_ / 1e6; }

protected:
    virtual bool next(ExecContext& ctx, Row& row) = 0;
    bool pullChild(ExecContext& ctx, Row& row) { return child_->pull(ctx, row); }

    std::unique_ptr<Operator> child_;

private:
    uint64_t rows_ = 0;
    uint64_t nanos_ = 0;
};

using OperatorPtr = std::unique_ptr<Operator>;

// The plan's leaf: yields the current row once per open().
class Argument final : public Operator {
public:
    void open(ExecContext&, Row&) override { done_ = false; }
    std::string name() const override { return "Argument"; }

protected:
    bool next(ExecContext&, Row&) override {
        if (done_) return false;
        done_ = true;
        return true;
    }

private:
    bool done_ = true;
};

// "Plan" as EXPLAIN prints it (PROFILE adds rows and time).
std::string describePlan(const Operator& root, bool profile);

}  // namespace kgraph::query
