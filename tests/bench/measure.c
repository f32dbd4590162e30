/* measure: run a command and report its wall time and peak RSS.
 * usage: measure [-t TIMEOUT_SECONDS] RESULT_FILE command [args...]
 * The command inherits stdin/stdout/stderr.  RESULT_FILE receives one line:
 *   <elapsed seconds> <peak RSS in KiB> <exit status>
 * where exit status is 128+signal if the command was killed, and 124 if it was killed
 * (SIGKILL) because it ran longer than TIMEOUT_SECONDS.
 * measure itself exits 0 unless it could not run the command. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t timed_out;
static pid_t child;

static void on_alarm(int sig)
{
    (void)sig;
    timed_out = 1;
    kill(child, SIGKILL);
}

int main(int argc, char **argv)
{
    unsigned timeout = 0;
    int a = 1;
    if (argc > 2 && strcmp(argv[1], "-t") == 0) {
        timeout = (unsigned)strtoul(argv[2], NULL, 10);
        a = 3;
    }
    if (argc - a < 2) {
        fprintf(stderr, "usage: %s [-t TIMEOUT] RESULT_FILE command [args...]\n", argv[0]);
        return 2;
    }
    FILE *out = fopen(argv[a], "w");
    if (!out) {
        fprintf(stderr, "measure: %s: %s\n", argv[a], strerror(errno));
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    child = fork();
    if (child < 0) {
        perror("measure: fork");
        return 2;
    }
    if (child == 0) {
        execvp(argv[a + 1], argv + a + 1);
        fprintf(stderr, "measure: exec %s: %s\n", argv[a + 1], strerror(errno));
        _exit(127);
    }
    if (timeout > 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_alarm;
        sigaction(SIGALRM, &sa, NULL);
        alarm(timeout);
    }
    int status;
    struct rusage ru;
    pid_t r;
    while ((r = wait4(child, &status, 0, &ru)) < 0 && errno == EINTR)
        ;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    alarm(0);
    if (r < 0) {
        perror("measure: wait4");
        return 2;
    }
    double el = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (timed_out)
        code = 124;
    fprintf(out, "%.6f %ld %d\n", el, ru.ru_maxrss, code);
    fclose(out);
    return 0;
}
