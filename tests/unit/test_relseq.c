/*
 * test_relseq.c - unit tests for runtime/relseq.c: the clock each store to
 * an atomic object carries (release sequences, C11 5.1.2.4), driven
 * directly with made-up threads (uid, slot) and clocks.
 *
 * Links relseq.c, clock.c and internal.c (rt_alloc and friends).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "relseq.h"

/* A clock with one nonzero entry per argument pair (slot, epoch). */
static struct vclock clock_of(int n, ...)
{
    struct vclock c = {0};
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        uint32_t slot = va_arg(ap, uint32_t);
        uint64_t epoch = va_arg(ap, uint64_t);
        vclock_set(&c, slot, epoch);
    }
    va_end(ap);
    return c;
}

static int same(const struct vclock *a, const struct vclock *b)
{
    return vclock_le(a, b) && vclock_le(b, a);
}

static int is_empty(const struct vclock *c)
{
    static const struct vclock none;
    return vclock_le(c, &none);
}

struct object {
    struct relseq seq;
    struct vclock clock;
};

static void object_free(struct object *o)
{
    relseq_free(&o->seq);
    vclock_free(&o->clock);
}

/* Thread A = uid 1 on slot 1, B = uid 2 on slot 2, C = uid 3 on slot 3. */
enum { A = 1, B = 2, C = 3 };

static void test_own_relaxed_store_continues(void **state)
{
    (void)state;
    struct object o = {0};
    struct vclock a = clock_of(1, A, 5ull);
    relseq_release_store(&o.seq, &o.clock, A, A, &a);
    relseq_store(&o.seq, &o.clock, A, A, NULL);
    assert_true(same(&o.clock, &a));
    relseq_store(&o.seq, &o.clock, A, A, NULL); /* and again */
    assert_true(same(&o.clock, &a));
    vclock_free(&a);
    object_free(&o);
}

static void test_other_relaxed_store_ends(void **state)
{
    (void)state;
    struct object o = {0};
    struct vclock a = clock_of(1, A, 5ull);
    relseq_release_store(&o.seq, &o.clock, A, A, &a);
    relseq_store(&o.seq, &o.clock, B, B, NULL);
    assert_true(is_empty(&o.clock));
    /* A is no head any more: its store does not bring the part back */
    relseq_store(&o.seq, &o.clock, A, A, NULL);
    assert_true(is_empty(&o.clock));
    vclock_free(&a);
    object_free(&o);
}

static void test_rmw_continues_every_sequence(void **state)
{
    (void)state;
    struct object o = {0};
    struct vclock a = clock_of(1, A, 5ull), b = clock_of(1, B, 7ull);
    struct vclock ab = clock_of(2, A, 5ull, B, 7ull);
    relseq_release_store(&o.seq, &o.clock, A, A, &a);
    relseq_rmw(&o.seq, &o.clock, B, B, &b);
    assert_true(same(&o.clock, &ab));
    vclock_free(&a), vclock_free(&b), vclock_free(&ab);
    object_free(&o);
}

static void test_head_store_keeps_only_its_part(void **state)
{
    (void)state;
    struct vclock a = clock_of(1, A, 5ull), b = clock_of(2, A, 3ull, B, 7ull);
    struct vclock c = clock_of(1, C, 9ull);
    for (uint32_t storer = A; storer <= C; storer++) {
        struct object o = {0};
        relseq_release_store(&o.seq, &o.clock, A, A, &a);
        relseq_rmw(&o.seq, &o.clock, B, B, &b);
        relseq_rmw(&o.seq, &o.clock, C, C, &c);
        relseq_store(&o.seq, &o.clock, storer, storer, NULL);
        const struct vclock *want = storer == A ? &a : storer == B ? &b : &c;
        assert_true(same(&o.clock, want));
        /* now the only head: its next relaxed store keeps the same */
        relseq_store(&o.seq, &o.clock, storer, storer, NULL);
        assert_true(same(&o.clock, want));
        object_free(&o);
    }
    vclock_free(&a), vclock_free(&b), vclock_free(&c);
}

static void test_head_part_grows_with_its_rmws(void **state)
{
    (void)state;
    struct object o = {0};
    struct vclock a1 = clock_of(1, A, 5ull), a2 = clock_of(2, A, 8ull, C, 2ull);
    struct vclock b = clock_of(1, B, 7ull);
    relseq_release_store(&o.seq, &o.clock, A, A, &a1);
    relseq_rmw(&o.seq, &o.clock, B, B, &b);
    relseq_rmw(&o.seq, &o.clock, A, A, &a2); /* A releases again, later */
    relseq_store(&o.seq, &o.clock, A, A, NULL);
    assert_true(same(&o.clock, &a2));
    vclock_free(&a1), vclock_free(&a2), vclock_free(&b);
    object_free(&o);
}

static void test_fence_part(void **state)
{
    (void)state;
    struct object o = {0};
    struct vclock a = clock_of(1, A, 5ull), f = clock_of(1, B, 4ull);
    struct vclock af = clock_of(2, A, 5ull, B, 4ull);
    /* a relaxed store after a release fence, by a thread that was no head */
    relseq_release_store(&o.seq, &o.clock, A, A, &a);
    relseq_store(&o.seq, &o.clock, B, B, &f);
    assert_true(same(&o.clock, &f));
    relseq_store(&o.seq, &o.clock, B, B, NULL); /* B heads it now */
    assert_true(same(&o.clock, &f));
    /* a relaxed RMW after a fence joins, and makes B a head among others */
    relseq_release_store(&o.seq, &o.clock, A, A, &a);
    relseq_rmw(&o.seq, &o.clock, B, B, &f);
    assert_true(same(&o.clock, &af));
    relseq_store(&o.seq, &o.clock, B, B, NULL);
    assert_true(same(&o.clock, &f));
    vclock_free(&a), vclock_free(&f), vclock_free(&af);
    object_free(&o);
}

