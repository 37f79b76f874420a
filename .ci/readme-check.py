#!/usr/bin/env python3
"""Runs the README's command blocks as a reader would paste them: in document order, in one bash session.

A block is checked when the line right before its fence is a marker (an HTML comment, invisible on GitHub):

    <!-- readme-check: run -->              every command must succeed (exit 0) within 60 s
    <!-- readme-check: server -->           starts in the background; http://127.0.0.1:8080/health/ready must answer
                                            200 within 20 s; it is stopped (SIGTERM, then SIGKILL) when the next
                                            server block starts and at the end
    <!-- readme-check: stream -->           a command that never ends on its own (curl -N): it must print something
                                            on stdout and still be running after 3 s, when it is stopped
    <!-- readme-check: skip: REASON -->     not run, for the reason given

Options after the mode: `timeout=SECONDS` (the limit of run, the readiness wait of server, the duration of stream)
and, for server, `port=PORT` (the port of /health/ready). Mode `run` in a transcript block (lines `$ command`
followed by the output) runs each `$` command (with its `\\`-continued lines) as its own step, and what it prints on
stdout must be the output shown, where `mwwlzop8-<n>`, the README's example of a generated event id, stands for any
generated id. In a transcript marked stream, each `$` command is a stream and the output shown is not compared.

The session is one bash process, so exports, variables and `cd` carry over from block to block; each block runs with
`set -e`, its stdin from /dev/null. Servers and streams run as their own process groups, so that they can be
stopped whole. The first failure stops the check with the block's line, the reason and the output. Every fence whose
language is sh, bash, shell or console, and every transcript, must carry a marker, so no new example goes unchecked.

Usage: readme-check.py [README.md]   The commands run in the repository root, with what they use (java, mvn, curl)
and ports 8080 and those named by port= free; variables SSEHUB_* of the caller's environment are removed, and
NO_PROXY keeps curl's traffic to 127.0.0.1 and localhost, the only hosts it talks to.
"""
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))

MARKER = re.compile(r'^\s*<!--\s*readme-check:\s*(.*?)\s*-->\s*$')
FENCE = re.compile(r'^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)')
SHELL_LANGUAGES = {'sh', 'bash', 'shell', 'console', 'shell-session'}
MODES = {'run': 60, 'server': 20, 'stream': 3}
# The README's examples show ids of an imaginary run of the hub, epoch mwwlzop8; a real run has its own epoch.
EXAMPLE_ID = re.compile(r'mwwlzop8-[0-9]+')
GENERATED_ID = '[0-9a-z]+-[0-9]+'
STOP_SECONDS = 10


class CheckFailed(Exception):
    pass


class Step:
    def __init__(self, line, mode, options, script, expected=None):
        self.line, self.mode, self.options, self.script, self.expected = line, mode, options, script, expected

    def timeout(self):
        return float(self.options.get('timeout', MODES[self.mode]))


def parse(path):
    """The steps of the marked blocks, in document order; raises CheckFailed for a misplaced or missing marker."""
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    steps, errors = [], []
    marker, i = None, 0
    while i < len(lines):
        number, line = i + 1, lines[i]
        fence = FENCE.match(line)
        m = MARKER.match(line)
        if m:
            if marker:
                errors.append(f'{path}:{marker[0]}: marker not followed by a code fence')
            marker = (number, m.group(1))
            i += 1
            continue
        if not fence:
            if marker and line.strip():
                errors.append(f'{path}:{marker[0]}: marker not followed by a code fence (the next line is text)')
                marker = None
            i += 1
            continue
        # A fenced block: find its end.
        end = i + 1
        while end < len(lines) and not (lines[end].strip().startswith(fence.group(1)[0] * len(fence.group(1)))
                                        and not lines[end].strip(' `~')):
            end += 1
        body = lines[i + 1:end]
        language = fence.group(2).lower()
        transcript = any(b.startswith('$ ') for b in body)
        if marker is None:
            if language in SHELL_LANGUAGES or transcript:
                errors.append(f'{path}:{number}: a shell block without a marker: add <!-- readme-check: run -->'
                              ' (or server, stream, or skip with a reason) on the line before the fence')
        else:
            try:
                steps += block_steps(path, marker, number, body, transcript)
            except CheckFailed as e:
                errors.append(str(e))
        marker = None
        i = end + 1
    if marker:
        errors.append(f'{path}:{marker[0]}: marker not followed by a code fence')
    if errors:
        raise CheckFailed('\n'.join(errors))
    return steps


