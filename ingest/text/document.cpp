#include "ingest/text/document.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include <algorithm>
#include <cerrno>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "common/assert.hpp"
#include "ingest/text/detect_language.hpp"
#include "ingest/text/document_header.hpp"
#include "ingest/text/text_checks.hpp"

namespace kgraph::ingest {
namespace {

std::string errnoText(int err) { return std::system_category().message(err); }

class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;

    int get() const { return fd_; }

private:
    int fd_;
};

// Reads to the end, at most maxBytes + 1 bytes: one more than allowed is
// enough to know the limit is exceeded (pipes have no size to ask for first).
Status readUpTo(int fd, size_t maxBytes, std::string& out) {
    char buffer[1 << 16];
    while (out.size() <= maxBytes) {
        ssize_t n = ::read(fd, buffer, std::min(sizeof buffer, maxBytes + 1 - out.size()));
        if (n == 0) return Status::ok();
        if (n < 0) {
            if (errno == EINTR) continue;
            return Status::ioError(fmt::format("cannot read: {}", errnoText(errno)));
        }
        out.append(buffer, static_cast<size_t>(n));
    }
    return Status::ok();
}


}  // namespace

Result<Document> readDocument(const std::filesystem::path& path, size_t maxBytes) {
    FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (file.get() < 0) {
        if (errno == ENOENT) return Status::notFound("no such file");
        return Status::ioError(fmt::format("cannot open: {}", errnoText(errno)));
    }
    struct stat st {};
    if (::fstat(file.get(), &st) != 0) return Status::ioError(fmt::format("cannot stat: {}", errnoText(errno)));
    if (S_ISDIR(st.st_mode)) return Status::ioError("is a directory, not a file");
    std::string bytes;
    if (S_ISREG(st.st_mode)) {
        // Refuse before reading: a 50 GB dump must not be loaded to be refused.
        KG_RETURN_IF_ERROR(checkSize(static_cast<uint64_t>(st.st_size), maxBytes));
        bytes.reserve(static_cast<size_t>(st.st_size));
    }
    KG_RETURN_IF_ERROR(readUpTo(file.get(), maxBytes, bytes));
    if (bytes.size() > maxBytes) return overSizeLimit(maxBytes);
    return parseDocument(path.stem().string(), std::move(bytes), maxBytes);
}

Result<Document> parseDocument(std::string_view key, std::string bytes, size_t maxBytes) {
    KG_RETURN_IF_ERROR(checkSize(bytes.size(), maxBytes));
    KG_RETURN_IF_ERROR(checkTextBytes(bytes));
    size_t bom = utf8BomLength(bytes);
    auto header = parseDocumentHeader(std::string_view(bytes).substr(bom));
    if (!header) return header.status();

    Document doc;
    doc.key = key;
    doc.title = std::move(header->title);
    doc.source = std::move(header->source);
    doc.url = std::move(header->url);
    doc.published = std::move(header->published);
    doc.bodyOffset = bom + header->end;
    doc.bytes = std::move(bytes);
    doc.text = doc.bytes;
    size_t title = doc.title.empty() ? std::string_view::npos
                                     : std::string_view(doc.bytes).substr(0, doc.bodyOffset).find(doc.title, bom);
    for (size_t i = 0; i < doc.bodyOffset; ++i) {
        bool inTitle = title != std::string_view::npos && i >= title && i < title + doc.title.size();
        if (!inTitle && doc.text[i] != '\n' && doc.text[i] != '\r') doc.text[i] = ' ';
    }
    // The title is a sentence of its own, even when the header's line goes on
    // after it ("# title: X | source: ..."): a line end right after it.
    if (title != std::string_view::npos && title + doc.title.size() < doc.bodyOffset)
        doc.text[title + doc.title.size()] = '\n';
    doc.langDetected = !header->lang.has_value();
    doc.lang = header->lang ? *header->lang : detectLanguage(doc.body());
    return doc;
}

std::string Document::contentHash() const { return sha256Hex(bytes); }

std::string sha256Hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    // Fails only without memory or with a broken OpenSSL: no input makes it fail.
    // EVP_sha256() is looked up in OpenSSL 3's provider tables on every digest,
    // which costs as much as hashing a 2 KB article: fetched once instead.
    static EVP_MD* const fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    const EVP_MD* md = fetched ? fetched : EVP_sha256();
    int ok = EVP_Digest(bytes.data(), bytes.size(), digest, &length, md, nullptr);
    KG_ASSERT(ok == 1);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * length);
    for (unsigned int i = 0; i < length; ++i) {
        hex += kHex[digest[i] >> 4];
        hex += kHex[digest[i] & 0x0F];
    }
    return hex;
}

}  // namespace kgraph::ingest
