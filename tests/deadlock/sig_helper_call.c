// sig_helper_call: the handler calls a logging helper that writes with
// fputs and puts: the reports show the helper, then the handler, then the
// interrupted code (work's caller: the signal interrupted raise, in libc).
//
// EXPECT: report
// WARNING: SIGNAL-UNSAFE CALL IN SIGNAL HANDLER x2
// FRAME-LINES: 15 16 22 34
#include <signal.h>
#include <stdio.h>

static volatile sig_atomic_t hits;

static __attribute__((noinline)) void log_event(const char *what)
{
    fputs(what, stderr); /* FRAME */
    puts(what);          /* FRAME */
}

static void on_usr1(int sig)
{
    (void)sig;
    log_event("usr1\n"); /* FRAME */
    hits++;
}

static __attribute__((noinline)) void work(void)
{
    raise(SIGUSR1);
}

int main(void)
{
    signal(SIGUSR1, on_usr1);
    work(); /* FRAME */
    return hits == 1 ? 0 : 1;
}
