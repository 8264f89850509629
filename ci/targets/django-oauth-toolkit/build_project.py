"""Builds the tutorial's Django project (oauth_login + app login) in a directory.

Usage: /usr/bin/python3 build_project.py STATE_DIR PROFILE.json

Step by step as the tutorial does it, with Debian's packages instead of
a virtualenv and pip:
  django-admin startproject oauth_login; manage.py startapp login; the tutorial's settings edits,
  serializers.py, views.py, login/urls.py and oauth_login/urls.py (copied from tutorial/, which
  holds the tutorial's code with only its lost indentation restored); makemigrations; migrate;
  createsuperuser (admin); the confidential password-grant Application.
Then the conformance additions (additions/, each marked in the generated code and listed in
ADDITIONS.md): the scoped endpoint, ALLOWED_HOSTS, the per-client short token lifetime, and the
extra clients and users of the conformance profile, which is the single source of truth for
every client id, secret, username and password.
"""

import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TUTORIAL = os.path.join(HERE, 'tutorial')
ADDITIONS = os.path.join(HERE, 'additions')

# Seconds an access token of clients.short_lived lives (the [SHORT] cases).
SHORT_LIVED_SECONDS = 10

# DOT grant type of each client role of the profile; unknown roles get the password grant.
# The code-flow roles are conformance additions: DOT 1.7 allows one grant type per Application.
# The public client also takes the loopback redirect of `oauth-client walkthrough --flow code`
# (any port: DOT applies RFC 8252 §7.3 to a registered http://127.0.0.1 URI without one).
LOOPBACK_REDIRECT = 'http://127.0.0.1/callback'
GRANT_BY_ROLE = {'no_password_grant': 'client-credentials', 'code': 'authorization-code',
                 'code_second': 'authorization-code', 'public': 'authorization-code'}


def fail(message):
    sys.stderr.write('build_project: %s\n' % message)
    sys.exit(1)


def resolve(value):
    """Resolves the profile's "${env:NAME}" strings (docs/profile.md)."""
    if not isinstance(value, str):
        return value

    def sub(match):
        name = match.group(1)
        if name not in os.environ:
            fail('the profile uses ${env:%s} but %s is not set' % (name, name))
        return os.environ[name]

    return re.sub(r'\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}', sub, value)


def run(args, cwd, env=None):
    proc = subprocess.run(args, cwd=cwd, env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout)
        fail('%s failed (exit %d)' % (' '.join(args), proc.returncode))
    return proc.stdout


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def write(path, text):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def edit_settings(path, short_client_id):
    text = read(path)
    # The tutorial: "add the following to your installed apps" -- its final INSTALLED_APPS.
    installed = read(os.path.join(TUTORIAL, 'oauth_login', 'installed_apps.py'))
    new, n = re.subn(r'# Application definition\n\nINSTALLED_APPS = \[\n.*?\n\]\n',
                     lambda m: installed, text, count=1, flags=re.S)
    if n != 1:
        fail('INSTALLED_APPS not found in %s' % path)
    # The tutorial: "Include the snippet below as well in your settings.py" (OAUTH2_PROVIDER,
    # REST_FRAMEWORK, LOGIN_URL); it does not say where, so at the end.
    new += '\n' + read(os.path.join(TUTORIAL, 'oauth_login', 'oauth_settings.py'))
    addition = read(os.path.join(ADDITIONS, 'settings_addition.py.in'))
    addition = addition.replace('@@SHORT_CLIENT_ID@@', repr(short_client_id))
    addition = addition.replace('@@SHORT_SECONDS@@', str(SHORT_LIVED_SECONDS))
    write(path, new + addition)


