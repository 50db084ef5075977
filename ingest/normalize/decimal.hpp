// Numbers as written in German and English text, read exactly: the digits
// become an integer and a power of ten, and the double is made once at the end,
// so "4,2" with the scale "Milliarden" is the same double as the literal 4.2e9.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "ingest/language.hpp"

namespace kgraph::ingest::normalize {

// digits × 10^exponent.
struct Decimal {
    uint64_t digits = 0;
    int exponent = 0;

    // The double nearest to the exact value, as a C++ literal of it would be.
    double toDouble() const;
    Decimal scaled(int powerOfTen) const { return {digits, exponent + powerOfTen}; }
    bool operator==(const Decimal&) const = default;
};

// Reads `written` (digits with '.' or ',' between them, as the scanner cuts a
// number out of text) in the number format of `lang`: German "1.500,25",
// English "1,500.25". Thousands groups must have three digits. A number that
// does not fit the format of its language is read the other way, so "4,2" in
// English text is 4.2 and "2.5bn" quoted in German text is 2.5; UNKNOWN tries
// English first. nullopt when neither fits ("28.08.2024", "1,50,000") or the
// number has more than 19 digits.
std::optional<Decimal> parseDecimal(std::string_view written, Lang lang);

}  // namespace kgraph::ingest::normalize
