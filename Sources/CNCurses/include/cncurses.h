#ifndef MNV2_CNCURSES_H
#define MNV2_CNCURSES_H

// Wide-character ncurses, so Braille and box drawing survive: link ncursesw (Package.swift)
// and call setlocale before initialising (CursesBackend does).
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
// Debian and most Linux distributions put the wide build's header under ncursesw/; macOS
// ships one ncurses, wide-capable, at <ncurses.h>.
#if __has_include(<ncursesw/ncurses.h>)
#include <ncursesw/ncurses.h>
#else
#include <ncurses.h>
#endif
#include <wchar.h>

// Swift 6 rejects ncurses' mutable C globals and cannot call its macros; these wrappers
// are the only way the Swift side touches them.
static inline WINDOW *mnv2_stdscr(void) { return stdscr; }
static inline int mnv2_lines(void) { return LINES; }
static inline int mnv2_cols(void) { return COLS; }
static inline int mnv2_colors(void) { return COLORS; }
static inline int mnv2_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t mnv2_attr_bold(void) { return A_BOLD; }
static inline attr_t mnv2_attr_dim(void) { return A_DIM; }
static inline attr_t mnv2_attr_reverse(void) { return A_REVERSE; }
static inline attr_t mnv2_attr_underline(void) { return A_UNDERLINE; }
static inline int mnv2_key_resize(void) { return KEY_RESIZE; }
static inline int mnv2_key_code_yes(void) { return KEY_CODE_YES; }

/// Draws one cell: a character and its combining marks (`count` wide characters, at most
/// CCHARW_MAX used), with attributes and a colour pair.
int mnv2_put_cell(int y, int x, const wchar_t *text, int count, attr_t attributes, short pair);

/// Reads one key; returns KEY_CODE_YES with *key set for function keys, OK for a byte of a
/// character (the backend decodes UTF-8), ERR on timeout or interruption.
int mnv2_get_key(int *key);

/// Starts curses on the terminal named by TERM. Returns 0, or -1 when TERM is unknown (in
/// which case nothing was changed), without exiting the process as initscr would.
int mnv2_terminal_begin(void);

/// Restores the terminal and, if stderr was being captured, replays it. Idempotent and
/// safe to call from a signal handler path.
void mnv2_terminal_end(void);

/// Turns the terminal's mouse reporting on (1000 and SGR 1006) or off. Off is idempotent
/// and async-signal-safe, and mnv2_terminal_end always turns it off.
void mnv2_mouse_reporting(int on);

/// Sends stderr to a temporary file while curses owns the screen, so a crash message is
/// not painted into (and lost with) the alternate screen; mnv2_terminal_end replays it.
void mnv2_capture_stderr(void);

/// Installs handlers that restore the terminal on every signal that would end the process
/// (CEndingSignals' list: SIGINT, SIGTERM, SIGHUP, …, SIGIO, the real-time ones) and on
/// crashes (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE), then raise it again with its
/// default action, so the exit status and any core dump are as without us.
void mnv2_install_signal_handlers(void);

/* Whether Ctrl-Z (SIGTSTP) arrived since the last call. */
int mnv2_take_stop_request(void);
/* Stops the process as SIGTSTP would; returns once it is continued. */
void mnv2_stop_self(void);

/// True once after the process was resumed with SIGCONT (after Ctrl-Z and fg).
int mnv2_take_resumed(void);

#endif
