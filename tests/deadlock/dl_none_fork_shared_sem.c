// dl_none_fork_shared_sem: the parent waits on a process-shared semaphore
// in a MAP_SHARED mapping; the forked child posts it after about 1.5 s.
// The parent's only thread is blocked all that time, but another process
// can post what lies in shared memory: no deadlock.
//
// EXPECT: none
// TIMEOUT: 30
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    sem_t *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (s == MAP_FAILED || sem_init(s, 1, 0) != 0)
        return 1;
    pid_t child = fork();
    if (child == 0) {
        struct timespec ts = {1, 500 * 1000000L};
        nanosleep(&ts, NULL);
        sem_post(s);
        _exit(0);
    }
    sem_wait(s);
    int status;
    waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
