/*
 * format.c - printf and scanf format strings turned into plans (format.h).
 *
 * Grammar (glibc's): %[N$][flags][width][.precision][length]conversion for
 * printf, where width and precision may be `*` or `*N$`; %[N$][*][width][m]
 * [length]conversion for scanf. Arguments are either all positional (N$)
 * or all in order; a format mixing the two, or using a conversion not known
 * here, ends the plan there.
 */
#include "format.h"

#include <limits.h>

/* Length modifiers, as the number of bytes an integer of that length has. */
static const char *parse_length(const char *p, int *len)
{
    *len = 4;
    switch (*p) {
    case 'h':
        if (p[1] == 'h') {
            *len = 1;
            return p + 2;
        }
        *len = 2;
        return p + 1;
    case 'l':
        *len = 8;
        return p[1] == 'l' ? p + 2 : p + 1;
    case 'L':
    case 'q':
    case 'j':
    case 'z':
    case 'Z':
    case 't':
        *len = 8;
        return p + 1;
    default:
        return p;
    }
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Decimal number at *p (advanced past it); -1 if there is none. */
static int parse_number(const char **p)
{
    if (!is_digit(**p))
        return -1;
    long n = 0;
    while (is_digit(**p)) {
        if (n < INT_MAX / 10)
            n = n * 10 + (**p - '0');
        (*p)++;
    }
    return (int)n;
}

/* State of one parse: the plan being filled and how arguments are numbered. */
struct parser {
    struct fmt_plan *plan;
    int positional; /* -1 not yet known, 0 in order, 1 N$ */
    int next;       /* next argument index in order */
    int max;        /* highest argument index used + 1 */
};

/* "N$" at *p: 1 and *idx = N - 1, *p advanced; else 0 and *p unchanged. */
static int parse_position(const char **p, int *idx)
{
    const char *q = *p;
    int n = parse_number(&q);
    if (n <= 0 || *q != '$')
        return 0;
    *idx = n - 1;
    *p = q + 1;
    return 1;
}

/* Claim the argument of a conversion (explicit index, or -1 for the next
 * in order) with its class. -1 when the format cannot be followed. */
static int claim(struct parser *ps, int explicit_idx, enum fmt_class cls)
{
    int positional = explicit_idx >= 0;
    if (ps->positional < 0)
        ps->positional = positional;
    if (ps->positional != positional)
        return -1;
    int idx = positional ? explicit_idx : ps->next++;
    if (idx >= FMT_MAX_ARGS)
        return -1;
    if (ps->plan->cls[idx] == FMT_UNKNOWN)
        ps->plan->cls[idx] = (uint8_t)cls;
    else if (ps->plan->cls[idx] != cls)
        return -1; /* one argument read as two types: undefined, stop here */
    if (idx + 1 > ps->max)
        ps->max = idx + 1;
    return idx;
}

/* `*` or `*N$` at *p (a width or precision taken from an argument): its
 * index, -1 if there is none here, -2 if the format cannot be followed. */
static int star_argument(struct parser *ps, const char **p)
{
    if (**p != '*')
        return -1;
    (*p)++;
    int idx = -1;
    parse_position(p, &idx);
    int got = claim(ps, idx, FMT_INT);
    return got < 0 ? -2 : got;
}

static void start(struct parser *ps, struct fmt_plan *plan)
{
    plan->nconv = 0;
    plan->nargs = 0;
    for (int i = 0; i < FMT_MAX_ARGS; i++)
        plan->cls[i] = FMT_UNKNOWN;
    ps->plan = plan;
    ps->positional = -1;
    ps->next = 0;
    ps->max = 0;
}

/* The arguments usable: those before the first one of unknown class. */
static void finish(struct parser *ps)
{
    int n = 0;
    while (n < ps->max && ps->plan->cls[n] != FMT_UNKNOWN)
        n++;
    ps->plan->nargs = n;
}

static struct fmt_conv *add_conv(struct fmt_plan *plan)
{
    if (plan->nconv == FMT_MAX_CONV)
        return 0;
    struct fmt_conv *c = &plan->conv[plan->nconv++];
    c->arg = -1;
    c->prec_arg = -1;
    c->prec = -1;
    c->width = -1;
    c->use = FMT_NONE;
    c->size = 0;
    c->alloc = 0;
    c->assigns = 0;
    c->n_clean = 0;
    c->n_before = 0;
    return c;
}

/* printf conversion character: its argument class and use; 0 if unknown. */
static int printf_conversion(char c, int len, int wide, enum fmt_class *cls, enum fmt_use *use)
{
    *use = FMT_NONE;
    switch (c) {
    case 'd':
    case 'i':
    case 'o':
    case 'u':
    case 'x':
    case 'X':
    case 'b':
    case 'B':
        *cls = len == 8 ? FMT_WORD : FMT_INT;
        return 1;
    case 'c':
    case 'C':
        *cls = FMT_INT; /* char and wint_t are promoted to int */
        return 1;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'a':
    case 'A':
        *cls = wide ? FMT_LDOUBLE : FMT_DOUBLE; /* wide: the L modifier */
        return 1;
    case 'p':
        *cls = FMT_WORD;
        return 1;
    case 's':
        *cls = FMT_WORD;
        *use = len == 8 ? FMT_WSTR : FMT_STR;
        return 1;
    case 'S':
        *cls = FMT_WORD;
        *use = FMT_WSTR;
        return 1;
    case 'n':
        *cls = FMT_WORD;
        *use = FMT_WRITE;
        return 1;
    default:
        return 0;
    }
}

/* One printf conversion, p just past the '%'; returns the rest of the
 * format or 0 to stop. */
static const char *printf_one(struct parser *ps, const char *p)
{
    struct fmt_conv conv = {.arg = -1, .prec_arg = -1, .prec = -1, .width = -1};
    int pos = -1;
    parse_position(&p, &pos);
    while (*p == '-' || *p == '+' || *p == ' ' || *p == '#' || *p == '0' || *p == '\'' || *p == 'I')
        p++;
    if (star_argument(ps, &p) == -2)
        return 0;
    parse_number(&p); /* a literal width */
    if (*p == '.') {
        p++;
        int star = star_argument(ps, &p);
        if (star == -2)
            return 0;
        if (star >= 0) {
            conv.prec_arg = (int16_t)star;
        } else {
            int n = parse_number(&p);
            conv.prec = n < 0 ? 0 : n; /* "%.s": precision 0 */
        }
    }
    int len;
    int long_double = *p == 'L' || *p == 'q';
    p = parse_length(p, &len);
    enum fmt_class cls;
    enum fmt_use use;
    if (*p == 'm') /* glibc: strerror(errno), no argument */
        return p + 1;
    if (!printf_conversion(*p, len, long_double, &cls, &use))
        return 0;
    int idx = claim(ps, pos, cls);
    if (idx < 0)
        return 0;
    if (use != FMT_NONE) {
        struct fmt_conv *c = add_conv(ps->plan);
        if (!c)
            return 0;
        conv.arg = (int16_t)idx;
        conv.use = (uint8_t)use;
        conv.size = (uint8_t)len;
        *c = conv;
    }
    return p + 1;
}

void fmt_plan_printf(const char *fmt, struct fmt_plan *plan)
{
    struct parser ps;
    start(&ps, plan);
    const char *p = fmt;
    while (p && *p) {
        if (*p != '%') {
            p++;
        } else if (p[1] == '%') {
            p += 2;
        } else {
            p = printf_one(&ps, p + 1);
        }
    }
    finish(&ps);
}

/* scanf conversion character: its use and the size an assigning one
 * writes (len: the length modifier's integer size). 0 if unknown. */
static int scanf_conversion(char c, int len, int long_double, struct fmt_conv *conv)
{
    switch (c) {
    case 'd':
    case 'i':
    case 'o':
    case 'u':
    case 'x':
    case 'X':
    case 'n':
        conv->use = FMT_WRITE;
        conv->size = (uint8_t)len;
        return 1;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'a':
    case 'A':
        conv->use = FMT_WRITE; /* float, double, or long double's 10 bytes */
        conv->size = long_double ? 10 : len == 8 ? 8 : 4;
        return 1;
    case 'p':
        conv->use = FMT_WRITE;
        conv->size = sizeof(void *);
        return 1;
    case 's':
    case '[':
        conv->use = len == 8 ? FMT_SCAN_WSTR : FMT_SCAN_STR;
        return 1;
    case 'S':
        conv->use = FMT_SCAN_WSTR;
        return 1;
    case 'c':
    case 'C':
        conv->use = FMT_SCAN_CHARS;
        conv->size = (c == 'C' || len == 8) ? 4 : 1;
        if (conv->width < 0)
            conv->width = 1;
        return 1;
    default:
        return 0;
    }
}

/* Past a scanset's closing ']' (p just past the '['); 0 if unterminated. */
static const char *skip_scanset(const char *p)
{
    if (*p == '^')
        p++;
    if (*p == ']')
        p++; /* a leading ']' is a member */
    while (*p && *p != ']')
        p++;
    return *p ? p + 1 : 0;
}

/* Where a scan stands: assigning conversions so far, and whether anything
 * that can fail (a literal, %%, a suppressed conversion) came after the
 * last of them. */
struct scan_state {
    int assigned;
    int clean;
};

/* One scanf conversion, p just past the '%'; the rest of the format or 0. */
static const char *scanf_one(struct parser *ps, struct scan_state *st, const char *p, int gnu_a)
{
    struct fmt_conv conv = {.arg = -1, .prec_arg = -1, .prec = -1, .width = -1};
    int pos = -1;
    parse_position(&p, &pos);
    int suppressed = *p == '*';
    if (suppressed)
        p++;
    conv.width = parse_number(&p);
    if (*p == 'm' || (gnu_a && *p == 'a' && (p[1] == 's' || p[1] == 'S' || p[1] == '['))) {
        conv.alloc = 1;
        p++;
    }
    int len;
    int long_double = *p == 'L' || *p == 'q';
    p = parse_length(p, &len);
    char c = *p++;
    if (!scanf_conversion(c, len, long_double, &conv))
        return 0;
    if (c == '[' && !(p = skip_scanset(p)))
        return 0;
    if (suppressed) {
        st->clean = 0;
        return p;
    }
    int idx = claim(ps, pos, FMT_WORD);
    if (idx < 0)
        return 0;
    conv.arg = (int16_t)idx;
    if (c == 'n') {
        conv.n_before = (int16_t)st->assigned;
        conv.n_clean = (uint8_t)st->clean;
    } else {
        conv.assigns = 1;
        st->assigned++;
        st->clean = 1;
    }
    struct fmt_conv *slot = add_conv(ps->plan);
    if (!slot)
        return 0;
    *slot = conv;
    return p;
}

static int is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

void fmt_plan_scanf(const char *fmt, int gnu_a, struct fmt_plan *plan)
{
    struct parser ps;
    struct scan_state st = {0, 1};
    start(&ps, plan);
    const char *p = fmt;
    while (p && *p) {
        if (is_space(*p)) {
            p++; /* white space matches any amount, even none: never fails */
        } else if (*p != '%' || p[1] == '%') {
            st.clean = 0; /* a literal can fail to match */
            p += *p == '%' ? 2 : 1;
        } else {
            p = scanf_one(&ps, &st, p + 1, gnu_a);
        }
    }
    finish(&ps);
}

void fmt_fetch(const struct fmt_plan *plan, va_list ap, uint64_t *vals)
{
    for (int i = 0; i < plan->nargs; i++) {
        switch (plan->cls[i]) {
        case FMT_INT:
            vals[i] = (uint64_t)(int64_t)va_arg(ap, int);
            break;
        case FMT_WORD:
            vals[i] = (uint64_t)va_arg(ap, long);
            break;
        case FMT_DOUBLE:
            (void)va_arg(ap, double);
            vals[i] = 0;
            break;
        default: /* FMT_LDOUBLE: finish() stops at FMT_UNKNOWN */
            (void)va_arg(ap, long double);
            vals[i] = 0;
            break;
        }
    }
}