def block_steps(path, marker, fence_line, body, transcript):
    marker_line, text = marker
    words = text.split(None, 1)
    mode = words[0].rstrip(':') if words else ''
    rest = words[1] if len(words) > 1 else ''
    if mode == 'skip':
        if not rest.strip():
            raise CheckFailed(f'{path}:{marker_line}: skip needs a reason: <!-- readme-check: skip: REASON -->')
        return []
    if mode not in MODES:
        raise CheckFailed(f'{path}:{marker_line}: unknown mode "{mode}"; use run, server, stream or skip: REASON')
    options = {}
    for option in rest.split():
        key, _, value = option.partition('=')
        if key not in ('timeout', 'port') or not re.fullmatch(r'[0-9]+', value) or (key == 'port' and mode != 'server'):
            raise CheckFailed(f'{path}:{marker_line}: bad option "{option}": use timeout=SECONDS'
                              + (' or port=PORT' if mode == 'server' else ''))
        options[key] = value
    if not transcript:
        return [Step(fence_line, mode, options, '\n'.join(body) + '\n')]
    steps, j = [], 0
    while j < len(body):
        if not body[j].startswith('$ '):
            if not steps:
                raise CheckFailed(f'{path}:{fence_line + 1 + j}: a transcript must start with a "$ " command line')
            steps[-1].expected.append(body[j])
            j += 1
            continue
        line = fence_line + 1 + j
        command = [body[j][2:]]
        while command[-1].endswith('\\') and j + 1 < len(body):
            j += 1
            command.append(body[j])
        steps.append(Step(line, mode, options, '\n'.join(command) + '\n', []))
        j += 1
    if mode == 'server' and len(steps) != 1:
        raise CheckFailed(f'{path}:{fence_line}: a server block holds exactly one command')
    return steps


