// What extraction says about one document, in the shape `kg extract` prints
// and gold files hold (docs/gold.md): entities by canonical name, relations
// between them by name, and the normalised properties of each relation.
// Evaluation compares two of these; the builder writes one to the store.
#pragma once

#include <string>
#include <vector>

#include <kgraph/value.hpp>

namespace kgraph::ingest {

struct EntityAnnotation {
    std::string label;                 // Company, Person, ... (the rules' ontology)
    std::string name;                  // canonical, English
    std::vector<std::string> aliases;  // other surface forms seen in the document
};

struct RelationAnnotation {
    std::string type;     // INVESTS_IN, ...
    std::string subject;  // canonical names of entities of the same document
    std::string object;
    Value::Map properties;  // amount, currency, period, share, role, ...
};

struct DocumentAnnotations {
    std::string doc;   // the document's key: its file name without extension
    std::string lang;  // "de", "en"
    std::vector<EntityAnnotation> entities;
    std::vector<RelationAnnotation> relations;
};

}  // namespace kgraph::ingest
