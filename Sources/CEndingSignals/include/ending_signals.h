#ifndef MNV2_ENDING_SIGNALS_H
#define MNV2_ENDING_SIGNALS_H

// The signals that end the process, and what must happen before one does: the ncurses
// shim restores the terminal (its handlers use the list and the re-raise below), and the
// atomic writer removes its temporary file. Nothing here touches the terminal.

#include <signal.h>

/// The signals whose default action ends the process and that handlers may catch: the
/// named ones, SIGIO and SIGRTMIN..SIGRTMAX. For the handlers, the tests and the docs.
int mnv2_ending_signal_count(void);
int mnv2_ending_signal(int index);

/// Whether the signal's disposition is SIG_IGN (as a parent may have set it).
int mnv2_signal_is_ignored(int signal_number);

/// sigaction(2) with `handler`, an empty mask and `flags`; the old action into `previous`
/// unless it is NULL.
void mnv2_install_handler(int signal_number, void (*handler)(int), int flags, struct sigaction *previous);

/// The signal again, with its default action and unblocked: from a handler once its work is
/// done, so the exit status stays truthful (128 + n, and a core dump where the default dumps
/// one); or to stop for SIGTSTP.
void mnv2_raise_with_default(int signal_number);

/* Before a temporary file is created: signals that end the process are held off and will,
   once mnv2_temporary_created is called, remove the file first and then end the process as
   the signal would (128 + n). Returns -1 if the path is too long. Ignored signals stay so. */
int mnv2_begin_temporary(const char *path);
/* The file exists: signals are let through, and now remove it. */
void mnv2_temporary_created(void);
/* rename(2) that fails with EEXIST instead of replacing (renameat2 RENAME_NOREPLACE);
   ENOSYS or EINVAL where the system or the filesystem lacks it. */
int mnv2_rename_no_replace(const char *from, const char *to);
/* The file is published or gone: the previous signal actions come back. */
void mnv2_forget_on_signal(void);

#endif
