// RDF N-Triples (W3C, 2014): one triple a line, for triple stores.
//
//   <{base}{Label}/{id}> rdf:type <{base}class/{Label}>        one per label
//   <{base}{Label}/{id}> <{base}prop/{key}> "literal"^^xsd:T   one per property (per list item)
//   <{base}{Label}/{id}> <{base}rel/{TYPE}> <{base}{Label}/{id}>  one per relationship
//
// Relationship properties have no place in plain triples and are left out.
#include <cmath>

#include <fmt/format.h>

#include "common/text.hpp"
#include "graph/export/writers.hpp"

namespace kgraph::graph::exporters {

namespace {

constexpr std::string_view kRdfType = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";
constexpr size_t kFlushBytes = size_t{1} << 20;  // lines are written in pieces this large

// Characters N-Triples forbids in an IRI (IRIREF), and those that would
// change the structure of ours ('/', '?', '#', and '%' itself).
bool needsPercent(unsigned char c) {
    if (c <= 0x20 || c == 0x7F) return true;
    switch (c) {
        case '<': case '>': case '"': case '{': case '}': case '|': case '^': case '`': case '\\':
        case '%': case '/': case '?': case '#':
            return true;
        default: return false;
    }
}

// One path segment of an IRI: non-ASCII kept (IRIs allow it), the rest percent-encoded.
std::string iriSegment(std::string_view s) {
    std::string out;
    std::string valid = validUtf8(s);
    for (char ch : valid) {
        auto c = static_cast<unsigned char>(ch);
        if (needsPercent(c)) out += fmt::format("%{:02X}", c);
        else out += ch;
    }
    return out;
}

// `s` as the body of an N-Triples string literal.
std::string literalText(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    for (size_t i = 0; i < s.size();) {
        char32_t cp = nextCodePoint(s, i);
        switch (cp) {
            case '\\': out += "\\\\"; break;
            case '"': out += "\\\""; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            default:
                if (cp < 0x20 || cp == 0x7F) out += fmt::format("\\u{:04X}", static_cast<uint32_t>(cp));
                else appendUtf8(out, cp);
        }
    }
    return out;
}

// One value as an N-Triples literal: strings plain, numbers and booleans typed,
// nested lists and maps as their JSON in a plain string.
std::string literal(const Value& v) {
    switch (v.type()) {
        case Value::Type::BOOL: return fmt::format("\"{}\"^^<{}boolean>", v.asBool() ? "true" : "false", kXsd);
        case Value::Type::INT: return fmt::format("\"{}\"^^<{}integer>", v.asInt(), kXsd);
        case Value::Type::FLOAT: {
            double d = v.asFloat();
            // The XML Schema spellings of the special values.
            std::string text = std::isnan(d) ? "NaN" : std::isinf(d) ? (d > 0 ? "INF" : "-INF") : formatDouble(d);
            return fmt::format("\"{}\"^^<{}double>", text, kXsd);
        }
        case Value::Type::STRING: return fmt::format("\"{}\"", literalText(v.asString()));
        default: return fmt::format("\"{}\"", literalText(jsonText(v)));
    }
}

class NtriplesWriter {
public:
    NtriplesWriter(const Graph& g, const ExportOptions& options, std::ostream& out)
        : g_(g), out_(out), names_(g.store()), base_(options.iriBase) {}

    Status write(const Subgraph& sub) {
        std::string buf;
        for (VertexIndex v : sub.vertices) {
            const std::string subject = nodeIri(v);
            for (TokenId l : g_.labels(v))
                fmt::format_to(std::back_inserter(buf), "{} {} <{}class/{}> .\n", subject, kRdfType, base_,
                               iriSegment(names_.label(l)));
            for (const auto& [k, value] : g_.properties(v)) {
                const std::string predicate = fmt::format("<{}prop/{}>", base_, iriSegment(names_.key(k)));
                auto triple = [&](const Value& object) {
                    fmt::format_to(std::back_inserter(buf), "{} {} {} .\n", subject, predicate, literal(object));
                };
                if (!value.isList()) {
                    triple(value);
                    continue;
                }
                for (const Value& item : value.asList())
                    if (!item.isNull()) triple(item);
            }
            if (!flush(buf, kFlushBytes)) break;
        }
        for (EdgeIndex e : sub.edges) {
            fmt::format_to(std::back_inserter(buf), "{} <{}rel/{}> {} .\n", nodeIri(g_.source(e)), base_,
                           iriSegment(names_.type(g_.type(e))), nodeIri(g_.target(e)));
            if (!flush(buf, kFlushBytes)) break;
        }
        flush(buf, 0);
        out_.flush();
        if (!out_) return Status::ioError("cannot write the N-Triples export");
        return Status::ok();
    }

private:
    // <{base}{first label}/{node id}>; "node" stands in for a missing label.
    std::string nodeIri(VertexIndex v) const {
        auto labels = g_.labels(v);
        std::string label = labels.empty() ? "node" : iriSegment(names_.label(labels.front()));
        return fmt::format("<{}{}/{}>", base_, label, g_.nodeId(v));
    }

    // Writes `buf` out once it holds `atLeast` bytes; false when the stream failed.
    bool flush(std::string& buf, size_t atLeast) {
        if (buf.size() < atLeast) return true;
        out_.write(buf.data(), static_cast<std::streamsize>(buf.size()));
        buf.clear();
        return static_cast<bool>(out_);
    }

    const Graph& g_;
    std::ostream& out_;
    TokenNames names_;
    const std::string& base_;
};

// The base must be an absolute IRI that needs no escaping, since every IRI starts with it.
Status checkBase(const std::string& base) {
    if (base.find(':') == std::string::npos)
        return Status::invalidInput(fmt::format("IRI base '{}' is not an absolute IRI (like https://example.org/)",
                                                truncateUtf8(base, 200)));
    for (char ch : base) {
        auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c == 0x7F || std::string_view("<>\"{}|^`\\").find(ch) != std::string_view::npos)
            return Status::invalidInput(
                fmt::format("IRI base '{}' holds a character IRIs forbid", truncateUtf8(base, 200)));
    }
    if (!isValidUtf8(base)) return Status::invalidInput("IRI base is not valid UTF-8");
    return Status::ok();
}

}  // namespace

Status writeNtriples(const Graph& g, const Subgraph& sub, const ExportOptions& options, std::ostream& out) {
    KG_RETURN_IF_ERROR(checkBase(options.iriBase));
    return NtriplesWriter(g, options, out).write(sub);
}

}  // namespace kgraph::graph::exporters
