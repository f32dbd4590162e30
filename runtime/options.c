/*
 * options.c - CRACE_OPTIONS parsing and the option values.
 *
 * Syntax: keys and values separated by '='; pairs separated by spaces,
 * commas, colons or tabs (like GORACE and TSAN_OPTIONS). An unknown key or a
 * value out of range is an error: the runtime prints it and exits with
 * status 2 before main runs, so a typo never silently changes behaviour.
 */
#include "options.h"
#include "rt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int opt_exitcode;
int opt_halt_on_error;
const char *opt_log_path;
const char *opt_strip_path_prefix;
const char *opt_suppressions;
unsigned opt_history_size;
int opt_atexit_sleep_ms;
int opt_verbosity;
int opt_color;
int opt_report_json;
int opt_detect_lock_order;
int opt_report_mutex_bugs;
int opt_report_thread_leaks;
int opt_report_signal_unsafe;

void options_reset(void)
{
    opt_exitcode = 66;
    opt_halt_on_error = 0;
    opt_log_path = 0;
    opt_strip_path_prefix = "";
    opt_suppressions = 0;
    opt_history_size = 1;
    opt_atexit_sleep_ms = 1000;
    opt_verbosity = 0;
    opt_color = COLOR_AUTO;
    opt_report_json = 0;
    opt_detect_lock_order = 1;
    opt_report_mutex_bugs = 1;
    opt_report_thread_leaks = 1;
    opt_report_signal_unsafe = 1;
}

static int parse_int(const char *v, long lo, long hi, long *out)
{
    char *end;
    if (!*v)
        return -1;
    long x = strtol(v, &end, 10);
    if (*end || x < lo || x > hi)
        return -1;
    *out = x;
    return 0;
}

static int parse_bool(const char *v, int *out)
{
    if (!strcmp(v, "1") || !strcmp(v, "true")) {
        *out = 1;
        return 0;
    }
    if (!strcmp(v, "0") || !strcmp(v, "false")) {
        *out = 0;
        return 0;
    }
    return -1;
}

enum opt_kind { OPT_INT, OPT_BOOL, OPT_STRING, OPT_CHOICE };

struct opt_desc {
    const char *name;
    enum opt_kind kind;
    long lo, hi;
    void *value;
    const char *help; /* shown when the value is rejected */
};

static const struct opt_desc opts[] = {
    {"exitcode", OPT_INT, 0, 255, &opt_exitcode, "an exit status 0..255"},
    {"halt_on_error", OPT_BOOL, 0, 1, &opt_halt_on_error, "0 or 1"},
    {"log_path", OPT_STRING, 0, 0, &opt_log_path, "a file path prefix"},
    {"strip_path_prefix", OPT_STRING, 0, 0, &opt_strip_path_prefix, "a path prefix"},
    {"suppressions", OPT_STRING, 0, 0, &opt_suppressions, "a suppressions file"},
    {"history_size", OPT_INT, 0, 7, &opt_history_size, "0..7"},
    {"atexit_sleep_ms", OPT_INT, 0, 3600000, &opt_atexit_sleep_ms, "milliseconds >= 0"},
    {"verbosity", OPT_INT, 0, 3, &opt_verbosity, "0..3"},
    {"color", OPT_CHOICE, 0, 0, &opt_color, "auto, always or never"},
    {"report_format", OPT_CHOICE, 0, 0, &opt_report_json, "text or json"},
    {"detect_lock_order", OPT_BOOL, 0, 1, &opt_detect_lock_order, "0 or 1"},
    {"report_mutex_bugs", OPT_BOOL, 0, 1, &opt_report_mutex_bugs, "0 or 1"},
    {"report_thread_leaks", OPT_BOOL, 0, 1, &opt_report_thread_leaks, "0 or 1"},
    {"report_signal_unsafe", OPT_BOOL, 0, 1, &opt_report_signal_unsafe, "0 or 1"},
};

static const struct opt_desc *find_opt(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
        if (strlen(opts[i].name) == len && !strncmp(opts[i].name, name, len))
            return &opts[i];
    return 0;
}

static void known_keys(char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = 0;
    for (size_t i = 0; i < sizeof opts / sizeof opts[0] && used < len; i++)
        used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? ", " : "", opts[i].name);
}

static int set_opt(const struct opt_desc *o, const char *v)
{
    long x;
    int b;
    switch (o->kind) {
    case OPT_INT:
        if (parse_int(v, o->lo, o->hi, &x))
            return -1;
        if (o->value == &opt_history_size)
            opt_history_size = (unsigned)x;
        else
            *(int *)o->value = (int)x;
        return 0;
    case OPT_BOOL:
        if (parse_bool(v, &b))
            return -1;
        *(int *)o->value = b;
        return 0;
    case OPT_STRING:
        *(const char **)o->value = rt_strdup(v);
        return 0;
    case OPT_CHOICE:
        if (o->value == &opt_report_json) {
            if (strcmp(v, "text") && strcmp(v, "json"))
                return -1;
            opt_report_json = !strcmp(v, "json");
            return 0;
        }
        if (!strcmp(v, "auto"))
            *(int *)o->value = COLOR_AUTO;
        else if (!strcmp(v, "always"))
            *(int *)o->value = COLOR_ALWAYS;
        else if (!strcmp(v, "never"))
            *(int *)o->value = COLOR_NEVER;
        else
            return -1;
        return 0;
    }
    return -1;
}

static int is_sep(char c)
{
    return c == ' ' || c == ',' || c == ':' || c == '\t' || c == '\n';
}

int options_parse(const char *text, char *err, unsigned long errlen)
{
    options_reset();
    if (!text)
        return 0;
    const char *p = text;
    while (*p) {
        while (is_sep(*p))
            p++;
        if (!*p)
            break;
        const char *key = p;
        while (*p && *p != '=' && !is_sep(*p))
            p++;
        size_t klen = (size_t)(p - key);
        const struct opt_desc *o = find_opt(key, klen);
        if (!o) {
            char keys[512];
            known_keys(keys, sizeof keys);
            snprintf(err, errlen, "unknown option '%.*s' in CRACE_OPTIONS (known: %s)", (int)klen,
                     key, keys);
            return -1;
        }
        if (*p != '=') {
            snprintf(err, errlen, "option '%s' in CRACE_OPTIONS needs a value (%s=...)", o->name,
                     o->name);
            return -1;
        }
        const char *val = ++p;
        while (*p && !is_sep(*p))
            p++;
        char value[4096];
        size_t vlen = (size_t)(p - val) < sizeof value - 1 ? (size_t)(p - val) : sizeof value - 1;
        rt_memcpy(value, val, vlen);
        value[vlen] = 0;
        if (set_opt(o, value)) {
            snprintf(err, errlen, "bad value '%s' for option '%s' in CRACE_OPTIONS (expected %s)",
                     value, o->name, o->help);
            return -1;
        }
    }
    return 0;
}
