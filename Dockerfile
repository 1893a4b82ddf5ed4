FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md LICENSE ./
COPY graph graph
COPY ingest ingest
COPY api api
COPY mdkg mdkg
COPY queries queries
COPY samples/corpus samples/corpus
RUN pip install --no-cache-dir .
# the API runs as a user of its own, not as root
RUN useradd --create-home --uid 10001 mdkg && mkdir -p /app/var && chown mdkg /app/var
USER mdkg
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"
CMD ["mdkg", "serve"]
