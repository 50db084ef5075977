#include "ingest/csv/csv_reader.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

#include <fmt/format.h>

namespace kgraph::ingest {

// The bytes being read: a read-only file map, or an owned string (fromString,
// an empty file, or a pipe that cannot be mapped).
struct CsvReader::Source {
    std::string text;
    void* map = nullptr;
    size_t mapLength = 0;
    const char* begin = nullptr;
    size_t size = 0;

    ~Source() {
        if (map != nullptr) munmap(map, mapLength);
    }
};

namespace {

std::string errnoText(int err) { return std::system_category().message(err); }

class FdCloser {
public:
    explicit FdCloser(int fd) : fd_(fd) {}
    ~FdCloser() { ::close(fd_); }
    FdCloser(const FdCloser&) = delete;
    FdCloser& operator=(const FdCloser&) = delete;

private:
    int fd_;
};

// Fallback for files that have no fixed size to map (pipes, /dev/stdin).
Status readAll(int fd, const std::string& path, std::string& out) {
    char buffer[1 << 16];
    for (;;) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n == 0) return Status::ok();
        if (n < 0) {
            if (errno == EINTR) continue;
            return Status::ioError(fmt::format("cannot read '{}': {}", path, errnoText(errno)));
        }
        out.append(buffer, static_cast<size_t>(n));
    }
}

const char* findByte(const char* from, const char* to, char c) {
    return static_cast<const char*>(std::memchr(from, c, static_cast<size_t>(to - from)));
}

// Spreadsheet exports often start with a UTF-8 byte order mark; it is not data.
const char* skipBom(const char* begin, const char* end) {
    if (end - begin >= 3 && std::memcmp(begin, "\xEF\xBB\xBF", 3) == 0) return begin + 3;
    return begin;
}

}  // namespace

CsvReader::CsvReader(CsvDialect dialect) : dialect_(dialect) {}

CsvReader::~CsvReader() = default;

Result<std::unique_ptr<CsvReader>> CsvReader::open(const std::string& path, CsvDialect dialect) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return Status::ioError(fmt::format("cannot open '{}': {}", path, errnoText(errno)));
    }
    FdCloser closer(fd);
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        return Status::ioError(fmt::format("cannot stat '{}': {}", path, errnoText(errno)));
    }
    if (S_ISDIR(st.st_mode)) {
        return Status::ioError(fmt::format("cannot read '{}': is a directory", path));
    }

    auto source = std::make_unique<Source>();
    if (S_ISREG(st.st_mode)) {
        // mmap of length 0 fails with EINVAL, so an empty file simply has no map.
        if (st.st_size > 0) {
            size_t length = static_cast<size_t>(st.st_size);
            void* map = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE, fd, 0);
            if (map == MAP_FAILED) {
                return Status::ioError(fmt::format("cannot map '{}': {}", path, errnoText(errno)));
            }
            ::madvise(map, length, MADV_SEQUENTIAL);
            source->map = map;
            source->mapLength = length;
            source->begin = static_cast<const char*>(map);
            source->size = length;
        }
    } else {
        KG_RETURN_IF_ERROR(readAll(fd, path, source->text));
        source->begin = source->text.data();
        source->size = source->text.size();
    }

    std::unique_ptr<CsvReader> reader(new CsvReader(dialect));
    reader->pos_ = skipBom(source->begin, source->begin + source->size);
    reader->end_ = source->begin + source->size;
    reader->source_ = std::move(source);
    return reader;
}

std::unique_ptr<CsvReader> CsvReader::fromString(std::string text, CsvDialect dialect) {
    auto source = std::make_unique<Source>();
    source->text = std::move(text);
    source->begin = source->text.data();
    source->size = source->text.size();
    std::unique_ptr<CsvReader> reader(new CsvReader(dialect));
    reader->pos_ = skipBom(source->begin, source->begin + source->size);
    reader->end_ = source->begin + source->size;
    reader->source_ = std::move(source);
    return reader;
}

uint64_t CsvReader::bytesRead() const {
    return source_ ? static_cast<uint64_t>(pos_ - source_->begin) : 0;
}

