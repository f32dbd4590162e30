/*
 * trace_prog.c - programs with known waits for tests/trace/test_trace.py.
 *
 *   waits      worker "worker" waits at a barrier (~50 ms, main holds m),
 *              for m (~100 ms, ended by main's unlock), on a condition
 *              variable (~50 ms, ended by main's signal); main joins it
 *              (~30 ms); then three "contender" threads wait for lock L,
 *              which main holds 60 ms and each holds 20 ms: three waits of
 *              about 60, 80 and 100 ms. A semaphore handoff (~30 ms) ends it.
 *   race       two threads write one variable unordered: a report (exit 66)
 *   halt       the same with halt_on_error=1 in the environment
 *   stuck      a detached thread is still blocked on a condition variable
 *              when main returns: its wait is unfinished in the trace
 *   haltstuck  stuck, then race (with halt_on_error=1): the blocked wait's
 *              call site is first symbolized at the halt, under the report
 *              lock
 *   many N     N lock/unlock pairs on each of 2 threads (fills a trace)
 *   fork       waits in the parent and in a forked child
 *   exitlock   a thread exits while holding a lock (trace_locks)
 *   handover   hand-over-hand locking: locks released out of order
 *   names      a thread named with quotes, a backslash, control characters,
 *              bytes that are not UTF-8 and UTF-8 that is, waits for a lock
 *   labels     main (role=main) holds m 30 ms while a thread labelled
 *              request=42 worker=3 waits for it, then both write a variable
 *              unordered: a report (exit 66) between two labelled threads
 */
#define _GNU_SOURCE
#include <crace.h>
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t L = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static pthread_barrier_t b;
static sem_t sem;
static int ready;   /* m */
static long shared; /* m, L */

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

/*
 * The waits must be real however loaded the machine is (a thread created
 * may first run long after a fixed sleep): a thread calls arrive() right
 * before it blocks, and main's await_blocked(n) returns once n threads have
 * arrived and each sleeps in the kernel (state S in /proc: blocked in its
 * wait), then starts the next round. The kernel is watched, not the
 * threads' memory, so no happens-before edge is added beyond arrive's.
 */
static int narrived;
static int arrived_tid[4];

static void arrive(void)
{
    int i = __atomic_fetch_add(&narrived, 1, __ATOMIC_SEQ_CST);
    __atomic_store_n(&arrived_tid[i], (int)syscall(SYS_gettid), __ATOMIC_SEQ_CST);
}

/* The state letter of thread tid (0: it is gone). */
static char task_state(int tid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/self/task/%d/stat", tid);
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    char *p = strrchr(buf, ')');
    return p && p[1] == ' ' ? p[2] : 0;
}

/* Returns the first of them's tid. */
static int await_blocked(int n)
{
    for (;;) {
        int all = __atomic_load_n(&narrived, __ATOMIC_SEQ_CST) >= n;
        for (int i = 0; all && i < n; i++) {
            int tid = __atomic_load_n(&arrived_tid[i], __ATOMIC_SEQ_CST);
            all = tid && task_state(tid) == 'S';
        }
        if (all)
            break;
        sleep_ms(1);
    }
    int first = arrived_tid[0];
    for (int i = 0; i < n; i++)
        __atomic_store_n(&arrived_tid[i], 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&narrived, 0, __ATOMIC_SEQ_CST);
    return first;
}

static void *worker(void *arg)
{
    (void)arg;
    pthread_setname_np(pthread_self(), "worker");
    arrive();
    pthread_barrier_wait(&b); /* BARRIER_WAIT */
    arrive();
    pthread_mutex_lock(&m); /* LOCK_WAIT */
    shared++;
    while (!ready) {
        arrive();
        pthread_cond_wait(&c, &m); /* COND_WAIT */
    }
    pthread_mutex_unlock(&m);
    sleep_ms(30);
    return 0;
}

static void *contender(void *arg)
{
    (void)arg;
    pthread_setname_np(pthread_self(), "contender");
    arrive();
    pthread_mutex_lock(&L); /* CONTENDED_WAIT */
    shared++;
    sleep_ms(20);
    pthread_mutex_unlock(&L);
    return 0;
}

static void *poster(void *arg)
{
    (void)arg;
    await_blocked(1); /* the thread in sem_wait */
    sleep_ms(30);
    sem_post(&sem);
    return 0;
}

static void waits(void)
{
    pthread_barrier_init(&b, 0, 2);
    pthread_t th, ct[3], pt;
    pthread_create(&th, 0, worker, 0); /* CREATE */
    pthread_mutex_lock(&m);
    await_blocked(1); /* the worker at the barrier */
    sleep_ms(50);
    pthread_barrier_wait(&b);
    await_blocked(1); /* the worker waiting for m */
    sleep_ms(100);
    pthread_mutex_unlock(&m);
    await_blocked(1); /* the worker waiting on c */
    sleep_ms(50);
    pthread_mutex_lock(&m);
    ready = 1;
    pthread_cond_signal(&c);
    pthread_mutex_unlock(&m);
    pthread_join(th, 0); /* JOIN_WAIT */

    pthread_mutex_lock(&L);
    for (int i = 0; i < 3; i++)
        pthread_create(&ct[i], 0, contender, 0); /* CREATE */
    await_blocked(3);
    sleep_ms(60);
    pthread_mutex_unlock(&L);
    for (int i = 0; i < 3; i++)
        pthread_join(ct[i], 0);

    sem_init(&sem, 0, 0);
    pthread_create(&pt, 0, poster, 0); /* CREATE */
    arrive();
    sem_wait(&sem); /* SEM_WAIT */
    pthread_join(pt, 0);
    printf("shared=%ld\n", shared);
}

