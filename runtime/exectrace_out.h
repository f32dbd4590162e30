/*
 * exectrace_out.h - the execution trace's file (trace_path): Trace Event
 * JSON (the "JSON Array Format" that Perfetto and chrome://tracing load),
 * written from per-thread buffers, bounded by trace_max_mb.
 *
 * The file is "[", a process_name record, then records each starting with
 * ",\n", then "\n]": the end is written after every write and overwritten
 * by the next, so the file is valid JSON whenever the process stops (a
 * crash, _exit), only without what the buffers still held. A record is one or more events that
 * belong together (a wait slice and the flow arrow that ended it): a flush or a cut never splits
 * one. JSON strings are escaped, so a raw newline only ever starts a record.
 *
 * Each thread appends records to its own buffer (xo_buf) without a lock,
 * with signals deferred, so a handler that runs the runtime again never sees
 * half a record. A buffer goes to the file when full, when its thread exits
 * and at exit (xo_close flushes what other threads have committed), under
 * one file lock. Nothing here calls an intercepted function: output is raw
 * system calls and hand-made number formatting.
 *
 * When the next write would pass the size bound, the records that still fit
 * are written, then a final global instant saying the trace was cut, then
 * "]": the file stays valid JSON, and from then on nothing is recorded
 * (xo_stopped). A forked child starts a file of its own (xo_after_fork).
 */
#ifndef CRACE_EXECTRACE_OUT_H
#define CRACE_EXECTRACE_OUT_H

#include <stdint.h>

#define XO_REC_MAX 8192 /* the largest record; longer ones are dropped */

/* A thread's buffer. len: committed bytes (written by the owner with
 * release; the flusher reads it under the file lock); done: the part of
 * them already in the file (under the file lock). */
struct xo_buf {
    char *data;
    uint32_t cap;
    uint32_t len;
    uint32_t done;
};

/* A record being built into a buffer (or into a scratch buffer for direct
 * writes). bad: it overflowed and will be dropped. */
struct xo_rec {
    struct xo_buf *buf;
    char *start, *p, *end;
    int bad;
    int nevents; /* events begun in this record */
    int nargs;   /* arguments in the current args object */
};

/* Open the file at path ("%p": the pid) and write its head. Returns 0, or
 * -1 with errno set. max_bytes: the size bound. */
int xo_open(const char *path, uint64_t max_bytes, const char *process_name);
/* Recording has stopped: cut at the size bound, closed at exit, or the
 * file could not be written. One load; callers test it first. */
extern int xo_stopped;
int xo_pid(void);
/* The trace's clock: CLOCK_MONOTONIC (vDSO) in ns since xo_open. */
uint64_t xo_clock(void);

void xo_buf_init(struct xo_buf *b, uint32_t cap);
void xo_buf_free(struct xo_buf *b);

/* Build a record into b (signals deferred until xo_rec_end, which commits
 * it unless it overflowed). */
void xo_rec_begin(struct xo_rec *r, struct xo_buf *b);
void xo_rec_end(struct xo_rec *r);
/* Write a record straight to the file, not through a buffer (thread names:
 * they must be in the file before any record that names their thread). */
void xo_rec_begin_direct(struct xo_rec *r, struct xo_buf *scratch);
void xo_rec_end_direct(struct xo_rec *r);

/* Write b's committed records to the file (its owner, or any thread at
 * exit). Takes the file lock. */
void xo_flush(struct xo_buf *b);
/* The process exits: xo_close_begin takes the file lock and says whether
 * the file is still open (0); then xo_flush_locked for each live buffer and
 * xo_rec_end_locked for records built with xo_rec_begin_direct; then
 * xo_close_end ends the file and releases the lock. Nothing is written
 * after. */
int xo_close_begin(void);
void xo_flush_locked(struct xo_buf *b);
void xo_rec_end_locked(struct xo_rec *r);
void xo_close_end(void);
/* In a forked child (pthread_atfork): a file of its own, PATH.PID (or the
 * "%p" form with the child's pid). */
void xo_after_fork(const char *process_name);
/* Around fork (pthread_atfork): no write may be half done when it happens. */
void xo_fork_prepare(void);
void xo_fork_parent(void);

/* Events: xo_ev opens one ({"ph":..,"pid":..,"tid":..,"ts":..,"cat":..,
 * "name":..), the helpers add fields, xo_ev_end closes it. ts and dur are
 * nanoseconds since the trace began, written in microseconds. */
void xo_ev(struct xo_rec *r, char ph, const char *cat, const char *name, uint32_t tid, uint64_t ts);
void xo_ev_dur(struct xo_rec *r, uint64_t dur);
void xo_ev_raw(struct xo_rec *r, const char *json); /* e.g. ",\"s\":\"g\"" */
void xo_ev_id(struct xo_rec *r, uint64_t id);
void xo_args(struct xo_rec *r); /* opens "args":{ */
void xo_arg_str(struct xo_rec *r, const char *key, const char *val);
void xo_arg_hex(struct xo_rec *r, const char *key, uintptr_t val);
void xo_arg_u64(struct xo_rec *r, const char *key, uint64_t val);
void xo_arg_bool(struct xo_rec *r, const char *key, int val);
void xo_arg_strs(struct xo_rec *r, const char *key, const char *const *vals, unsigned n);
/* "key":{"k0":"v0","k1":"v1",...} from kv = k0, v0, k1, v1... (n pairs). */
void xo_arg_pairs(struct xo_rec *r, const char *key, const char *const *kv, unsigned n);
void xo_args_end(struct xo_rec *r);
void xo_ev_end(struct xo_rec *r);
/* A metadata event (ph M) named `what` with one argument. */
void xo_meta_str(struct xo_rec *r, uint32_t tid, const char *what, const char *key,
                 const char *val);
void xo_meta_u64(struct xo_rec *r, uint32_t tid, const char *what, const char *key, uint64_t val);

#endif
