// suite_prog MODE: one process of a test suite, for tests/tools/test_tools.py.
//   clean   two threads, no race
//   race    two threads write `first` unordered (one race)
//   race2   the race of `race`, then another on `second`
//   crash   the race of `race`, then abort() (no end-of-run summary)
//   fork    the race of `race`, then a forked child (no exec) has the race
//           on `second`: each process must log under its own header
// Two threads that each store once with nothing ordering them race in every
// run, whatever the timing.
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

long first, second;

static void *write_first(void *arg)
{
    first = (long)arg; /* RACY: first */
    return NULL;
}

static void *write_second(void *arg)
{
    second = (long)arg; /* RACY: second */
    return NULL;
}

static void *nothing(void *arg)
{
    return arg;
}

static void two_threads(void *(*fn)(void *))
{
    pthread_t a, b;
    pthread_create(&a, NULL, fn, (void *)1); /* CREATE */
    pthread_create(&b, NULL, fn, (void *)2); /* CREATE */
    pthread_join(a, NULL);
    pthread_join(b, NULL);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "clean";
    if (!strcmp(mode, "clean")) {
        two_threads(nothing);
        return 0;
    }
    two_threads(write_first);
    if (!strcmp(mode, "race2"))
        two_threads(write_second);
    if (!strcmp(mode, "crash"))
        abort();
    if (!strcmp(mode, "fork")) {
        pid_t child = fork();
        if (child == 0) {
            two_threads(write_second);
            exit(0);
        }
        int status;
        waitpid(child, &status, 0);
        return WIFEXITED(status) && WEXITSTATUS(status) == 66 ? 0 : 1;
    }
    return 0;
}