static volatile long racy;

static void *racer(void *arg)
{
    (void)arg;
    racy = 1; /* RACY */
    return 0;
}

static void race(void)
{
    pthread_t th;
    pthread_create(&th, 0, racer, 0); /* CREATE */
    sleep_ms(20);
    racy = 2; /* RACY */
    pthread_join(th, 0);
    printf("racy=%ld\n", racy);
}

static void *stuck_thread(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&m);
    while (!ready) {
        arrive();
        pthread_cond_wait(&c, &m); /* STUCK_WAIT */
    }
    pthread_mutex_unlock(&m);
    return 0;
}

static void stuck(void)
{
    pthread_t th;
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    pthread_create(&th, &a, stuck_thread, 0); /* CREATE */
    await_blocked(1);
    sleep_ms(50);
}

static long nops;

static void *locker(void *arg)
{
    (void)arg;
    for (long i = 0; i < nops; i++) {
        pthread_mutex_lock(&m);
        shared++;
        pthread_mutex_unlock(&m);
    }
    return 0;
}

static void many(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, 0, locker, 0); /* CREATE */
    pthread_create(&t2, 0, locker, 0); /* CREATE */
    pthread_join(t1, 0);
    pthread_join(t2, 0);
    printf("shared=%ld\n", shared);
}

static void *exit_locked(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&L);
    return 0;
}

static pthread_mutex_t hh[4] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
                                PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER};

static long hh_count[4]; /* hh_count[i]: hh[i] */

static void *hand_over_hand(void *arg)
{
    (void)arg;
    for (int round = 0; round < 50; round++) {
        pthread_mutex_lock(&hh[0]);
        for (int i = 1; i < 4; i++) {
            pthread_mutex_lock(&hh[i]);
            hh_count[i]++;
            pthread_mutex_unlock(&hh[i - 1]);
        }
        pthread_mutex_unlock(&hh[3]);
    }
    return 0;
}

static void handover(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, 0, hand_over_hand, 0); /* CREATE */
    pthread_create(&t2, 0, hand_over_hand, 0); /* CREATE */
    pthread_join(t1, 0);
    pthread_join(t2, 0);
    printf("counts=%ld\n", hh_count[1] + hh_count[2] + hh_count[3]);
}

static void *hostile_name(void *arg)
{
    (void)arg;
    /* quote, backslash, newline, a control character, a stray byte, a
     * truncated sequence, UTF-8, a surrogate, an overlong '/', past
     * U+10FFFF, then a cut 3-byte sequence */
    crace_thread_name("q\"b\\s\nnl\x01\xff\xc3 caf\xc3\xa9 \xed\xa0\x80\xe0\x80\xaf"
                      "\xf4\x90\x80\x80 \xe2\x82");
    arrive();
    pthread_mutex_lock(&m); /* NAMED_WAIT */
    pthread_mutex_unlock(&m);
    return 0;
}

static void names(void)
{
    pthread_t th;
    pthread_mutex_lock(&m);
    pthread_create(&th, 0, hostile_name, 0); /* CREATE */
    await_blocked(1);
    sleep_ms(30);
    pthread_mutex_unlock(&m);
    pthread_join(th, 0);
}

static volatile long racy_labelled;

static void *labelled(void *arg)
{
    (void)arg;
    crace_set_label("request", "42");
    crace_set_label("worker", "3");
    arrive();
    pthread_mutex_lock(&m); /* LABELLED_WAIT */
    pthread_mutex_unlock(&m);
    racy_labelled = 1; /* RACY_LABELLED */
    return 0;
}

static void labels(void)
{
    pthread_t th;
    crace_set_label("role", "main");
    pthread_mutex_lock(&m);
    pthread_create(&th, 0, labelled, 0); /* CREATE */
    int tid = await_blocked(1);
    sleep_ms(30);
    pthread_mutex_unlock(&m);
    while (task_state(tid)) /* its write done and gone: no join (an edge) yet */
        sleep_ms(1);
    racy_labelled = 2; /* RACY_LABELLED */
    pthread_join(th, 0);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "waits";
    nops = argc > 2 ? atol(argv[2]) : 1000;
    if (!strcmp(mode, "waits"))
        waits();
    else if (!strcmp(mode, "race") || !strcmp(mode, "halt") || !strcmp(mode, "haltstuck")) {
        if (!strcmp(mode, "haltstuck"))
            stuck(); /* a wait still open at the halt */
        race();      /* one call: clang -O2 gives merged copies line 0 */
    } else if (!strcmp(mode, "stuck"))
        stuck();
    else if (!strcmp(mode, "many"))
        many();
    else if (!strcmp(mode, "fork")) {
        pid_t p = fork();
        if (p == 0) {
            pthread_t th;
            sem_init(&sem, 0, 0);
            pthread_create(&th, 0, poster, 0); /* CREATE */
            arrive();
            sem_wait(&sem);
            pthread_join(th, 0);
            _exit(0);
        }
        sem_init(&sem, 0, 0);
        pthread_t th;
        pthread_create(&th, 0, poster, 0); /* CREATE */
        arrive();
        sem_wait(&sem);
        pthread_join(th, 0);
        int st;
        waitpid(p, &st, 0);
        return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
    } else if (!strcmp(mode, "exitlock")) {
        pthread_t th;
        pthread_create(&th, 0, exit_locked, 0); /* CREATE */
        pthread_join(th, 0);
    } else if (!strcmp(mode, "names")) {
        names();
    } else if (!strcmp(mode, "labels")) {
        labels();
    } else if (!strcmp(mode, "handover")) {
        handover();
    } else {
        fprintf(stderr, "unknown mode %s\n", mode);
        return 2;
    }
    return 0;
}
