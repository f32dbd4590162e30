"""annotations - GitHub Actions workflow commands, one per unique race:

  ::error file=F,line=L,title=DATA RACE::MESSAGE

F is relative to the source root (the repository checkout in CI); the
message is the race's description and where it was seen. Escaping follows
GitHub's workflow-command rules: in the message '%', CR and LF become %25,
%0D and %0A; in property values ':' and ',' also become %3A and %2C.
"""
from . import describe


def escape_data(s):
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s):
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def annotation(u, paths):
    frame = describe.top_frame(u.race["current"])
    props = []
    if frame and frame.get("file") and frame.get("line"):
        rel = paths.below_root(paths.absolute(frame["file"], u.proc.cwd))
        if rel is not None:
            props.append("file=" + escape_property(rel))
            props.append("line=%d" % frame["line"])
    props.append("title=" + escape_property("DATA RACE"))
    message = describe.title(u, paths) + "\n" + describe.seen_in(u)
    return "::error %s::%s" % (",".join(props), escape_data(message))


def annotations(races, paths):
    return [annotation(u, paths) for u in races]
