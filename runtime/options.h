/*
 * options.h - runtime options from CRACE_OPTIONS ("key=value key=value").
 *
 * Parsed once in rt_init before main runs; read-only afterwards.
 */
#ifndef CRACE_OPTIONS_H
#define CRACE_OPTIONS_H

extern int opt_exitcode;         /* exit status when races were reported (66) */
extern int opt_halt_on_error;    /* exit after the first report */
extern const char *opt_log_path; /* NULL = stderr; else reports go to PATH.PID */
extern const char *opt_strip_path_prefix;
extern const char *opt_suppressions; /* NULL = none; else a file (suppress.h) */
extern unsigned opt_history_size;    /* 0..7: history ring = 64Ki << n words per thread slot */
extern int opt_atexit_sleep_ms;      /* sleep at exit while other threads still run */
extern int opt_verbosity;
enum { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };
extern int opt_color;         /* COLOR_AUTO: when the report goes to a terminal */
extern int opt_report_json;   /* report_format=json: JSON Lines instead of text */
extern int opt_quarantine_mb; /* freed blocks held back from glibc, MiB (quarantine.c) */
/* log_root_pid: the JSON log's process header lists the ancestors below this
 * process (crace-test's pid); 0 = none (proclog.c). */
extern int opt_log_root_pid;
/* Profiles (profile.h): written at exit in pprof's format, and served over
 * HTTP on a loopback address. */
extern const char *opt_mutex_profile;  /* NULL = none */
extern int opt_mutex_profile_fraction; /* 1 in N contention events (0: none) */
extern const char *opt_block_profile;  /* NULL = none */
extern int opt_block_profile_rate;     /* about one event per N ns blocked (0: none) */
extern const char *opt_goroutine_profile;
extern const char *opt_pprof_http; /* "127.0.0.1:6060"; NULL = no server */
/* Execution trace (exectrace.c): trace_path=PATH writes a Chrome/Perfetto
 * Trace Event JSON file (NULL = none; "%p" in PATH becomes the pid), of at
 * most trace_max_mb MiB; trace_locks=1 adds a slice per critical section. */
extern const char *opt_trace_path;
extern int opt_trace_max_mb;
extern int opt_trace_locks;

/*
 * Parse `text` (may be NULL). On an unknown key or bad value writes one
 * line describing it into err (size errlen) and returns -1; else 0.
 */
int options_parse(const char *text, char *err, unsigned long errlen);
void options_reset(void);

#endif
