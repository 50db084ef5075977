// Line editing for the REPL on libedit: emacs keys, history kept in a file,
// tab completion, and Ctrl-C that discards the line instead of ending kg.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "repl_complete.hpp"

struct editline;
struct history;

namespace kgraph::tools {

class LineEditor {
public:
    // Candidates for the line up to the cursor.
    using Completer = std::function<Completion(std::string_view lineBeforeCursor)>;

    // Loads the history from `historyFile` (when it exists).
    LineEditor(std::string historyFile, Completer completer);
    ~LineEditor();
    LineEditor(const LineEditor&) = delete;
    LineEditor& operator=(const LineEditor&) = delete;

    struct Input {
        enum class Kind { LINE, INTERRUPTED, END } kind = Kind::END;
        std::string line;  // LINE: without its newline
    };
    // Reads one line: LINE, INTERRUPTED by Ctrl-C (the line is discarded), or
    // END at Ctrl-D on an empty line or the end of input.
    Input read(const std::string& prompt);

    // Adds an entry (a whole statement, perhaps of several lines) and saves the history file.
    void remember(const std::string& entry);

private:
    static char* promptOf(editline* el);
    static unsigned char completeWord(editline* el, int key);
    static unsigned char interrupt(editline* el, int key);
    unsigned char completeAtCursor();
    void listCandidates(const Completion& completion);

    editline* el_ = nullptr;
    history* history_ = nullptr;
    std::string historyFile_;
    Completer completer_;
    std::string prompt_;
    bool interrupted_ = false;
};

}  // namespace kgraph::tools
