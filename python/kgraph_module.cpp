// The Python module `kgraph` (docs/api.md) over the C++ API:
//
//   import kgraph
//   db = kgraph.Database("kg.db")
//   rows = db.query("MATCH (c:Company {name: $name}) RETURN c", name="Alibaba")
//
// Rows are dicts by column name; nodes, relationships and paths are
// kgraph.Node, kgraph.Relationship and kgraph.Path objects. Failures raise
// kgraph.Error (code, kind, line, column). The GIL is released while a
// statement, a build or an export runs, so threads query in parallel.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <kgraph/kgraph.hpp>

#include <sstream>

namespace py = pybind11;
using kgraph::Value;

namespace {

struct Path {
    py::list nodes;
    py::list relationships;
};

// kgraph.Error, made at import.
py::handle errorType;

const char* codeName(kgraph::StatusCode code) {
    switch (code) {
        case kgraph::StatusCode::OK: return "OK";
        case kgraph::StatusCode::INVALID_INPUT: return "INVALID_INPUT";
        case kgraph::StatusCode::USAGE: return "USAGE";
        case kgraph::StatusCode::BUSY: return "BUSY";
        case kgraph::StatusCode::LIMIT_EXCEEDED: return "LIMIT_EXCEEDED";
        case kgraph::StatusCode::NOT_FOUND: return "NOT_FOUND";
        case kgraph::StatusCode::IO_ERROR: return "IO_ERROR";
        case kgraph::StatusCode::CORRUPTION: return "CORRUPTION";
    }
    return "ERROR";
}

[[noreturn]] void raise(const kgraph::Status& status, const kgraph::QueryError* error = nullptr) {
    py::object ex = py::reinterpret_borrow<py::object>(errorType)(status.message());
    ex.attr("code") = codeName(status.code());
    ex.attr("kind") = error ? error->kind : "";
    ex.attr("line") = error ? error->line : 0;
    ex.attr("column") = error ? error->column : 0;
    PyErr_SetObject(errorType.ptr(), ex.ptr());
    throw py::error_already_set();
}

// Runs `f` with the GIL released, so other Python threads go on meanwhile.
template <typename F>
auto withoutGil(F&& f) {
    py::gil_scoped_release release;
    return f();
}

template <typename T>
T check(kgraph::Result<T> r, const kgraph::QueryError* error = nullptr) {
    if (!r) raise(r.status(), error);
    return std::move(*r);
}

void check(const kgraph::Status& s) {
    if (!s) raise(s);
}

Value toValue(py::handle o) {
    if (o.is_none()) return Value();
    if (py::isinstance<py::bool_>(o)) return Value(o.cast<bool>());
    if (py::isinstance<py::int_>(o)) return Value(o.cast<int64_t>());
    if (py::isinstance<py::float_>(o)) return Value(o.cast<double>());
    if (py::isinstance<py::str>(o)) return Value(o.cast<std::string>());
    if (py::isinstance<py::dict>(o)) {
        Value::Map map;
        for (auto [k, v] : o.cast<py::dict>()) map.emplace(py::str(k).cast<std::string>(), toValue(v));
        return Value(std::move(map));
    }
    if (py::isinstance<py::list>(o) || py::isinstance<py::tuple>(o)) {
        Value::List list;
        for (py::handle x : o) list.push_back(toValue(x));
        return Value(std::move(list));
    }
    throw py::type_error("a query parameter must be None, bool, int, float, str, list, tuple or dict, not " +
                         py::str(o.get_type()).cast<std::string>());
}

Value::Map toParameters(const py::object& params, const py::kwargs& kwargs) {
    Value::Map out;
    if (!params.is_none())
        for (auto [k, v] : params.cast<py::dict>()) out[py::str(k).cast<std::string>()] = toValue(v);
    for (auto [k, v] : kwargs) out[py::str(k).cast<std::string>()] = toValue(v);
    return out;
}

py::object toPython(const Value& v, const kgraph::QueryResult& result);

py::dict toPython(const Value::Map& map, const kgraph::QueryResult& result) {
    py::dict out;
    for (const auto& [k, x] : map) out[py::str(k)] = toPython(x, result);
    return out;
}

py::object nodeObject(uint64_t id, const kgraph::QueryResult& result) {
    const kgraph::NodeData* data = result.node({id});
    return py::cast(data ? *data : kgraph::NodeData{id, {}, {}});
}

py::object relationshipObject(uint64_t id, const kgraph::QueryResult& result) {
    const kgraph::RelationshipData* data = result.relationship({id});
    return py::cast(data ? *data : kgraph::RelationshipData{id, {}, 0, 0, {}});
}

// Properties as Python values (they never refer to nodes, so no result is needed).
py::object property(const Value::Map& properties, const std::string& key, const py::object& otherwise) {
    static const kgraph::QueryResult none;
    auto it = properties.find(key);
    if (it != properties.end()) return toPython(it->second, none);
    if (otherwise.ptr() == nullptr) throw py::key_error(key);
    return otherwise;
}

py::dict propertiesOf(const Value::Map& properties) {
    static const kgraph::QueryResult none;
    return toPython(properties, none);
}

// The Python class of kgraph::NodeData or RelationshipData: read-only fields, properties by key.
template <typename Data>
py::class_<Data> entityClass(py::module_& m, const char* name, const char* doc) {
    return py::class_<Data>(m, name, doc)
        .def_readonly("id", &Data::id)
        .def_property_readonly("properties", [](const Data& d) { return propertiesOf(d.properties); })
        .def("__getitem__", [](const Data& d, const std::string& k) { return property(d.properties, k, py::object()); })
        .def("get", [](const Data& d, const std::string& k, py::object otherwise) {
            return property(d.properties, k, otherwise);
        }, py::arg("key"), py::arg("default") = py::none())
        .def("__eq__", [](const Data& a, const Data& b) { return a.id == b.id; })
        .def("__hash__", [](const Data& d) { return std::hash<uint64_t>()(d.id); });
}

py::object toPython(const Value& v, const kgraph::QueryResult& result) {
    switch (v.type()) {
        case Value::Type::NUL: return py::none();
        case Value::Type::BOOL: return py::bool_(v.asBool());
        case Value::Type::INT: return py::int_(v.asInt());
        case Value::Type::FLOAT: return py::float_(v.asFloat());
        case Value::Type::STRING: return py::reinterpret_steal<py::object>(
            PyUnicode_DecodeUTF8(v.asString().data(), static_cast<Py_ssize_t>(v.asString().size()), "replace"));
        case Value::Type::LIST: {
            py::list out;
            for (const Value& x : v.asList()) out.append(toPython(x, result));
            return out;
        }
        case Value::Type::MAP: return toPython(v.asMap(), result);
        case Value::Type::NODE: return nodeObject(v.asNode().id, result);
        case Value::Type::RELATIONSHIP: return relationshipObject(v.asRelationship().id, result);
        case Value::Type::PATH: {
            Path path;
            for (uint64_t id : v.asPath().nodes) path.nodes.append(nodeObject(id, result));
            for (uint64_t id : v.asPath().relationships) path.relationships.append(relationshipObject(id, result));
            return py::cast(std::move(path));
        }
    }
    return py::none();
}

// Rows as dicts by column name.
py::list rowsOf(const kgraph::QueryResult& result) {
    py::list rows;
    for (const auto& row : result.rows) {
        py::dict d;
        for (size_t c = 0; c < row.size(); ++c) d[py::str(result.columns[c])] = toPython(row[c], result);
        rows.append(std::move(d));
    }
    return rows;
}

// A whole result: columns, rows (as lists), what changed, JSON.
struct PyResult {
    kgraph::QueryResult result;
};

py::dict statsOf(const kgraph::QueryStats& s) {
    py::dict d;
    d["nodes_created"] = s.nodesCreated;
    d["nodes_deleted"] = s.nodesDeleted;
    d["relationships_created"] = s.relationshipsCreated;
    d["relationships_deleted"] = s.relationshipsDeleted;
    d["properties_set"] = s.propertiesSet;
    d["labels_added"] = s.labelsAdded;
    d["labels_removed"] = s.labelsRemoved;
    return d;
}

py::dict buildSummaryOf(const kgraph::BuildSummary& s) {
    static const char* kOutcomes[] = {"added", "changed", "unchanged", "failed"};
    py::list files;
    for (const auto& f : s.files) {
        py::dict d;
        d["path"] = f.path;
        d["outcome"] = kOutcomes[static_cast<int>(f.outcome)];
        d["message"] = f.message;
        d["entities"] = f.entities;
        d["relations"] = f.relations;
        files.append(std::move(d));
    }
    py::dict out;
    out["added"] = s.added;
    out["changed"] = s.changed;
    out["unchanged"] = s.unchanged;
    out["failed"] = s.failed;
    out["files"] = std::move(files);
    return out;
}

py::dict extractionOf(const kgraph::ExtractedDocument& x) {
    kgraph::QueryResult none;
    py::list entities, relations;
    for (const auto& e : x.entities) entities.append(py::dict(py::arg("label") = e.label, py::arg("name") = e.name,
                                                              py::arg("aliases") = e.aliases));
    for (const auto& r : x.relations)
        relations.append(py::dict(py::arg("type") = r.type, py::arg("subject") = r.subject,
                                  py::arg("object") = r.object, py::arg("properties") = toPython(r.properties, none)));
    return py::dict(py::arg("doc") = x.doc, py::arg("lang") = x.lang, py::arg("entities") = entities,
                    py::arg("relations") = relations);
}

struct Database {
    std::unique_ptr<kgraph::Database> db;

