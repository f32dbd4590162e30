"""paths - where a reported source file is, and how to show it.

The runtime prints a file relative to its process's working directory when
it lies below it, else absolute. Processes of one suite run in different
directories, so a file name is first made absolute with the process's cwd
(from its log header), then shown relative to one root (crace-report's
working directory, or --source-root) when below it, as the runtime would.
"""
import os


class Paths:
    def __init__(self, root):
        self.root = os.path.normpath(os.path.abspath(root))

    @staticmethod
    def absolute(file, cwd):
        """The absolute form of a reported file name, when it can be known."""
        if not file:
            return None
        if os.path.isabs(file):
            return os.path.normpath(file)
        if cwd:
            return os.path.normpath(os.path.join(cwd, file))
        return file

    def below_root(self, path):
        """path relative to the root when it lies below it, else None."""
        if not path or not os.path.isabs(path):
            return None
        prefix = self.root.rstrip("/") + "/"
        if path.startswith(prefix):
            return path[len(prefix):]
        return None

    def display(self, file, cwd):
        """A reported file name as the report shows it."""
        path = self.absolute(file, cwd)
        rel = self.below_root(path)
        return rel if rel is not None else path
