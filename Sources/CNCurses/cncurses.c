#define _GNU_SOURCE
#include "cncurses.h"

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

int mnv2_put_cell(int y, int x, wchar_t character, attr_t attributes, short pair) {
  cchar_t cell;
  wchar_t text[2] = {character, L'\0'};
  setcchar(&cell, text, attributes, pair, NULL);
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

/* Installs `handler` for `signal_number`, keeping the previous action in `previous`
   when it is not NULL. */
static void install(int signal_number, void (*handler)(int), int flags, struct sigaction *previous) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = flags;
  sigaction(signal_number, &action, previous);
}

static int ignored(int signal_number) {
  struct sigaction current;
  return sigaction(signal_number, NULL, &current) == 0 && current.sa_handler == SIG_IGN;
}

int mnv2_signal_is_ignored(int signal_number) { return ignored(signal_number); }

/* The signal again, with its default action and unblocked: from a handler, after the
   terminal or the temporary file has been seen to, so the status stays truthful (128 + n, and
   a core dump where the default dumps one); from mnv2_stop_self, the stop itself. */
static void raise_with_default(int signal_number) {
  signal(signal_number, SIG_DFL);
  sigset_t only;
  sigemptyset(&only);
  sigaddset(&only, signal_number);
  sigprocmask(SIG_UNBLOCK, &only, NULL);
  raise(signal_number);
}

/* The terminal first, then the signal again with its default action, so the exit status
   is the truthful 128 + n (and SIGQUIT still dumps core where core dumps are enabled). */
static void on_terminate(int signal_number) {
  mnv2_terminal_end();
  raise_with_default(signal_number);
  _exit(128 + signal_number);
}

static void on_crash(int signal_number) {
  mnv2_terminal_end();
  static const char message[] = "mnv2: the explorer crashed; the terminal has been restored.\n";
  ssize_t ignored = write(STDERR_FILENO, message, sizeof message - 1);
  (void)ignored;
  raise_with_default(signal_number);
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
  raise_with_default(SIGTSTP); /* stops here until SIGCONT */
  if (!ignored(SIGTSTP)) install(SIGTSTP, on_stop, 0, NULL);
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

/* Every signal whose default action ends the process (SIGKILL cannot be caught): the named
   ones, SIGIO (SIGPOLL), and every real-time signal from SIGRTMIN to SIGRTMAX, which glibc
   only knows at run time (it keeps the first two or three for its threads). */
#define MAXIMUM_ENDING 96
static int ending[MAXIMUM_ENDING];
static size_t ending_count = 0;

static void list_ending(void) {
  if (ending_count > 0) return;
  static const int named[] = {
    SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE, SIGXCPU, SIGXFSZ, SIGVTALRM,
    SIGPROF, SIGSYS,
#ifdef SIGPWR
    SIGPWR,
#endif
#ifdef SIGSTKFLT
    SIGSTKFLT,
#endif
#ifdef SIGIO
    SIGIO,
#endif
  };
  for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) ending[ending_count++] = named[i];
#ifdef SIGRTMIN
  for (int n = SIGRTMIN; n <= SIGRTMAX && ending_count < MAXIMUM_ENDING; n++) ending[ending_count++] = n;
#endif
}

int mnv2_ending_signal_count(void) {
  list_ending();
  return (int)ending_count;
}

int mnv2_ending_signal(int index) {
  list_ending();
  return index >= 0 && (size_t)index < ending_count ? ending[index] : 0;
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
  list_ending();
  for (size_t i = 0; i < ending_count; i++) {
    int typed = ending[i] == SIGINT || ending[i] == SIGQUIT;
    if (typed || !ignored(ending[i])) install(ending[i], on_terminate, 0, NULL);
  }
  int crashes[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};
  for (size_t i = 0; i < sizeof crashes / sizeof crashes[0]; i++) install(crashes[i], on_crash, SA_RESETHAND, NULL);
  // No SA_RESTART: a blocking get_wch returns so the main loop can redraw after fg.
  install(SIGCONT, on_continue, 0, NULL);
  install(SIGTSTP, on_stop, 0, NULL);
}

/* A file being written that is not yet ours to leave: an export's temporary file. Copied
   into a static buffer so the handler needs nothing but unlink(2), which is
   async-signal-safe. */
static char pending_file[4096];
static volatile sig_atomic_t pending_set = 0;
static struct sigaction saved_actions[MAXIMUM_ENDING];
static sigset_t saved_mask;

static void on_terminate_writing(int signal_number) {
  if (pending_set) unlink(pending_file);
  raise_with_default(signal_number);
  _exit(128 + signal_number);
}

static sigset_t ending_set(void) {
  sigset_t set;
  sigemptyset(&set);
  list_ending();
  for (size_t i = 0; i < ending_count; i++) sigaddset(&set, ending[i]);
  return set;
}

int mnv2_begin_temporary(const char *path) {
  size_t length = strlen(path);
  if (length >= sizeof pending_file) return -1;
  /* Held off until the file exists and is registered, so no signal can fall in between. */
  sigset_t wanted = ending_set();
  sigprocmask(SIG_BLOCK, &wanted, &saved_mask);
  memcpy(pending_file, path, length + 1);
  pending_set = 0;
  for (size_t i = 0; i < ending_count; i++) {
    sigaction(ending[i], NULL, &saved_actions[i]);
    /* A signal the parent ignores (nohup's SIGHUP) stays ignored: the export goes on. */
    if (saved_actions[i].sa_handler == SIG_IGN) continue;
    install(ending[i], on_terminate_writing, 0, NULL);
  }
  return 0;
}

void mnv2_temporary_created(void) {
  pending_set = 1;
  /* Unblocked even if the parent had them blocked (test runners' threads do), so a kill
     arrives now, finds the file registered, and removes it. */
  sigset_t wanted = ending_set();
  sigprocmask(SIG_UNBLOCK, &wanted, NULL);
}

int mnv2_rename_no_replace(const char *from, const char *to) {
#if defined(__linux__) && defined(RENAME_NOREPLACE)
  return renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE);
#else
  errno = ENOSYS;
  return -1;
#endif
}

void mnv2_forget_on_signal(void) {
  pending_set = 0;
  for (size_t i = 0; i < ending_count; i++) sigaction(ending[i], &saved_actions[i], NULL);
  sigprocmask(SIG_SETMASK, &saved_mask, NULL);
}
