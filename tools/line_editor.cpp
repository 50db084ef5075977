#include "line_editor.hpp"

#include <histedit.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>

#include <fmt/format.h>

#include "result_format.hpp"

namespace kgraph::tools {

namespace {

constexpr int kHistorySize = 1000;

LineEditor* editorOf(EditLine* el) {
    void* self = nullptr;
    el_get(el, EL_CLIENTDATA, &self);
    return static_cast<LineEditor*>(self);
}

size_t screenColumns() {
    struct winsize ws {};
    return ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 ? ws.ws_col : 80;
}

}  // namespace

LineEditor::LineEditor(std::string historyFile, Completer completer)
    : historyFile_(std::move(historyFile)), completer_(std::move(completer)) {
    el_ = el_init("kg", stdin, stdout, stderr);
    el_set(el_, EL_CLIENTDATA, this);
    el_set(el_, EL_EDITOR, "emacs");
    el_set(el_, EL_PROMPT, &LineEditor::promptOf);
    HistEvent event;
    history_ = ::history_init();
    ::history(history_, &event, H_SETSIZE, kHistorySize);
    ::history(history_, &event, H_SETUNIQUE, 1);
    if (!historyFile_.empty()) ::history(history_, &event, H_LOAD, historyFile_.c_str());
    el_set(el_, EL_HIST, ::history, history_);
    el_set(el_, EL_ADDFN, "kg-complete", "Complete the word before the cursor", &LineEditor::completeWord);
    el_set(el_, EL_BIND, "^I", "kg-complete", nullptr);
    // While a line is edited, Ctrl-C is a key (no SIGINT): it discards the line.
    // While a statement runs, the terminal is back in its own mode and Ctrl-C
    // sends SIGINT, which cancels the statement.
    el_set(el_, EL_ADDFN, "kg-interrupt", "Discard the statement being typed", &LineEditor::interrupt);
    el_set(el_, EL_BIND, "^C", "kg-interrupt", nullptr);
    el_set(el_, EL_SETTY, "-d", "-isig", nullptr);
    el_source(el_, nullptr);  // the user's ~/.editrc
}

LineEditor::~LineEditor() {
    el_end(el_);
    ::history_end(history_);
}

char* LineEditor::promptOf(EditLine* el) { return editorOf(el)->prompt_.data(); }

LineEditor::Input LineEditor::read(const std::string& prompt) {
    prompt_ = prompt;
    interrupted_ = false;
    el_resize(el_);  // the terminal may have changed size while a statement ran
    // Raw mode before the prompt shows, not at the first key: a Ctrl-C or Ctrl-D pressed
    // right after the prompt appears must reach us, not the terminal's line discipline.
    el_set(el_, EL_PREP_TERM, 1);
    int count = 0;
    errno = 0;
    const char* line = el_gets(el_, &count);
    if (interrupted_ || (line == nullptr && count < 0 && errno == EINTR)) return {Input::Kind::INTERRUPTED, ""};
    if (line == nullptr || count <= 0) return {Input::Kind::END, ""};
    std::string text(line, static_cast<size_t>(count));
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return {Input::Kind::LINE, std::move(text)};
}

void LineEditor::remember(const std::string& entry) {
    HistEvent event;
    ::history(history_, &event, H_ENTER, entry.c_str());
    if (!historyFile_.empty()) ::history(history_, &event, H_SAVE, historyFile_.c_str());
}

unsigned char LineEditor::interrupt(EditLine* el, int) {
    LineEditor* self = editorOf(el);
    self->interrupted_ = true;
    const LineInfo* info = el_line(el);
    el_cursor(el, static_cast<int>(info->lastchar - info->cursor));  // the newline goes below all that was typed
    el_insertstr(el, "^C");
    el_push(el, "\n");  // ends el_gets the usual way, the cursor on a fresh line
    return CC_REFRESH;
}

unsigned char LineEditor::completeWord(EditLine* el, int) { return editorOf(el)->completeAtCursor(); }

unsigned char LineEditor::completeAtCursor() {
    const LineInfo* info = el_line(el_);
    std::string_view before(info->buffer, static_cast<size_t>(info->cursor - info->buffer));
    Completion completion = completer_(before);
    if (completion.candidates.empty()) return CC_REFRESH_BEEP;
    const size_t typed = before.size() - completion.wordStart;
    std::string replacement = completion.candidates.size() == 1 ? completion.candidates.front()
                                                                : commonPrefix(completion.candidates);
    if (replacement.size() > typed || completion.candidates.size() == 1) {
        el_deletestr(el_, static_cast<int>(typed));
        el_insertstr(el_, replacement.c_str());
        return CC_REFRESH;
    }
    listCandidates(completion);
    return CC_REDISPLAY;
}

// Below the line, in columns across the terminal, as readline does.
void LineEditor::listCandidates(const Completion& completion) {
    size_t width = 0;
    for (const auto& c : completion.candidates) width = std::max(width, displayWidth(c));
    width += 2;
    const size_t perLine = std::max<size_t>(1, screenColumns() / width);
    std::string out = "\n";
    for (size_t i = 0; i < completion.candidates.size(); ++i) {
        const std::string& c = completion.candidates[i];
        bool last = (i + 1) % perLine == 0 || i + 1 == completion.candidates.size();
        out += last ? c + "\n" : c + std::string(width - displayWidth(c), ' ');
    }
    std::fputs(out.c_str(), stdout);
    std::fflush(stdout);
}

}  // namespace kgraph::tools
