/*
 * test_clock.c - unit tests for runtime/clock.c (vector clocks) and the
 * shadow cell encoding of runtime/cell.h, including the epoch
 * happens-before test the access check relies on.
 *
 * Links clock.c and internal.c (rt_realloc, rt_free).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "cell.h"
#include "clock.h"

/* ---- vector clocks ---------------------------------------------------- */

static void test_empty_clock_reads_zero(void **state)
{
    (void)state;
    struct vclock c = {0};
    assert_int_equal(vclock_get(&c, 0), 0);
    assert_int_equal(vclock_get(&c, 7), 0);
    assert_int_equal(vclock_get(&c, CELL_MAX_SLOTS - 1), 0);
}

static void test_set_get_beyond_len(void **state)
{
    (void)state;
    struct vclock c = {0};
    vclock_set(&c, 5, 42);
    assert_int_equal(c.len, 6);
    assert_true(c.cap >= c.len);
    assert_int_equal(vclock_get(&c, 5), 42);
    for (uint32_t i = 0; i < 5; i++)
        assert_int_equal(vclock_get(&c, i), 0);
    /* past len: zero, whatever the allocation holds */
    assert_int_equal(vclock_get(&c, 6), 0);
    assert_int_equal(vclock_get(&c, c.cap), 0);
    assert_int_equal(vclock_get(&c, 100000), 0);

    /* growing far keeps the old entries and zero-fills the new ones */
    vclock_set(&c, 1000, 7);
    assert_int_equal(c.len, 1001);
    assert_true(c.cap >= 1001);
    assert_int_equal(vclock_get(&c, 5), 42);
    assert_int_equal(vclock_get(&c, 1000), 7);
    for (uint32_t i = 0; i < 1000; i++)
        if (i != 5)
            assert_int_equal(vclock_get(&c, i), 0);

    /* setting a lower slot does not shrink the clock */
    vclock_set(&c, 2, 9);
    assert_int_equal(c.len, 1001);
    assert_int_equal(vclock_get(&c, 2), 9);
    assert_int_equal(vclock_get(&c, 1000), 7);

    /* the largest slot and the largest epoch */
    vclock_set(&c, CELL_MAX_SLOTS - 1, CELL_EPOCH_MAX);
    assert_int_equal(c.len, CELL_MAX_SLOTS);
    assert_int_equal(vclock_get(&c, CELL_MAX_SLOTS - 1), CELL_EPOCH_MAX);
    assert_int_equal(vclock_get(&c, CELL_MAX_SLOTS), 0);

    vclock_free(&c);
    assert_null(c.e);
    assert_int_equal(c.len, 0);
    assert_int_equal(c.cap, 0);
    assert_int_equal(vclock_get(&c, 5), 0);
}

static void test_join_elementwise_max(void **state)
{
    (void)state;
    struct vclock a = {0}, b = {0};
    vclock_set(&a, 0, 1);
    vclock_set(&a, 1, 5);
    vclock_set(&a, 2, 0);
    vclock_set(&b, 0, 3);
    vclock_set(&b, 1, 2);
    vclock_set(&b, 4, 9);

    vclock_join(&a, &b); /* a grows to b's length */
    assert_int_equal(a.len, 5);
    assert_int_equal(vclock_get(&a, 0), 3);
    assert_int_equal(vclock_get(&a, 1), 5);
    assert_int_equal(vclock_get(&a, 2), 0);
    assert_int_equal(vclock_get(&a, 3), 0);
    assert_int_equal(vclock_get(&a, 4), 9);
    /* the source is untouched */
    assert_int_equal(b.len, 5);
    assert_int_equal(vclock_get(&b, 1), 2);

    /* joining a shorter clock keeps the entries past its length */
    struct vclock s = {0};
    vclock_set(&s, 1, 8);
    vclock_join(&a, &s);
    assert_int_equal(a.len, 5);
    assert_int_equal(vclock_get(&a, 0), 3);
    assert_int_equal(vclock_get(&a, 1), 8);
    assert_int_equal(vclock_get(&a, 4), 9);

    /* joining an empty clock changes nothing; joining into an empty one copies */
    struct vclock empty = {0}, fresh = {0};
    vclock_join(&a, &empty);
    assert_int_equal(a.len, 5);
    assert_int_equal(vclock_get(&a, 4), 9);
    vclock_join(&fresh, &a);
    assert_int_equal(fresh.len, 5);
    for (uint32_t i = 0; i < 5; i++)
        assert_int_equal(vclock_get(&fresh, i), vclock_get(&a, i));

    /* growth across several reallocations (cap 8 -> 16 -> ... -> 512) */
    struct vclock big = {0}, acc = {0};
    for (uint32_t i = 0; i < 300; i++)
        vclock_set(&big, i, 1000 + i);
    vclock_set(&acc, 3, 5000);
    vclock_join(&acc, &big);
    assert_int_equal(acc.len, 300);
    for (uint32_t i = 0; i < 300; i++)
        assert_int_equal(vclock_get(&acc, i), i == 3 ? 5000 : 1000 + i);

    vclock_free(&a);
    vclock_free(&b);
    vclock_free(&s);
    vclock_free(&fresh);
    vclock_free(&big);
    vclock_free(&acc);
}

