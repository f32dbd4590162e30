/*
 * symbolize.h - turn code and data addresses into names, files and lines.
 *
 * Owns the libdwfl session for the running process (the executable and
 * every shared object, with their load bias). The report path and the
 * profile writers call these functions; calls are serialized by a lock
 * inside. The caller has marked the thread as "inside the runtime", so
 * malloc/free made by libdw pass straight through the interceptors.
 */
#ifndef CRACE_SYMBOLIZE_H
#define CRACE_SYMBOLIZE_H

#include <stddef.h>
#include <stdint.h>

struct sym_frame {
    const char *function;    /* "inc", or a demangled C++ "ns::f(int)"; NULL when unknown */
    int signature;           /* 1: function ends with its parameter list (C++) */
    const char *file;        /* absolute or as recorded in DWARF; NULL when unknown */
    int line;                /* 0 when unknown */
    uintptr_t func_start;    /* runtime address of the enclosing (non-inlined)
                                function's first byte; 0 when unknown */
    const char *module;      /* path of the ELF module holding pc; NULL if none */
    uintptr_t module_offset; /* pc minus the module's load bias */
};

/*
 * Describe code address pc. Fills frames[0..n) innermost first: when pc lies
 * in inlined code, frames[0] is the inlined callee and the following frames
 * are the functions it was inlined into (their line is the call site).
 * Returns n >= 1 (frames[0] always exists, possibly with only module
 * information or nothing at all) and never more than max.
 * The caller passes pc - 1 for return addresses. Strings stay valid until exit.
 */
int sym_pc(uintptr_t pc, struct sym_frame *frames, int max);

struct sym_global {
    const char *name;   /* "counter"; demangled for C++ ("ns::counter", "f()::x") */
    int demangled;      /* name is a demangled C++ name */
    uintptr_t start;    /* runtime address of the object */
    size_t size;        /* st_size */
    const char *file;   /* declaration file from DWARF; NULL when unknown */
    int line;           /* declaration line; 0 when unknown */
    const char *module; /* module path */
};

/* 1 and *out filled if addr lies in a global/static data object (ELF
 * STT_OBJECT / STT_TLS are not included here), else 0. */
int sym_global(uintptr_t addr, struct sym_global *out);

/* Remember what must be read while the process is whole (the executable's
 * path); called once at start-up. */
void sym_init(void);

/* The set of loaded modules changed (dlopen/dlclose): re-read it lazily. */
void sym_invalidate(void);

#endif
