"""crace_options - CRACE_OPTIONS as crace-test hands it to the suite.

The user's own options are kept and crace-test's are appended: the
runtime lets the last setting of a key win (runtime/options.c), so
log_path and report_format are crace-test's whatever the user had, and
every other option (suppressions, history_size, exitcode, ...) is the
user's. Values with a separator (space, comma, colon, tab) are quoted.
"""
SEPARATORS = " ,:\t\n"


def quote_value(value):
    """value as CRACE_OPTIONS can hold it, or ValueError."""
    if value and not any(c in SEPARATORS or c in "'\"" for c in value):
        return value
    if '"' not in value:
        return '"%s"' % value
    if "'" not in value:
        return "'%s'" % value
    raise ValueError("cannot pass a path holding both kinds of quotes in CRACE_OPTIONS: %r"
                     % value)


def split(text):
    """[(key, value)] of a CRACE_OPTIONS string (quotes as the runtime reads them)."""
    pairs, i, n = [], 0, len(text or "")
    while i < n:
        while i < n and text[i] in SEPARATORS:
            i += 1
        if i >= n:
            break
        start = i
        while i < n and text[i] != "=" and text[i] not in SEPARATORS:
            i += 1
        key = text[start:i]
        if i >= n or text[i] != "=":
            pairs.append((key, None))
            continue
        i += 1
        if i < n and text[i] in "'\"":
            end = text.find(text[i], i + 1)
            end = n if end < 0 else end
            pairs.append((key, text[i + 1:end]))
            i = end + 1
        else:
            start = i
            while i < n and text[i] not in SEPARATORS:
                i += 1
            pairs.append((key, text[start:i]))
    return pairs


def exitcode(text, default=66):
    """The exit status a run with races has under these options."""
    code = default
    for key, value in split(text):
        if key == "exitcode" and value is not None and value.isdigit() and int(value) <= 255:
            code = int(value)
    return code


def merged(user, log_prefix, root_pid):
    ours = "log_path=%s report_format=json log_root_pid=%d" % (quote_value(log_prefix), root_pid)
    return (user.strip() + " " + ours) if user and user.strip() else ours