uint64_t CsvReader::bytesTotal() const { return source_ ? source_->size : 0; }

bool CsvReader::next(std::vector<std::string_view>& fields, Status& error) {
    fields.clear();
    if (pos_ >= end_) return false;

    const char delimiter = dialect_.delimiter;
    const char quote = dialect_.quote;
    recordLine_ = line_;

    const char* p = pos_;
    // First '\n' at or after p; unquoted fields cannot cross it.
    const char* lineEnd = findByte(p, end_, '\n');
    if (lineEnd == nullptr) lineEnd = end_;
    // A quoted field with doubled quotes is kept raw (opening to closing quote)
    // and undone at the end, once the scratch space it needs is known.
    bool needsUnquote = false;

    auto fail = [&](const char* message) {
        error = Status::invalidInput(message);
        fields.clear();
        pos_ = end_;  // no reliable way to resynchronise: stop reading
        return false;
    };

    for (;;) {
        if (p < end_ && *p == quote) {
            const char* open = p;
            const char* q = p + 1;
            const char* close;
            bool doubled = false;
            for (;;) {
                close = findByte(q, end_, quote);
                if (close == nullptr) return fail("unterminated quoted field");
                if (close + 1 < end_ && close[1] == quote) {
                    doubled = true;
                    q = close + 2;
                    continue;
                }
                break;
            }
            if (close > lineEnd) {
                // The field spans lines: count them, and find the new line end.
                line_ += static_cast<uint64_t>(std::count(lineEnd, close, '\n'));
                lineEnd = findByte(close, end_, '\n');
                if (lineEnd == nullptr) lineEnd = end_;
            }
            if (doubled) {
                fields.emplace_back(open, static_cast<size_t>(close + 1 - open));
                needsUnquote = true;
            } else {
                fields.emplace_back(open + 1, static_cast<size_t>(close - open - 1));
            }
            p = close + 1;
            if (p == end_) {
                pos_ = end_;
                break;
            }
            if (*p == delimiter) {
                ++p;
                continue;
            }
            if (*p == '\n') {
                ++line_;
                pos_ = p + 1;
                break;
            }
            if (*p == '\r' && (p + 1 == end_ || p[1] == '\n')) {
                if (p + 1 < end_) ++line_;
                pos_ = std::min(p + 2, end_);
                break;
            }
            return fail("unexpected character after closing quote");
        }

        // Unquoted: the common path, a view straight into the input.
        const char* d = findByte(p, lineEnd, delimiter);
        if (d != nullptr) {
            fields.emplace_back(p, static_cast<size_t>(d - p));
            p = d + 1;
            continue;
        }
        const char* fieldEnd = lineEnd;
        if (fieldEnd > p && fieldEnd[-1] == '\r') --fieldEnd;
        fields.emplace_back(p, static_cast<size_t>(fieldEnd - p));
        if (lineEnd < end_) {
            ++line_;
            pos_ = lineEnd + 1;
        } else {
            pos_ = end_;
        }
        break;
    }

    if (needsUnquote) {
        // Raw quoted fields are the only views that start with the quote
        // character (unquoted fields and clean quoted contents never do).
        auto isRaw = [quote](std::string_view f) { return !f.empty() && f.front() == quote; };
        size_t needed = 0;
        for (std::string_view f : fields) {
            if (isRaw(f)) needed += f.size() - 2;
        }
        scratch_.clear();
        // Reserved up front so appends never move text that earlier views point at.
        scratch_.reserve(needed);
        for (std::string_view& f : fields) {
            if (!isRaw(f)) continue;
            size_t start = scratch_.size();
            const char* s = f.data() + 1;
            const char* e = f.data() + f.size() - 1;
            while (s < e) {
                const char* qq = findByte(s, e, quote);
                if (qq == nullptr) {
                    scratch_.append(s, static_cast<size_t>(e - s));
                    break;
                }
                scratch_.append(s, static_cast<size_t>(qq + 1 - s));  // keep one quote
                s = qq + 2;                                           // skip its double
            }
            f = std::string_view(scratch_.data() + start, scratch_.size() - start);
        }
    }
    return true;
}

}  // namespace kgraph::ingest