def main():
    if len(sys.argv) != 3:
        fail('usage: build_project.py STATE_DIR PROFILE.json')
    state_dir, profile_path = sys.argv[1], sys.argv[2]
    try:
        with open(profile_path, encoding='utf-8') as f:
            profile = json.load(f)
    except (OSError, ValueError) as e:
        fail('cannot read the profile %s: %s' % (profile_path, e))

    clients = profile.get('clients', {})
    users = profile.get('users', {})
    if 'primary' not in clients or 'primary' not in users:
        fail('the profile needs clients.primary and users.primary')
    short = clients.get('short_lived')

    python = sys.executable
    env = dict(os.environ)
    env.pop('PYTHONPATH', None)
    env.pop('PYTHONHOME', None)
    env['DJANGO_SETTINGS_MODULE'] = 'oauth_login.settings'

    project = os.path.join(state_dir, 'oauth_login')
    if os.path.exists(project):
        fail('%s already exists (use a fresh state directory)' % project)

    # django-admin startproject oauth_login / cd oauth_login / python manage.py startapp login
    # (the same management commands, called in this process: each Python start-up costs seconds
    # on a loaded CI machine).
    from django.core import management
    cwd = os.getcwd()
    try:
        os.chdir(state_dir)
        management.call_command('startproject', 'oauth_login', verbosity=0)
        os.chdir(project)
        management.call_command('startapp', 'login', verbosity=0)
    finally:
        os.chdir(cwd)

    # The tutorial's files, as the tutorial has them.
    for rel in ('login/serializers.py', 'login/views.py', 'login/urls.py', 'oauth_login/urls.py'):
        shutil.copyfile(os.path.join(TUTORIAL, rel), os.path.join(project, rel))
    # The tutorial puts its example client in the login directory.
    shutil.copyfile(os.path.join(HERE, 'example.py'), os.path.join(project, 'login', 'example.py'))

    # Conformance additions (marked in the files themselves).
    shutil.copyfile(os.path.join(ADDITIONS, 'login', 'conformance_views.py'),
                    os.path.join(project, 'login', 'conformance_views.py'))
    with open(os.path.join(project, 'login', 'urls.py'), 'a', encoding='utf-8') as f:
        f.write(read(os.path.join(ADDITIONS, 'login', 'urls_addition.py.in')))
    edit_settings(os.path.join(project, 'oauth_login', 'settings.py'),
                  resolve(short['id']) if short else '')

    # python manage.py createsuperuser -- the tutorial's "admin"; its password is the profile's
    # users.primary password when the primary user is admin (the tutorial's example.py logs in
    # as admin), else the tutorial's example password.
    primary = users['primary']
    if resolve(primary['username']) == 'admin':
        admin_password = resolve(primary['password'])
    else:
        admin_password = 'Ploik90*'

    # The Application(s) and the profile's other users, from manage.py shell.
    fixtures = {'superuser': 'admin', 'users': [], 'clients': []}
    for role, u in users.items():
        name = resolve(u['username'])
        if name != 'admin':
            fixtures['users'].append({'username': name, 'password': resolve(u['password'])})
    seen = set()
    for role, c in clients.items():
        cid = resolve(c['id'])
        if cid in seen:  # e.g. clients.post reuses clients.second's registration
            continue
        seen.add(cid)
        public = c.get('secret') is None
        if public and role != 'public':
            fail('clients.%s has no secret; only clients.public may be public' % role)
        name = 'tutorial application' if role == 'primary' else 'conformance %s' % role
        fixtures['clients'].append({'id': cid, 'secret': '' if public else resolve(c['secret']),
                                    'name': name, 'public': public,
                                    'grant': GRANT_BY_ROLE.get(role, 'password'),
                                    'redirect_uris': ' '.join(filter(None, [
                                        resolve(c.get('redirect_uri', '')),
                                        LOOPBACK_REDIRECT if role == 'public' else '']))})
    fixtures_path = os.path.join(state_dir, 'fixtures.json')
    write(fixtures_path, json.dumps(fixtures, ensure_ascii=False, indent=2))
    os.chmod(fixtures_path, 0o600)

    # python manage.py makemigrations / migrate / createsuperuser, then the Applications and
    # users -- all in ONE `manage.py shell` process (call_command runs the very same commands).
    script = (
        "from django.core.management import call_command\n"
        "call_command('makemigrations')\n"
        "call_command('migrate', interactive=False, verbosity=0)\n"
        "call_command('createsuperuser', interactive=False, username='admin',"
        " email='admin@example.com')\n"
        + read(os.path.join(ADDITIONS, 'setup_fixtures.py'))
    )
    # `shell -c`, not a pipe on stdin: shell only reads stdin if it is readable the very moment
    # it looks (select with timeout 0), which a loaded machine does not guarantee.
    script_path = os.path.join(state_dir, 'setup_fixtures.py')
    write(script_path, script)
    out = run([python, 'manage.py', 'shell', '-c',
               'exec(compile(open(%r, encoding="utf-8").read(), %r, "exec"))'
               % (script_path, script_path)],
              cwd=project,
              env=dict(env, OCK_FIXTURES=fixtures_path, DJANGO_SUPERUSER_PASSWORD=admin_password))
    sys.stdout.write(out)


if __name__ == '__main__':
    main()
