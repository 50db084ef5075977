#include "result_export.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>

#include <fmt/format.h>

#include "result_format.hpp"

namespace kgraph::tools {

namespace {

// The entities of a result: its own, and the ends of its relationships.
Result<QueryResult> withRelationshipEnds(Database& db, const QueryResult& result) {
    QueryResult graph = result;
    Value::List missing;
    for (const auto& [id, rel] : result.relationships)
        for (uint64_t end : {rel.start, rel.end})
            if (!graph.nodes.count(end)) missing.emplace_back(static_cast<int64_t>(end));
    if (missing.empty()) return graph;
    QueryOptions options;
    options.parameters["ids"] = Value(std::move(missing));
    auto ends = db.query("MATCH (n) WHERE id(n) IN $ids RETURN n", options);
    if (!ends) return ends.status();
    graph.nodes.insert(ends->nodes.begin(), ends->nodes.end());
    return graph;
}

std::string nodeCaption(const NodeData& node) {
    for (const char* key : {"name", "title"}) {
        auto it = node.properties.find(key);
        if (it != node.properties.end() && it->second.isString()) return it->second.asString();
    }
    return fmt::format("#{}", node.id);
}

std::string dotString(std::string_view text) {
    std::string out = "\"";
    for (char c : toValidUtf8(text)) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') out += "\\n";
        else if (c != '\r') out += c;
    }
    return out + "\"";
}

std::string toDot(const QueryResult& g) {
    static const char* const kColours[] = {"#8dd3c7", "#ffffb3", "#bebada", "#fb8072",
                                           "#80b1d3", "#fdb462", "#b3de69", "#fccde5"};
    std::set<std::string> firstLabels;
    for (const auto& [id, n] : g.nodes) firstLabels.insert(n.labels.empty() ? "" : n.labels.front());
    auto colour = [&](const NodeData& n) {
        auto at = firstLabels.find(n.labels.empty() ? "" : n.labels.front());
        return kColours[static_cast<size_t>(std::distance(firstLabels.begin(), at)) % std::size(kColours)];
    };
    std::string out = "digraph kgraph {\n"
                      "    graph [rankdir=LR, fontname=\"Helvetica\", charset=\"UTF-8\"];\n"
                      "    node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11];\n"
                      "    edge [fontname=\"Helvetica\", fontsize=9];\n";
    for (const auto& [id, n] : g.nodes) {
        std::string labels;
        for (const auto& l : n.labels) labels += ":" + l;
        out += fmt::format("    n{} [label={}, fillcolor=\"{}\", tooltip={}];\n", id, dotString(nodeCaption(n)),
                           colour(n), dotString(labels));
    }
    for (const auto& [id, r] : g.relationships)
        out += fmt::format("    n{} -> n{} [label={}];\n", r.start, r.end, dotString(r.type));
    return out + "}\n";
}

std::string xmlText(std::string_view text) {
    std::string out;
    for (char c : toValidUtf8(text)) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default:
                // XML 1.0 has no place for other control characters.
                if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') out += c;
        }
    }
    return out;
}

// A property as GraphML data: strings as they are, everything else as JSON.
std::string dataText(const Value& v, const QueryResult& g) { return v.isString() ? v.asString() : jsonValue(v, g); }

