/*
 * pprof_http.h - the loopback HTTP server behind pprof_http=HOST:PORT:
 * /debug/pprof/goroutine, /debug/pprof/mutex and /debug/pprof/block as Go's
 * net/http/pprof serves them (?debug=0|1|2, ?seconds=N for mutex and block),
 * so `go tool pprof http://127.0.0.1:PORT/debug/pprof/mutex` works against
 * a running C program.
 *
 * The server is one runtime thread that the detector never sees: it is
 * created with the real pthread_create, never registered, runs with every
 * signal blocked and in runtime mode from its first instruction, so it
 * makes no happens-before edges, is in no report or profile, and its libc
 * calls pass straight through the interceptors. It serves one connection
 * at a time.
 */
#ifndef CRACE_PPROF_HTTP_H
#define CRACE_PPROF_HTTP_H

/* Listen on spec ("127.0.0.1:6060", "localhost:6060", "[::1]:6060"; port 0
 * picks a free port and says which on stderr) and start serving. Any
 * other address, or a port that cannot be had, ends the process with a
 * one-line error and status 2 (start-up, before main). */
void pprof_http_start(const char *spec);

#endif
