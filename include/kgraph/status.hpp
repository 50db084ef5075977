// Status and Result: how kgraph reports failures that callers expect
// (bad input, a busy database, I/O errors, corruption). No exceptions cross
// the storage and ingest boundaries; a Status travels instead.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace kgraph {

// The kind of failure. Each maps to one exit status of the `kg` command
// (docs/cli.md), so a script can tell a typo from a corrupt database.
enum class StatusCode : uint8_t {
    OK = 0,
    INVALID_INPUT,   // bad query, bad file, bad row: exit 1
    USAGE,           // wrong command line: exit 2
    BUSY,            // database locked by a writer: exit 3
    LIMIT_EXCEEDED,  // timeout, memory or size limit: exit 4
    NOT_FOUND,       // asked-for element or file is absent: exit 1
    IO_ERROR,        // the file system failed us: exit 5
    CORRUPTION,      // stored data contradicts itself: exit 5
};

class [[nodiscard]] Status {
public:
    Status() = default;

    static Status ok() { return {}; }
    static Status invalidInput(std::string m) { return {StatusCode::INVALID_INPUT, std::move(m)}; }
    static Status usage(std::string m) { return {StatusCode::USAGE, std::move(m)}; }
    static Status busy(std::string m) { return {StatusCode::BUSY, std::move(m)}; }
    static Status limitExceeded(std::string m) { return {StatusCode::LIMIT_EXCEEDED, std::move(m)}; }
    static Status notFound(std::string m) { return {StatusCode::NOT_FOUND, std::move(m)}; }
    static Status ioError(std::string m) { return {StatusCode::IO_ERROR, std::move(m)}; }
    static Status corruption(std::string m) { return {StatusCode::CORRUPTION, std::move(m)}; }

    bool isOk() const { return code_ == StatusCode::OK; }
    explicit operator bool() const { return isOk(); }
    StatusCode code() const { return code_; }
    const std::string& message() const { return message_; }

    // The exit status the `kg` command uses for this failure (0 when OK).
    int exitCode() const;
    // "OK", or the message (the message already says what failed).
    std::string toString() const { return isOk() ? "OK" : message_; }

    // Prefixes context to the message: "import: " + "bad row" -> "import: bad row".
    Status withContext(const std::string& context) const {
        return isOk() ? *this : Status{code_, context + message_};
    }

private:
    Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

    StatusCode code_ = StatusCode::OK;
    std::string message_;
};

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
    Result(Status status) : v_(std::move(status)) {}  // NOLINT: implicit by design

    bool isOk() const { return v_.index() == 0; }
    explicit operator bool() const { return isOk(); }
    // REQUIRES: isOk()
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T&& operator*() && { return std::move(*this).value(); }
    // OK when a value is held.
    Status status() const { return isOk() ? Status::ok() : std::get<1>(v_); }

private:
    std::variant<T, Status> v_;
};

}  // namespace kgraph

// Returns early from the enclosing function when `expr` yields a failed Status.
#define KG_RETURN_IF_ERROR(expr)                    \
    do {                                            \
        ::kgraph::Status kgStatus_ = (expr);        \
        if (!kgStatus_.isOk()) return kgStatus_;    \
    } while (0)
