// The binary codec of stored values and records (docs/storage.md has the full format).
//
// Integers in keys are big-endian and fixed width, so RocksDB's bytewise order
// is numeric order. Inside values, counts and lengths are LEB128 varints.
//
// A value is a type tag followed by its payload:
//
//   tag  type     payload
//   0    null     -
//   1    boolean  1 byte, 0 or 1
//   2    integer  zigzag varint
//   3    float    8 bytes, IEEE 754 bits, little-endian
//   4    string   varint length, UTF-8 bytes
//   5    list     varint count, count values
//   6    map      varint count, count x (varint key length, key bytes, value)
//
// A property list (of a node or relationship) is a varint count followed by
// count x (varint property-key token, value).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kgraph/value.hpp>

namespace kgraph::storage {

using TokenId = uint32_t;
using PropertyList = std::vector<std::pair<TokenId, Value>>;

// The on-disk format this build writes and the newest it reads.
inline constexpr uint32_t kFormatVersion = 1;

// Bounds-checked reading of an encoded buffer. Every get* returns false on
// truncated or malformed input instead of reading past the end.
class Decoder {
public:
    explicit Decoder(std::string_view in) : p_(in.data()), end_(in.data() + in.size()) {}

    bool getVarint(uint64_t& v);
    bool getFixed32(uint32_t& v);  // big-endian
    bool getFixed64(uint64_t& v);  // big-endian
    bool getBytes(size_t n, std::string_view& out);
    bool getLengthPrefixed(std::string_view& out);
    bool getValue(Value& v);
    bool getProperties(PropertyList& props);
    bool done() const { return p_ == end_; }
    size_t remaining() const { return static_cast<size_t>(end_ - p_); }

private:
    bool getValue(Value& v, int depth);

    const char* p_;
    const char* end_;
};

void putVarint(std::string& out, uint64_t v);
// Big-endian.
inline void putFixed32(std::string& out, uint32_t v);
inline void putFixed64(std::string& out, uint64_t v);
void putLengthPrefixed(std::string& out, std::string_view s);
void putValue(std::string& out, const Value& v);
void putProperties(std::string& out, const PropertyList& props);

// Whole-buffer helpers: decode fails unless the buffer is consumed exactly.
std::string encodeValue(const Value& v);
bool decodeValue(std::string_view in, Value& v);

// Big-endian into a caller's buffer, for keys built without allocation.
inline char* writeFixed32(char* p, uint32_t v) {
    p[0] = static_cast<char>(v >> 24);
    p[1] = static_cast<char>(v >> 16);
    p[2] = static_cast<char>(v >> 8);
    p[3] = static_cast<char>(v);
    return p + 4;
}
inline char* writeFixed64(char* p, uint64_t v) {
    return writeFixed32(writeFixed32(p, static_cast<uint32_t>(v >> 32)), static_cast<uint32_t>(v));
}

inline uint32_t readFixed32(const char* p) {
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    return (uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) | (uint32_t{u[2]} << 8) | uint32_t{u[3]};
}
inline uint64_t readFixed64(const char* p) {
    return (uint64_t{readFixed32(p)} << 32) | readFixed32(p + 4);
}

inline void putFixed32(std::string& out, uint32_t v) {
    char buf[4];
    writeFixed32(buf, v);
    out.append(buf, 4);
}
inline void putFixed64(std::string& out, uint64_t v) {
    char buf[8];
    writeFixed64(buf, v);
    out.append(buf, 8);
}

}  // namespace kgraph::storage
