"""Workshop load test, a benchmark (run it under flock /tmp/softmaxlab-heavy.lock): K simulated students on one hub.

  .venv/bin/python workshop/loadtest.py [--students 1,4,8] [--notebook notebooks/04_...ipynb] [--timeout 900]
  (workshop/hub.sh --prepare first; notebooks/test.sh runs it with --students 1 --check)

For each K: starts workshop/jupyterhub_config.py on free loopback ports with a throwaway state folder; K students at
once log in through the hub's login form with the shared password, start their servers, start a kernel and press
Run All (every code cell of the notebook sent at once over the kernel's websocket, as JupyterLab does). Then one
student's server is killed with SIGKILL and the others are stopped through the hub, and the kernels still running
5 s later are counted. Prints per K: Run All median and slowest, kernel CPU-s per student (utime + stime from
/proc) and its server's (the server's start included), peak memory of the hub's processes (resident, summed),
spawn and kernel-start times, errors, kernels left.
All traffic goes to 127.0.0.1; every wait is bounded (--timeout per K). --check exits 1 on any error or left kernel.
"""
import argparse
import asyncio
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TICK = os.sysconf("SC_CLK_TCK")
ORPHAN_WAIT = 5.0


def free_base_port():
    """A port p with p, p + 1 and p + 2 free on loopback (the proxy, its API, the hub)."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + 2 < 65536 and all(port_free(base + i) for i in range(3)):
            return base


def port_free(port):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def processes():
    """pid -> (ppid, cmdline) of every process."""
    found = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                ppid = int(open(f"/proc/{d}/stat").read().rsplit(")", 1)[1].split()[1])
                found[int(d)] = (ppid, open(f"/proc/{d}/cmdline", "rb").read().replace(b"\0", b" ").decode())
            except (FileNotFoundError, ProcessLookupError, IndexError):
                pass
    return found


def descendants(root, table):
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        kids = [pid for pid, (ppid, _) in table.items() if ppid == p]
        out += kids
        todo += kids
    return out


def rss_mb(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return 0.0


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def alive(pid):
    try:
        return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


class Hub:
    def __init__(self, state):
        self.port = free_base_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.password = secrets.token_hex(8)
        self.token = secrets.token_hex(16)
        env = dict(os.environ, SOFTMAXLAB_WORKSHOP_PASSWORD=self.password, SOFTMAXLAB_WORKSHOP_PORT=str(self.port),
                   SOFTMAXLAB_WORKSHOP_STATE=state, SOFTMAXLAB_WORKSHOP_API_TOKEN=self.token)
        self.log = open(os.path.join(state, "hub.log"), "w")
        self.process = subprocess.Popen([os.path.join(os.path.dirname(sys.executable), "jupyterhub"), "-f",
                                         os.path.join(ROOT, "workshop", "jupyterhub_config.py")],
                                        cwd=state, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        self.http = AsyncHTTPClient(max_clients=64)

    async def api(self, method, path, body=None, timeout=60):
        r = await self.http.fetch(HTTPRequest(f"{self.url}/hub/api{path}", method=method, request_timeout=timeout,
                                              headers={"Authorization": f"token {self.token}"},
                                              body=None if body is None else json.dumps(body),
                                              allow_nonstandard_methods=True), raise_error=False)
        if r.code >= 400:
            raise RuntimeError(f"{method} {path}: HTTP {r.code} {r.body[:300]!r}")
        return json.loads(r.body) if r.body else None

    async def ready(self, deadline):
        while time.monotonic() < deadline:
            try:
                r = await self.http.fetch(f"{self.url}/hub/api/", request_timeout=5, raise_error=False)
                if r.code == 200:
                    return
            except (ConnectionError, OSError):
                pass
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub exited ({self.process.returncode}); see {self.log.name}")
            await asyncio.sleep(0.5)
        raise RuntimeError("the hub did not answer in time")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # the proxy and anything the hub left
        except ProcessLookupError:
            pass
        self.log.close()


async def log_in(hub, name):
    """The hub's login form, as a browser submits it: the _xsrf cookie and field, then the password."""
    r = await hub.http.fetch(f"{hub.url}/hub/login", request_timeout=60)
    jar = SimpleCookie()
    for header in r.headers.get_list("Set-Cookie"):
        jar.load(header)
    xsrf = jar["_xsrf"].value
    r = await hub.http.fetch(HTTPRequest(
        f"{hub.url}/hub/login?next=", method="POST", follow_redirects=False, request_timeout=60,
        headers={"Cookie": "; ".join(f"{k}={v.value}" for k, v in jar.items())},
        body=urlencode({"username": name, "password": hub.password, "_xsrf": xsrf})), raise_error=False)
    if r.code != 302 or not any("jupyterhub-session-id" in h or "jupyterhub-hub-login" in h
                                for h in r.headers.get_list("Set-Cookie")):
        raise RuntimeError(f"login of {name} refused: HTTP {r.code}")