    kgraph::Database& get() const {
        if (!db) throw py::value_error("the database is closed");
        return *db;
    }

    kgraph::QueryResult run(const std::string& text, Value::Map params, double timeout) {
        kgraph::QueryOptions options;
        options.parameters = std::move(params);
        options.timeoutSeconds = timeout;
        kgraph::QueryError error;
        auto r = withoutGil([&] { return get().query(text, options, &error); });
        return check(std::move(r), &error);
    }
};

struct Connection {
    std::unique_ptr<kgraph::Connection> connection;

    kgraph::Connection& get() const {
        if (!connection) throw py::value_error("the connection is closed");
        return *connection;
    }

    kgraph::QueryResult run(const std::string& text, Value::Map params) {
        kgraph::QueryError error;
        auto r = withoutGil([&] { return get().query(text, params, &error); });
        return check(std::move(r), &error);
    }

    kgraph::QueryResult execute(const kgraph::PreparedStatement& statement, Value::Map params) {
        kgraph::QueryError error;
        auto r = withoutGil([&] { return get().execute(statement, params, &error); });
        return check(std::move(r), &error);
    }
};

std::string exportGraph(Database& self, const std::string& format, const std::string& path, const py::object& labels,
                        const py::object& types, const std::string& around, int depth) {
    kgraph::ExportRequest request;
    request.format = format;
    request.path = path;
    if (!labels.is_none()) request.labels = labels.cast<std::vector<std::string>>();
    if (!types.is_none()) request.types = types.cast<std::vector<std::string>>();
    request.around = around;
    request.depth = depth;
    std::ostringstream out;
    auto r = withoutGil([&] { return self.get().exportGraph(request, path.empty() ? &out : nullptr); });
    check(std::move(r));
    return out.str();
}

}  // namespace

