// fd_openat_close_race: T1 opens a file relative to a directory descriptor
// with openat(); main then closes the directory descriptor without joining
// T1 first (uninstr_sync only orders them in real time). openat uses the
// directory descriptor, close writes it: one race, on the file descriptor.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 38 22
// RACE-ACCESS: write read
// STDERR-HAS: Location is file descriptor
// LINK: uninstr_sync
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include "uninstr_sync.h"

static int dir, opened;

static void *opener(void *arg)
{
    int fd = openat(dir, "stat", O_RDONLY); /* RACY */
    crace_test_signal(&opened);
    if (fd >= 0)
        close(fd);
    return arg;
}

int main(void)
{
    pthread_t t;

    dir = open("/proc/self", O_RDONLY | O_DIRECTORY);
    if (dir < 0)
        return 1;
    pthread_create(&t, NULL, opener, NULL); /* CREATE */
    crace_test_wait(&opened);
    close(dir); /* RACY */
    pthread_join(t, NULL);
    return 0;
}