def group_members(pgid):
    """Live processes (not zombies) of a process group."""
    members = []
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            with open(f'/proc/{entry}/stat') as f:
                fields = f.read().rsplit(')', 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != 'Z':
            members.append(int(entry))
    return members


def signal_group(pgid, sig):
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def stop_group(pgid, seconds=STOP_SECONDS):
    """SIGTERM to the group, SIGKILL to what is left after `seconds`; returns True when it went with SIGTERM."""
    signal_group(pgid, signal.SIGTERM)
    deadline = time.monotonic() + seconds
    while group_members(pgid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if not group_members(pgid):
        return True
    signal_group(pgid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while group_members(pgid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return False


def port_open(port):
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(('127.0.0.1', port)) == 0


NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def ready(port):
    try:
        with NO_PROXY.open(f'http://127.0.0.1:{port}/health/ready', timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def tail(path, lines=60):
    if os.path.exists(path) and os.path.getsize(path) == 0:
        return '  (nothing)'
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            content = f.read().rstrip('\n').split('\n')
    except OSError:
        return '  (nothing)'
    shown = content[-lines:]
    prefix = [f'... ({len(content) - lines} earlier lines)'] if len(content) > lines else []
    return '\n'.join('  | ' + line for line in prefix + shown)


class Session:
    """One bash process that runs the steps; servers and streams are process groups of their own."""

    def __init__(self, work):
        self.work = work
        self.groups = []                 # every background process group started, stopped at the end
        self.server = None               # (pgid, port, log) of the running server
        env = {k: v for k, v in os.environ.items() if not k.startswith('SSEHUB_')}
        local = '127.0.0.1,localhost'
        for name in ('NO_PROXY', 'no_proxy'):
            env[name] = f'{env[name]},{local}' if env.get(name) else local
        self.log = open(os.path.join(work, 'shell.log'), 'w')
        self.shell = subprocess.Popen(['bash', '--noprofile', '--norc'], stdin=subprocess.PIPE, stdout=self.log,
                                      stderr=subprocess.STDOUT, cwd=ROOT, env=env, start_new_session=True, text=True)

    def send(self, command):
        try:
            self.shell.stdin.write(command + '\n')
            self.shell.stdin.flush()
        except BrokenPipeError:
            raise CheckFailed(f'the bash session has ended (exit {self.shell.poll()})')

    def wait_file(self, path, seconds):
        """The content of `path` once written, or None after `seconds` or when the shell has ended."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                with open(path) as f:
                    content = f.read()
                if content.endswith('\n'):
                    return content.strip()
            except FileNotFoundError:
                pass
            if self.shell.poll() is not None:
                return None
            time.sleep(0.05)
        return None

    def run(self, step, n):
        script, out, rc = (os.path.join(self.work, f'{n}.{ext}') for ext in ('sh', 'out', 'rc'))
        with open(script, 'w') as f:
            f.write(step.script)
        if step.mode == 'run':
            return self.run_command(step, script, out, rc)
        if step.mode == 'stream':
            return self.run_stream(step, script, out, rc)
        return self.run_server(step, script, out, rc)

    def run_command(self, step, script, out, rc):
        q = shlex.quote
        self.send(f'set -e; source {q(script)} > {q(out)} 2> {q(out + ".err")} < /dev/null; set +e; echo 0 > {q(rc)}')
        status = self.wait_file(rc, step.timeout())
        if status is None:
            if self.shell.poll() is not None:
                raise CheckFailed(f'it failed with exit code {self.shell.returncode}', out)
            raise CheckFailed(f'it did not finish within {step.timeout():g} s', out)
        if step.expected is not None:
            with open(out, encoding='utf-8', errors='replace') as f:
                actual = f.read().rstrip('\n')
            expected = '\n'.join(step.expected).rstrip('\n')
            pattern = GENERATED_ID.join(re.escape(part) for part in EXAMPLE_ID.split(expected))
            if not re.fullmatch(pattern, actual):
                raise CheckFailed('its output is not the one the README shows (where mwwlzop8-<n> stands for any'
                                  ' generated id)', out, expected)
        return 'ok'

    def background(self, script, out, err, pidfile):
        """Starts the script as a process group of its own (job control on); stderr to `err`, or with stdout."""
        q = shlex.quote
        stderr = f'2> {q(err)}' if err else '2>&1'
        self.send(f'set -m; ( set -e; source {q(script)} ) > {q(out)} {stderr} < /dev/null & echo $! > {q(pidfile)};'
                  ' set +m')
        pid = self.wait_file(pidfile, 10)
        if pid is None:
            raise CheckFailed('the bash session did not start it')
        self.groups.append(int(pid))
        return int(pid)

    def run_stream(self, step, script, out, rc):
        pidfile = rc + '.pid'
        pgid = self.background(script, out, out + '.err', pidfile)
        self.send(f'wait {pgid}; echo $? > {shlex.quote(rc)}')
        status = self.wait_file(rc, step.timeout())
        if status is not None:
            raise CheckFailed(f'it ended by itself (exit {status}) within {step.timeout():g} s; a stream must stay'
                              ' open', out)
        stop_group(pgid, 5)
        if self.wait_file(rc, 5) is None:
            raise CheckFailed('the bash session did not notice the end of the stream', out)
        if os.path.getsize(out) == 0:
            raise CheckFailed(f'it printed nothing on stdout in {step.timeout():g} s', out)
        with open(out, 'rb') as f:
            return f'ok, printed {len(f.read().splitlines())} lines in {step.timeout():g} s'

    def run_server(self, step, script, out, rc):
        self.stop_server()
        port = int(step.options.get('port', 8080))
        if port_open(port):
            raise CheckFailed(f'something already listens on 127.0.0.1:{port}; stop it first')
        started = time.monotonic()
        pgid = self.background(script, out, None, rc + '.pid')
        self.server = (pgid, port, out)
        deadline = started + step.timeout()
        while time.monotonic() < deadline:
            if ready(port):
                return f'ok, ready in {time.monotonic() - started:.1f} s'
            if not group_members(pgid):
                raise CheckFailed('it ended before http://127.0.0.1:%d/health/ready answered 200' % port, out)
            time.sleep(0.2)
        raise CheckFailed(f'http://127.0.0.1:{port}/health/ready did not answer 200 within {step.timeout():g} s', out)

    def stop_server(self):
        if self.server:
            pgid, port, _ = self.server
            self.server = None
            if not stop_group(pgid):
                print(f'readme-check: warning: the server on port {port} did not stop within {STOP_SECONDS} s of'
                      ' SIGTERM; it was killed', file=sys.stderr)
            deadline = time.monotonic() + 5
            while port_open(port) and time.monotonic() < deadline:
                time.sleep(0.1)

    def close(self):
        self.stop_server()
        for pgid in self.groups:
            if group_members(pgid):
                stop_group(pgid, 5)
        try:
            self.shell.stdin.close()
        except OSError:
            pass
        try:
            self.shell.wait(5)
        except subprocess.TimeoutExpired:
            pass
        stop_group(self.shell.pid, 5)      # with whatever a block left running in the foreground group
        self.shell.wait()
        self.log.close()


def main(args):
    sys.stdout.reconfigure(line_buffering=True)
    readme = os.path.realpath(args[0]) if args else os.path.join(ROOT, 'README.md')
    shown = os.path.relpath(readme, ROOT) if readme.startswith(ROOT + os.sep) else readme
    try:
        steps = parse(readme)
    except CheckFailed as e:
        print(f'readme-check: FAILED:\n{e}', file=sys.stderr)
        return 1
    if not steps:
        print(f'readme-check: FAILED: {shown} has no block marked to run', file=sys.stderr)
        return 1

    def interrupted(signum, frame):
        raise KeyboardInterrupt(f'signal {signum}')
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, interrupted)

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix='readme-check.') as work:
        session = Session(work)
        step = None
        try:
            for n, step in enumerate(steps, 1):
                t = time.monotonic()
                result = session.run(step, n)
                first = step.script.strip().split('\n')[0]
                print(f'readme-check: {shown}:{step.line} {step.mode}: {result} ({time.monotonic() - t:.1f} s)'
                      f'  {first[:70]}{"..." if len(first) > 70 else ""}')
        except CheckFailed as e:
            reason, out, expected = (list(e.args) + [None, None])[:3]
            print(f'readme-check: FAILED: {shown}:{step.line} ({step.mode} block): {reason}', file=sys.stderr)
            print('  the commands:\n' + '\n'.join('  | ' + line for line in step.script.rstrip('\n').split('\n')),
                  file=sys.stderr)
            if expected is not None:
                print('  the README shows:\n' + '\n'.join('  | ' + line for line in expected.split('\n')),
                      file=sys.stderr)
            if out:
                print('  what it printed:\n' + tail(out), file=sys.stderr)
                if os.path.exists(out + '.err'):
                    print('  on stderr:\n' + tail(out + '.err', 20), file=sys.stderr)
            if session.server and session.server[2] != out:
                print(f'  the log of the server running meanwhile:\n{tail(session.server[2], 30)}', file=sys.stderr)
            return 1
        except KeyboardInterrupt as e:
            print(f'readme-check: interrupted ({e}); stopping what it started', file=sys.stderr)
            return 130
        finally:
            session.close()
    took = time.monotonic() - started
    print(f'readme-check: ok - {len(steps)} command(s) of {shown} ran as written, in {took:.0f} s')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
