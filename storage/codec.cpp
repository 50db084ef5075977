#include "storage/codec.hpp"

#include <cstring>

#include "common/assert.hpp"

namespace kgraph::storage {

namespace {

// Nesting deeper than this is refused on decode: stored data never nests so
// deep, so a deeper buffer is corrupt and must not exhaust the stack.
constexpr int kMaxDecodeDepth = 1000;

uint64_t zigzag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
int64_t unzigzag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

}  // namespace

void putVarint(std::string& out, uint64_t v) {
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7f) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
}

void putLengthPrefixed(std::string& out, std::string_view s) {
    putVarint(out, s.size());
    out.append(s);
}

void putValue(std::string& out, const Value& v) {
    out += static_cast<char>(v.type());
    switch (v.type()) {
        case Value::Type::NUL: break;
        case Value::Type::BOOL: out += static_cast<char>(v.asBool() ? 1 : 0); break;
        case Value::Type::INT: putVarint(out, zigzag(v.asInt())); break;
        case Value::Type::FLOAT: {
            uint64_t bits;
            double d = v.asFloat();
            std::memcpy(&bits, &d, 8);
            for (int i = 0; i < 8; ++i) out += static_cast<char>(bits >> (8 * i));
            break;
        }
        case Value::Type::STRING: putLengthPrefixed(out, v.asString()); break;
        case Value::Type::LIST:
            putVarint(out, v.asList().size());
            for (const Value& item : v.asList()) putValue(out, item);
            break;
        case Value::Type::MAP:
            putVarint(out, v.asMap().size());
            for (const auto& [key, item] : v.asMap()) {
                putLengthPrefixed(out, key);
                putValue(out, item);
            }
            break;
        // References live in query results only; writers refuse them before they get here.
        case Value::Type::NODE:
        case Value::Type::RELATIONSHIP:
        case Value::Type::PATH: KG_UNREACHABLE();
    }
}

void putProperties(std::string& out, const PropertyList& props) {
    putVarint(out, props.size());
    for (const auto& [key, value] : props) {
        putVarint(out, key);
        putValue(out, value);
    }
}

bool Decoder::getVarint(uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64 && p_ < end_; shift += 7) {
        auto byte = static_cast<unsigned char>(*p_++);
        v |= uint64_t{byte & 0x7fu} << shift;
        if ((byte & 0x80) == 0) return true;
    }
    return false;
}

bool Decoder::getFixed32(uint32_t& v) {
    if (remaining() < 4) return false;
    v = readFixed32(p_);
    p_ += 4;
    return true;
}

bool Decoder::getFixed64(uint64_t& v) {
    if (remaining() < 8) return false;
    v = readFixed64(p_);
    p_ += 8;
    return true;
}

bool Decoder::getBytes(size_t n, std::string_view& out) {
    if (remaining() < n) return false;
    out = std::string_view(p_, n);
    p_ += n;
    return true;
}

bool Decoder::getLengthPrefixed(std::string_view& out) {
    uint64_t n;
    return getVarint(n) && n <= remaining() && getBytes(static_cast<size_t>(n), out);
}

bool Decoder::getValue(Value& v) { return getValue(v, 0); }

bool Decoder::getValue(Value& v, int depth) {
    if (p_ >= end_ || depth > kMaxDecodeDepth) return false;
    auto tag = static_cast<uint8_t>(*p_++);
    switch (static_cast<Value::Type>(tag)) {
        case Value::Type::NUL: v = Value(); return true;
        case Value::Type::BOOL: {
            if (p_ >= end_ || static_cast<uint8_t>(*p_) > 1) return false;
            v = Value(*p_++ == 1);
            return true;
        }
        case Value::Type::INT: {
            uint64_t z;
            if (!getVarint(z)) return false;
            v = Value(unzigzag(z));
            return true;
        }
        case Value::Type::FLOAT: {
            if (remaining() < 8) return false;
            uint64_t bits = 0;
            for (int i = 0; i < 8; ++i) bits |= uint64_t{static_cast<unsigned char>(p_[i])} << (8 * i);
            p_ += 8;
            double d;
            std::memcpy(&d, &bits, 8);
            v = Value(d);
            return true;
        }
        case Value::Type::STRING: {
            std::string_view s;
            if (!getLengthPrefixed(s)) return false;
            v = Value(s);
            return true;
        }
        case Value::Type::LIST: {
            uint64_t n;
            if (!getVarint(n) || n > remaining()) return false;  // every item takes >= 1 byte
            Value::List list;
            list.reserve(static_cast<size_t>(n));
            for (uint64_t i = 0; i < n; ++i) {
                Value item;
                if (!getValue(item, depth + 1)) return false;
                list.push_back(std::move(item));
            }
            v = Value(std::move(list));
            return true;
        }
        case Value::Type::MAP: {
            uint64_t n;
            if (!getVarint(n) || n > remaining()) return false;
            Value::Map map;
            for (uint64_t i = 0; i < n; ++i) {
                std::string_view key;
                Value item;
                if (!getLengthPrefixed(key) || !getValue(item, depth + 1)) return false;
                map.insert_or_assign(std::string(key), std::move(item));
            }
            v = Value(std::move(map));
            return true;
        }
        case Value::Type::NODE:
        case Value::Type::RELATIONSHIP:
        case Value::Type::PATH: break;  // never stored: a corrupt tag
    }
    return false;
}

bool Decoder::getProperties(PropertyList& props) {
    uint64_t n;
    if (!getVarint(n) || n > remaining()) return false;
    props.clear();
    props.reserve(static_cast<size_t>(n));
    for (uint64_t i = 0; i < n; ++i) {
        uint64_t key;
        Value v;
        if (!getVarint(key) || key > UINT32_MAX || !getValue(v)) return false;
        props.emplace_back(static_cast<TokenId>(key), std::move(v));
    }
    return true;
}

std::string encodeValue(const Value& v) {
    std::string out;
    putValue(out, v);
    return out;
}

bool decodeValue(std::string_view in, Value& v) {
    Decoder d(in);
    return d.getValue(v) && d.done();
}

}  // namespace kgraph::storage
