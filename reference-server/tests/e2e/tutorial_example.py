# The tutorial's example.py, rewritten on the standard library's
# urllib because `requests` is not installed. The flow, the messages and the output are the
# tutorial's; only the base URL and the credentials change (read from the environment).
import base64
import json
import os
import urllib.error
import urllib.parse
import urllib.request

oauth_server_url = os.environ.get("OCK_E2E_BASE_URL", "http://localhost:8000")
# Replace the credentials below with your own
client_id = os.environ.get("OCK_E2E_CLIENT_ID", "demo-client")
client_secret = os.environ.get("OCK_E2E_CLIENT_SECRET", "demo-secret-1")
username = os.environ.get("OCK_E2E_USERNAME", "alice")
password = os.environ.get("OCK_E2E_PASSWORD", "alice-password-1")


class Response:
    """The two things example.py reads from a requests.Response."""

    def __init__(self, status_code, text):
        self.status_code = status_code
        self.text = text

    def json(self):
        return json.loads(self.text)


def _send(request):
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return Response(r.status, r.read().decode("utf-8"))
    except urllib.error.HTTPError as e:
        return Response(e.code, e.read().decode("utf-8", "replace"))


def post(url, data, auth):
    # requests' auth=(id, secret) is HTTPBasicAuth: base64 of "id:secret", as is.
    credentials = base64.b64encode(f"{auth[0]}:{auth[1]}".encode("latin-1")).decode("ascii")
    body = urllib.parse.urlencode(data).encode("ascii")
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Authorization": f"Basic {credentials}",
        "Content-Type": "application/x-www-form-urlencoded",
    })
    return _send(request)


def get(url, headers):
    return _send(urllib.request.Request(url, headers=headers))


# Function to obtain an OAuth token
def get_access_token():
    token_url = f"{oauth_server_url}/oauth/token/"
    data = {"grant_type": "password", "username": username, "password": password}
    auth = (client_id, client_secret)
    response = post(token_url, data=data, auth=auth)
    if response.status_code == 200:
        access_token = response.json().get("access_token")
        return access_token
    else:
        print(f"Failed to obtain access token. Status code: {response.status_code}")
        print(response.text)
        return None


# Function to make an authenticated API request
def make_authenticated_api_request(access_token):
    api_url = f"{oauth_server_url}/api/users/"
    headers = {"Authorization": f"Bearer {access_token}"}
    response = get(api_url, headers=headers)
    if response.status_code == 200:
        return response.json()
    else:
        print(f"Failed to make the API request. Status code: {response.status_code}")
        print(response.text)
        return None


# Obtain an OAuth token
access_token = get_access_token()
if access_token:
    # Make an authenticated API request
    api_response = make_authenticated_api_request(access_token)
    if api_response:
        print("API Response:")
        print(json.dumps(api_response, indent=4))
