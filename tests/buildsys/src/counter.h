/* Shared by the build-system test projects (tests/buildsys/run.sh). */
#ifndef BUILDSYS_COUNTER_H
#define BUILDSYS_COUNTER_H

#ifdef __cplusplus
extern "C" {
#endif

/* counter.c: instrumented, built into a static library. */
void counter_add(long n);         /* unsynchronized: racy when threads call it */
void counter_add_locked(long n);  /* under a mutex */
long counter_total(void);

/* shared.c: instrumented, built with -shared (linked, or dlopen'ed as a plugin). */
void shared_add(long n);
void shared_add_locked(long n);
long shared_total(void);

/* third.c: a third-party library built WITHOUT crace (plain cc -shared). */
void third_each(void (*cb)(void *), void *arg, int n); /* calls cb n times */
void third_spawn(void (*cb)(void *), void *arg);       /* cb on a thread of its own, joined */

#ifdef __cplusplus
}
#endif
#endif