static void test_first_rmw_heads(void **state)
{
    (void)state;
    struct object o = {0};
    struct vclock b = clock_of(1, B, 7ull);
    relseq_rmw(&o.seq, &o.clock, B, B, &b);
    assert_true(same(&o.clock, &b));
    relseq_store(&o.seq, &o.clock, B, B, NULL);
    assert_true(same(&o.clock, &b));
    relseq_store(&o.seq, &o.clock, A, A, NULL);
    assert_true(is_empty(&o.clock));
    vclock_free(&b);
    object_free(&o);
}

/* A finished head's slot taken by a new thread: the new thread's store keeps
 * its own part only, and the finished head's part stays in the clock while
 * the sequence goes on. */
static void test_slot_reuse(void **state)
{
    (void)state;
    enum { D = 4 }; /* a new thread on A's slot */
    struct object o = {0};
    struct vclock a = clock_of(1, A, 5ull), b = clock_of(1, B, 7ull), d = clock_of(1, A, 20ull);
    struct vclock all = clock_of(2, A, 20ull, B, 7ull);
    relseq_release_store(&o.seq, &o.clock, A, A, &a);
    relseq_rmw(&o.seq, &o.clock, B, B, &b);
    relseq_rmw(&o.seq, &o.clock, D, A, &d);
    assert_true(same(&o.clock, &all));
    relseq_store(&o.seq, &o.clock, D, A, NULL);
    assert_true(same(&o.clock, &d));
    vclock_free(&a), vclock_free(&b), vclock_free(&d), vclock_free(&all);
    object_free(&o);
}

/* The same when the finished thread was the only head. */
static void test_solo_slot_reuse(void **state)
{
    (void)state;
    enum { D = 4 };
    struct object o = {0};
    struct vclock a = clock_of(1, A, 5ull), d = clock_of(1, B, 1ull);
    relseq_release_store(&o.seq, &o.clock, A, A, &a);
    relseq_rmw(&o.seq, &o.clock, D, A, &d);
    assert_true(vclock_le(&a, &o.clock) && vclock_le(&d, &o.clock));
    relseq_store(&o.seq, &o.clock, D, A, NULL);
    assert_true(same(&o.clock, &d));
    vclock_free(&a), vclock_free(&d);
    object_free(&o);
}

/* Past RELSEQ_MAX_HEADS heads, stores keep everything (an over-approximation:
 * more edges, never fewer) until the next release store. */
static void test_too_many_heads(void **state)
{
    (void)state;
    struct object o = {0};
    struct vclock first = clock_of(1, 1000, 1ull);
    relseq_release_store(&o.seq, &o.clock, 1000, 1000, &first);
    for (uint32_t u = 0; u <= RELSEQ_MAX_HEADS; u++) {
        struct vclock c = clock_of(1, u, 1ull + u);
        relseq_rmw(&o.seq, &o.clock, u, u, &c);
        vclock_free(&c);
    }
    struct vclock before = {0};
    vclock_copy(&before, &o.clock);
    relseq_store(&o.seq, &o.clock, 1, 1, NULL);
    assert_true(same(&o.clock, &before));
    relseq_store(&o.seq, &o.clock, 5000, 5000, NULL);
    assert_true(same(&o.clock, &before));
    /* a release store starts over, exactly */
    relseq_release_store(&o.seq, &o.clock, 1000, 1000, &first);
    relseq_store(&o.seq, &o.clock, 5000, 5000, NULL);
    assert_true(is_empty(&o.clock));
    vclock_free(&first), vclock_free(&before);
    object_free(&o);
}

static void test_foreign_release_kept(void **state)
{
    (void)state;
    struct object o = {0};
    struct vclock a = clock_of(1, A, 5ull), x = clock_of(1, C, 3ull);
    relseq_release_store(&o.seq, &o.clock, A, A, &a);
    vclock_join(&o.clock, &x); /* e.g. an annotation's release on the address */
    relseq_foreign(&o.seq);
    struct vclock before = {0};
    vclock_copy(&before, &o.clock);
    relseq_store(&o.seq, &o.clock, B, B, NULL);
    assert_true(same(&o.clock, &before));
    vclock_free(&a), vclock_free(&x), vclock_free(&before);
    object_free(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_own_relaxed_store_continues),
        cmocka_unit_test(test_other_relaxed_store_ends),
        cmocka_unit_test(test_rmw_continues_every_sequence),
        cmocka_unit_test(test_head_store_keeps_only_its_part),
        cmocka_unit_test(test_head_part_grows_with_its_rmws),
        cmocka_unit_test(test_fence_part),
        cmocka_unit_test(test_first_rmw_heads),
        cmocka_unit_test(test_slot_reuse),
        cmocka_unit_test(test_solo_slot_reuse),
        cmocka_unit_test(test_too_many_heads),
        cmocka_unit_test(test_foreign_release_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
