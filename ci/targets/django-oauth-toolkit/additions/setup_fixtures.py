# CONFORMANCE ADDITION -- not part of the tutorial. Fed to `manage.py shell`.
# See ci/targets/django-oauth-toolkit/ADDITIONS.md.
#
# The tutorial registers its Application through /oauth/applications/register/
# (Name: any, Client Type: confidential, Authorization Grant Type: Resource
# owner password-based) while logged in as the superuser. This does the same
# from the shell with a FIXED client id and secret (DOT 1.7 stores secrets as
# given), and adds the conformance profile's extra clients and users.
# Input: the JSON file named by $OCK_FIXTURES (written by build_project.py).
import json
import os

from django.contrib.auth.models import User
from oauth2_provider.models import Application

with open(os.environ['OCK_FIXTURES'], encoding='utf-8') as f:
    fixtures = json.load(f)

owner = User.objects.get(username=fixtures['superuser'])

for u in fixtures['users']:
    if User.objects.filter(username=u['username']).exists():
        continue
    User.objects.create_user(username=u['username'], password=u['password'], email=u.get('email', ''))

for c in fixtures['clients']:
    Application.objects.update_or_create(
        client_id=c['id'],
        defaults=dict(
            name=c['name'],
            user=owner,
            client_type=Application.CLIENT_PUBLIC if c.get('public') else Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=c['grant'],
            client_secret=c['secret'],
            redirect_uris=c.get('redirect_uris', ''),
        ),
    )

for app in Application.objects.order_by('id'):
    print('application %r grant=%s type=%s' % (app.name, app.authorization_grant_type, app.client_type))
print('users: %s' % ', '.join(User.objects.order_by('id').values_list('username', flat=True)))
