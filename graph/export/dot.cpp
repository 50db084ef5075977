// GraphViz DOT: a figure of the graph, styled by label, with evidence as tooltips.
//
// Written by hand rather than with boost::write_graphviz, whose escaping only
// covers '"': every string here goes through dotString(), which is what keeps
// names like `}; n1 -> n2 [` or a trailing backslash inside their quotes.
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "graph/export/writers.hpp"

namespace kgraph::graph::exporters {

namespace {

using storage::ElementRef;
using storage::TokenKind;

// GraphViz rejects quoted strings longer than 16,384 bytes; stay below with room to spare.
constexpr size_t kMaxDotStringBytes = 16000;
// Tooltips are for reading on hover: a few sentences, not a document.
constexpr size_t kMaxTooltipBytes = 2000;
constexpr size_t kMaxEvidenceSentences = 5;
constexpr std::string_view kEllipsis = "\u2026";

struct LabelStyle {
    std::string_view label;
    std::string_view shape;
    std::string_view fill;
};

// The default ontology (DESIGN.md) gets a fixed look, so figures stay comparable.
constexpr std::array<LabelStyle, 9> kOntologyStyles{{
    {"Company", "box", "#8dd3c7"},
    {"Organization", "box3d", "#ffffb3"},
    {"Person", "ellipse", "#bebada"},
    {"Country", "hexagon", "#fb8072"},
    {"City", "house", "#80b1d3"},
    {"Product", "component", "#fdb462"},
    {"Policy", "note", "#b3de69"},
    {"Topic", "oval", "#fccde5"},
    {"Document", "tab", "#d9d9d9"},
}};
// Other labels cycle through these, in order of their names.
constexpr std::array<std::string_view, 8> kOtherFills{"#bc80bd", "#ccebc5", "#ffed6f", "#a6cee3",
                                                      "#b2df8a", "#fdbf6f", "#cab2d6", "#e5d8bd"};
constexpr std::string_view kOtherShape = "box";
constexpr std::string_view kUnlabelledFill = "#ffffff";

// Appends the DOT escape of one code point (or nothing, for a dropped control character).
void appendEscaped(std::string& out, char32_t cp) {
    switch (cp) {
        // A backslash starts an escString sequence (\N, \l, \G); doubled, it is a literal one.
        case '\\': out += "\\\\"; return;
        case '"': out += "\\\""; return;
        case '\n': out += "\\n"; return;
        case '\t': out += ' '; return;
        // GraphViz decodes HTML entities (&amp;, &#252;) in labels, tooltips and URLs; and
        // its SVG writer passes a bare '&' in a URL through, which breaks the XML.
        case '&': out += "&amp;"; return;
        default: break;
    }
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) return;
    appendUtf8(out, cp);
}

// `s` as a DOT double-quoted string that GraphViz shows as it is: quotes and
// backslashes escaped, newlines as \n, other control characters dropped,
// UTF-8 kept, at most kMaxDotStringBytes between the quotes.
std::string dotString(std::string_view s, size_t maxBytes = kMaxDotStringBytes) {
    std::string body;
    size_t fits = 0;  // length of `body` at the last code point that leaves room for the ellipsis
    for (size_t i = 0; i < s.size();) {
        char32_t cp = nextCodePoint(s, i);
        if (cp == '\r') {
            if (i < s.size() && s[i] == '\n') continue;  // CR LF is one newline
            cp = '\n';
        }
        appendEscaped(body, cp);
        if (body.size() <= maxBytes - kEllipsis.size()) fits = body.size();
        if (body.size() > maxBytes) break;
    }
    if (body.size() > maxBytes) {
        body.resize(fits);
        body += kEllipsis;
    }
    return fmt::format("\"{}\"", body);
}

// "4.2", "23", "1.23": at most two decimals, no trailing zeros.
std::string shortNumber(double x) {
    std::string s = fmt::format("{:.2f}", x);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    if (s == "0" || s == "-0") return x == 0 ? "0" : fmt::format("{:.3g}", x);
    return s;
}

// 4.2e9 -> "4.2 bn", 8e8 -> "800 m", 1234.5 -> "1234.5".
std::string readableAmount(double amount) {
    struct Scale {
        double factor;
        const char* suffix;
    };
    static constexpr std::array<Scale, 3> kScales{{{1e12, "tn"}, {1e9, "bn"}, {1e6, "m"}}};
    if (!std::isfinite(amount)) return plainText(Value(amount));
    for (const Scale& s : kScales)
        if (std::fabs(amount) >= s.factor) return fmt::format("{} {}", shortNumber(amount / s.factor), s.suffix);
    return shortNumber(amount);
}

std::optional<double> asNumber(const Value* v) {
    if (v && v->isFloat()) return v->asFloat();
    if (v && v->isInt()) return static_cast<double>(v->asInt());
    return std::nullopt;
}

class DotWriter {
public:
    DotWriter(const Graph& g, const Subgraph& sub, const ExportOptions& options, std::ostream& out)
        : g_(g), sub_(sub), options_(options), out_(out), names_(g.store()) {
        const storage::Store& store = g.store();
        amountKey_ = store.findToken(TokenKind::PROPERTY, "amount");
        currencyKey_ = store.findToken(TokenKind::PROPERTY, "currency");
        periodKey_ = store.findToken(TokenKind::PROPERTY, "period");
        shareKey_ = store.findToken(TokenKind::PROPERTY, "share");
        urlKey_ = store.findToken(TokenKind::PROPERTY, "url");
        // A bulk import records no evidence: then skip a store lookup per element.
        withEvidence_ = options.withEvidence && store.counts().evidence > 0;
    }