PYBIND11_MODULE(kgraph, m) {
    m.doc() = "kgraph: build a knowledge graph from documents and query it (docs/api.md)";
    m.attr("__version__") = kgraph::version();

    errorType = PyErr_NewException("kgraph.Error", PyExc_Exception, nullptr);
    m.attr("Error") = errorType;

    entityClass<kgraph::NodeData>(m, "Node", "A node of a result: id, labels, properties (a dict).")
        .def_readonly("labels", &kgraph::NodeData::labels)
        .def("__repr__", [](const kgraph::NodeData& n) {
            std::string labels;
            for (const auto& l : n.labels) labels += ":" + l;
            return "Node(" + std::to_string(n.id) + labels + " " + py::repr(propertiesOf(n.properties)).cast<std::string>() +
                   ")";
        });
    entityClass<kgraph::RelationshipData>(m, "Relationship",
                                          "A relationship of a result: id, type, start, end, properties.")
        .def_readonly("type", &kgraph::RelationshipData::type)
        .def_readonly("start", &kgraph::RelationshipData::start)
        .def_readonly("end", &kgraph::RelationshipData::end)
        .def("__repr__", [](const kgraph::RelationshipData& r) {
            return "Relationship(" + std::to_string(r.id) + " (" + std::to_string(r.start) + ")-[:" + r.type + "]->(" +
                   std::to_string(r.end) + ") " + py::repr(propertiesOf(r.properties)).cast<std::string>() + ")";
        });

    py::class_<Path>(m, "Path", "A path of a result: nodes, and the relationships between them.")
        .def_readonly("nodes", &Path::nodes)
        .def_readonly("relationships", &Path::relationships)
        .def("__len__", [](const Path& p) { return p.relationships.size(); })
        .def("__repr__", [](const Path& p) {
            return "Path(" + py::repr(p.nodes).cast<std::string>() + ", " + py::repr(p.relationships).cast<std::string>() +
                   ")";
        });

    py::class_<PyResult>(m, "Result", "A statement's whole result: columns, rows, stats, plan, to_json().")
        .def_property_readonly("columns", [](const PyResult& r) { return r.result.columns; })
        .def_property_readonly("rows", [](const PyResult& r) {
            py::list rows;
            for (const auto& row : r.result.rows) {
                py::list out;
                for (const Value& v : row) out.append(toPython(v, r.result));
                rows.append(std::move(out));
            }
            return rows;
        })
        .def_property_readonly("stats", [](const PyResult& r) { return statsOf(r.result.stats); })
        .def_property_readonly("plan", [](const PyResult& r) { return r.result.plan; })
        .def("to_json", [](const PyResult& r) { return r.result.toJson(); })
        .def("__len__", [](const PyResult& r) { return r.result.rows.size(); })
        .def("__iter__", [](const PyResult& r) { return rowsOf(r.result).attr("__iter__")(); });

    py::class_<kgraph::PreparedStatement>(m, "PreparedStatement", "A statement parsed once (Connection.prepare).")
        .def_property_readonly("text", &kgraph::PreparedStatement::text)
        .def_property_readonly("writes", &kgraph::PreparedStatement::writes);

    py::class_<Connection>(m, "Connection",
                           "A session on a Database with prepared statements and transactions. One thread at a time.")
        .def("query", [](Connection& c, const std::string& text, py::object params, py::kwargs kw) {
            return rowsOf(c.run(text, toParameters(params, kw)));
        }, py::arg("text"), py::arg("params") = py::none(), "Runs a statement; returns its rows as dicts.")
        .def("run", [](Connection& c, const std::string& text, py::object params, py::kwargs kw) {
            return PyResult{c.run(text, toParameters(params, kw))};
        }, py::arg("text"), py::arg("params") = py::none(), "Runs a statement; returns a kgraph.Result.")
        .def("prepare", [](Connection& c, const std::string& text) {
            kgraph::QueryError error;
            return check(c.get().prepare(text, &error), &error);
        }, py::arg("text"))
        .def("execute", [](Connection& c, const kgraph::PreparedStatement& s, py::object params, py::kwargs kw) {
            return rowsOf(c.execute(s, toParameters(params, kw)));
        }, py::arg("statement"), py::arg("params") = py::none())
        .def("begin", [](Connection& c) { check(c.get().begin()); })
        .def("commit", [](Connection& c) {
            auto s = withoutGil([&] { return c.get().commit(); });
            check(s);
        })
        .def("rollback", [](Connection& c) { check(c.get().rollback()); })
        .def_property_readonly("in_transaction", [](const Connection& c) { return c.get().inTransaction(); })
        .def("close", [](Connection& c) { c.connection.reset(); })
        // `with conn:` is a transaction: committed at the end, rolled back on an exception.
        .def("__enter__", [](Connection& c) -> Connection& {
            check(c.get().begin());
            return c;
        })
        .def("__exit__", [](Connection& c, py::object type, py::object, py::object) {
            if (!c.get().inTransaction()) return false;
            if (type.is_none()) check(c.get().commit());
            else check(c.get().rollback());
            return false;
        });

    py::class_<Database>(m, "Database", "A kgraph database directory. Safe to share between threads.")
        .def(py::init([](const std::string& path, bool readOnly, bool createIfMissing, size_t cacheBytes) {
            kgraph::OpenOptions options;
            options.readOnly = readOnly;
            options.createIfMissing = createIfMissing;
            if (cacheBytes) options.cacheBytes = cacheBytes;
            return Database{check(kgraph::Database::open(path, options))};
        }), py::arg("path"), py::arg("read_only") = false, py::arg("create_if_missing") = true,
             py::arg("cache_bytes") = 0)
        .def_property_readonly("path", [](const Database& d) { return d.get().path(); })
        .def("query", [](Database& d, const std::string& text, py::object params, double timeout, py::kwargs kw) {
            return rowsOf(d.run(text, toParameters(params, kw), timeout));
        }, py::arg("text"), py::arg("params") = py::none(), py::arg("timeout") = 0.0,
             "Runs one statement with $parameters (a dict and/or keywords); returns its rows as dicts.")
        .def("run", [](Database& d, const std::string& text, py::object params, py::kwargs kw) {
            return PyResult{d.run(text, toParameters(params, kw), 0)};
        }, py::arg("text"), py::arg("params") = py::none(), "Runs one statement; returns a kgraph.Result.")
        .def("connect", [](Database& d) { return Connection{std::make_unique<kgraph::Connection>(d.get())}; },
             py::keep_alive<0, 1>())
        .def("build", [](Database& d, py::object paths, const std::string& rules) {
            std::vector<std::string> list = py::isinstance<py::str>(paths)
                ? std::vector<std::string>{paths.cast<std::string>()} : paths.cast<std::vector<std::string>>();
            kgraph::BuildOptions options;
            options.rulesPath = rules;
            auto r = withoutGil([&] { return d.get().build(list, options); });
            return buildSummaryOf(check(std::move(r)));
        }, py::arg("paths"), py::arg("rules") = "", "Builds articles and JSONL facts (files or folders).")
        .def("add_document", [](Database& d, const std::string& key, const std::string& text, py::kwargs metadata) {
            std::map<std::string, std::string> fields;
            for (auto [k, v] : metadata) fields[py::str(k)] = py::str(v);
            static const char* kOutcomes[] = {"added", "changed", "unchanged", "failed"};
            auto r = withoutGil([&] { return d.get().addDocument(key, text, fields); });
            return std::string(kOutcomes[static_cast<int>(check(std::move(r)).outcome)]);
        }, py::arg("key"), py::arg("text"), "Builds one article given as text; metadata as keywords (title=...).")
        .def("add_facts", [](Database& d, const std::string& name, const std::string& jsonl) {
            auto r = withoutGil([&] { return d.get().addFacts(name, jsonl); });
            return buildSummaryOf(check(std::move(r)));
        }, py::arg("name"), py::arg("jsonl"))
        .def("import_csv", [](Database& d, std::vector<std::string> nodes, std::vector<std::string> relationships) {
            kgraph::ImportOptions options;
            options.nodes = std::move(nodes);
            options.relationships = std::move(relationships);
            auto r = withoutGil([&] { return d.get().importCsv(options); });
            auto s = check(std::move(r));
            return py::dict(py::arg("nodes") = s.nodes, py::arg("relationships") = s.relationships);
        }, py::arg("nodes"), py::arg("relationships") = std::vector<std::string>{})
        .def("export", &exportGraph, py::arg("format") = "dot", py::arg("path") = "", py::arg("labels") = py::none(),
             py::arg("types") = py::none(), py::arg("around") = "", py::arg("depth") = 1,
             "Exports the graph (dot, graphml, json, csv, nt) to `path`, or returns it as a str.")
        .def("export_dot", [](Database& d, const std::string& path) {
            return exportGraph(d, "dot", path, py::none(), py::none(), "", 1);
        }, py::arg("path") = "")
        .def("stats", [](const Database& d) {
            kgraph::DatabaseStats s = d.get().stats();
            return py::dict(py::arg("nodes") = s.nodes, py::arg("relationships") = s.relationships,
                            py::arg("documents") = s.documents, py::arg("labels") = s.labels, py::arg("types") = s.types);
        })
        .def("close", [](Database& d) { d.db.reset(); });

    m.def("extract", [](const std::string& text, const std::string& key, const std::string& rules) {
        kgraph::ExtractOptions options;
        options.rulesPath = rules;
        auto extractor = check(kgraph::Extractor::open(options));
        auto r = withoutGil([&] { return extractor->extractText(key, text); });
        return extractionOf(check(std::move(r)));
    }, py::arg("text"), py::arg("key") = "document", py::arg("rules") = "",
       "Extracts entities and relations from an article's text without a database (as kg extract).");
    m.def("extract_file", [](const std::string& path, const std::string& rules) {
        kgraph::ExtractOptions options;
        options.rulesPath = rules;
        auto extractor = check(kgraph::Extractor::open(options));
        return extractionOf(check(extractor->extractFile(path)));
    }, py::arg("path"), py::arg("rules") = "");
}
