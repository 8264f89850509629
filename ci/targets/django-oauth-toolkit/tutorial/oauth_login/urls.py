# oauth_login/urls.py
from django.contrib import admin
from django.urls import path, include
urlpatterns = [
    path('admin/', admin.site.urls),
    path('api/', include('login.urls')),
    path('oauth/', include('oauth2_provider.urls', namespace='oauth2_provider')),
]