static void test_copy(void **state)
{
    (void)state;
    struct vclock dst = {0}, src = {0};
    for (uint32_t i = 0; i < 10; i++)
        vclock_set(&dst, i, 100 + i);
    vclock_set(&src, 0, 1);
    vclock_set(&src, 2, 3);

    /* copying a shorter clock: entries past src's length read as zero */
    vclock_copy(&dst, &src);
    assert_int_equal(vclock_get(&dst, 0), 1);
    assert_int_equal(vclock_get(&dst, 1), 0);
    assert_int_equal(vclock_get(&dst, 2), 3);
    for (uint32_t i = 3; i < 20; i++)
        assert_int_equal(vclock_get(&dst, i), 0);
    assert_true(vclock_le(&dst, &src));
    assert_true(vclock_le(&src, &dst));

    /* a later join with a longer clock must not resurrect old entries */
    struct vclock one = {0};
    vclock_set(&one, 8, 1);
    vclock_join(&dst, &one);
    assert_int_equal(vclock_get(&dst, 8), 1);
    assert_int_equal(vclock_get(&dst, 9), 0);
    assert_int_equal(vclock_get(&dst, 5), 0);

    /* copying a longer clock grows dst */
    struct vclock longer = {0};
    vclock_set(&longer, 40, 77);
    vclock_set(&longer, 1, 2);
    vclock_copy(&dst, &longer);
    assert_int_equal(vclock_get(&dst, 40), 77);
    assert_int_equal(vclock_get(&dst, 1), 2);
    assert_int_equal(vclock_get(&dst, 0), 0);
    assert_int_equal(vclock_get(&dst, 2), 0);
    assert_int_equal(vclock_get(&dst, 8), 0);

    /* copying an empty clock gives an all-zero clock */
    struct vclock empty = {0};
    vclock_copy(&dst, &empty);
    for (uint32_t i = 0; i < 50; i++)
        assert_int_equal(vclock_get(&dst, i), 0);

    vclock_free(&dst);
    vclock_free(&src);
    vclock_free(&one);
    vclock_free(&longer);
}

static void test_le(void **state)
{
    (void)state;
    struct vclock a = {0}, b = {0}, empty = {0};
    assert_true(vclock_le(&empty, &empty));

    vclock_set(&a, 0, 1);
    vclock_set(&a, 1, 2);
    vclock_set(&b, 0, 1);
    vclock_set(&b, 1, 2);
    assert_true(vclock_le(&a, &b)); /* equal */
    assert_true(vclock_le(&b, &a));
    assert_true(vclock_le(&empty, &a));
    assert_false(vclock_le(&a, &empty));

    vclock_set(&b, 1, 3);
    assert_true(vclock_le(&a, &b));
    assert_false(vclock_le(&b, &a));

    /* concurrent: neither is below the other */
    vclock_set(&a, 0, 4);
    assert_false(vclock_le(&a, &b));
    assert_false(vclock_le(&b, &a));

    /* different lengths: missing entries are zero */
    struct vclock shortc = {0}, longc = {0};
    vclock_set(&shortc, 0, 5);
    vclock_set(&longc, 0, 5);
    vclock_set(&longc, 6, 0); /* longer, but only zeros past shortc */
    assert_true(vclock_le(&longc, &shortc));
    assert_true(vclock_le(&shortc, &longc));
    vclock_set(&longc, 6, 1);
    assert_false(vclock_le(&longc, &shortc));
    assert_true(vclock_le(&shortc, &longc));

    vclock_free(&a);
    vclock_free(&b);
    vclock_free(&shortc);
    vclock_free(&longc);
}

/* ---- cell encoding ---------------------------------------------------- */

static void test_cell_constants(void **state)
{
    (void)state;
    assert_int_equal(CELL_MAX_SLOTS, 65536);
    assert_int_equal(CELL_EPOCH_MAX, (1ull << 37) - 1);
    assert_int_equal(CELL_SLOT_SHIFT + CELL_SLOT_BITS, CELL_EPOCH_SHIFT);
    /* mask, kind bits, slot and epoch fields do not overlap */
    uint64_t fields[] = {CELL_MASK_BITS,
                         CELL_READ,
                         CELL_ATOMIC,
                         CELL_FREED,
                         cell_make(CELL_MAX_SLOTS - 1, 0),
                         cell_make(0, CELL_EPOCH_MAX)};
    uint64_t all = 0;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        assert_int_equal(all & fields[i], 0);
        all |= fields[i];
    }
    assert_int_equal(all, ~0ull);
    assert_int_equal(CELL_WHO_WHEN, cell_make(CELL_MAX_SLOTS - 1, CELL_EPOCH_MAX));
}

