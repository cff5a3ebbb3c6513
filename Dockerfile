# The Roundtable image: web (gunicorn + uvicorn workers), Celery worker and beat all run from it; the
# command decides which (docker-compose.yml). The front end is built in a Node stage and only its output
# is copied, so the final image has no Node and no node_modules.

# --- Front end ------------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS frontend
WORKDIR /build/frontend
COPY frontend/package.json frontend/package-lock.json frontend/.npmrc ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

# --- Application ----------------------------------------------------------------------------------
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=workspace.settings.base \
    ROUNDTABLE_DATA_DIR=/srv/data \
    DJANGO_STATIC_ROOT=/srv/static \
    DJANGO_MEDIA_ROOT=/srv/media

RUN groupadd --system roundtable \
    && useradd --system --gid roundtable --home-dir /app --shell /usr/sbin/nologin roundtable

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY requirements/base.txt requirements/base.txt
RUN pip install -r requirements/base.txt

COPY . .
COPY --from=frontend /build/frontend/dist frontend/dist

# Translations are compiled with Babel (no GNU gettext in the image). Static files are collected at build
# time so the image serves them on its own (WhiteNoise); the compose release step refreshes the shared
# volume. The directories a named volume mounts over are created here with the right owner, because
# Docker copies ownership into a new volume.
RUN if ls locale/*/LC_MESSAGES/django.po >/dev/null 2>&1; then \
        pybabel compile --domain django --directory locale --statistics; \
    fi \
    && python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /srv/data /srv/media /srv/static \
    && chown -R roundtable:roundtable /srv

USER roundtable
EXPOSE 8000

CMD ["gunicorn", "workspace.asgi:application", "--worker-class=uvicorn_worker.UvicornWorker", "--workers=4", "--bind=0.0.0.0:8000", "--access-logfile=-"]
