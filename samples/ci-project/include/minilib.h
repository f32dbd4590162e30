/*
 * minilib.h - the sample CI project's library: a counter, a bounded queue
 * and running statistics, each safe to share between threads (or meant to
 * be: stats_record has a data race, which the test suite run under
 * crace-test finds).
 */
#ifndef MINILIB_H
#define MINILIB_H

#ifdef __cplusplus
extern "C" {
#endif

struct counter;
struct counter *counter_new(void);
void counter_add(struct counter *c, long n);
long counter_get(struct counter *c);
void counter_free(struct counter *c);

struct queue;
struct queue *queue_new(int capacity);
void queue_push(struct queue *q, long value); /* waits while full */
long queue_pop(struct queue *q);              /* waits while empty */
void queue_free(struct queue *q);

struct stats;
struct stats *stats_new(void);
void stats_record(struct stats *s, long value);
long stats_count(struct stats *s);
long stats_last(struct stats *s);
void stats_free(struct stats *s);

#ifdef __cplusplus
}
#endif

#endif