    Status write() {
        assignStyles();
        out_ << "digraph kgraph {\n"
                "    graph [rankdir=LR, fontname=\"Helvetica\", charset=\"UTF-8\"];\n"
                "    node [style=filled, fontname=\"Helvetica\", fontsize=11];\n"
                "    edge [fontname=\"Helvetica\", fontsize=9];\n";
        writeLegend();
        if (options_.clusterByLabel) {
            writeClusters();
        } else {
            for (VertexIndex v : sub_.vertices) writeNode(v, "    ");
        }
        for (EdgeIndex e : sub_.edges) {
            writeEdge(e);
            if (!out_) break;
        }
        out_ << "}\n";
        out_.flush();
        if (!out_) return Status::ioError("cannot write the DOT export");
        return Status::ok();
    }

private:
    std::optional<TokenId> firstLabel(VertexIndex v) const {
        auto labels = g_.labels(v);
        if (labels.empty()) return std::nullopt;
        return labels.front();
    }

    // One style per first label present, in the order of the label names.
    void assignStyles() {
        std::map<std::string, TokenId> present;
        for (VertexIndex v : sub_.vertices)
            if (auto l = firstLabel(v)) present.emplace(names_.label(*l), *l);
        size_t other = 0;
        for (const auto& [name, token] : present) {
            auto it = std::find_if(kOntologyStyles.begin(), kOntologyStyles.end(),
                                   [&](const LabelStyle& s) { return s.label == name; });
            if (it != kOntologyStyles.end()) {
                styles_[token] = {it->shape, it->fill};
            } else {
                styles_[token] = {kOtherShape, kOtherFills[other % kOtherFills.size()]};
                ++other;
            }
            legendOrder_.push_back(token);
        }
    }

    std::pair<std::string_view, std::string_view> styleOf(VertexIndex v) const {
        auto l = firstLabel(v);
        if (!l) return {kOtherShape, kUnlabelledFill};
        return styles_.at(*l);
    }

    void writeLegend() {
        if (legendOrder_.empty()) return;
        out_ << "    subgraph cluster_legend {\n"
                "        label=\"Legend\"; style=dashed; fontname=\"Helvetica\";\n";
        for (size_t i = 0; i < legendOrder_.size(); ++i) {
            const auto& [shape, fill] = styles_.at(legendOrder_[i]);
            out_ << fmt::format("        legend_{} [label={}, shape={}, fillcolor=\"{}\"];\n", i,
                                dotString(names_.label(legendOrder_[i])), shape, fill);
        }
        out_ << "    }\n";
    }

    void writeClusters() {
        std::vector<VertexIndex> unlabelled;
        std::map<TokenId, std::vector<VertexIndex>> byLabel;
        for (VertexIndex v : sub_.vertices) {
            if (auto l = firstLabel(v)) byLabel[*l].push_back(v);
            else unlabelled.push_back(v);
        }
        for (size_t i = 0; i < legendOrder_.size(); ++i) {
            TokenId label = legendOrder_[i];
            out_ << fmt::format("    subgraph cluster_{} {{\n        label={}; style=rounded;\n", i,
                                dotString(names_.label(label)));
            for (VertexIndex v : byLabel[label]) writeNode(v, "        ");
            out_ << "    }\n";
        }
        for (VertexIndex v : unlabelled) writeNode(v, "    ");
    }

