FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph graph
COPY ingest ingest
COPY api api
COPY mdkg mdkg
COPY queries queries
RUN pip install --no-cache-dir .
ENV MDKG_QUERIES_DIR=/app/queries
EXPOSE 8000
CMD ["mdkg", "serve"]