static void check_roundtrip(uint32_t slot, uint64_t epoch)
{
    uint64_t c = cell_make(slot, epoch);
    assert_int_equal(cell_slot(c), slot);
    assert_int_equal(cell_epoch(c), epoch);
    assert_int_equal(cell_mask(c), 0);
    assert_false(cell_is_read(c));
    assert_false(cell_is_atomic(c));
    assert_false(cell_is_freed(c));

    /* an access built from the fast state by OR keeps slot and epoch */
    uint64_t a = c | CELL_READ | cell_bytes(2, 4);
    assert_int_equal(cell_slot(a), slot);
    assert_int_equal(cell_epoch(a), epoch);
    assert_int_equal(cell_mask(a), 0x3c);
    assert_true(cell_is_read(a));
    assert_false(cell_is_atomic(a));
    assert_false(cell_is_freed(a));

    uint64_t f = c | CELL_ATOMIC | CELL_FREED | CELL_MASK_BITS;
    assert_int_equal(cell_slot(f), slot);
    assert_int_equal(cell_epoch(f), epoch);
    assert_int_equal(cell_mask(f), 0xff);
    assert_false(cell_is_read(f));
    assert_true(cell_is_atomic(f));
    assert_true(cell_is_freed(f));
}

static void test_cell_roundtrip(void **state)
{
    (void)state;
    check_roundtrip(0, 1);
    check_roundtrip(1, 1);
    check_roundtrip(65535, 1);
    check_roundtrip(65535, (1ull << 37) - 1);
    check_roundtrip(0, (1ull << 37) - 1);
    check_roundtrip(65535, 0);
    check_roundtrip(12345, 1ull << 36);
    check_roundtrip(32768, 0x123456789ull);
    /* max slot and max epoch fill every bit above the kind bits */
    assert_int_equal(cell_make(65535, (1ull << 37) - 1), ~0ull << 11);
    /* neighbouring slots/epochs give distinct cells */
    assert_int_not_equal(cell_make(65535, 1), cell_make(0, 2));
    assert_int_not_equal(cell_make(1, 65535), cell_make(65535, 1));
}

static void test_cell_bytes(void **state)
{
    (void)state;
    assert_int_equal(cell_bytes(0, 8), 0xff);
    assert_int_equal(cell_bytes(4, 4), 0xf0);
    assert_int_equal(cell_bytes(7, 1), 0x80);
    assert_int_equal(cell_bytes(0, 1), 0x01);
    assert_int_equal(cell_bytes(0, 4), 0x0f);
    assert_int_equal(cell_bytes(1, 2), 0x06);
    assert_int_equal(cell_bytes(6, 2), 0xc0);
    assert_int_equal(cell_bytes(3, 0), 0);
    /* every (off, size) with off + size <= 8: exactly bytes off..off+size-1 */
    for (unsigned off = 0; off < 8; off++)
        for (unsigned size = 1; off + size <= 8; size++) {
            unsigned want = 0;
            for (unsigned b = off; b < off + size; b++)
                want |= 1u << b;
            assert_int_equal(cell_bytes(off, size), want);
            assert_int_equal(cell_mask(cell_make(9, 9) | cell_bytes(off, size)), want);
        }
}

/* The detector's test: the old access happens-before the current one. */
static int happens_before(uint64_t old, const struct vclock *now)
{
    return cell_epoch(old) <= vclock_get(now, cell_slot(old));
}

static void test_epoch_happens_before(void **state)
{
    (void)state;
    struct vclock t2 = {0};
    vclock_set(&t2, 2, 7); /* our own slot */
    vclock_set(&t2, 3, 10);

    assert_true(happens_before(cell_make(3, 9) | 0xff, &t2));
    assert_true(happens_before(cell_make(3, 10) | 0xff, &t2)); /* equal epoch: ordered */
    assert_false(happens_before(cell_make(3, 11) | 0xff, &t2));
    /* a slot we never synchronized with: any real epoch (>= 1) is concurrent */
    assert_false(happens_before(cell_make(1, 1) | CELL_READ | 1, &t2));
    assert_false(happens_before(cell_make(60000, 1) | 1, &t2));
    /* the largest slot and epoch are handled too */
    vclock_set(&t2, 65535, CELL_EPOCH_MAX);
    assert_true(happens_before(cell_make(65535, CELL_EPOCH_MAX) | 1, &t2));
    assert_false(happens_before(cell_make(65534, CELL_EPOCH_MAX) | 1, &t2));

    /* acquiring the releasing thread's clock orders its earlier accesses */
    struct vclock t1 = {0};
    vclock_set(&t1, 1, 4);
    uint64_t w = cell_make(1, 4) | cell_bytes(0, 4);
    assert_false(happens_before(w, &t2));
    vclock_join(&t2, &t1);
    assert_true(happens_before(w, &t2));
    /* ... but not what the releaser does after its next tick */
    assert_false(happens_before(cell_make(1, 5) | cell_bytes(0, 4), &t2));

    vclock_free(&t1);
    vclock_free(&t2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_clock_reads_zero),
        cmocka_unit_test(test_set_get_beyond_len),
        cmocka_unit_test(test_join_elementwise_max),
        cmocka_unit_test(test_copy),
        cmocka_unit_test(test_le),
        cmocka_unit_test(test_cell_constants),
        cmocka_unit_test(test_cell_roundtrip),
        cmocka_unit_test(test_cell_bytes),
        cmocka_unit_test(test_epoch_happens_before),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
