#define _GNU_SOURCE
#include "cncurses.h"
#include "ending_signals.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t active = 0;
static volatile sig_atomic_t resumed = 0;
static int saved_stderr = -1;
static int captured_stderr = -1;
static SCREEN *screen = NULL;

int mnv2_put_cell(int y, int x, const wchar_t *text, int count, attr_t attributes, short pair) {
  /* A base character and its combining marks (CCHARW_MAX in all, five in ncurses); a wide
     one fills this cell and the next, as the canvas counted it. */
  cchar_t cell;
  wchar_t characters[CCHARW_MAX + 1];
  int used = count < CCHARW_MAX ? count : CCHARW_MAX;
  for (int index = 0; index < used; index++) characters[index] = text[index];
  characters[used] = L'\0';
  setcchar(&cell, characters, attributes, pair, NULL);
  /* The bottom-right cell: adding a character there would move the cursor past the end of
     the screen, which ncurses refuses, so the cell stayed blank ("q:qui"). Inserting it
     leaves the cursor where it is. */
  if (y == LINES - 1 && x == COLS - 1) return mvins_wch(y, x, &cell);
  return mvadd_wch(y, x, &cell);
}

/* One byte or one function key, never a decoded character: ncurses' get_wch, given a byte
   that cannot start UTF-8 (0xFF, a stray continuation), kept reading for the rest of the
   character and so swallowed every key after it. The backend decodes UTF-8 itself. */
int mnv2_get_key(int *key) {
  int value = wgetch(stdscr);
  *key = value == ERR ? 0 : value;
  if (value == ERR) return ERR;
  return value >= KEY_MIN ? KEY_CODE_YES : OK;
}

int mnv2_terminal_begin(void) {
  screen = newterm(NULL, stdout, stdin);
  if (screen == NULL) return -1;
  set_term(screen);
  active = 1;
  return 0;
}

static void replay_stderr(void) {
  if (saved_stderr < 0) return;
  dup2(saved_stderr, STDERR_FILENO);
  close(saved_stderr);
  saved_stderr = -1;
  if (captured_stderr >= 0) {
    char buffer[4096];
    ssize_t count;
    lseek(captured_stderr, 0, SEEK_SET);
    while ((count = read(captured_stderr, buffer, sizeof buffer)) > 0) {
      ssize_t written = 0;
      while (written < count) {
        ssize_t step = write(STDERR_FILENO, buffer + written, (size_t)(count - written));
        if (step <= 0) break;
        written += step;
      }
    }
    close(captured_stderr);
    captured_stderr = -1;
  }
}

static volatile sig_atomic_t mouse_reporting = 0;

static void write_all(const char *text) {
  size_t length = strlen(text), written = 0;
  while (written < length) {
    ssize_t step = write(STDOUT_FILENO, text + written, length - written);
    if (step < 0 && errno == EINTR) continue;
    if (step <= 0) return;
    written += (size_t)step;
  }
}

void mnv2_mouse_reporting(int on) {
  if (on) {
    /* The backend reads the reports itself (EscapeSequenceReader, with keyok(KEY_MOUSE)
       off so that ncurses does not take the kmous prefix); ncurses must also never hold a
       press back to see whether a click follows. */
    mouseinterval(0);
    fflush(stdout);
    /* 1000: presses, releases and the wheel; 1006: SGR reports, with no column limit. */
    write_all("\033[?1000h\033[?1006h");
    mouse_reporting = 1;
  } else if (mouse_reporting) {
    mouse_reporting = 0;
    write_all("\033[?1006l\033[?1000l");
  }
}

void mnv2_terminal_end(void) {
  /* First, so that a shell never receives clicks as typed text, whatever ended us. */
  mnv2_mouse_reporting(0);
  if (active) {
    active = 0;
    /* A terminal without an alternate screen (vt100, linux) keeps what was drawn after
       endwin; clear it first, so the shell comes back to an empty screen everywhere. */
    clear();
    refresh();
    endwin();
  }
  replay_stderr();
}

void mnv2_capture_stderr(void) {
  char path[] = "/tmp/mnv2-stderr-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return;
  unlink(path);
  saved_stderr = dup(STDERR_FILENO);
  if (saved_stderr < 0) {
    close(fd);
    return;
  }
  captured_stderr = fd;
  dup2(fd, STDERR_FILENO);
}

/* The terminal first, then the signal again with its default action, so the exit status
   is the truthful 128 + n (and SIGQUIT still dumps core where core dumps are enabled). */
static void on_terminate(int signal_number) {
  mnv2_terminal_end();
  mnv2_raise_with_default(signal_number);
  _exit(128 + signal_number);
}

static void on_crash(int signal_number) {
  mnv2_terminal_end();
  static const char message[] = "mnv2: the explorer crashed; the terminal has been restored.\n";
  ssize_t ignored = write(STDERR_FILENO, message, sizeof message - 1);
  (void)ignored;
  mnv2_raise_with_default(signal_number);
}

/* Ctrl-Z. ncurses' own handler is installed with SA_RESTART, so the blocking read carried
   on after fg and the first key was read before the modes came back. Ours only asks: the
   read returns EINTR, and the loop leaves curses, stops, and re-enters curses itself. */
static volatile sig_atomic_t stop_requested = 0;

static void on_stop(int signal_number) {
  (void)signal_number;
  stop_requested = 1;
}

int mnv2_take_stop_request(void) {
  int value = stop_requested;
  stop_requested = 0;
  return value;
}

void mnv2_stop_self(void) {
  mnv2_raise_with_default(SIGTSTP); /* stops here until SIGCONT */
  if (!mnv2_signal_is_ignored(SIGTSTP)) mnv2_install_handler(SIGTSTP, on_stop, 0, NULL);
}

static void on_continue(int signal_number) {
  (void)signal_number;
  resumed = 1;
}

int mnv2_take_resumed(void) {
  int value = resumed;
  resumed = 0;
  return value;
}

void mnv2_install_signal_handlers(void) {
  // A parent may have started us with these blocked (threads of test runners often do);
  // the explorer depends on them, so unblock them.
  sigset_t wanted;
  sigemptyset(&wanted);
  int needed[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH, SIGTSTP, SIGCONT};
  for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++) sigaddset(&wanted, needed[i]);
  sigprocmask(SIG_UNBLOCK, &wanted, NULL);
  /* A signal the parent ignores (nohup's SIGHUP, a pipe's SIGPIPE) stays ignored, as ncurses
     leaves it; but Ctrl-C and Ctrl-\ are keys a person presses at the screen, so those two
     always end the explorer, whatever a wrapping shell set. */
  for (int i = 0; i < mnv2_ending_signal_count(); i++) {
    int ending = mnv2_ending_signal(i);
    int typed = ending == SIGINT || ending == SIGQUIT;
    if (typed || !mnv2_signal_is_ignored(ending)) mnv2_install_handler(ending, on_terminate, 0, NULL);
  }
  int crashes[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};
  for (size_t i = 0; i < sizeof crashes / sizeof crashes[0]; i++) mnv2_install_handler(crashes[i], on_crash, SA_RESETHAND, NULL);
  // No SA_RESTART: a blocking get_wch returns so the main loop can redraw after fg.
  mnv2_install_handler(SIGCONT, on_continue, 0, NULL);
  mnv2_install_handler(SIGTSTP, on_stop, 0, NULL);
}