async def run_all(ws_request, cells, deadline):
    """Connects to the kernel, waits for its kernel_info reply, sends every cell; returns (kernel start s, Run All s,
    errors)."""
    t0 = time.monotonic()
    ws = await websocket_connect(ws_request)
    session = uuid.uuid4().hex

    def message(kind, content):
        msg_id = uuid.uuid4().hex
        return msg_id, json.dumps({"header": {"msg_id": msg_id, "msg_type": kind, "session": session,
                                              "username": "student", "version": "5.3", "date": ""},
                                   "parent_header": {}, "metadata": {}, "content": content, "channel": "shell"})

    async def receive():
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the load test's time ran out")
        raw = await asyncio.wait_for(ws.read_message(), left)
        if raw is None:
            raise RuntimeError("the kernel's websocket closed")
        return json.loads(raw)

    info, request = message("kernel_info_request", {})
    await ws.write_message(request)
    while True:
        m = await receive()
        if m["msg_type"] == "kernel_info_reply" and m["parent_header"].get("msg_id") == info:
            break
    started = time.monotonic() - t0
    t1 = time.monotonic()
    ids = []
    for source in cells:
        msg_id, request = message("execute_request", {"code": source, "silent": False, "store_history": True,
                                                      "user_expressions": {}, "allow_stdin": False,
                                                      "stop_on_error": False})
        ids.append(msg_id)
        await ws.write_message(request)
    pending, errors = set(ids), []
    while pending:
        m = await receive()
        if m["msg_type"] == "execute_reply" and m["parent_header"].get("msg_id") in pending:
            pending.discard(m["parent_header"]["msg_id"])
            if m["content"].get("status") != "ok":
                errors.append(f"cell {ids.index(m['parent_header']['msg_id'])}: {m['content'].get('ename')}: "
                          f"{str(m['content'].get('evalue'))[:200]}")
    ran = time.monotonic() - t1
    ws.close()
    return started, ran, errors


async def student(hub, name, notebook_path, cells, deadline, result):
    try:
        await log_in(hub, name)
        t0 = time.monotonic()
        await hub.api("POST", f"/users/{name}/server")
        while True:
            user = await hub.api("GET", f"/users/{name}")
            server = user.get("servers", {}).get("")
            if server and server.get("ready"):
                break
            if not server and not user.get("pending") and time.monotonic() - t0 > 5:
                raise RuntimeError(f"the server of {name} did not start (see hub.log)")
            if time.monotonic() > deadline:
                raise TimeoutError(f"the server of {name} was not ready in time")
            await asyncio.sleep(0.5)
        result["spawn"] = time.monotonic() - t0
        token = (await hub.api("POST", f"/users/{name}/tokens", {"note": "load test"}))["token"]
        headers = {"Authorization": f"token {token}"}
        t1 = time.monotonic()
        # A session for the notebook, as JupyterLab opens one: the kernel runs in the notebook's folder.
        notebook = os.path.basename(notebook_path)
        r = await hub.http.fetch(HTTPRequest(f"{hub.url}/user/{name}/api/sessions", method="POST", headers=headers,
                                             body=json.dumps({"path": notebook, "name": notebook, "type": "notebook",
                                                              "kernel": {"name": "java"}}),
                                             request_timeout=max(1, deadline - time.monotonic())),
                                 raise_error=False)
        if r.code != 201:
            raise RuntimeError(f"starting a kernel for {name}: HTTP {r.code} {r.body[:300]!r}")
        kernel_id = json.loads(r.body)["kernel"]["id"]
        connect_at = time.monotonic()
        # The server answers the websocket once the kernel has started: 16 kernels starting at once take minutes.
        ws = HTTPRequest(f"ws://127.0.0.1:{hub.port}/user/{name}/api/kernels/{kernel_id}/channels", headers=headers,
                         connect_timeout=60, request_timeout=max(1, deadline - time.monotonic()))
        started, ran, errors = await run_all(ws, cells, deadline)
        result.update(kernel_start=connect_at - t1 + started, run_all=ran, errors=errors)
        kernels = [pid for pid, (_, cmd) in processes().items() if f"kernel-{kernel_id}.json" in cmd]
        if kernels:
            kernel = kernels[-1]
            server = processes()[kernel][0]
            result.update(kernel_pid=kernel, cpu=cpu_seconds(kernel), server_pid=server,
                          server_cpu=cpu_seconds(server))
    except Exception as e:  # one student's failure is a figure of the table, not the end of the test
        result.setdefault("errors", []).append(f"{type(e).__name__}: {e}")


