/*
 * fd.h - file descriptors as the runtime models them (fd.c).
 *
 * A descriptor is two things:
 *  - a channel: a sync key that data written into the descriptor releases
 *    and a read that receives it acquires (both ends of a pipe share one);
 *  - a word of memory, runtime-owned (so never confused with the program's):
 *    every call that uses the descriptor reads it, close writes it, and a
 *    call that creates the descriptor writes it fresh. So a close racing
 *    with a read, write or dup of the same descriptor in another thread is
 *    a race, reported on "file descriptor N".
 */
#ifndef CRACE_FD_H
#define CRACE_FD_H

#include "thread.h"

/* Channel keys live above the user address space: never a real address. */
#define FD_CHAN_BASE 0xffff900000000000ull
#define FD_CHAN_FILE (FD_CHAN_BASE + 8)     /* files opened by name */
#define FD_CHAN_SOCKET (FD_CHAN_BASE + 16)  /* sockets: their peers are not known */
#define FD_CHAN_CONNECT (FD_CHAN_BASE + 24) /* connect() releases, accept() acquires */

/* A key no descriptor had before. */
uintptr_t fd_new_chan(void);
uintptr_t fd_chan(int fd);

/* Before a write-like call on fd: what t did reaches the data's reader. */
void fd_release(struct crace_thread *t, int fd);
/* After a successful read-like call on fd. */
void fd_acquire(struct crace_thread *t, int fd);

/* t's call at pc uses fd: a read of its word. */
void fd_use(struct crace_thread *t, int fd, uintptr_t pc);
/* t's call at pc returned the new descriptor fd (fd < 0: the call failed):
 * its word is written fresh (nothing before it counts) and it gets key. */
void fd_created(struct crace_thread *t, int fd, uintptr_t key, uintptr_t pc);
/* t's call at pc is about to close fd: a write of its word, whose accesses
 * are then forgotten (the number's next life may come from a call we do not
 * see); what t did reaches a reader that finds the end of the data (pipes,
 * sockets, not files). */
void fd_closing(struct crace_thread *t, int fd, uintptr_t pc);

/* Reports: the descriptor whose word holds addr, or -1. */
int fd_of_addr(uintptr_t addr);

#endif
