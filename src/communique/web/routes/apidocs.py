"""Human API documentation: Swagger UI, vendored under ``/static``, over ``/openapi.json``.

FastAPI's own ``/docs`` and ``/redoc`` load their scripts from a CDN and are switched off
(``create_app``); this page loads only local files, and its one script of our own
(``static/api-docs.js``) starts Swagger UI with the external validator off, so no request
leaves the machine. It is served under the app's usual Content-Security-Policy: Swagger UI
sets styles through the DOM, which ``style-src 'self'`` allows, so nothing is relaxed."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..formats import respond

router = APIRouter()

#: the vendored Swagger UI, as ``swagger-ui-dist`` on the npm registry ships it
SWAGGER_UI = "/static/vendor/swagger-ui-5.35.0"


@router.get("/api/docs", include_in_schema=False)
def api_docs_page(request: Request) -> Response:
    """Swagger UI over this server's OpenAPI description (``/openapi.json``)."""
    return respond(request, "page", {"openapi": request.app.openapi_url,
                                     "swagger_ui": SWAGGER_UI}, template="api_docs.html")
