#define _GNU_SOURCE
#include "ending_signals.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Installs `handler` for `signal_number`, keeping the previous action in `previous`
   when it is not NULL. */
void mnv2_install_handler(int signal_number, void (*handler)(int), int flags, struct sigaction *previous) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = flags;
  sigaction(signal_number, &action, previous);
}

int mnv2_signal_is_ignored(int signal_number) {
  struct sigaction current;
  return sigaction(signal_number, NULL, &current) == 0 && current.sa_handler == SIG_IGN;
}


/* The signal again, with its default action and unblocked: from a handler, after the
   terminal or the temporary file has been seen to, so the status stays truthful (128 + n, and
   a core dump where the default dumps one); from the shim's mnv2_stop_self, the stop itself. */
void mnv2_raise_with_default(int signal_number) {
  signal(signal_number, SIG_DFL);
  sigset_t only;
  sigemptyset(&only);
  sigaddset(&only, signal_number);
  sigprocmask(SIG_UNBLOCK, &only, NULL);
  raise(signal_number);
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


/* A file being written that is not yet ours to leave: an export's temporary file. Copied
   into a static buffer so the handler needs nothing but unlink(2), which is
   async-signal-safe. */
static char pending_file[4096];
static volatile sig_atomic_t pending_set = 0;
static struct sigaction saved_actions[MAXIMUM_ENDING];
static sigset_t saved_mask;

static void on_terminate_writing(int signal_number) {
  if (pending_set) unlink(pending_file);
  mnv2_raise_with_default(signal_number);
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
    mnv2_install_handler(ending[i], on_terminate_writing, 0, NULL);
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