async def sample_memory(hub, peak, stop):
    while not stop.is_set():
        table = processes()
        total = sum(rss_mb(p) for p in [hub.process.pid] + descendants(hub.process.pid, table))
        peak[0] = max(peak[0], total)
        await asyncio.sleep(1)


async def one_load(k, notebook_path, cells, timeout):
    with tempfile.TemporaryDirectory(prefix=f"softmaxlab-workshop-{k}-") as state:
        hub = Hub(state)
        deadline = time.monotonic() + timeout
        peak, stop = [0.0], asyncio.Event()
        sampler = asyncio.ensure_future(sample_memory(hub, peak, stop))
        results = [{} for _ in range(k)]
        try:
            await hub.ready(min(deadline, time.monotonic() + 120))
            names = [f"student{i + 1:02d}" for i in range(k)]
            await asyncio.gather(*(student(hub, n, notebook_path, cells, deadline, r) for n, r in zip(names, results)))
            kernels = [r["kernel_pid"] for r in results if "kernel_pid" in r]
            # One server dies (SIGKILL: a crash, the out-of-memory killer); the others are stopped by the hub.
            if results and "server_pid" in results[0]:
                os.kill(results[0]["server_pid"], signal.SIGKILL)
            await asyncio.gather(*(hub.api("DELETE", f"/users/{n}/server", timeout=120)
                                   for n, r in zip(names, results) if r is not results[0] and "spawn" in r),
                                 return_exceptions=True)
            await asyncio.sleep(ORPHAN_WAIT)
            left = [p for p in kernels if alive(p)]
        finally:
            stop.set()
            await sampler
            hub.stop()
            if any(r.get("errors") for r in results):  # the hub's log holds the servers' and kernels' logs too
                kept = os.path.join(ROOT, "target", f"workshop-loadtest-{k}.log")
                os.makedirs(os.path.dirname(kept), exist_ok=True)
                shutil.copyfile(os.path.join(state, "hub.log"), kept)
                print(f"    the hub's log: {kept}")
        for p in left:
            os.kill(p, signal.SIGKILL)
        return results, peak[0], len(left), len(kernels)


def spread(values):
    return (f"{statistics.median(values):.1f} / {max(values):.1f}") if values else "–"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--students", default="1,4,8", help="comma-separated K values, one hub each")
    p.add_argument("--notebook", default=os.path.join(ROOT, "notebooks", "04_softmax_layer_in_a_network.ipynb"))
    p.add_argument("--timeout", type=int, default=900, help="seconds per K, everything included")
    p.add_argument("--check", action="store_true", help="exit 1 on any error or kernel left")
    args = p.parse_args()
    cells = [("".join(c["source"]) if isinstance(c["source"], list) else c["source"])
             for c in json.load(open(args.notebook))["cells"] if c["cell_type"] == "code"]
    print(f"Load test: {os.path.basename(args.notebook)}, {len(cells)} code cells, {os.cpu_count()} cores, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2 ** 30:.0f} GB, "
          f"load average {os.getloadavg()[0]:.1f} at start, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print("| students | Run All median / slowest (s) | kernel CPU-s per student, median / most "
          "| server CPU-s per student, median / most | peak memory (MB) | spawn median / slowest (s) "
          "| kernel start median / slowest (s) | finished | errors | kernels left |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    bad = False
    for k in [int(x) for x in args.students.split(",")]:
        results, peak, left, kernels = asyncio.run(one_load(k, args.notebook, cells, args.timeout))
        errors = [e for r in results for e in r.get("errors", [])]
        done = [r for r in results if "run_all" in r and not r.get("errors")]
        print(f"| {k} | {spread([r['run_all'] for r in done])} | {spread([r['cpu'] for r in done if 'cpu' in r])} "
              f"| {spread([r['server_cpu'] for r in done if 'server_cpu' in r])} | {peak:.0f} "
              f"| {spread([r['spawn'] for r in results if 'spawn' in r])} "
              f"| {spread([r['kernel_start'] for r in results if 'kernel_start' in r])} | {len(done)} of {k} "
              f"| {len(errors)} | {left} of {kernels} |", flush=True)
        for e in errors[:5]:
            print(f"    error: {e}")
        bad = bad or errors or left or len(done) < k
    if args.check and bad:
        sys.exit(1)


if __name__ == "__main__":
    main()
