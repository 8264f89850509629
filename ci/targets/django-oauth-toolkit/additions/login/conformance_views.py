# CONFORMANCE ADDITION -- not part of the tutorial.
# See ci/targets/django-oauth-toolkit/ADDITIONS.md in the OAuth Conformance Kit.
#
# The tutorial's UserList, additionally guarded by Django OAuth Toolkit's own
# TokenHasReadWriteScope permission: GET/HEAD/OPTIONS need the "read" scope,
# every other method (POST here) needs "write". It gives the conformance runner
# a resource that requires a scope ([RS-SCOPE]); the tutorial's /api/users/
# itself only requires an authenticated token, whatever its scope.
from oauth2_provider.contrib.rest_framework import TokenHasReadWriteScope
from rest_framework.permissions import IsAuthenticated

from .views import UserList


class ScopedUserList(UserList):
    permission_classes = [IsAuthenticated, TokenHasReadWriteScope]
