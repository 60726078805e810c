"""Runs a command and prints the peak resident memory of its whole process tree (parent plus parse workers)."""
import os, subprocess, sys, time

def tree_rss(root):
    children = {}
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            with open(f'/proc/{pid}/stat') as f:
                ppid = int(f.read().rsplit(')', 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(pid))
        except OSError:
            pass
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            with open(f'/proc/{pid}/status') as f:
                for line in f:
                    if line.startswith('VmRSS:'):
                        total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total

def main():
    proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, text=True)
    peak, start = 0, time.time()
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.05)
    out = proc.stdout.read()
    pages = next((l for l in out.splitlines() if l.startswith('pages:')), '')
    print(f'peak memory of `{" ".join(os.path.basename(a) for a in sys.argv[1:3])} {os.path.basename(sys.argv[3])}`: '
          f'{peak / 2**20:.0f} MiB (whole process tree), {time.time() - start:.1f} s; {pages}')
    sys.exit(proc.returncode)


if __name__ == '__main__':
    main()