    void writeNode(VertexIndex v, std::string_view indent) {
        NodeId id = g_.nodeId(v);
        const auto& [shape, fill] = styleOf(v);
        std::string tooltip;
        for (TokenId l : g_.labels(v)) tooltip += ":" + names_.label(l);
        for (const auto& [k, value] : g_.properties(v))
            tooltip += fmt::format("\n{}: {}", names_.key(k), plainText(value));
        std::string url;
        if (const Value* own = property(v, urlKey_); own && own->isString()) url = own->asString();
        addEvidence(ElementRef{ElementRef::Kind::NODE, id}, tooltip, url);
        out_ << fmt::format("{}n{} [label={}, shape={}, fillcolor=\"{}\", tooltip={}", indent, id,
                            dotString(displayName(g_, names_, v)), shape, fill,
                            dotString(tooltip, kMaxTooltipBytes));
        if (!url.empty()) out_ << ", URL=" << dotString(url);
        out_ << "];\n";
    }

    void writeEdge(EdgeIndex e) {
        std::string label = names_.type(g_.type(e));
        auto amount = asNumber(edgeProperty(e, amountKey_));
        if (amount) {
            label += "\n" + readableAmount(*amount);
            const Value* currency = edgeProperty(e, currencyKey_);
            if (currency && currency->isString()) label += " " + currency->asString();
        }
        if (const Value* period = edgeProperty(e, periodKey_)) label += "\n" + plainText(*period);
        if (auto share = asNumber(edgeProperty(e, shareKey_))) label += "\n" + shortNumber(*share * 100) + "%";

        std::string tooltip = names_.type(g_.type(e));
        for (const auto& [k, value] : g_.edgeProperties(e))
            tooltip += fmt::format("\n{}: {}", names_.key(k), plainText(value));
        std::string url;
        addEvidence(ElementRef{ElementRef::Kind::REL, g_.relId(e)}, tooltip, url);
        out_ << fmt::format("    n{} -> n{} [label={}, tooltip={}", g_.nodeId(g_.source(e)), g_.nodeId(g_.target(e)),
                            dotString(label), dotString(tooltip, kMaxTooltipBytes));
        if (!url.empty()) out_ << ", URL=" << dotString(url);
        out_ << "];\n";
    }

    // Appends the element's evidence sentences to `tooltip`; sets `url` to the
    // url of the first cited document that has one, unless already set.
    void addEvidence(ElementRef element, std::string& tooltip, std::string& url) {
        if (!withEvidence_) return;
        std::vector<storage::EvidenceRecord> evidence = g_.store().evidenceOf(element);
        // A sentence that several rules read is one piece of evidence to the reader.
        std::vector<std::pair<NodeId, std::string_view>> sentences;
        for (const auto& ev : evidence) {
            if (url.empty()) url = documentUrl(ev.document);
            if (ev.sentence.empty()) continue;
            std::pair<NodeId, std::string_view> key{ev.document, ev.sentence};
            if (std::find(sentences.begin(), sentences.end(), key) == sentences.end()) sentences.push_back(key);
        }
        const size_t shown = std::min(sentences.size(), kMaxEvidenceSentences);
        for (size_t i = 0; i < shown; ++i) tooltip += fmt::format("\n\n\u201c{}\u201d", sentences[i].second);
        if (sentences.size() > shown) tooltip += fmt::format("\n\n(and {} more)", sentences.size() - shown);
    }

    std::string documentUrl(NodeId document) {
        auto cached = documentUrls_.find(document);
        if (cached != documentUrls_.end()) return cached->second;
        std::string url;
        VertexIndex v = g_.vertexOf(document);
        if (v != kNoVertex) {
            const Value* p = property(v, urlKey_);
            if (p && p->isString()) url = p->asString();
        }
        documentUrls_.emplace(document, url);
        return url;
    }

    const Value* property(VertexIndex v, std::optional<TokenId> key) const {
        return key ? g_.property(v, *key) : nullptr;
    }
    const Value* edgeProperty(EdgeIndex e, std::optional<TokenId> key) const {
        return key ? g_.edgeProperty(e, *key) : nullptr;
    }

    const Graph& g_;
    const Subgraph& sub_;
    const ExportOptions& options_;
    std::ostream& out_;
    TokenNames names_;
    std::optional<TokenId> amountKey_, currencyKey_, periodKey_, shareKey_, urlKey_;
    bool withEvidence_ = true;
    std::map<TokenId, std::pair<std::string_view, std::string_view>> styles_;
    std::vector<TokenId> legendOrder_;
    std::unordered_map<NodeId, std::string> documentUrls_;
};

}  // namespace

Status writeDot(const Graph& g, const Subgraph& sub, const ExportOptions& options, std::ostream& out) {
    return DotWriter(g, sub, options, out).write();
}

}  // namespace kgraph::graph::exporters