std::string toGraphml(const QueryResult& g) {
    std::set<std::string> keys;
    for (const auto& [id, n] : g.nodes)
        for (const auto& [k, v] : n.properties) keys.insert(k);
    for (const auto& [id, r] : g.relationships)
        for (const auto& [k, v] : r.properties) keys.insert(k);
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                      "  <key id=\"labels\" for=\"node\" attr.name=\"labels\" attr.type=\"string\"/>\n"
                      "  <key id=\"type\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n";
    for (const auto& k : keys)
        out += fmt::format("  <key id=\"p_{0}\" for=\"all\" attr.name=\"{0}\" attr.type=\"string\"/>\n", xmlText(k));
    out += "  <graph id=\"G\" edgedefault=\"directed\">\n";
    auto data = [&](const Value::Map& properties) {
        std::string d;
        for (const auto& [k, v] : properties)
            d += fmt::format("<data key=\"p_{}\">{}</data>", xmlText(k), xmlText(dataText(v, g)));
        return d;
    };
    for (const auto& [id, n] : g.nodes) {
        std::string labels;
        for (const auto& l : n.labels) labels += ":" + l;
        out += fmt::format("    <node id=\"n{}\"><data key=\"labels\">{}</data>{}</node>\n", id, xmlText(labels),
                           data(n.properties));
    }
    for (const auto& [id, r] : g.relationships)
        out += fmt::format("    <edge id=\"e{}\" source=\"n{}\" target=\"n{}\"><data key=\"type\">{}</data>{}</edge>\n",
                           id, r.start, r.end, xmlText(r.type), data(r.properties));
    return out + "  </graph>\n</graphml>\n";
}

// Cytoscape.js data: a property whose key the element itself uses is prefixed with "property:".
std::string jsonData(std::string head, const Value::Map& properties, const QueryResult& g,
                     std::initializer_list<std::string_view> reserved) {
    for (const auto& [k, v] : properties) {
        bool clash = std::find(reserved.begin(), reserved.end(), k) != reserved.end();
        head += fmt::format(",{}:{}", jsonString(clash ? "property:" + k : k), jsonValue(v, g));
    }
    return "{\"data\":{" + head + "}}";
}

std::string toJson(const QueryResult& g) {
    std::string nodes, edges;
    for (const auto& [id, n] : g.nodes) {
        std::string labels;
        for (const auto& l : n.labels) labels += (labels.empty() ? "" : ",") + jsonString(l);
        if (!nodes.empty()) nodes += ",";
        nodes += jsonData(fmt::format("\"id\":\"n{}\",\"labels\":[{}]", id, labels), n.properties, g, {"id", "labels"});
    }
    for (const auto& [id, r] : g.relationships) {
        if (!edges.empty()) edges += ",";
        edges += jsonData(fmt::format("\"id\":\"e{}\",\"source\":\"n{}\",\"target\":\"n{}\",\"type\":{}", id, r.start,
                                      r.end, jsonString(r.type)),
                          r.properties, g, {"id", "source", "target", "type"});
    }
    return "{\"elements\":{\"nodes\":[" + nodes + "],\"edges\":[" + edges + "]}}\n";
}

Status writeAtomically(const std::string& path, const std::string& text) {
    const std::string temp = fmt::format("{}.tmp-{}", path, ::getpid());
    FILE* f = std::fopen(temp.c_str(), "wb");
    if (!f) return Status::ioError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    int err = errno;
    ok = std::fclose(f) == 0 && ok;
    if (ok && std::rename(temp.c_str(), path.c_str()) == 0) return Status::ok();
    err = ok ? errno : err;
    std::remove(temp.c_str());
    return Status::ioError(fmt::format("cannot write {}: {}", path, std::strerror(err)));
}

}  // namespace

Result<ResultExport> exportResult(Database& db, const QueryResult& result, const std::string& format,
                                  const std::string& path) {
    if (format == "csv") {
        KG_RETURN_IF_ERROR(writeAtomically(path, formatResult(result, OutputFormat::CSV)));
        return ResultExport{0, 0, result.rows.size()};
    }
    if (format != "dot" && format != "graphml" && format != "json")
        return Status::invalidInput(fmt::format("no export format '{}': dot, graphml, json or csv", format));
    if (result.nodes.empty() && result.relationships.empty())
        return Status::invalidInput("the result holds no nodes or relationships to draw; ':export csv FILE' writes its rows");
    auto graph = withRelationshipEnds(db, result);
    if (!graph) return graph.status();
    std::string text = format == "dot" ? toDot(*graph) : format == "graphml" ? toGraphml(*graph) : toJson(*graph);
    KG_RETURN_IF_ERROR(writeAtomically(path, text));
    return ResultExport{graph->nodes.size(), graph->relationships.size(), result.rows.size()};
}

}  // namespace kgraph::tools
