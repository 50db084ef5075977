#include "ingest/csv/csv_import.hpp"

#include <charconv>
#include <chrono>
#include <filesystem>
#include <memory>
#include <unordered_map>

#include <fmt/format.h>

#include "ingest/csv/csv_reader.hpp"
#include "ingest/csv/import_header.hpp"
#include "storage/bulk_loader.hpp"
#include "storage/store.hpp"

namespace kgraph::ingest {

namespace {

using storage::NodeId;
using storage::TokenId;
using storage::TokenKind;

constexpr uint64_t kProgressEveryRows = 1 << 16;
constexpr size_t kMaxQuotedInput = 200;  // never echo more of a bad row than this

std::string quoted(std::string_view s) {
    if (s.size() > kMaxQuotedInput) return fmt::format("'{}...'", s.substr(0, kMaxQuotedInput));
    return fmt::format("'{}'", s);
}

std::vector<std::string> splitNonEmpty(std::string_view s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= s.size()) {
        size_t end = s.find(sep, start);
        if (end == std::string_view::npos) end = s.size();
        if (end > start) out.emplace_back(s.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// Node ids of one id space. Canonical integers (the common case: LDBC, LSQB,
// SNAP) are kept apart from other strings so a lookup needs no allocation.
class IdSpace {
public:
    // Returns false when `id` is already taken.
    bool add(std::string_view id, NodeId node) {
        int64_t v;
        if (asInteger(id, v)) return ints_.emplace(v, node).second;
        return strings_.emplace(std::string(id), node).second;
    }
    const NodeId* find(std::string_view id) const {
        int64_t v;
        if (asInteger(id, v)) {
            auto it = ints_.find(v);
            return it == ints_.end() ? nullptr : &it->second;
        }
        auto it = strings_.find(id);
        return it == strings_.end() ? nullptr : &it->second;
    }

private:
    // Only the canonical spelling counts, so "007" and "7" stay different ids.
    static bool asInteger(std::string_view s, int64_t& v) {
        if (s.empty() || s.size() > 19) return false;
        size_t digits = s[0] == '-' ? 1 : 0;
        if (digits == s.size() || (s[digits] == '0' && s.size() > digits + 1)) return false;
        if (digits == 1 && s == "-0") return false;
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        return ec == std::errc() && p == s.data() + s.size();
    }

    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
    };
    std::unordered_map<int64_t, NodeId> ints_;
    std::unordered_map<std::string, NodeId, Hash, std::equal_to<>> strings_;
};

class Importer {
public:
    Importer(storage::Store& store, const CsvImportOptions& options)
        : store_(store), options_(options), started_(std::chrono::steady_clock::now()) {}

    Result<CsvImportSummary> run() {
        std::error_code ec;
        for (const auto* groups : {&options_.nodes, &options_.relationships})
            for (const auto& g : *groups)
                for (const auto& f : g.files) {
                    auto size = std::filesystem::file_size(f, ec);
                    if (ec) return Status::ioError(fmt::format("{}: cannot read: {}", f, ec.message()));
                    progress_.bytesTotal += size;
                }
        loader_ = store_.beginBulkLoad();
        for (const auto& g : options_.nodes) KG_RETURN_IF_ERROR(importGroup(g, false));
        for (const auto& g : options_.relationships) KG_RETURN_IF_ERROR(importGroup(g, true));
        summary_.nodes = loader_->nodesAdded();
        summary_.relationships = loader_->relsAdded();
        KG_RETURN_IF_ERROR(loader_->commit());
        loader_.reset();
        summary_.bytes = progress_.bytesTotal;
        summary_.seconds = elapsed();
        report(nullptr);
        return summary_;
    }

private:
    double elapsed() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    }

    void report(const std::string* file) {
        if (!options_.progress) return;
        progress_.seconds = elapsed();
        progress_.file = file;
        options_.progress(progress_);
    }

    // A bad row: fatal, or reported and skipped.
    Status badRow(const std::string& file, uint64_t line, const std::string& reason) {
        std::string message = fmt::format("{}:{}: {}", file, line, reason);
        if (!options_.skipBadRows) return Status::invalidInput(message);
        ++summary_.badRows;
        if (options_.badRow) options_.badRow(message);
        return Status::ok();
    }

    Status importGroup(const CsvInputGroup& group, bool relationships) {
        std::vector<Column> columns;
        for (size_t i = 0; i < group.files.size(); ++i) {
            const std::string& file = group.files[i];
            auto reader = CsvReader::open(file, CsvDialect{options_.delimiter, options_.quote});
            if (!reader) return reader.status();
            std::vector<std::string_view> fields;
            Status error;
            if (i == 0) {
                if (!(*reader)->next(fields, error)) {
                    if (!error.isOk()) return Status::invalidInput(fmt::format("{}:1: {}", file, error.message()));
                    return Status::invalidInput(fmt::format("{}:1: the file is empty; it needs a header line", file));
                }
                auto parsed = parseHeader(fields);
                if (!parsed) return Status::invalidInput(fmt::format("{}:1: {}", file, parsed.status().message()));
                columns = std::move(*parsed);
                KG_RETURN_IF_ERROR(checkColumns(file, columns, group, relationships));
            }
            uint64_t before = (*reader)->bytesRead();
            KG_RETURN_IF_ERROR(relationships ? readRels(file, **reader, columns, group)
                                             : readNodes(file, **reader, columns, group));
            progress_.bytesRead += (*reader)->bytesTotal() - before;
            report(&file);
        }
        return Status::ok();
    }

    Status checkColumns(const std::string& file, const std::vector<Column>& columns, const CsvInputGroup& group,
                        bool relationships) {
        auto has = [&](ColumnKind k) {
            return std::any_of(columns.begin(), columns.end(), [&](const Column& c) { return c.kind == k; });
        };
        auto fail = [&](const std::string& why) { return Status::invalidInput(fmt::format("{}:1: {}", file, why)); };
        if (relationships) {
            if (!has(ColumnKind::START_ID) || !has(ColumnKind::END_ID))
                return fail("a relationship file needs :START_ID and :END_ID columns");
            if (!has(ColumnKind::TYPE) && group.labelsOrType.empty())
                return fail("no relationship type: add a :TYPE column or name it as TYPE=FILE");
            if (group.labelsOrType.size() > 1) return fail("a relationship has exactly one type");
            if (has(ColumnKind::ID) || has(ColumnKind::LABEL)) return fail(":ID and :LABEL belong in node files");
        } else if (has(ColumnKind::START_ID) || has(ColumnKind::END_ID) || has(ColumnKind::TYPE)) {
            return fail(":START_ID, :END_ID and :TYPE belong in relationship files");
        }
        return Status::ok();
    }

    IdSpace& space(const std::string& name) { return spaces_[name]; }

    Status readNodes(const std::string& file, CsvReader& reader, const std::vector<Column>& columns,
                     const CsvInputGroup& group) {
        std::vector<TokenId> fixedLabels;
        for (const auto& l : group.labelsOrType) fixedLabels.push_back(loader_->token(TokenKind::LABEL, l));
        std::vector<TokenId> propertyKeys(columns.size(), 0);
        for (size_t c = 0; c < columns.size(); ++c)
            if (!columns[c].name.empty()) propertyKeys[c] = loader_->token(TokenKind::PROPERTY, columns[c].name);

        std::vector<std::string_view> fields;
        std::vector<TokenId> labels;
        storage::PropertyList props;
        Status error;
        while (reader.next(fields, error)) {
            ++progress_.rows;
            if ((progress_.rows % kProgressEveryRows) == 0) report(&file);
            if (fields.size() != columns.size()) {
                if (fields.size() == 1 && fields[0].empty()) continue;  // a blank line
                KG_RETURN_IF_ERROR(badRow(file, reader.recordLine(),
                                          fmt::format("expected {} fields, found {}", columns.size(), fields.size())));
                continue;
            }
            labels = fixedLabels;
            props.clear();
            std::string_view id;
            const Column* idColumn = nullptr;
            std::string bad;
            for (size_t c = 0; c < columns.size() && bad.empty(); ++c) {
                const Column& col = columns[c];
                switch (col.kind) {
                    case ColumnKind::ID:
                        id = fields[c];
                        idColumn = &col;
                        if (id.empty()) bad = "empty node id";
                        else if (!col.name.empty()) {
                            if (options_.idType == IdType::INTEGER) {
                                Column asInt = col;
                                asInt.type = PropertyType::INT;
                                auto v = parseField(id, asInt);
                                if (!v) bad = fmt::format("node id: {}", v.status().message());
                                else props.emplace_back(propertyKeys[c], std::move(*v));
                            } else {
                                props.emplace_back(propertyKeys[c], Value(id));
                            }
                        }
                        break;
                    case ColumnKind::LABEL:
                        for (const auto& l : splitNonEmpty(fields[c], options_.arrayDelimiter))
                            labels.push_back(loader_->token(TokenKind::LABEL, l));
                        break;
                    case ColumnKind::PROPERTY: {
                        auto v = parseField(fields[c], col, options_.arrayDelimiter);
                        if (!v) bad = fmt::format("column '{}': {}", col.name, v.status().message());
                        else if (!v->isNull()) props.emplace_back(propertyKeys[c], std::move(*v));
                        break;
                    }
                    default: break;  // IGNORE
                }
            }
            if (bad.empty() && labels.empty()) bad = "a node without a label (add a :LABEL column or Label=FILE)";
            if (bad.empty() && idColumn && space(idColumn->idSpace).find(id))
                bad = fmt::format("duplicate node id {}{}", quoted(id),
                                  idColumn->idSpace.empty() ? "" : fmt::format(" in id space '{}'", idColumn->idSpace));
            if (!bad.empty()) {
                KG_RETURN_IF_ERROR(badRow(file, reader.recordLine(), bad));
                continue;
            }
            NodeId node = loader_->addNode(labels, std::move(props));
            if (idColumn) space(idColumn->idSpace).add(id, node);
            props = {};
        }
        if (!error.isOk()) return Status::invalidInput(fmt::format("{}:{}: {}", file, reader.recordLine(), error.message()));
        return Status::ok();
    }

    Status readRels(const std::string& file, CsvReader& reader, const std::vector<Column>& columns,
                    const CsvInputGroup& group) {
        std::optional<TokenId> fixedType;
        if (!group.labelsOrType.empty()) fixedType = loader_->token(TokenKind::TYPE, group.labelsOrType[0]);
        std::vector<TokenId> propertyKeys(columns.size(), 0);
        size_t startCol = 0, endCol = 0;
        for (size_t c = 0; c < columns.size(); ++c) {
            if (columns[c].kind == ColumnKind::PROPERTY)
                propertyKeys[c] = loader_->token(TokenKind::PROPERTY, columns[c].name);
            if (columns[c].kind == ColumnKind::START_ID) startCol = c;
            if (columns[c].kind == ColumnKind::END_ID) endCol = c;
        }
        IdSpace& startSpace = space(columns[startCol].idSpace);
        IdSpace& endSpace = space(columns[endCol].idSpace);

        std::vector<std::string_view> fields;
        storage::PropertyList props;
        Status error;
        while (reader.next(fields, error)) {
            ++progress_.rows;
            if ((progress_.rows % kProgressEveryRows) == 0) report(&file);
            if (fields.size() != columns.size()) {
                if (fields.size() == 1 && fields[0].empty()) continue;
                KG_RETURN_IF_ERROR(badRow(file, reader.recordLine(),
                                          fmt::format("expected {} fields, found {}", columns.size(), fields.size())));
                continue;
            }
            props.clear();
            std::optional<TokenId> type = fixedType;
            std::string bad;
            const NodeId* start = startSpace.find(fields[startCol]);
            const NodeId* end = endSpace.find(fields[endCol]);
            auto missing = [&](const char* which, size_t c) {
                const std::string& sp = columns[c].idSpace;
                return fmt::format("{} node {} not found{}", which, quoted(fields[c]),
                                   sp.empty() ? "" : fmt::format(" in id space '{}'", sp));
            };
            if (!start) bad = missing("start", startCol);
            else if (!end) bad = missing("end", endCol);
            for (size_t c = 0; c < columns.size() && bad.empty(); ++c) {
                const Column& col = columns[c];
                if (col.kind == ColumnKind::TYPE) {
                    if (fields[c].empty()) bad = "empty relationship type";
                    else type = loader_->token(TokenKind::TYPE, fields[c]);
                } else if (col.kind == ColumnKind::PROPERTY) {
                    auto v = parseField(fields[c], col, options_.arrayDelimiter);
                    if (!v) bad = fmt::format("column '{}': {}", col.name, v.status().message());
                    else if (!v->isNull()) props.emplace_back(propertyKeys[c], std::move(*v));
                }
            }
            if (bad.empty() && !type) bad = "a relationship without a type";
            if (!bad.empty()) {
                KG_RETURN_IF_ERROR(badRow(file, reader.recordLine(), bad));
                continue;
            }
            loader_->addRel(*type, *start, *end, std::move(props));
            props = {};
        }
        if (!error.isOk()) return Status::invalidInput(fmt::format("{}:{}: {}", file, reader.recordLine(), error.message()));
        return Status::ok();
    }

    storage::Store& store_;
    const CsvImportOptions& options_;
    std::chrono::steady_clock::time_point started_;
    std::unique_ptr<storage::BulkLoader> loader_;
    std::unordered_map<std::string, IdSpace> spaces_;
    CsvImportProgress progress_;
    CsvImportSummary summary_;
};

}  // namespace

Result<CsvInputGroup> CsvInputGroup::parse(const std::string& argument) {
    CsvInputGroup group;
    std::string_view files = argument;
    if (auto eq = argument.find('='); eq != std::string::npos) {
        std::string_view prefix = std::string_view(argument).substr(0, eq);
        files = std::string_view(argument).substr(eq + 1);
        group.labelsOrType = splitNonEmpty(prefix, ':');
        if (group.labelsOrType.empty()) return Status::usage(fmt::format("'{}': nothing before '='", argument));
    }
    group.files = splitNonEmpty(files, ',');
    if (group.files.empty()) return Status::usage(fmt::format("'{}': no file named", argument));
    return group;
}

Result<CsvImportSummary> importCsv(storage::Store& store, const CsvImportOptions& options) {
    if (store.readOnly()) return Status::invalidInput("the database is open read-only");
    return Importer(store, options).run();
}

}  // namespace kgraph::ingest
