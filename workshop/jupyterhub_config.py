"""JupyterHub for a softmax-lab workshop on one machine: workshop/hub.sh starts it (docs/workshop.md).

Every student logs in with the workshop's shared password, gets a single-user JupyterLab of their own (a process of
this machine), a copy of the notebooks and the built library, and the project's kernel with its JVM options. Settings
from the environment (hub.sh and the load test set them):
  SOFTMAXLAB_WORKSHOP_PASSWORD   the shared password (at least 8 characters), required
  SOFTMAXLAB_WORKSHOP_PORT       the address students open: http://127.0.0.1:PORT/ (default 8000; the proxy's API and
                                 the hub take the next two ports)
  SOFTMAXLAB_WORKSHOP_IP         default 127.0.0.1 (loopback only); 0.0.0.0 to serve a room, behind TLS
  SOFTMAXLAB_WORKSHOP_STATE      the hub's database, cookie secret and students' homes (default target/workshop/)
  SOFTMAXLAB_WORKSHOP_API_TOKEN  optional: a service token with admin rights (the load test spawns and stops with it)
"""
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV_BIN = os.path.dirname(sys.executable)  # the project's environment (.venv/ or conda), which runs the hub
STATE = os.path.abspath(os.environ.get("SOFTMAXLAB_WORKSHOP_STATE", os.path.join(ROOT, "target", "workshop")))
PORT = int(os.environ.get("SOFTMAXLAB_WORKSHOP_PORT", "8000"))
HOMES = os.path.join(STATE, "home")
os.makedirs(HOMES, exist_ok=True)

c = get_config()  # noqa: F821 (JupyterHub's config loader defines it)

c.JupyterHub.ip = os.environ.get("SOFTMAXLAB_WORKSHOP_IP", "127.0.0.1")
c.JupyterHub.port = PORT
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = PORT + 2
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 1}"
c.ConfigurableHTTPProxy.command = [os.path.join(ROOT, "workshop", "node_modules", ".bin", "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = os.path.join(STATE, "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{os.path.join(STATE, 'jupyterhub.sqlite')}"
c.JupyterHub.cookie_secret_file = os.path.join(STATE, "jupyterhub_cookie_secret")

# One password for the room; any user name. For a real authenticator (GitHub, a university's OAuth, LDAP) see
# docs/workshop.md.
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ["SOFTMAXLAB_WORKSHOP_PASSWORD"]
c.Authenticator.allow_all = True

# Single-user servers as processes of this machine's user, one home folder per student. SimpleLocalProcessSpawner
# needs no system accounts and isolates nobody: right for a workshop machine that is thrown away afterwards; with
# system accounts use "localprocess" (docs/workshop.md).
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(HOMES, "{username}")
c.Spawner.cmd = [os.path.join(VENV_BIN, "jupyterhub-singleuser")]
c.Spawner.notebook_dir = os.path.join(HOMES, "{username}", "notebooks")
c.Spawner.default_url = "/lab"
# The server config of notebooks/lab.sh (a JJava kernel shows as idle before its first cell); root needs --allow-root.
c.Spawner.args = [f"--config={os.path.join(ROOT, 'notebooks', 'tools', 'jupyter_server_config.json')}"] \
    + (["--allow-root"] if os.getuid() == 0 else [])
# The project's kernelspec first (target/jupyter, written by hub.sh), as lab.sh does. PATH is the environment's bin
# only: with node on PATH every JupyterLab server runs `node yarn.js config` at start-up (its extension manager's
# registry), ~1 CPU-s per student. The kernelspec names java and python by absolute path.
c.Spawner.environment = {"JUPYTER_PATH": os.path.join(ROOT, "target", "jupyter"), "PATH": VENV_BIN}
# Sixteen servers starting at once on 2 cores take longer than JupyterHub's defaults (30 s to answer, 60 s to start):
# sized from the load test (docs/workshop.md).
c.Spawner.http_timeout = 180
c.Spawner.start_timeout = 240


def give_notebooks(spawner):
    """A student's home: their own copy of the notebooks and data (kept across restarts), the built library linked
    where the notebooks' first line looks for it (%classpath ../lib/target/softmax-lab)."""
    home = getattr(spawner, "home_dir", None) or os.path.expanduser(f"~{spawner.user.name}")  # simple, localprocess
    notebooks = os.path.join(home, "notebooks")
    if not os.path.isdir(notebooks):
        shutil.copytree(os.path.join(ROOT, "notebooks"), notebooks,
                        ignore=shutil.ignore_patterns("tools", "browser", "*.sh", ".ipynb_checkpoints"))
    library = os.path.join(home, "lib", "target", "softmax-lab")
    if not os.path.exists(library):
        os.makedirs(os.path.dirname(library), exist_ok=True)
        os.symlink(os.path.join(ROOT, "lib", "target", "softmax-lab"), library)


c.Spawner.pre_spawn_hook = give_notebooks

token = os.environ.get("SOFTMAXLAB_WORKSHOP_API_TOKEN")
if token:
    c.JupyterHub.services = [{"name": "workshop-admin", "api_token": token}]
    c.JupyterHub.load_roles = [{"name": "workshop-admin", "services": ["workshop-admin"],
                                "scopes": ["admin:users", "admin:servers", "tokens", "access:servers"]}]
