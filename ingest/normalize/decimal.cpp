#include "ingest/normalize/decimal.hpp"

#include <charconv>

#include "ingest/normalize/text_scan.hpp"

namespace kgraph::ingest::normalize {

namespace {

constexpr int kMaxDigits = 19;  // every 19-digit number fits in uint64_t
constexpr int kGroupDigits = 3;

struct NumberFormat {
    char thousands;
    char decimal;
};
constexpr NumberFormat kGerman{'.', ','};
constexpr NumberFormat kEnglish{',', '.'};

std::optional<Decimal> parseInFormat(std::string_view written, NumberFormat format) {
    Decimal value;
    int digitCount = 0;
    int groupLength = 0;  // digits since the last separator
    bool grouped = false;
    bool inFraction = false;
    for (char c : written) {
        if (isDigit(c)) {
            if (++digitCount > kMaxDigits) return std::nullopt;
            value.digits = value.digits * 10 + static_cast<uint64_t>(c - '0');
            ++groupLength;
            if (inFraction) --value.exponent;
        } else if (c == format.thousands) {
            const bool groupFits = grouped ? groupLength == kGroupDigits : groupLength <= kGroupDigits;
            if (inFraction || groupLength == 0 || !groupFits) return std::nullopt;
            grouped = true;
            groupLength = 0;
        } else if (c == format.decimal) {
            if (inFraction || groupLength == 0 || (grouped && groupLength != kGroupDigits)) return std::nullopt;
            inFraction = true;
            groupLength = 0;
        } else {
            return std::nullopt;
        }
    }
    if (groupLength == 0) return std::nullopt;
    if (grouped && !inFraction && groupLength != kGroupDigits) return std::nullopt;
    return value;
}

}  // namespace

double Decimal::toDouble() const {
    // from_chars rounds "<digits>e<exponent>" correctly: one rounding, no accumulated error.
    constexpr size_t kExponentRoom = 8;  // 'e', a sign and up to six digits
    char buffer[32];
    char* end = std::to_chars(buffer, buffer + sizeof buffer - kExponentRoom, digits).ptr;
    *end++ = 'e';
    end = std::to_chars(end, buffer + sizeof buffer, exponent).ptr;
    double result = 0;
    std::from_chars(buffer, end, result);
    return result;
}

std::optional<Decimal> parseDecimal(std::string_view written, Lang lang) {
    const NumberFormat first = lang == Lang::DE ? kGerman : kEnglish;
    const NumberFormat second = lang == Lang::DE ? kEnglish : kGerman;
    if (auto value = parseInFormat(written, first)) return value;
    return parseInFormat(written, second);
}

}  // namespace kgraph::ingest::normalize
