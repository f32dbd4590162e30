// sig_errno: a handler calls write() on a closed descriptor, which sets
// errno (EBADF), and returns without restoring it: the interrupted code
// may see its own errno changed under it. Reported once (the second
// signal's handler is the same).
//
// EXPECT: report
// WARNING: SIGNAL HANDLER SPOILS ERRNO x1
// STDERR-HAS: The handler of signal SIGALRM (14) changed errno and returned, in main thread:
// STDERR-HAS:   on_alarm()
#include <errno.h>
#include <signal.h>
#include <unistd.h>

static void on_alarm(int sig)
{
    (void)sig;
    write(-1, "x", 1); /* EBADF */
}

int main(void)
{
    signal(SIGALRM, on_alarm);
    errno = 0;
    raise(SIGALRM);
    int after = errno;
    raise(SIGALRM);
    return after == EBADF ? 0 : 1; /* the handler's errno is what the program sees */
}
