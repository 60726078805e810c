"""A process and all its descendants, read from /proc: what bench/throughput/peak_rss.py and bench/fuzz/measure.py
measure, since `curate run` parses in child worker processes whose memory its own counters do not include."""
import os


def tree(root):
    """root's pid and every descendant's, parents first (one pass over /proc/*/stat)."""
    children = {}
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            with open(f'/proc/{pid}/stat') as f:
                # The command name (in parentheses) may hold spaces: the parent pid is the second field after it.
                ppid = int(f.read().rsplit(')', 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(pid))
        except OSError:
            pass
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def memory(pid):
    """{'VmRSS': bytes, 'VmHWM': bytes} of a live process; {} once it has gone."""
    out = {}
    try:
        with open(f'/proc/{pid}/status') as f:
            for line in f:
                if line.startswith(('VmRSS:', 'VmHWM:')):
                    out[line[:5]] = int(line.split()[1]) * 1024
    except OSError:
        pass
    return out


def tree_rss(root):
    """Resident memory of root's whole process tree now, in bytes."""
    return sum(memory(pid).get('VmRSS', 0) for pid in tree(root))
