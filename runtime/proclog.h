/*
 * proclog.h - the per-process log file of log_path=PREFIX: PREFIX.PID, with
 * a first line naming the process in report_format=json.
 */
#ifndef CRACE_PROCLOG_H
#define CRACE_PROCLOG_H

/*
 * The descriptor of PREFIX.PID for the calling process, opened (appending)
 * on first use; with report_format=json its first line is the process
 * header. A child forked without exec gets a file of its own instead of its
 * parent's inherited one. Returns -1 (after one message on stderr) when the
 * file cannot be opened.
 */
int proclog_fd(const char *prefix);

#endif
