/*
 * exectrace.h - the execution trace (CRACE_OPTIONS trace_path=PATH): what
 * every thread waited for, when, and who woke it, as a Chrome/Perfetto
 * Trace Event file. A tool on events.h; exectrace.c says what it records.
 */
#ifndef CRACE_EXECTRACE_H
#define CRACE_EXECTRACE_H

#include "events.h"

extern const struct ev_tool exectrace_tool;

#endif
